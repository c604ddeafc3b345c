/**
 * auditText's whole result (claims, evaluations, findings, summary, and the
 * extraction's headings, lists and uncertain figures) on a fixed set of texts,
 * compared with test/audit/golden/<case>.json: speed work on the extraction
 * must not change what it finds. The texts are the two seeds, the
 * bundled examples and synthetic units rendered as text, and synthetic texts
 * made from them or from report words by a seeded generator.
 * `UPDATE_GOLDEN=1 npx vitest run test/audit/golden.test.ts` rewrites the
 * files (only when a change of result is intended).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText, extractClaims, type AuditResult, type ExtractResult } from '../../src/audit/index.js';
import { LEXICON } from '../../src/audit/extract/lexicon.js';
import { parseDataset } from '../../src/model/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { renderText } from '../../src/render/text/index.js';
import { buildReport } from '../../src/report/build.js';
import { synthYaml } from '../../src/synth/index.js';
import { EXAMPLES, loadExample } from '../examples.js';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const seed = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'seeds', `${name}.txt`), 'utf8');

/** A deterministic generator (no Math.random: the texts must be the same on every run). */
function prng(seedValue: number): () => number {
  let s = seedValue;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Report words (every lexicon phrase among them), figures and glue, strung into sentences. */
function wordSoup(seedValue: number, sentences: number): string {
  const rnd = prng(seedValue);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const phrases = LEXICON.flatMap((e) => e.pattern.source.replace(/\(\?<!?[^)]*\)/g, '').replace(/[()?:[\]“"‘'「”’」]/g, '').split('|'));
  const words = [
    ...phrases, '政府采购', '政府采购支出总额', '一般公共服务（类）', '公共安全支出（类）', '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）',
    '2080505', '201', '公务接待', '外事接待', '接待人次', '公务用车', '车辆', '轿车', '执法执勤用车', '实有人员', '行政编制', '事业人员', '离退休人员',
    '因公出国（境）团组', '调整预算', '年初预算', '预算数', '决算数', '完成预算', '执行率', '预算完成率', '上年', '去年', '上一年度',
  ];
  const glue = ['', '', '为', '是', '共计', '合计', '分别为', '各是', '，', '、', '：', '其中：', '主要用于以下方面：', '占', '占比', '比上年', '与上年相比', '较2021年', '同比',
    '增加', '减少', '增长', '下降', '持平', '无变化', '决算数等于预算数', '的', '（', '）', '。', '；'];
  const units = ['万元', '元', '亿元', '%', '个', '辆', '人', '人次', '批次', '名', '次', '台', ''];
  const years = ['2020年', '2021年', '2022年', '2021年度', '2022年度', ''];
  const figure = () => {
    const n = pick(['0', '1', '12', '29.9', '30.63', '613.39', '1193.39', '1,234.56', '-0.73', '51.40', '100', '3']);
    return `${n}${pick(units)}`;
  };
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    let s = '';
    const parts = 2 + Math.floor(rnd() * 10);
    for (let k = 0; k < parts; k++) {
      const r = rnd();
      s += r < 0.15 ? pick(years) : r < 0.5 ? pick(words) : r < 0.75 ? pick(glue) : figure();
    }
    out.push(s + pick(['。', '；', '，其中：', '。\n', '\n', '\n\n']));
  }
  return `第二部分 2022年度部门决算情况说明\n${out.join('')}\n`;
}

/** The report characters of hostile.test.ts at random. */
function charSoup(seedValue: number, length: number): string {
  const chars = [...'0123456789.,%-万元年度收支总计本年合计增加减少增长下降持平其中：，。；、（）()“”‘’一二三四五六七八九十第部分项目个等共对开展了绩效自评表报告占比上年截至月日批次人次辆XX×【】|\n\t '];
  const rnd = prng(seedValue);
  let s = '';
  for (let i = 0; i < length; i++) s += chars[Math.floor(rnd() * chars.length)];
  return s;
}

/** Every fifth digit changed, so that figures disagree and the rules find things. */
function perturbDigits(text: string): string {
  let n = 0;
  return text.replace(/\d/g, (d) => (++n % 5 === 0 ? String((Number(d) * 7 + 3) % 10) : d));
}

function cases(): [string, string][] {
  const out: [string, string][] = [];
  const seeds = ['zhaohua-zfw-2022', 'miyi-zfw-2021'].map((n) => [n, seed(n)] as const);
  for (const [n, t] of seeds) out.push([`seed-${n}`, t]);
  for (const name of EXAMPLES) {
    for (const profile of ['sichuan', 'national']) out.push([`example-${name}-${profile}`, renderText(buildReport(loadExample(name), PROFILES[profile]!))]);
  }
  [1, 2, 3].forEach((i) => {
    const d = parseDataset(synthYaml(7, i), `synth-${i}.yaml`);
    out.push([`synth-${i}`, renderText(buildReport(d, PROFILES[d.profile ?? 'sichuan']!))]);
  });
  for (const [n, t] of seeds) {
    out.push([`lines-reversed-${n}`, t.split('\n').reverse().join('\n')]);
    out.push([`one-line-${n}`, t.replace(/\n/g, '')]);
    out.push([`digits-${n}`, perturbDigits(t)]);
  }
  const [a, b] = seeds.map(([, t]) => t.split('\n'));
  out.push(['interleaved-seeds', a!.flatMap((l, i) => [l, b![i] ?? '']).join('\n')]);
  [1, 2, 3, 4].forEach((i) => out.push([`word-soup-${i}`, wordSoup(i, 400)]));
  out.push(['char-soup', charSoup(11, 20_000)]);
  out.push(['repeats', ['收入总计1.00万元，'.repeat(200), '（'.repeat(500), `${'“'.repeat(500)}等3个项目开展了绩效自评`, `${'占'.repeat(500)}5%`, '第一部分\n'.repeat(100)].join('\n')]);
  return out;
}

/**
 * The audit result and what the extraction read besides claims (headings, named lists, the figures it could not
 * place) as JSON, one array element per line (readable diffs); bigints as "123n".
 */
function serialise(r: AuditResult, x: ExtractResult): string {
  const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
  const extra = { sections: x.sections, lists: x.lists, uncertain: x.uncertain };
  const fields = Object.entries({ ...r, ...extra }).map(([k, v]) =>
    Array.isArray(v) ? `${json(k)}: [${v.length === 0 ? '' : `\n${v.map((e) => `  ${json(e)}`).join(',\n')}\n`}]` : `${json(k)}: ${json(v)}`);
  return `{\n${fields.join(',\n')}\n}\n`;
}

describe('auditText results are unchanged (test/audit/golden)', () => {
  for (const [name, text] of cases()) {
    it(name, () => {
      const actual = serialise(auditText(text), extractClaims(text));
      const path = join(GOLDEN_DIR, `${name}.json`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
        if (process.env.CI === 'true' && !existsSync(path)) throw new Error(`golden file missing in CI: ${path}`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      const expected = readFileSync(path, 'utf8');
      if (actual !== expected) {
        mkdirSync(join(GOLDEN_DIR, '__actual__'), { recursive: true });
        writeFileSync(join(GOLDEN_DIR, '__actual__', `${name}.json`), actual);
      }
      expect(actual, `golden ${name} (actual written to test/audit/golden/__actual__/)`).toBe(expected);
    });
  }
});
