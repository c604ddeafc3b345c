/**
 * `node --import tsx bench/audit.ts`: the audit's in-process rate alone, the
 * audit_reports_per_s row of bench/run.ts without the rest of the bench: the
 * text renderings of the same distinct units written to files, then read and
 * audited on one thread, as `juesuan audit` does each file. Per wall second
 * and per CPU second of this process, given as 40 KB reports per second;
 * BENCH_SECONDS (default 3), after a second of warm-up.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditDocument, auditLines, readReport } from '../src/app/audit.js';
import { exampleFiles } from '../src/cli/demo.js';
import { parseDataset } from '../src/model/index.js';
import { findProfile } from '../src/profiles/index.js';
import { buildReport } from '../src/report/build.js';
import { renderText } from '../src/render/text/index.js';
import { synthYaml } from '../src/synth/index.js';
import { scratchDir } from './libreoffice.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const DISTINCT = 120;
const SEED = 2026;

const sources = [
  ...exampleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
  ...Array.from({ length: DISTINCT }, (_, i) => ({ file: `synth-${i + 1}.yaml`, text: synthYaml(SEED, i) })),
];
const scratch = scratchDir();
const dir = join(scratch, 'published-txt');
mkdirSync(dir, { recursive: true });
const files = sources.map((s, n) => {
  const dataset = parseDataset(s.text, s.file);
  const text = renderText(buildReport(dataset, findProfile(dataset.profile ?? 'sichuan')!));
  const path = join(dir, `report-${n}.txt`);
  writeFileSync(path, text);
  return { path, kb: Buffer.byteLength(text) / 1024 };
});
const meanKb = files.reduce((a, f) => a + f.kb, 0) / files.length;
const audit = async (i: number) => auditLines(auditDocument(await readReport(files[i % files.length]!.path)));

const warm = performance.now();
for (let i = 0; performance.now() - warm < 1000; i++) await audit(i);
const start = performance.now();
const cpu0 = process.cpuUsage();
let n = 0;
while (performance.now() - start < SECONDS * 1000) await audit(++n);
const cpu = process.cpuUsage(cpu0);
const wall = n / ((performance.now() - start) / 1000);
const perCpu = n / ((cpu.user + cpu.system) / 1e6);
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(
  `audit_reports_per_s (40 KB) ${((wall * meanKb) / 40).toFixed(1).padStart(7)}/s   ${((perCpu * meanKb) / 40).toFixed(1).padStart(7)}/CPU s   (${meanKb.toFixed(1)} KB mean, ${wall.toFixed(1)} reports/s)\n`,
);
