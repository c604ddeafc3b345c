/**
 * `npm run bench`: throughput of the pipeline on this machine. Prints a table
 * (with the issue's targets) and writes bench/results.json. Numbers, not
 * assertions: tests never carry wall-clock limits.
 *
 * Per-document rates run on one thread and cycle through distinct synthetic
 * units, so no cache can serve a repeat; batch figures use every core.
 * BENCH_SECONDS (default 3) sets how long each rate is measured.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandInputs, runBatch } from '../src/batch/index.js';
import { auditDocument, auditLines, readReport } from '../src/app/audit.js';
import { exampleFiles } from '../src/cli/demo.js';
import { nodeEffects } from '../src/app/effects.js';
import { synthCommand } from '../src/cli/synth.js';
import { parseDataset, type Dataset } from '../src/model/index.js';
import { findProfile, type Profile } from '../src/profiles/index.js';
import { renderDocx } from '../src/render/docx/index.js';
import { renderHtml } from '../src/render/html/index.js';
import { renderText } from '../src/render/text/index.js';
import { createPdfRenderer } from '../src/render/pdf/index.js';
import { renderXlsx } from '../src/render/xlsx/index.js';
import { buildReport } from '../src/report/build.js';
import type { ReportTree } from '../src/report/tree.js';
import { checkDataset, checkInputFromFacts, checkInputWithReport } from '../src/app/check.js';
import { checkVerdict, reviewDataset } from '../src/app/review.js';
import { RULE_PACK, runRules, type CheckInput } from '../src/rules/index.js';
import { synthYaml } from '../src/synth/index.js';
import { haveLibreOffice, libreOfficeSeconds, scratchDir } from './libreoffice.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const DISTINCT = 120;
const BATCH_UNITS = 1000;
const BATCH_CORRUPT = 5;
const SEED = 2026;
const here = fileURLToPath(new URL('.', import.meta.url));
const scratch = scratchDir();
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * Calls per second over SECONDS, after a warm-up call; also calls per CPU
 * second of this process (all its threads), which other
 * work on a busy machine disturbs far less than the wall clock. With
 * `inFlight` > 1, that many calls run at once (a new one starts as one ends;
 * one warm-up call each), and the rate is their throughput.
 */
