/**
 * `npm run audit:eval`: precision and recall of `juesuan audit` by fault kind
 * and file format. Faults of each kind are planted in the text of our rendered
 * example reports (src/audit/eval/labeled.ts keeps the truth); each faulty text
 * is then written as .txt, .html, .docx and .pdf, read back through the
 * document readers and audited. Prints a table; no wall-clock limits.
 */
import { auditText } from '../src/audit/index.js';
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

const pct = (x: number) => x.toFixed(2);
console.log(`| 错误类型 | ${FORMATS.map((f) => `${f} 查准率 | ${f} 查全率`).join(' | ')} |`);
console.log(`|---|${FORMATS.map(() => '---|---').join('|')}|`);
for (const kind of [...FAULT_KINDS, 'all'] as const) {
  console.log(`| ${kind} | ${FORMATS.map((f) => `${pct(results[f]![kind].precision)} | ${pct(results[f]![kind].recall)} (${results[f]![kind].detected}/${results[f]![kind].planted})`).join(' | ')} |`);
}
