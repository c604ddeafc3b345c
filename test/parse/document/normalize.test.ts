import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../../../src/parse/document/document.js';
import { normalizeText } from '../../../src/parse/document/index.js';
import { canonicalUnit } from '../../../src/parse/document/normalize/chars.js';

/** The raw text a span of the normalised text came from (through the document's own toRaw). */
function rawOf(raw: string, needle: string): string {
  const doc = makeDocument('t.txt', 'txt', { raw });
  const at = doc.text.indexOf(needle);
  expect(at, `"${needle}" in ${JSON.stringify(doc.text)}`).toBeGreaterThanOrEqual(0);
  const span = doc.toRaw(at, at + needle.length);
  return raw.slice(span.start, span.end);
}

/** Normalises `raw`, expects `text`, and checks that `needle`'s raw span holds `original`. */
function expectNormal(raw: string, text: string, needle?: string, original?: string) {
  expect(normalizeText(raw).text).toBe(text);
  if (needle !== undefined) expect(rawOf(raw, needle)).toContain(original ?? raw);
}

describe('normalizeText: full-width forms', () => {
  it.each([
    ['３８．５％', '38.5%'],
    ['ＡＢＣｘｙｚ０１２３４５６７８９', 'ABCxyz0123456789'],
    ['＋１２－３', '+12-3'],
    ['合计\u3000１１９３．３９', '合计 1193.39'],
    ['4.\u00a0预算监控\u2002完成', '4. 预算监控 完成'],
  ])('%s → %s', (raw, text) => expectNormal(raw, text, text, raw));

  it('leaves Chinese punctuation and half-width brackets as they are', () => {
    const raw = '一般公共服务（类）支出，占46.56%；“三公”经费：(含接待)。';
    expectNormal(raw, raw);
  });
});

describe('normalizeText: numbers', () => {
  it.each([
    ['共计1,234,567.89元', '共计1234567.89元', '1234567.89', '1,234,567.89'],
    ['共计1，234，567.89元', '共计1234567.89元', '1234567.89', '1，234，567.89'],
    ['资金16,155,267.4元', '资金16155267.4元', '16155267.4', '16,155,267.4'],
    ['投资1,234元', '投资1234元', '1234', '1,234'],
    ['投资1，234.5元', '投资1234.5元', '1234.5', '1，234.5'],
    ['增长3.8 %', '增长3.8%', '3.8%', '3.8 %'],
    ['支出390. 55万元', '支出390.55万元', '390.55', '390. 55'],
    ['支出1193 .39万元', '支出1193.39万元', '1193.39', '1193 .39'],
    ['收入1193.39 万元', '收入1193.39万元', '1193.39万元', '1193.39 万元'],
  ])('%s → %s', (raw, text, needle, original) => expectNormal(raw, text, needle, original));

  it.each([
    ['groups that are not three digits', '编号1,23与12,3456'],
    ['a Chinese-comma enumeration of two numbers', '分别为555，580万元'],
    ['years in a list', '2019,2020,2021年'],
    ['two spaces between columns', '577.74  1193.39'],
    ['a list number before a year', '1. 2022年度收入'],
    ['a space before a word that is not a unit', '共 3 和 12 abc'],
  ])('leaves %s alone', (_, raw) => expectNormal(raw, raw));
});

