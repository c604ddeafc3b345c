import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError, readDocumentBytes, type DocumentLimits, type ReadDocument } from '../../../src/parse/document/index.js';
import { chromiumPath, createPdfRenderer, type PdfRenderer } from '../../../src/render/pdf/index.js';
import { EXAMPLES } from '../../examples.js';
import { buildPdf, type PlacedText } from './pdfFixture.js';
import { exampleTree, expectInOrder, KEY_SENTENCES, keySentences } from './reportText.js';

async function refusal(bytes: Uint8Array, name: string, limits: Partial<DocumentLimits> = {}): Promise<string> {
  const err = await readDocumentBytes(bytes, name, limits).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DocumentError);
  return (err as Error).message;
}

/** The raw text of the page a span of the normalised text starts on. */
function pageOf(doc: ReadDocument, needle: string): number | undefined {
  const at = doc.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return doc.pageAt(doc.toRaw(at, at + needle.length).start);
}

// Text block 80…512 on A4: a full line is 27 CJK glyphs of 16 pt.
const page1: PlacedText[] = [
  { text: '二、收入决算情况说明', x: 112, y: 760 },
  { text: '2022年本年收入合计1193.39万元，其中：一般公共预', x: 112, y: 730 },
  { text: '算财政拨款收入1193.39万元，占100.00%。年初无结转和结余。', x: 80, y: 710 },
  { text: '三、支出决算情况说明', x: 112, y: 680 },
  { text: '2022年本年支出合计1193.39万元，其中：基本支出613.3', x: 112, y: 650 },
  { text: '9万元，占51.40%；项目支出580.00万元，占48.60%。与', x: 80, y: 630 },
  { text: '— 1 —', x: 270, y: 60, size: 14 },
];
const page2: PlacedText[] = [
  { text: '上年相比持平。⻔户网站⼀致。', x: 80, y: 760 },
  { text: '项目', x: 80, y: 700, size: 10.5 },
  { text: '决算数', x: 200, y: 700, size: 10.5 },
  { text: '基本支出', x: 80, y: 680, size: 10.5 },
  { text: '613.39', x: 200, y: 680, size: 10.5 },
  { text: '— 2 —', x: 270, y: 60, size: 14 },
];

describe('the PDF reader on a PDF placed glyph by glyph', () => {
  let doc: ReadDocument;
  beforeAll(async () => {
    doc = await readDocumentBytes(buildPdf([page1, page2]), '决算.pdf');
  });

  it('rebuilds lines and keeps the page boundaries', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.raw.split('\n').slice(0, 3)).toEqual(['二、收入决算情况说明', '2022年本年收入合计1193.39万元，其中：一般公共预', '算财政拨款收入1193.39万元，占100.00%。年初无结转和结余。']);
    expect(doc.pageStarts).toEqual([0, doc.raw.indexOf('上年相比')]);
    expect(doc.raw).toContain('项目\t决算数\n基本支出\t613.39\n');
  });

  it('joins wrapped lines, also inside a number and across a page, and drops the page numbers', () => {
    expect(doc.text).toContain('2022年本年收入合计1193.39万元，其中：一般公共预算财政拨款收入1193.39万元，占100.00%。年初无结转和结余。\n三、支出决算情况说明\n');
    expect(doc.text).toContain('基本支出613.39万元，占51.40%；项目支出580.00万元，占48.60%。与上年相比持平。');
    expect(doc.text).not.toMatch(/— \d —/);
  });

  it('maps radical code points to ideographs in the text and keeps them in the raw text', () => {
    expect(doc.text).toContain('门户网站一致。');
    const at = doc.text.indexOf('门户网站一致');
    const span = doc.toRaw(at, at + 6);
    expect(doc.raw.slice(span.start, span.end)).toBe('⻔户网站⼀致');
  });

  it('tells the page of a quote, also of one that crosses a page', () => {
    expect(pageOf(doc, '一般公共预算财政拨款收入')).toBe(1);
    expect(pageOf(doc, '门户网站')).toBe(2);
    const at = doc.text.indexOf('与上年相比');
    const span = doc.toRaw(at, at + 5);
    expect(doc.raw.slice(span.start, span.end)).toBe('与\n— 1 —\n上年相比');
    expect([doc.pageAt(span.start), doc.pageAt(span.end - 1)]).toEqual([1, 2]);
    expect(doc.pageAt(-1)).toBeUndefined();
  });
});

describe('PDFs the reader refuses', () => {
  const good = buildPdf([page1, page2]);

  it('an encrypted PDF', async () => {
    expect(await refusal(buildPdf([page1], { encrypted: true }), '加密.pdf')).toBe('无法读取“加密.pdf”：PDF 已加密（需要密码才能打开），无法读取。请提供未加密的文件。');
  });

  it('a PDF cut in half', async () => {
    expect(await refusal(good.subarray(0, good.length >> 1), 'half.pdf')).toContain('PDF 文件不完整（末尾缺少 %%EOF 结束标记）');
  });

  it('a PDF header followed by garbage', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)), Buffer.from('\n%%EOF\n')]);
    expect(await refusal(garbage, 'garbage.pdf')).toMatch(/^无法读取“garbage\.pdf”：(文件已损坏，不是有效的 PDF。|PDF 无法解析，文件可能已损坏。)$/);
  });

  it('a PDF without any text (a scan)', async () => {
    expect(await refusal(buildPdf([[], []]), 'scan.pdf')).toContain('PDF 中没有可提取的文字，可能是扫描件');
  });

  it('a PDF over the page limit', async () => {
    expect(await refusal(buildPdf([page1, page2, page1]), 'long.pdf', { maxPages: 2 })).toContain('PDF 页数过多（3 页），上限 2 页。');
  });

  it('a PDF that takes longer than the deadline', async () => {
    const many = buildPdf(Array.from({ length: 300 }, () => page1));
    const t0 = performance.now();
    expect(await refusal(many, 'slow.pdf', { timeoutMs: 1 })).toContain('读取超时');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

// Browser tests run wherever Chromium is installed; on CI a missing browser is a failure, not a skip.
const haveChromium = existsSync(chromiumPath()) || process.env.CI === 'true';

describe.skipIf(!haveChromium)('the PDF reader on the examples printed by Chromium', () => {
  let pdf: PdfRenderer;
  beforeAll(async () => {
    pdf = await createPdfRenderer();
  });
  afterAll(async () => pdf?.close());

  it.each(EXAMPLES)('%s: every heading and sentence reads back, in order, with its page', async (name) => {
    const tree = exampleTree(name);
    const doc = await readDocumentBytes(await pdf.render(tree), `${name}.pdf`);
    expect(doc.format).toBe('pdf');
    expectInOrder(doc.text, KEY_SENTENCES[name]);
    expectInOrder(doc.text, keySentences(tree));
    expect(doc.text).not.toMatch(/^— \d+ —$/m);
    const starts = doc.pageStarts!;
    expect(starts.length).toBeGreaterThan(10);
    const first = KEY_SENTENCES[name][0];
    const at = doc.text.indexOf(first);
    const span = doc.toRaw(at, at + first.length);
    const page = doc.pageAt(span.start)!;
    expect(doc.raw.slice(starts[page - 1], starts[page] ?? doc.raw.length)).toContain(doc.raw.slice(span.start, span.end));
  });
});