async function rate(fn: (i: number) => unknown, inFlight = 1): Promise<{ wall: number; cpu: number }> {
  await Promise.all(Array.from({ length: inFlight }, (_, k) => fn(k)));
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let next = inFlight;
  let n = 0;
  const lane = async () => {
    while (performance.now() - start < SECONDS * 1000) {
      await fn(next++);
      n++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const cpu = process.cpuUsage(cpu0);
  return { wall: n / ((performance.now() - start) / 1000), cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

interface Unit {
  file: string;
  text: string;
  dataset: Dataset;
  profile: Profile;
  input: CheckInput;
  /** The pack's input from facts (what `check` gives it). */
  facts: CheckInput;
  tree: ReportTree;
}

log(`准备 ${DISTINCT} 个不同的合成单位和 ${exampleFiles().length} 个示例…`);
const sources = [
  ...exampleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
  ...Array.from({ length: DISTINCT }, (_, i) => ({ file: `synth-${i + 1}.yaml`, text: synthYaml(SEED, i) })),
];
const units: Unit[] = sources.map((s) => {
  const dataset = parseDataset(s.text, s.file);
  const profile = findProfile(dataset.profile ?? 'sichuan')!;
  const input = checkInputWithReport(dataset, profile);
  return { ...s, dataset, profile, input, facts: checkInputFromFacts(dataset, profile), tree: input.tree };
});
const unit = (i: number) => units[i % units.length]!;

const results: Record<string, number | null> = {};
const notes: Record<string, string> = {};
const perCpuSecond: Record<string, number> = {};
const measure = async (key: string, fn: (i: number) => unknown, inFlight = 1) => {
  log(`测量 ${key}${inFlight > 1 ? `（同时 ${inFlight} 份）` : ''}…`);
  const r = await rate(fn, inFlight);
  results[key] = r.wall;
  perCpuSecond[key] = Number(r.cpu.toFixed(1));
};

await measure('parse_datasets_per_s', (i) => parseDataset(unit(i).text, unit(i).file));
// What `juesuan check` does: the rule pack, then (for a dataset it accepts) the report read back by the audit.
// What `juesuan check` does: the rule pack from the dataset's facts (no report built, no read-back).
await measure('check_datasets_per_s', (i) => checkVerdict(unit(i).dataset, unit(i).profile));
// What render, the server's review and `check --read-back` do: the pack, the report built, then read back by the audit.
await measure('check_read_back_per_s', (i) => reviewDataset(unit(i).dataset, unit(i).profile));
// The pack's findings (checkDataset: from facts, as check_datasets_per_s without the verdict).
await measure('check_pack_only_per_s', (i) => checkDataset(unit(i).dataset, unit(i).profile));
// The rule pack alone, over facts already flattened (and the report's outline): where check's time goes.
await measure('check_rules_only_per_s', (i) => runRules(RULE_PACK, unit(i).facts));
await measure('build_report_per_s', (i) => buildReport(unit(i).dataset, unit(i).profile));
await measure('render_html_per_s', (i) => renderHtml(unit(i).tree));
await measure('render_docx_per_s', (i) => renderDocx(unit(i).tree));
await measure('render_xlsx_per_s', (i) => renderXlsx(unit(i).tree, unit(i).dataset));

// PDF: one browser for the whole run, its pages reused (the default pool, one page
// per core): render_pdf_per_s is the throughput with as many documents in flight
// as the pool has pages. Then our PDF against LibreOffice's, for the same reports,
// side by side: pdf_vs_libreoffice times one document at a time.
const pdf = await createPdfRenderer();
try {
  await measure('render_pdf_per_s', (i) => pdf.render(unit(i).tree), pdf.pages);
  notes.render_pdf_per_s = `一个浏览器、${pdf.pages} 个复用页面，同时 ${pdf.pages} 份在打印（吞吐量）`;
  if (haveLibreOffice()) {
    log('测量 pdf_vs_libreoffice（LibreOffice 转换同一报告的 DOCX）…');
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const [n, u] of units.slice(0, 2).entries()) {
      const docx = join(scratch, `report-${n}.docx`);
      writeFileSync(docx, await renderDocx(u.tree));
      libreOfficeSeconds(docx, scratch); // warm-up: the first start builds its profile
      for (let k = 0; k < 2; k++) {
        theirs.push(libreOfficeSeconds(docx, scratch));
        const t0 = performance.now();
        await pdf.render(u.tree);
        ours.push((performance.now() - t0) / 1000);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    results.pdf_vs_libreoffice = mean(ours) / mean(theirs);
    notes.pdf_vs_libreoffice = `本工具 ${mean(ours).toFixed(2)} 秒/份，LibreOffice ${mean(theirs).toFixed(2)} 秒/份（两个示例报告，各两次）`;
  } else {
    results.pdf_vs_libreoffice = null;
    notes.pdf_vs_libreoffice = '未安装 LibreOffice（bash scripts/setup.sh 会安装）';
  }
} finally {
  await pdf.close();
}

// Audit of published reports on one thread, as `juesuan audit` does each file: read,
// extract, check, print. The issue's measure is 40 KB report texts (the two seed reports
// are 37 KB of text each): our units' text renderings are audited and the throughput in
// KB/s is given as 40 KB reports per second. The same reports as HTML pages (several times
// the bytes: markup, styles, charts) are measured too.
const auditRate = async (ext: 'txt' | 'html', render: (u: Unit) => string | Promise<string>) => {
  const dir = join(scratch, `published-${ext}`);
  mkdirSync(dir, { recursive: true });
  const files: { path: string; kb: number }[] = [];
  for (const [n, u] of units.entries()) {
    const path = join(dir, `report-${n}.${ext}`);
    const text = await render(u);
    writeFileSync(path, text);
    files.push({ path, kb: Buffer.byteLength(text) / 1024 });
  }
  log(`测量 audit（${ext}）…`);
  const r = await rate(async (i) => auditLines(auditDocument(await readReport(files[i % files.length]!.path))));
  return { ...r, meanKb: files.reduce((a, f) => a + f.kb, 0) / files.length };
};
const txt = await auditRate('txt', (u) => renderText(u.tree));
// Reports per second on texts of meanKb, given per 40 KB of text.
results.audit_reports_per_s = (txt.wall * txt.meanKb) / 40;
perCpuSecond.audit_reports_per_s = Number(((txt.cpu * txt.meanKb) / 40).toFixed(1));
notes.audit_reports_per_s = `纯文本报告平均 ${txt.meanKb.toFixed(1)} KB，每秒 ${txt.wall.toFixed(1)} 份，即 ${(txt.wall * txt.meanKb).toFixed(0)} KB/秒，折合 40 KB 报告每秒 ${results.audit_reports_per_s.toFixed(1)} 份`;
const html = await auditRate('html', (u) => renderHtml(u.tree));
results.audit_html_reports_per_s = html.wall;
perCpuSecond.audit_html_reports_per_s = Number(html.cpu.toFixed(1));
notes.audit_html_reports_per_s = `HTML 页面平均 ${html.meanKb.toFixed(1)} KB（标记、样式和图表占大部分），每秒 ${html.wall.toFixed(1)} 份`;

// The 1,000-unit batch, with a few broken files among them, in a process of its own.
log(`生成 ${BATCH_UNITS} 个合成单位（其中 ${BATCH_CORRUPT} 个故意损坏）…`);
const batchDir = join(scratch, 'units');
synthCommand({ units: BATCH_UNITS, seed: SEED, outDir: batchDir, corrupt: BATCH_CORRUPT }, nodeEffects);
log(`批量审核 ${BATCH_UNITS} 个单位（所有核心）…`);
const checked = await runBatch({ task: 'check', options: {}, files: expandInputs([batchDir]) });
results.check_batch_per_s = BATCH_UNITS / (checked.ms / 1000);
log(`批量生成 ${BATCH_UNITS} 个单位（审核 + HTML + DOCX + XLSX，所有核心）…`);
const batch = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', join(here, 'batch.ts'), batchDir, join(scratch, 'out')], { encoding: 'utf8', maxBuffer: 1 << 24 }),
) as { seconds: number; peakRssMb: number; jobs: number; failed: { file: string; reason: string }[] };
results.batch_1000_s = batch.seconds;
results.batch_peak_rss_mb = batch.peakRssMb;
notes.batch_1000_s = `${batch.jobs} 个线程；失败 ${batch.failed.length} 个（故意损坏 ${BATCH_CORRUPT} 个）：${batch.failed.map((f) => `${f.file.replace(/^.*\//, '')} ${f.reason}`).join('；')}`;

// The HTTP API under load: 200 editors on loopback, against `juesuan serve` in its own process, on both engines.
for (const [engine, args] of [['pglite', []], ['postgres', ['--database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test']]] as const) {
  log(`API 压测（${engine}）…`);
  try {
    const api = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'api.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }),
    ) as { editors: number; save: { rps: number; p50: number; p99: number; non2xx: number; errors: number }; preview: { rps: number; p50: number; p99: number; non2xx: number; errors: number } };
    for (const [name, r] of [['save', api.save], ['preview', api.preview]] as const) {
      results[`api_${name}_rps_${engine}`] = r.rps;
      results[`api_${name}_p50_ms_${engine}`] = r.p50;
      results[`api_${name}_p99_ms_${engine}`] = r.p99;
      notes[`api_${name}_rps_${engine}`] = `${api.editors} 个并发编辑者；非 2xx 响应 ${r.non2xx} 个，连接错误 ${r.errors} 个`;
    }
  } catch (e) {
    notes[`api_${engine}`] = `未能测量：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

// The public portal and the bureau's 汇总 at real volume (issue 14): 10,000 published unit-years on PostgreSQL, the server
// in a process of its own (bench/portal.ts says exactly how they are published). `--quick` (or BENCH_PORTAL_QUICK=1): 1,000.
{
  const quick = process.argv.includes('--quick') || process.env.BENCH_PORTAL_QUICK === '1';
  log(`门户与汇总压测（PostgreSQL，${quick ? '快速模式 1,000' : '10,000'} 个已公开单位）…`);
  try {
    const p = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'portal.ts'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }),
    ) as {
      quick: boolean; load_average_1m: number; units: number; distinct: number; facts: number; fill_seconds: number;
      report: { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };
      unit: { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };
      summary: { units: number; cold_ms: number; warm_median_ms: number; warm_max_ms: number };
      csv: { mb: number; rows: number; seconds: number; rss_before_mb: number; rss_peak_mb: number; rss_after_mb: number };
    };
    const scale = `${p.units} 个已公开单位${p.quick ? '（快速模式，非 10,000）' : ''}，开始测量时机器 1 分钟平均负载 ${p.load_average_1m}`;
    for (const [name, r] of [['report', p.report], ['unit', p.unit]] as const) {
      results[`portal_${name}_p95_ms`] = r.p95;
      results[`portal_${name}_p50_ms`] = r.p50;
      results[`portal_${name}_rps`] = r.rps;
      notes[`portal_${name}_p95_ms`] = `${scale}；50 个并发客户端，每次随机一个单位；p99 ${r.p99} 毫秒；非 2xx 响应 ${r.non2xx} 个，连接错误 ${r.errors} 个`;
    }
    results.portal_summary_ms = p.summary.cold_ms;
    results.portal_summary_warm_ms = p.summary.warm_median_ms;
    notes.portal_summary_ms = `一个省（${p.summary.units} 个单位）的汇总，首次（数据库现算）；之后（合计保留到下一次公开）4 次中位数 ${p.summary.warm_median_ms} 毫秒，最慢 ${p.summary.warm_max_ms} 毫秒`;
    results.portal_csv_rss_growth_mb = p.csv.rss_peak_mb - p.csv.rss_before_mb;
    notes.portal_csv_rss_growth_mb = `一个省 2024 年度的开放数据 CSV：${p.csv.rows} 行、${p.csv.mb} MB、${p.csv.seconds} 秒；服务器 RSS 之前 ${p.csv.rss_before_mb} MB，峰值 ${p.csv.rss_peak_mb} MB，之后 ${p.csv.rss_after_mb} MB`;
    notes.portal_fill = `${scale}（${p.distinct} 个不同的合成单位各渲染一次 HTML 与 JSON，事实与公开写入同一事务，共 ${p.facts} 个数字），用时 ${p.fill_seconds} 秒`;
  } catch (e) {
    notes.portal = `未能测量：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

const TARGETS: Record<string, [string, (v: number) => boolean]> = {
  audit_reports_per_s: ['≥ 200', (v) => v >= 200],
  check_datasets_per_s: ['≥ 5000', (v) => v >= 5000],
  render_html_per_s: ['≥ 200', (v) => v >= 200],
  render_docx_per_s: ['≥ 20', (v) => v >= 20],
  render_xlsx_per_s: ['≥ 50', (v) => v >= 50],
  render_pdf_per_s: ['≥ 3', (v) => v >= 3],
  batch_1000_s: ['< 60', (v) => v < 60],
  batch_peak_rss_mb: ['< 500', (v) => v < 500],
  pdf_vs_libreoffice: ['≤ 0.4', (v) => v <= 0.4],
  portal_report_p95_ms: ['< 100', (v) => v < 100],
  portal_unit_p95_ms: ['< 100', (v) => v < 100],
  portal_summary_ms: ['< 1000', (v) => v < 1000],
  portal_csv_rss_growth_mb: ['< 100（内存平稳）', (v) => v < 100],
};

const rounded = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v === null ? null : Number(v.toFixed(k === 'pdf_vs_libreoffice' ? 3 : 1))]));
console.log(`| measure | value | target | |\n|---|---|---|---|`);
for (const [k, v] of Object.entries(rounded)) {
  const t = TARGETS[k];
  const verdict = v === null ? '未测' : t ? (t[1](v) ? '达标' : '未达标') : '';
  console.log(`| ${k} | ${v ?? '—'} | ${t?.[0] ?? ''} | ${verdict} |`);
}
for (const [k, n] of Object.entries(notes)) console.log(`\n${k}：${n}`);
console.log(`\n按本进程 CPU 时间计（受机器上其他负载影响小；PDF 的 Chromium 进程不计入）：${Object.entries(perCpuSecond).map(([k, v]) => `${k} ${v}`).join('，')}`);
const machine = { cores: availableParallelism(), node: process.version, seconds_per_rate: SECONDS, distinct_units: units.length };
const out = join(here, 'results.json');
writeFileSync(out, `${JSON.stringify({ ...rounded, per_cpu_second: perCpuSecond, notes, machine }, null, 2)}\n`);
console.log(`\nwritten: ${out}`);
// The 1,000 units and their outputs take ~0.5 GB.
rmSync(scratch, { recursive: true, force: true });