describe('normalizeText: broken lines', () => {
  it.each([
    ['inside a word', '本年收\n入390.55万元', '本年收入390.55万元'],
    ['inside a number', '支出1193.\n39万元', '支出1193.39万元'],
    ['inside a sentence, with stray spaces', '收、支总计 \n  1193.39万元。', '收、支总计1193.39万元。'],
    ['a cell continued on the next line', '\t社会效益\n指标\n\t优', '\t社会效益指标\n\t优'],
    ['a title over two lines', '中共广元市昭化区委政法委\n关于2022年网格化管理经费绩效自评报告', '中共广元市昭化区委政法委关于2022年网格化管理经费绩效自评报告'],
    ['between two Latin words', 'Hello\nworld', 'Hello world'],
  ])('joined %s', (_, raw, text) => expectNormal(raw, text, text, raw));

  it.each([
    ['after 。', '收入1193.39万元。\n支出1193.39万元。'],
    ['after ；', '占46.56%；\n公共安全支出580万元'],
    ['after ：', '其中：\n人员经费251.74万元'],
    ['after "." that ends a sentence', '共计支出9.84万元.\n外事接待支出0万元'],
    ['before a heading', '主要原因是人员增加\n（二）政府采购支出情况'],
    ['before 一、 and 1.', '见下\n一、部门职责\n说明\n1.财政拨款收入'],
    ['before 第X部分 and 表', '如下\n第三部分 名词解释\n如下\n表1收入支出决算总表'],
    ['before 目录', '2022年度单位决算\n目录'],
    ['after a heading', '二、机构设置\n区委政法委内设机构有办公室'],
    ['after a numbered heading with a space', '1、 部门职责\n深入贯彻执行党的路线方针政策'],
    ['between table cells', '\t主管部门\n\t广元市昭化区委政法委'],
    ['between bare numbers', '560\n560\n100%'],
    ['after a table row', '合计\t1193.39\t613.39\n数据集未提供基本支出的金额'],
    ['around blank lines', '收入\n\n支出'],
  ])('kept %s', (_, raw) => expectNormal(raw, raw));

  it('a wrap the PDF reader reported is joined even after a heading-like line, an end it reported is kept', () => {
    const raw = '1.公共安全支出（类）公安（款）一般行政管理事务\n（项）：支出决算为580.00万元\n2022年';
    const wrap = raw.indexOf('\n');
    const end = raw.lastIndexOf('\n');
    const breaks = new Map([[wrap, 'wrap' as const], [end, 'end' as const]]);
    expect(normalizeText(raw, { breaks }).text).toBe('1.公共安全支出（类）公安（款）一般行政管理事务（项）：支出决算为580.00万元\n2022年');
    // Without hints the first line is a heading and the second runs on.
    expect(normalizeText(raw).text).toBe('1.公共安全支出（类）公安（款）一般行政管理事务\n（项）：支出决算为580.00万元2022年');
  });

  it('CR LF, CR and form feeds become line feeds', () => {
    expectNormal('收入。\r\n支出。\r合计。\f', '收入。\n支出。\n合计。\n');
  });
});

describe('normalizeText: conversion debris', () => {
  it.each([
    ['PAGEREF', '一、收入支出决算总体情况说明 PAGEREF _Toc123456 \\h 3', '一、收入支出决算总体情况说明'],
    ['TOC', 'TOC \\o "1-3" \\h \\z \\u 第一部分 部门概况', ' 第一部分 部门概况'],
    ['HYPERLINK', 'HYPERLINK \\l "_Toc15396600" 一、基本职能', ' 一、基本职能'],
    ['HYPERLINK to a URL', '详见HYPERLINK "http://czj.example.gov.cn/x" 网站', '详见 网站'],
    ['bookmarks', '[bookmark: _Toc15396600][bookmark: _Toc15377197]一、基本职能及主要工作', '一、基本职能及主要工作'],
    ['an image', '收入决算情况\n[image: 截图录屏_选择区域_20230925161752]\n二、支出', '收入决算情况\n\n二、支出'],
    ['PAGE fields', '页码PAGE \\* MERGEFORMAT 在页脚', '页码 在页脚'],
    ['a footer made of a PAGE field, then the page-number line it leaves', '收入\n— PAGE \\* MERGEFORMAT 3 —\n合计。', '收入合计。'],
  ])('%s', (_, raw, text) => expectNormal(raw, text));

  it.each(['—5—', '- 5 -', '— 5 —', '–12–', '第5页', '第 5 页 共 30 页', '共30页 第5页'])('page-number line %s', (line) => {
    const raw = `收、支总计\n${line}\n1193.39万元。`;
    expectNormal(raw, '收、支总计1193.39万元。', '总计1193', `总计\n${line}\n1193`);
  });

  it('keeps page numbers that are part of a sentence', () => {
    expectNormal('详见第5页。\n— 5 —附表', '详见第5页。\n— 5 —附表');
  });
});

describe('normalizeText: radicals and traditional characters', () => {
  it('maps pdf.js radical code points to the ideographs', () => {
    expectNormal('⻔户⻓期⼀⾏⻢上⻚面⻛险⻜机⻥⻩⻅⻋⾨', '门户长期一行马上页面风险飞机鱼黄见车门', '门户长期', '⻔户⻓期');
  });

  it('maps every Kangxi radical through NFKC to one BMP code unit', () => {
    for (let c = 0x2f00; c <= 0x2fd5; c++) {
      const out = normalizeText(String.fromCharCode(c)).text;
      expect(out).toHaveLength(1);
      expect(out).not.toBe(String.fromCharCode(c));
    }
  });

  it.each([
    ['決算', '决算'], ['預算', '预算'], ['收入', '收入'], ['支出', '支出'], ['經費', '经费'], ['財政', '财政'],
    ['撥款', '拨款'], ['項目', '项目'], ['單位', '单位'], ['部門', '部门'], ['機關', '机关'], ['運行', '运行'],
    ['採購', '采购'], ['資產', '资产'], ['績效', '绩效'], ['評價', '评价'], ['結轉', '结转'], ['結餘', '结余'],
    ['專項', '专项'], ['會議費', '会议费'], ['國有資本經營預算', '国有资本经营预算'], ['公務接待', '公务接待'],
    ['「三公」經費', '「三公」经费'], ['與2021年相比', '与2021年相比'], ['以後', '以后'], ['徵收', '征收'],
  ])('%s → %s', (raw, text) => expectNormal(raw, text, text, raw));

  it('keeps characters that are also correct simplified text', () => {
    expectNormal('乾坤 蒜薹 醣类 了解 著作 显著', '乾坤 蒜薹 醣类 了解 著作 显著');
  });

  it('reads a traditional-character copy of a seed paragraph as the simplified one', async () => {
    const { readFile } = await import('node:fs/promises');
    const dir = new URL('../../fixtures/documents/', import.meta.url);
    const trad = await readFile(new URL('zhaohua-excerpt-traditional.txt', dir), 'utf8');
    const simp = await readFile(new URL('zhaohua-excerpt.txt', dir), 'utf8');
    expect(normalizeText(trad).text).toBe(normalizeText(simp).text);
  });
});

