/**
 * `npm run audit:eval`: how far `juesuan audit` can be trusted.
 *  1. The real corpus (test/fixtures/real: published texts from other provinces, labelled by hand):
 *     precision of 确定 findings and of all findings, recall of the labelled contradictions, extraction
 *     recall of the labelled key figures — overall, by rule and by province, for the texts the audit was
 *     tuned on and for the held-out texts labelled blind afterwards; every miss and false finding listed.
 *  2. The planted-fault set: faults of each kind planted in our rendered example reports
 *     (src/audit/eval/labeled.ts keeps the truth), written as .txt, .html, .docx and .pdf, read back and audited.
 * Prints tables and writes everything to audit-eval.json (or the path in AUDIT_EVAL_OUT). `--real` runs part 1 only.
 * No wall-clock limits.
 */
import { writeFileSync } from 'node:fs';
import { auditText } from '../src/audit/index.js';
import { scoreReal, type RealScore } from '../src/audit/eval/real.js';
import { auditReal, realLabels } from '../test/audit/realCorpus.js';
import { FAULT_KINDS, labeledSet, scoreLabeled, type FaultKind, type LabeledDoc } from '../src/audit/eval/labeled.js';
import { readDocumentBytes } from '../src/parse/document/index.js';
import { PROFILES } from '../src/profiles/index.js';
import { renderDocx } from '../src/render/docx/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { createPdfRenderer, type PdfRenderer } from '../src/render/pdf/index.js';
import { renderText } from '../src/render/text/index.js';
import { buildReport } from '../src/report/build.js';
import type { ReportTree } from '../src/report/tree.js';
import { EXAMPLES, loadExample } from '../test/examples.js';

type Format = 'txt' | 'html' | 'docx' | 'pdf';
const FORMATS: Format[] = (process.env.AUDIT_EVAL_FORMATS?.split(',') as Format[] | undefined) ?? ['txt', 'html', 'docx', 'pdf'];
const COPIES = Number(process.env.AUDIT_EVAL_COPIES ?? 2);

/** A text as a document of plain paragraphs, one per line, so every format carries the same words. */
function asTree(text: string): ReportTree {
  return {
    title: [],
    meta: { unitName: '', year: 0, profile: 'labeled' },
    blocks: text.split('\n').filter((l) => l.trim() !== '').map((l) => ({ kind: 'paragraph' as const, content: [l] })),
  };
}

let pdf: PdfRenderer | undefined;
async function bytesOf(text: string, format: Format): Promise<Uint8Array> {
  switch (format) {
    case 'txt': return new TextEncoder().encode(text);
    case 'html': return new TextEncoder().encode(renderHtml(asTree(text)));
    case 'docx': return renderDocx(asTree(text));
    case 'pdf': return (pdf ??= await createPdfRenderer()).render(asTree(text));
  }
}

const cache = new Map<string, string>();
async function readBack(text: string, format: Format): Promise<string> {
  const key = `${format}\u0000${text}`;
  let t = cache.get(key);
  if (t === undefined) cache.set(key, (t = (await readDocumentBytes(await bytesOf(text, format), `labeled.${format}`)).text));
  return t;
}

/** The planted span found again in the text read back: by its own words and the words just before it. */
function relocate(d: LabeledDoc, readText: string): LabeledDoc['fault']['span'] {
  const { start, end } = d.fault.span;
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const body = squeeze(d.text.slice(start, end));
  for (const width of [24, 12, 6, 0]) {
    const before = squeeze(d.text.slice(Math.max(0, start - width), start));
    const needle = before + body;
    if (needle === '') break;
    const at = readText.replace(/\s+/g, '').indexOf(needle);
    if (at < 0) continue;
    // Offsets in the squeezed text → offsets in the text read back.
    let seen = 0;
    let from = -1;
    let to = readText.length;
    for (let i = 0; i < readText.length; i++) {
      if (/\s/.test(readText[i]!)) continue;
      if (seen === at + before.length && from < 0) from = i;
      seen++;
      if (seen === at + before.length + body.length) { to = i + 1; break; }
    }
    if (from >= 0) return { start: from, end: body === '' ? from : to };
  }
  // Not found word for word (a removed section): its proportional place; those kinds match anywhere.
  const at = Math.round((start / Math.max(1, d.text.length)) * readText.length);
  return { start: at, end: at };
}


const pct = (x: number) => x.toFixed(2);
const out: Record<string, unknown> = {};

