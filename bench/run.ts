/**
 * `npm run bench`: throughput of the pipeline on this machine, one core.
 * Prints a table and writes bench/results.json. Numbers, not assertions:
 * tests never carry wall-clock limits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleFiles } from '../src/cli/demo.js';
import { parseDataset } from '../src/model/index.js';
import { PROFILES } from '../src/profiles/index.js';
import { renderDocx } from '../src/render/docx/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { createPdfRenderer } from '../src/render/pdf/index.js';
import { buildReport } from '../src/report/build.js';
import { checkDataset } from '../src/rules/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function rate(label: string, fn: () => unknown | Promise<unknown>): Promise<[string, number]> {
  await fn(); // warm up
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) {
    await fn();
    n++;
  }
  return [label, n / ((performance.now() - start) / 1000)];
}

const sources = exampleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
const datasets = sources.map((s) => parseDataset(s.text, s.file));
const trees = datasets.map((d) => buildReport(d, PROFILES.sichuan!));
let i = 0;
const next = <T>(xs: T[]) => xs[i++ % xs.length]!;

const results = [
  await rate('parse_datasets_per_s', () => { const s = next(sources); parseDataset(s.text, s.file); }),
  await rate('check_datasets_per_s', () => checkDataset(next(datasets), PROFILES.sichuan!)),
  await rate('build_report_per_s', () => buildReport(next(datasets), PROFILES.sichuan!)),
  await rate('render_html_per_s', () => renderHtml(next(trees))),
  await rate('render_docx_per_s', () => renderDocx(next(trees))),
];
// PDF: one browser for the whole run, a page per document (as batch rendering does).
const pdf = await createPdfRenderer();
results.push(await rate('render_pdf_per_s', () => pdf.render(next(trees))));
await pdf.close();
const rss = process.memoryUsage().rss / 2 ** 20;

console.log('| measure | value |\n|---|---|');
for (const [k, v] of results) console.log(`| ${k} | ${v.toFixed(1)} |`);
console.log(`| peak_rss_mb | ${rss.toFixed(0)} |`);
const out = join(fileURLToPath(new URL('.', import.meta.url)), 'results.json');
writeFileSync(out, `${JSON.stringify({ ...Object.fromEntries(results.map(([k, v]) => [k, Number(v.toFixed(1))])), peak_rss_mb: Math.round(rss) }, null, 2)}\n`);
console.log(`\nwritten: ${out}`);