describe('normalizeText on long hostile input', () => {
  it.each([
    ['half a million short lines that all join', '收入\n'.repeat(500_000)],
    ['a million-digit number', `${'1'.repeat(1_000_000)} .`],
    ['200,000 unclosed markers on one line', '[image:'.repeat(200_000)],
    ['a million spaces before a field name', `a${' '.repeat(1_000_000)}PAGE`],
  ])('%s takes linear time', (_, raw) => {
    const t0 = performance.now();
    normalizeText(raw);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

// ---- properties ----------------------------------------------------------------

const TOKENS = [
  '本年收', '入', '390.55', '万元', '1,234', '，', '234', '.', ' ', '  ', '\n', '\n\n', '\t', '。', '；', '：',
  '一、', '（一）', '1.', '1193', '39', '%', '—5—', '第 5 页', '[bookmark: _Toc1]', 'PAGEREF _Toc1 \\h 3',
  '３８', '．', '⻔', '⼀', '決算', 'abc', 'Hello', '\r\n', '\r', '表1', '\u3000', '560', '—', '第', '页', '5',
];
const reportish = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 }), fc.string({ maxLength: 2, unit: 'binary' })), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** What a raw character may become: its canonical form, or a line feed (CR, FF …), or a space (a joined break). */
function allowed(rawCh: string, ch: string): boolean {
  if (String.fromCharCode(canonicalUnit(rawCh.charCodeAt(0))) === ch) return true;
  const lineBreak = /[\n\r\v\f\u2028\u2029]/.test(rawCh);
  return lineBreak && (ch === '\n' || ch === ' ');
}

describe('normalizeText properties', () => {
  it('the map is strictly increasing, in range, and each character comes from the raw character it points at', () => {
    fc.assert(
      fc.property(reportish, (raw) => {
        const { text, map } = normalizeText(raw);
        expect(map).toHaveLength(text.length + 1);
        expect(map[text.length]).toBe(raw.length);
        for (let i = 0; i < text.length; i++) {
          expect(map[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : map[i - 1]! + 1);
          expect(map[i]).toBeLessThan(raw.length);
          expect(allowed(raw[map[i]!]!, text[i]!), `${JSON.stringify(raw[map[i]!])} → ${JSON.stringify(text[i])}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(reportish, (raw) => {
        const once = normalizeText(raw).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('the normalised text of a paragraph appears in the normalised whole', () => {
    fc.assert(
      fc.property(reportish, reportish, fc.constantFrom('\n\n', '。\n'), (a, b, sep) => {
        const first = sep === '\n\n' ? a : a + '。';
        const whole = normalizeText(a + sep + b).text;
        expect(whole).toContain(normalizeText(first).text);
        expect(whole).toContain(normalizeText(b).text);
      }),
      { numRuns: 500 },
    );
  });

  it('toRaw gives spans inside the raw text that cover the characters they came from', () => {
    fc.assert(
      fc.property(reportish, fc.nat(), fc.nat(), (raw, x, y) => {
        const doc = makeDocument('p.txt', 'txt', { raw });
        const [s, e] = [x % (doc.text.length + 1), y % (doc.text.length + 1)].sort((p, q) => p - q) as [number, number];
        const span = doc.toRaw(s, e);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(raw.length);
        expect(span.end - span.start).toBeGreaterThanOrEqual(e - s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('tables flattened with "|" separators', () => {
  it('keeps each row on its own line', () => {
    const raw = '| 一级指标 | 分值 | 得分 |\n| 产出指标 | 7.14 | 7.14 |\n| 总分 | 100.00 | 98 |';
    expect(normalizeText(raw).text).toBe(raw);
  });
  it('still joins a sentence broken inside a word', () => {
    expect(normalizeText('本年收\n入390.55万元。').text).toBe('本年收入390.55万元。');
  });
});