// 1. The real corpus.
const items = await Promise.all(realLabels().map(auditReal));
const sets: [string, typeof items][] = [
  ['tuned', items.filter((i) => i.label.set === undefined)],
  ['blind1', items.filter((i) => i.label.set === 'blind1')],
  ['blind2', items.filter((i) => i.label.set === 'blind2')],
  ['blind3', items.filter((i) => i.label.set === 'blind3')],
  ['blind4', items.filter((i) => i.label.set === 'blind4')],
  ['blind5', items.filter((i) => i.label.set === 'blind5')],
  ['heldout', items.filter((i) => i.label.set === 'heldout')],
  ['all', items],
];
const SET_NAME: Record<string, string> = {
  tuned: '调校所用的', blind1: '第一批盲标集（首次测量后也用于改进）', blind2: '第二批盲标集（首次测量后也用于改进）', blind3: '第三批盲标集（首次测量后也用于改进）', blind4: '第四批盲标集（首次测量后也用于改进）', blind5: '第五批盲标集（首次测量后也用于改进）', heldout: '留出集（盲标，从未用于调校）', all: '全部',
};
const realOut: Record<string, RealScore> = {};
for (const [name, set] of sets) {
  if (set.length === 0) continue;
  const s = scoreReal(set);
  realOut[name] = s;
  const a = s.all;
  console.log(`\n真实报告语料（${SET_NAME[name]}）：${s.texts} 份，${s.provinces} 个省份，${s.years} 个年度`);
  console.log(`| 指标 | 值 |\n|---|---|`);
  console.log(`| “确定”查准率 | ${pct(a.errorPrecision)} (${a.errorsTrue}/${a.errors}) |`);
  console.log(`| 全部发现查准率 | ${pct(a.findingPrecision)} (${a.findingsTrue}/${a.findings}) |`);
  console.log(`| 标为无误的陈述上的“确定” | ${a.errorsOnConsistent} |`);
  console.log(`| 标注矛盾查全率 | ${pct(a.recall)} (${a.contradictionsFound}/${a.contradictions}) |`);
  console.log(`| 关键数字读取率 | ${pct(a.extraction)} (${a.keyFiguresRead}/${a.keyFigures}) |`);
  console.log(`| 数据不足（规则次数）/ 无法确定含义的数字 | ${s.insufficientData} / ${s.uncertain} |`);
  console.log(`\n| 规则 | 确定（对/全） | 全部发现（对/全） |\n|---|---|---|`);
  for (const [rule, t] of Object.entries(s.byRule).sort()) console.log(`| ${rule} | ${t.errorsTrue}/${t.errors} | ${t.findingsTrue}/${t.findings} |`);
  console.log(`\n| 省份 | 确定（对/全） | 矛盾查全 | 数字读取 |\n|---|---|---|---|`);
  for (const [p, t] of Object.entries(s.byProvince).sort()) console.log(`| ${p} | ${t.errorsTrue}/${t.errors} | ${t.contradictionsFound}/${t.contradictions} | ${t.keyFiguresRead}/${t.keyFigures} |`);
  const list = (title: string, ms: { text: string; what: string; detail: string }[]) => {
    console.log(`\n${title}（${ms.length}）`);
    for (const m of ms) console.log(`  - ${m.text} [${m.what}] ${m.detail}`);
  };
  if (name === 'all') continue;
  list('误报的“确定”', s.falseErrors);
  list('误报的“疑似”', s.falseWarnings);
  list('漏报的矛盾', s.missed);
  list('未读出的关键数字', s.unread);
}
out.real = realOut;
if (!process.argv.includes('--real')) {
  const texts = EXAMPLES.flatMap((n) => ['sichuan', 'national'].map((p) => ({ name: `${n}/${p}`, text: renderText(buildReport(loadExample(n), PROFILES[p]!)) })));
  const docs = labeledSet(texts, COPIES);
  console.log(`标注集：${docs.length} 份带错报告（${texts.length} 份示例报告 × ${FAULT_KINDS.length} 类错误 × ${COPIES} 份），格式：${FORMATS.join('、')}\n`);

  const results: Record<string, Record<FaultKind | 'all', { precision: number; recall: number; planted: number; detected: number }>> = {};
  for (const format of FORMATS) {
    const mapped: LabeledDoc[] = [];
    for (const d of docs) {
      const [clean, text] = [await readBack(d.clean, format), await readBack(d.text, format)];
      mapped.push({ ...d, clean, text, fault: { ...d.fault, span: relocate(d, text) } });
    }
    results[format] = scoreLabeled(mapped, auditText);
  }
  await pdf?.close();

  console.log(`| 错误类型 | ${FORMATS.map((f) => `${f} 查准率 | ${f} 查全率`).join(' | ')} |`);
  console.log(`|---|${FORMATS.map(() => '---|---').join('|')}|`);
  for (const kind of [...FAULT_KINDS, 'all'] as const) {
    console.log(`| ${kind} | ${FORMATS.map((f) => `${pct(results[f]![kind].precision)} | ${pct(results[f]![kind].recall)} (${results[f]![kind].detected}/${results[f]![kind].planted})`).join(' | ')} |`);
  }
  out.planted = results;
}

const file = process.env.AUDIT_EVAL_OUT ?? 'audit-eval.json';
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\n结果已写入 ${file}`);
