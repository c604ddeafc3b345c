/**
 * `node --import tsx bench/check.ts [key]`: the check's rates alone, the
 * check section of bench/run.ts without the rest of the bench. Per wall
 * second and per CPU second of this process (which other work on a shared
 * machine disturbs less); BENCH_SECONDS (default 3) per rate.
 */
import { readFileSync } from 'node:fs';
import { exampleFiles } from '../src/cli/demo.js';
import { parseDataset } from '../src/model/index.js';
import { findProfile } from '../src/profiles/index.js';
import { buildReport } from '../src/report/build.js';
import { checkDataset, checkInputFromFacts } from '../src/app/check.js';
import { checkVerdict, reviewDataset } from '../src/app/review.js';
import { RULE_PACK, runRules } from '../src/rules/index.js';
import { synthYaml } from '../src/synth/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const DISTINCT = 120;
const SEED = 2026;

function rate(fn: (i: number) => unknown): { wall: number; cpu: number } {
  // A second of warm-up: the first rate measured should not pay for the JIT alone.
  const warm = performance.now();
  for (let i = 0; performance.now() - warm < 1000; i++) fn(i);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (performance.now() - start < SECONDS * 1000) fn(++n);
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / ((performance.now() - start) / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

const sources = [
  ...exampleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
  ...Array.from({ length: DISTINCT }, (_, i) => ({ file: `synth-${i + 1}.yaml`, text: synthYaml(SEED, i) })),
];
const units = sources.map((s) => {
  const dataset = parseDataset(s.text, s.file);
  const profile = findProfile(dataset.profile ?? 'sichuan')!;
  return { dataset, profile };
});
const unit = (i: number) => units[i % units.length]!;
// The rules-only row's input, made only for that row: held for the others it slows them (bench/run.ts, on pretenuring).
let facts: ReturnType<typeof checkInputFromFacts>[] | undefined;
const factsOf = (i: number) => (facts ??= units.map((u) => checkInputFromFacts(u.dataset, u.profile)))[i % units.length]!;

const only = process.argv[2];
const lines: [string, (i: number) => unknown][] = [
  ['check_datasets_per_s', (i) => checkVerdict(unit(i).dataset, unit(i).profile)],
  ['check_read_back_per_s', (i) => reviewDataset(unit(i).dataset, unit(i).profile)],
  ['check_pack_only_per_s', (i) => checkDataset(unit(i).dataset, unit(i).profile)],
  ['check_rules_only_per_s', (i) => runRules(RULE_PACK, factsOf(i))],
  ['build_report_per_s', (i) => buildReport(unit(i).dataset, unit(i).profile)],
];
for (const [key, fn] of lines) {
  if (only && key !== only) continue;
  const r = rate(fn);
  process.stdout.write(`${key.padEnd(26)} ${r.wall.toFixed(0).padStart(7)}/s   ${r.cpu.toFixed(0).padStart(7)}/CPU s\n`);
}
