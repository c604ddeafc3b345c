/**
 * `npm run bench [-- --quick]`: what a user waits for on this machine, and the
 * pipeline's in-process rates. Prints one table, every figure beside its
 * target (达标/未达标/未测, the issue it comes from, a note), and writes
 * bench/results.json. Numbers, not assertions: tests never carry wall-clock limits.
 *
 * - In-process rates run on one thread and cycle through distinct synthetic
 *   units, so no cache can serve a repeat; BENCH_SECONDS (default 3, --quick 1)
 *   sets how long each is measured. Rates per CPU second are given beside them.
 * - Whole processes (bench/proc.ts) run the built CLI, `node dist/cli/bin.js`,
 *   as a user does, from start to exit: each command the median of ≥ 5 runs,
 *   `render --format pdf` against LibreOffice's DOCX→PDF alternately, folders
 *   with -j 1 and the default, the PDF batch and the full bundle with the peak
 *   PSS of the whole process tree (Chromium included).
 * - The HTTP API (bench/api.ts) and the portal (bench/portal.ts), each in
 *   processes of their own.
 *
 * --quick (or BENCH_QUICK=1): about two minutes on an idle machine — fewer
 * units and seconds, the 1,000-unit folders shrunk (those rows are then shown
 * but not judged), the portal's --quick.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { haveLibreOffice, LIBREOFFICE, libreOfficeArgs, libreOfficePdf, scratchDir } from './libreoffice.js';
import { checkBuilt, haveSmapsRollup, median, runProcess, type ProcRun } from './proc.js';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));
const DISTINCT = QUICK ? 40 : 120;
/** Runs per whole-process command (the median is given); never fewer than 5. */
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
/** Runs of each folder check (-j 1 and the default, alternately). */
const FOLDER_RUNS = QUICK ? 3 : 5;
const BATCH_UNITS = QUICK ? 100 : 1000;
const BATCH_CORRUPT = QUICK ? 2 : 5;
const PDF_BATCH = QUICK ? 6 : 100;
const BUNDLE_UNITS = QUICK ? 10 : 1000;
const BUNDLE_FORMATS = 'html,docx,pdf,xlsx,json';
const SEED = 2026;
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const log = (s: string) => process.stderr.write(`${s}\n`);
const started = performance.now();
const loadAtStart = loadavg();

// The whole-process rows run the built CLI: refuse to measure a stale or missing build.
let bin: string;
try {
  bin = checkBuilt(root);
} catch (e) {
  log(`错误：${(e as Error).message}`);
  process.exit(2);
}
const scratch = scratchDir();

// ---------------------------------------------------------------------------
// The rows, in the order of the table: issue 16's targets in the order of its
// table, then every command as a whole process, then the earlier rows.

type Verdict = '达标' | '未达标' | '未测' | '—';
interface RowSpec {
  key: string;
  issue: string;
  measure: string;
  unit: string;
  target?: [string, (v: number) => boolean];
}
interface Row extends Omit<RowSpec, 'target'> {
  value: number | null;
  target: string;
  verdict: Verdict;
  note: string;
}

const SPECS: RowSpec[] = [
  { key: 'check_datasets_per_s', issue: '#16', measure: 'check，进程内，每核', unit: '份/秒', target: ['≥ 2000', (v) => v >= 2000] },
  { key: 'check_read_back_per_s', issue: '#16', measure: 'check --read-back（即 render 前的审核），进程内，每核', unit: '份/秒' },
  { key: 'check_1000_s', issue: '#16', measure: 'check 1,000 个单位，整个进程，默认线程数', unit: '秒', target: ['< 5', (v) => v < 5] },
  { key: 'check_1000_j1_s', issue: '#16', measure: 'check 1,000 个单位，整个进程，-j 1', unit: '秒' },
  { key: 'audit_40kb_process_s', issue: '#16', measure: 'audit 一个 40 KB .txt，整个进程', unit: '秒', target: ['< 0.4', (v) => v < 0.4] },
  { key: 'audit_reports_per_s', issue: '#16', measure: 'audit，进程内，每核（40 KB 报告）', unit: '份/秒', target: ['≥ 200', (v) => v >= 200] },
  { key: 'render_html_per_s', issue: '#16', measure: 'HTML 生成，进程内', unit: '份/秒', target: ['≥ 200', (v) => v >= 200] },
  { key: 'pdf_vs_libreoffice', issue: '#16', measure: 'render --format pdf 整个进程 ÷ LibreOffice DOCX→PDF 整个进程', unit: '倍', target: ['≤ 0.5', (v) => v <= 0.5] },
  { key: 'pdf_batch_100_per_s', issue: '#16', measure: '100 份 PDF 的批量，整个进程，默认线程数', unit: '份/秒', target: ['≥ 3', (v) => v >= 3] },
  { key: 'pdf_batch_100_j1_per_s', issue: '#16', measure: '100 份 PDF 的批量，整个进程，-j 1', unit: '份/秒' },
  { key: 'pdf_batch_100_pss_mb', issue: '#16', measure: '100 份 PDF 的批量（默认线程数）进程树 PSS 峰值，含 Chromium', unit: 'MB' },
  { key: 'bundle_1000_s', issue: '#16', measure: `全套（${BUNDLE_FORMATS}）1,000 个单位，整个进程`, unit: '秒', target: ['< 600', (v) => v < 600] },
  { key: 'bundle_1000_pss_mb', issue: '#16', measure: '全套 1,000 个单位，进程树 PSS 峰值，含 Chromium', unit: 'MB', target: ['< 1536（1.5 GB）', (v) => v < 1536] },
  { key: 'cmd_version_s', issue: '#16', measure: 'juesuan --version（启动本身），整个进程', unit: '秒' },
  { key: 'cmd_check_s', issue: '#16', measure: 'check 一个数据文件，整个进程', unit: '秒' },
  { key: 'cmd_extract_s', issue: '#16', measure: 'extract 一个 40 KB .txt，整个进程', unit: '秒' },
  { key: 'cmd_render_html_s', issue: '#16', measure: 'render --format html 一个单位，整个进程', unit: '秒' },
  { key: 'cmd_render_docx_s', issue: '#16', measure: 'render --format docx 一个单位，整个进程', unit: '秒' },
  { key: 'cmd_render_xlsx_s', issue: '#16', measure: 'render --format xlsx 一个单位，整个进程', unit: '秒' },
  { key: 'cmd_render_json_s', issue: '#16', measure: 'render --format json 一个单位，整个进程', unit: '秒' },
  { key: 'cmd_render_pdf_s', issue: '#16', measure: 'render --format pdf 一个单位，整个进程', unit: '秒' },
  { key: 'libreoffice_pdf_s', issue: '#16', measure: 'libreoffice --headless --convert-to pdf 同一报告的 DOCX，整个进程', unit: '秒' },
  { key: 'cmd_import_s', issue: '#16', measure: 'import 一个本工具导出的 .xlsx，整个进程', unit: '秒' },
  { key: 'cmd_synth_s', issue: '#16', measure: 'synth -n 10，整个进程', unit: '秒' },
  { key: 'cmd_demo_s', issue: '#16', measure: 'demo（示例的全部格式，含 PDF），整个进程', unit: '秒' },
  { key: 'parse_datasets_per_s', issue: '早先', measure: '解析数据文件，进程内', unit: '份/秒' },
  { key: 'check_pack_only_per_s', issue: '早先', measure: '审核规则包（不含回读），进程内', unit: '份/秒' },
  { key: 'check_rules_only_per_s', issue: '早先', measure: '仅规则包（事实与报告已建好），进程内', unit: '份/秒' },
  { key: 'build_report_per_s', issue: '早先', measure: '构建报告，进程内', unit: '份/秒' },
  { key: 'render_docx_per_s', issue: '早先', measure: 'DOCX 生成，进程内', unit: '份/秒', target: ['≥ 20', (v) => v >= 20] },
  { key: 'render_xlsx_per_s', issue: '早先', measure: 'XLSX 生成，进程内', unit: '份/秒', target: ['≥ 50', (v) => v >= 50] },
  { key: 'render_pdf_per_s', issue: '早先', measure: 'PDF 生成，进程内（一个浏览器、复用页面）', unit: '份/秒', target: ['≥ 3', (v) => v >= 3] },
  { key: 'audit_html_reports_per_s', issue: '早先', measure: 'audit HTML 页面，进程内', unit: '份/秒' },
  { key: 'batch_1000_s', issue: '早先', measure: '1,000 个单位 html、docx、xlsx，整个进程，默认线程数', unit: '秒', target: ['< 60', (v) => v < 60] },
  { key: 'batch_1000_pss_mb', issue: '早先', measure: '同上，进程树 PSS 峰值', unit: 'MB', target: ['< 500', (v) => v < 500] },
];
for (const engine of ['pglite', 'postgres']) {
  for (const name of ['save', 'preview']) {
    SPECS.push(
      { key: `api_${name}_rps_${engine}`, issue: '早先', measure: `API ${name === 'save' ? '保存' : '预览'}（${engine}），吞吐量`, unit: '次/秒' },
      { key: `api_${name}_p50_ms_${engine}`, issue: '早先', measure: `API ${name === 'save' ? '保存' : '预览'}（${engine}），p50`, unit: '毫秒' },
      { key: `api_${name}_p99_ms_${engine}`, issue: '早先', measure: `API ${name === 'save' ? '保存' : '预览'}（${engine}），p99`, unit: '毫秒' },
    );
  }
}
SPECS.push(
  { key: 'portal_report_p95_ms', issue: '#14', measure: '门户报告页 p95', unit: '毫秒', target: ['< 100', (v) => v < 100] },
  { key: 'portal_report_p50_ms', issue: '#14', measure: '门户报告页 p50', unit: '毫秒' },
  { key: 'portal_report_rps', issue: '#14', measure: '门户报告页吞吐量', unit: '次/秒' },
  { key: 'portal_unit_p95_ms', issue: '#14', measure: '门户单位页 p95', unit: '毫秒', target: ['< 100', (v) => v < 100] },
  { key: 'portal_unit_p50_ms', issue: '#14', measure: '门户单位页 p50', unit: '毫秒' },
  { key: 'portal_unit_rps', issue: '#14', measure: '门户单位页吞吐量', unit: '次/秒' },
  { key: 'portal_summary_ms', issue: '#14', measure: '一个省的汇总，首次', unit: '毫秒', target: ['< 1000', (v) => v < 1000] },
  { key: 'portal_summary_warm_ms', issue: '#14', measure: '一个省的汇总，之后（中位数）', unit: '毫秒' },
  { key: 'portal_csv_rss_growth_mb', issue: '#14', measure: '开放数据 CSV 流式输出时服务器 RSS 增长', unit: 'MB', target: ['< 100（内存平稳）', (v) => v < 100] },
);

const values = new Map<string, { value: number | null; note: string; judged: boolean }>();
/** A figure for a row; `judged: false` shows it without a verdict (e.g. a quick run's smaller folder). */
const set = (key: string, value: number | null, note = '', judged = true) => {
  if (!SPECS.some((s) => s.key === key)) throw new Error(`unknown bench row ${key}`);
  values.set(key, { value, note, judged });
};
const skip = (key: string, note: string) => set(key, null, note);
const perCpuSecond: Record<string, number> = {};
/** Notes that belong to no single row. */
const notes: Record<string, string> = {};
const why = (e: unknown) => `未能测量：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
const round = (v: number) => Number(v.toFixed(Math.abs(v) < 1 ? 3 : Math.abs(v) < 100 ? 2 : 1));
const f1 = (v: number) => v.toFixed(1);
const f2 = (v: number) => v.toFixed(2);

// ---------------------------------------------------------------------------
// In process.

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

log(`${QUICK ? '快速模式。' : ''}准备 ${DISTINCT} 个不同的合成单位和 ${exampleFiles().length} 个示例…`);
const sources = [
  ...exampleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') })),
  ...Array.from({ length: DISTINCT }, (_, i) => ({ file: `synth-${i + 1}.yaml`, text: synthYaml(SEED, i) })),
];
/*
 * Parse and check first, over the parsed datasets alone, as `juesuan check` holds them: V8 pretenures an
 * allocation site whose objects have survived, so with the other rows' inputs held (120-odd report trees
 * and fact lists, made by the same code) every fact check allocates afterwards went to the old generation:
 * flatten took 185 µs instead of 45 µs, the check 1,513-1,950/s instead of 2,540-3,302/s (bench/check.ts,
 * with and without those held). The rows after these are measured with them held, as before.
 */
const parsed = sources.map((s) => {
  const dataset = parseDataset(s.text, s.file);
  return { ...s, dataset, profile: findProfile(dataset.profile ?? 'sichuan')! };
});
const measure = async (key: string, fn: (i: number) => unknown, inFlight = 1, note = '') => {
  log(`测量 ${key}${inFlight > 1 ? `（同时 ${inFlight} 份）` : ''}…`);
  const r = await rate(fn, inFlight);
  perCpuSecond[key] = Number(f1(r.cpu));
  set(key, r.wall, `${note}${note ? '；' : ''}每 CPU 秒 ${f1(r.cpu)} 份；${SECONDS} 秒内轮流处理 ${sources.length} 个不同单位`);
};
const parsedAt = (i: number) => parsed[i % parsed.length]!;
await measure('parse_datasets_per_s', (i) => parseDataset(parsedAt(i).text, parsedAt(i).file));
// What `juesuan check` does: the rule pack from the dataset's facts (no report built, no read-back).
await measure('check_datasets_per_s', (i) => checkVerdict(parsedAt(i).dataset, parsedAt(i).profile), 1, '一个线程，即 juesuan check 对每个文件所做（按事实运行规则包，不生成报告、不回读；测量时只持有解析后的数据，如 check 本身）');

const units: Unit[] = parsed.map((p) => {
  const input = checkInputWithReport(p.dataset, p.profile);
  return { ...p, input, facts: checkInputFromFacts(p.dataset, p.profile), tree: input.tree };
});
const unit = (i: number) => units[i % units.length]!;
// What render, the server's review and `check --read-back` do: the pack, the report built, then read back by the audit.
await measure('check_read_back_per_s', (i) => reviewDataset(unit(i).dataset, unit(i).profile), 1, '一个线程，即 check --read-back、render 与服务器审核所做（规则包 + 生成报告 + 按 audit 回读全文）');
// The pack's findings (checkDataset: from facts, as check_datasets_per_s without the verdict).
await measure('check_pack_only_per_s', (i) => checkDataset(unit(i).dataset, unit(i).profile));
// The rule pack alone, over facts already flattened (and the report's outline): where check's time goes.
await measure('check_rules_only_per_s', (i) => runRules(RULE_PACK, unit(i).facts));
await measure('build_report_per_s', (i) => buildReport(unit(i).dataset, unit(i).profile));
await measure('render_html_per_s', (i) => renderHtml(unit(i).tree), 1, '一个线程');
await measure('render_docx_per_s', (i) => renderDocx(unit(i).tree));
await measure('render_xlsx_per_s', (i) => renderXlsx(unit(i).tree, unit(i).dataset));

// PDF in process: one browser for the whole run, its pages reused (the default pool, one page per core):
// the throughput with as many documents in flight as the pool has pages.
try {
  const pdf = await createPdfRenderer();
  try {
    await measure('render_pdf_per_s', (i) => pdf.render(unit(i).tree), pdf.pages, `一个浏览器、${pdf.pages} 个复用页面，同时 ${pdf.pages} 份在打印（吞吐量）；Chromium 的 CPU 不计入每 CPU 秒`);
  } finally {
    await pdf.close();
  }
} catch (e) {
  skip('render_pdf_per_s', why(e));
}

// Audit of published reports on one thread, as `juesuan audit` does each file: read,
// extract, check, print. The issue's measure is 40 KB report texts (the two seed reports
// are 37 KB of text each): our units' text renderings are audited and the throughput in
// KB/s is given as 40 KB reports per second. The same reports as HTML pages (several times
// the bytes: markup, styles, charts) are measured too.
const published = async (ext: 'txt' | 'html', render: (u: Unit) => string | Promise<string>) => {
  const dir = join(scratch, `published-${ext}`);
  mkdirSync(dir, { recursive: true });
  const files: { path: string; kb: number }[] = [];
  for (const [n, u] of units.entries()) {
    const path = join(dir, `report-${n}.${ext}`);
    const text = await render(u);
    writeFileSync(path, text);
    files.push({ path, kb: Buffer.byteLength(text) / 1024 });
  }
  return files;
};
const auditRate = async (files: { path: string; kb: number }[]) => {
  const r = await rate(async (i) => auditLines(auditDocument(await readReport(files[i % files.length]!.path))));
  return { ...r, meanKb: files.reduce((a, f) => a + f.kb, 0) / files.length };
};
const texts = await published('txt', (u) => renderText(u.tree));
log('测量 audit（txt）…');
const txt = await auditRate(texts);
// Reports per second on texts of meanKb, given per 40 KB of text.
set(
  'audit_reports_per_s',
  (txt.wall * txt.meanKb) / 40,
  `一个线程；纯文本报告平均 ${f1(txt.meanKb)} KB，每秒 ${f1(txt.wall)} 份，即 ${(txt.wall * txt.meanKb).toFixed(0)} KB/秒，折合 40 KB 报告每秒 ${f1((txt.wall * txt.meanKb) / 40)} 份；每 CPU 秒 ${f1((txt.cpu * txt.meanKb) / 40)} 份（40 KB）`,
);
perCpuSecond.audit_reports_per_s = Number(f1((txt.cpu * txt.meanKb) / 40));
log('测量 audit（html）…');
const html = await auditRate(await published('html', (u) => renderHtml(u.tree)));
set('audit_html_reports_per_s', html.wall, `HTML 页面平均 ${f1(html.meanKb)} KB（标记、样式和图表占大部分）；每 CPU 秒 ${f1(html.cpu)} 份`);
perCpuSecond.audit_html_reports_per_s = Number(f1(html.cpu));

// ---------------------------------------------------------------------------
// Whole processes: `node dist/cli/bin.js …` from start to exit, as a user runs it.

const work = join(scratch, 'cli');
mkdirSync(work, { recursive: true });
const cli = (args: readonly string[], okCodes: readonly number[] = [0]) => runProcess(process.execPath, [bin, ...args], { cwd: work, okCodes });
const pss = (r: { peakPssMb: number | null }) => (r.peakPssMb === null ? '（无 /proc/…/smaps_rollup，未测内存）' : `${r.peakPssMb.toFixed(0)} MB`);
const summary = (rs: ProcRun[]) => ({
  seconds: median(rs.map((r) => r.seconds)),
  // The larger of bash's `times` (exact, but only the processes waited for) and the /proc sampler (Chromium's too).
  cpu: median(rs.map((r) => Math.max(r.cpuSeconds, r.sampledCpuSeconds))),
  min: Math.min(...rs.map((r) => r.seconds)),
  max: Math.max(...rs.map((r) => r.seconds)),
  peakPssMb: rs.some((r) => r.peakPssMb === null) ? null : Math.max(...rs.map((r) => r.peakPssMb!)),
});
const runsNote = (rs: ProcRun[], warm = true) => {
  const s = summary(rs);
  return `${rs.length} 次中位数（最快 ${f2(s.min)}、最慢 ${f2(s.max)} 秒${warm ? '，另有一次预热不计' : ''}）；进程树 CPU 中位数 ${f2(s.cpu)} 秒；PSS 峰值 ${pss(s)}`;
};
/** An argument as the log shows it: scratch and repository paths shortened. */
const show = (a: string) => a.replace(scratch, '<临时目录>').replace(`${root}`, '').replace(/^\//, '');
/** A command, once to warm the file cache, then RUNS times; the median is the row. */
const command = async (key: string, args: readonly string[], okCodes: readonly number[] = [0], extra = '') => {
  log(`整个进程：juesuan ${args.map(show).join(' ')}（${RUNS} 次）…`);
  try {
    await cli(args, okCodes);
    const rs: ProcRun[] = [];
    for (let k = 0; k < RUNS; k++) rs.push(await cli(args, okCodes));
    set(key, summary(rs).seconds, `${extra}${extra ? '；' : ''}${runsNote(rs)}`);
    return rs;
  } catch (e) {
    skip(key, why(e));
    return undefined;
  }
};
/** The last summary line a batch printed (…完成：共 n 个文件，成功 …，失败 …). */
/** The tree's CPU: what bash's `times` counts (the processes waited for) and what the sampler saw (Chromium's renderers too). */
const cpuLine = (r: ProcRun) => `进程树 CPU ${f1(r.sampledCpuSeconds)} 秒（/proc 采样，含 Chromium 各进程；bash times 只计被等待的子进程：${f1(r.cpuSeconds)} 秒）`;
const batchLine = (r: ProcRun) => r.stderrTail.split('\n').reverse().find((l) => /完成：共 \d+ 个文件/.test(l))?.trim() ?? '';

// One dataset that passes the check (so render writes a final report), and a published text of about 40 KB:
// of the two seed reports (real published reports, test/fixtures/seeds) and our units' texts, the nearest to 40 KB.
const example = exampleFiles().find((f) => f.includes('qingjiang')) ?? exampleFiles()[0]!;
const stem = example.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
const seedTexts = ['miyi-zfw-2021.txt', 'zhaohua-zfw-2022.txt']
  .map((f) => join(root, 'test', 'fixtures', 'seeds', f))
  .filter((path) => existsSync(path))
  .map((path) => ({ path, kb: statSync(path).size / 1024 }));
const nearest40 = [...seedTexts, ...texts].reduce((a, b) => (Math.abs(b.kb - 40) < Math.abs(a.kb - 40) ? b : a));
const report40 = join(work, 'report-40kb.txt');
copyFileSync(nearest40.path, report40);
const kb40 = `${show(nearest40.path).replace(/^<临时目录>.*/, '合成单位的报告文本')} ${f1(nearest40.kb)} KB（可用文本中最接近 40 KB 的一份）`;
const one = join(work, 'one');

await command('cmd_version_s', ['--version']);
await command('cmd_check_s', ['check', example], [0], `示例 ${stem}`);
await command('audit_40kb_process_s', ['audit', report40], [0, 1], kb40);
await command('cmd_extract_s', ['extract', report40], [0], kb40);
for (const format of ['html', 'docx', 'xlsx', 'json']) await command(`cmd_render_${format}_s`, ['render', example, '--format', format, '-o', one], [0], `示例 ${stem}`);
await command('cmd_import_s', ['import', join(one, `${stem}.xlsx`), '-o', join(work, 'imported.yaml')], [0], `render 写出的 ${stem}.xlsx`);
await command('cmd_synth_s', ['synth', '-n', '10', '-s', String(SEED), '-o', join(work, 'synth10')]);
if (QUICK) skip('cmd_demo_s', '快速模式跳过');
else await command('cmd_demo_s', ['demo', '-o', join(work, 'demo')], [0], '示例单位的全部格式，含 PDF');

// Our PDF against LibreOffice's, both whole processes, for the same report (the DOCX our render
// wrote), alternately in one run (which goes first alternates too); each warmed up once — the first
// LibreOffice start builds its profile. The ratio is of the medians.
if (!haveLibreOffice()) {
  for (const k of ['pdf_vs_libreoffice', 'cmd_render_pdf_s', 'libreoffice_pdf_s']) skip(k, '未安装 LibreOffice（bash scripts/setup.sh 会安装）');
} else {
  log(`整个进程：render --format pdf 与 LibreOffice 交替（各 ${RUNS} 次）…`);
  try {
    const docx = join(one, `${stem}.docx`);
    const lo = join(scratch, 'lo');
    const loArgs = libreOfficeArgs(docx, join(lo, 'out'), join(lo, 'profile'));
    const libreoffice = () => runProcess(LIBREOFFICE, loArgs, { env: { ...process.env, HOME: lo } });
    const ours = () => cli(['render', example, '--format', 'pdf', '-o', join(work, 'pdf-one')]);
    await libreoffice();
    if (!existsSync(libreOfficePdf(docx, join(lo, 'out')))) throw new Error(`LibreOffice 没有写出 ${stem}.pdf`);
    await ours();
    const a: ProcRun[] = [];
    const b: ProcRun[] = [];
    for (let k = 0; k < RUNS; k++) {
      if (k % 2 === 0) {
        a.push(await ours());
        b.push(await libreoffice());
      } else {
        b.push(await libreoffice());
        a.push(await ours());
      }
    }
    const sa = summary(a);
    const sb = summary(b);
    set('cmd_render_pdf_s', sa.seconds, `示例 ${stem}；${runsNote(a)}（含 Chromium）`);
    set('libreoffice_pdf_s', sb.seconds, `render 写出的 ${stem}.docx；${runsNote(b)}`);
    set('pdf_vs_libreoffice', sa.seconds / sb.seconds, `本工具 ${f2(sa.seconds)} 秒，LibreOffice ${f2(sb.seconds)} 秒（交替各 ${RUNS} 次的中位数）；进程树 CPU ${f2(sa.cpu)} 对 ${f2(sb.cpu)} 秒，即 ${f2(sa.cpu / sb.cpu)} 倍`);
  } catch (e) {
    for (const k of ['pdf_vs_libreoffice', 'cmd_render_pdf_s', 'libreoffice_pdf_s']) if (!values.has(k)) skip(k, why(e));
  }
}

// Folders. The units (a few broken on purpose, as a real batch has) are written in process; the files
// are then in the page cache, so the folder runs have no warm-up.
const scaleNote = (n: number, of: number) => (n === of ? '' : `快速模式：${n} 个单位，不是 ${of.toLocaleString('en')} 个，不判定；`);
const unitsDir = join(scratch, 'units');
log(`生成 ${BATCH_UNITS} 个合成单位（其中 ${BATCH_CORRUPT} 个故意损坏）…`);
synthCommand({ units: BATCH_UNITS, seed: SEED, outDir: unitsDir, corrupt: BATCH_CORRUPT }, nodeEffects);
log(`整个进程：check 文件夹（${BATCH_UNITS} 个单位），-j 1 与默认线程数交替，各 ${FOLDER_RUNS} 次…`);
try {
  const byDefault: ProcRun[] = [];
  const single: ProcRun[] = [];
  for (let k = 0; k < FOLDER_RUNS; k++) {
    byDefault.push(await cli(['check', unitsDir], [0, 1, 2]));
    single.push(await cli(['check', '-j', '1', unitsDir], [0, 1, 2]));
  }
  const judged = BATCH_UNITS === 1000;
  const what = `${scaleNote(BATCH_UNITS, 1000)}${BATCH_UNITS} 个单位，其中 ${BATCH_CORRUPT} 个故意损坏`;
  set('check_1000_s', summary(byDefault).seconds, `${what}；${availableParallelism()} 个核心；每秒 ${f1(BATCH_UNITS / summary(byDefault).seconds)} 个；${runsNote(byDefault, false)}；${batchLine(byDefault[0]!)}`, judged);
  set('check_1000_j1_s', summary(single).seconds, `${what}；每秒 ${f1(BATCH_UNITS / summary(single).seconds)} 个；${runsNote(single, false)}`, judged);
} catch (e) {
  for (const k of ['check_1000_s', 'check_1000_j1_s']) skip(k, why(e));
}

// The PDF batch: PDF_BATCH units, with -j 1 and the default, once each; the default run's whole
// process tree (Node and every Chromium process) sampled for PSS.
{
  const dir = join(scratch, 'pdf-units');
  synthCommand({ units: PDF_BATCH, seed: SEED + 1, outDir: dir }, nodeEffects);
  const judged = PDF_BATCH === 100;
  for (const [key, jobs] of [['pdf_batch_100_per_s', []], ['pdf_batch_100_j1_per_s', ['-j', '1']]] as const) {
    log(`整个进程：${PDF_BATCH} 份 PDF 的批量${jobs.length ? '，-j 1' : '，默认线程数'}…`);
    const out = join(scratch, 'pdf-out');
    try {
      const r = await cli(['render', ...jobs, dir, '--format', 'pdf', '-o', out]);
      set(key, PDF_BATCH / r.seconds, `${scaleNote(PDF_BATCH, 100)}${PDF_BATCH} 份用时 ${f1(r.seconds)} 秒（一次）；${cpuLine(r)}；PSS 峰值 ${pss(r)}；${batchLine(r)}`, judged);
      if (key === 'pdf_batch_100_per_s') set('pdf_batch_100_pss_mb', r.peakPssMb, `${scaleNote(PDF_BATCH, 100)}约每 100 毫秒对进程及其所有子孙进程（含 Chromium）读取 /proc/<pid>/smaps_rollup，取总和的峰值`, judged);
    } catch (e) {
      skip(key, why(e));
      if (key === 'pdf_batch_100_per_s') skip('pdf_batch_100_pss_mb', why(e));
    }
    rmSync(out, { recursive: true, force: true });
  }
}

// The full bundle, every format, for BUNDLE_UNITS units (the 1,000-unit folder above; --quick: a few).
{
  const dir = BUNDLE_UNITS === BATCH_UNITS ? unitsDir : join(scratch, 'bundle-units');
  if (dir !== unitsDir) synthCommand({ units: BUNDLE_UNITS, seed: SEED, outDir: dir }, nodeEffects);
  const out = join(scratch, 'bundle-out');
  log(`整个进程：全套（${BUNDLE_FORMATS}）${BUNDLE_UNITS} 个单位，默认线程数…`);
  try {
    const r = await cli(['render', dir, '--format', BUNDLE_FORMATS, '-o', out], [0, 1, 2]);
    const judged = BUNDLE_UNITS === 1000;
    const extrapolated = judged ? '' : `按此外推 1,000 个约 ${((r.seconds / BUNDLE_UNITS) * 1000).toFixed(0)} 秒（仅供参考）；`;
    set('bundle_1000_s', r.seconds, `${scaleNote(BUNDLE_UNITS, 1000)}${extrapolated}一次；${cpuLine(r)}；${batchLine(r)}`, judged);
    set('bundle_1000_pss_mb', r.peakPssMb, `${scaleNote(BUNDLE_UNITS, 1000)}进程及其所有子孙进程（含 Chromium）的 PSS 总和，约每 100 毫秒采样一次的峰值`, judged);
  } catch (e) {
    for (const k of ['bundle_1000_s', 'bundle_1000_pss_mb']) skip(k, why(e));
  }
  rmSync(out, { recursive: true, force: true });
}

// The earlier 1,000-unit batch (check + HTML + DOCX + XLSX), now as the CLI runs it, with the tree's PSS.
if (QUICK) {
  for (const k of ['batch_1000_s', 'batch_1000_pss_mb']) skip(k, '快速模式跳过');
} else {
  const out = join(scratch, 'batch-out');
  log(`整个进程：${BATCH_UNITS} 个单位 html、docx、xlsx，默认线程数…`);
  try {
    const r = await cli(['render', unitsDir, '--format', 'html,docx,xlsx', '-o', out], [0, 1, 2]);
    set('batch_1000_s', r.seconds, `一次；${cpuLine(r)}；${batchLine(r)}（故意损坏 ${BATCH_CORRUPT} 个）`);
    set('batch_1000_pss_mb', r.peakPssMb, '早先在进程内测 RSS，现为整个进程树的 PSS 峰值');
  } catch (e) {
    for (const k of ['batch_1000_s', 'batch_1000_pss_mb']) skip(k, why(e));
  }
  rmSync(out, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// The HTTP API under load: editors on loopback, against `juesuan serve` in its own process, on both engines.
// --quick: 50 editors, 5 seconds a scenario (unless BENCH_API_* say otherwise).
const apiEnv = { ...process.env, ...(QUICK ? { BENCH_API_SECONDS: process.env.BENCH_API_SECONDS ?? '5', BENCH_API_EDITORS: process.env.BENCH_API_EDITORS ?? '50' } : {}) };
for (const [engine, args] of [['pglite', []], ['postgres', ['--database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test']]] as const) {
  log(`API 压测（${engine}）…`);
  const keys = ['save', 'preview'].flatMap((n) => ['rps', 'p50_ms', 'p99_ms'].map((m) => `api_${n}_${m}_${engine}`));
  try {
    const api = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'api.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], env: apiEnv }),
    ) as { editors: number; save: { rps: number; p50: number; p99: number; non2xx: number; errors: number }; preview: { rps: number; p50: number; p99: number; non2xx: number; errors: number } };
    for (const [name, r] of [['save', api.save], ['preview', api.preview]] as const) {
      const note = `${api.editors} 个并发编辑者，${apiEnv.BENCH_API_SECONDS ?? 10} 秒${QUICK ? '（快速模式）' : ''}；非 2xx 响应 ${r.non2xx} 个，连接错误 ${r.errors} 个`;
      if (r.rps === 0) {
        // No request finished within the time: there is no latency to give, and 0 req/s would read as a measurement.
        for (const m of ['rps', 'p50_ms', 'p99_ms']) skip(`api_${name}_${m}_${engine}`, `测量时间内没有一个请求完成（机器过忙或时间太短）；${note}`);
        continue;
      }
      set(`api_${name}_rps_${engine}`, r.rps, note);
      set(`api_${name}_p50_ms_${engine}`, r.p50);
      set(`api_${name}_p99_ms_${engine}`, r.p99);
    }
  } catch (e) {
    for (const k of keys) skip(k, why(e));
  }
}

// The public portal and the bureau's 汇总 at real volume (issue 14): 10,000 published unit-years on PostgreSQL, the server
// in a process of its own (bench/portal.ts says exactly how they are published). `--quick` (or BENCH_PORTAL_QUICK=1): 1,000.
{
  const quick = QUICK || process.env.BENCH_PORTAL_QUICK === '1';
  log(`门户与汇总压测（PostgreSQL，${quick ? '快速模式 1,000' : '10,000'} 个已公开单位）…`);
  const env = { ...process.env, ...(QUICK ? { BENCH_PORTAL_SECONDS: process.env.BENCH_PORTAL_SECONDS ?? '3' } : {}) };
  try {
    const p = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', join(here, 'portal.ts'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], env }),
    ) as {
      quick: boolean; load_average_1m: number; units: number; distinct: number; facts: number; fill_seconds: number;
      report: { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };
      unit: { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };
      summary: { units: number; cold_ms: number; warm_median_ms: number; warm_max_ms: number };
      csv: { mb: number; rows: number; seconds: number; rss_before_mb: number; rss_peak_mb: number; rss_after_mb: number };
    };
    const scale = `${p.units} 个已公开单位${p.quick ? '（快速模式，非 10,000）' : ''}，开始测量时机器 1 分钟平均负载 ${p.load_average_1m}`;
    for (const [name, r] of [['report', p.report], ['unit', p.unit]] as const) {
      set(`portal_${name}_p95_ms`, r.p95, `${scale}；50 个并发客户端，每次随机一个单位；p99 ${round(r.p99)} 毫秒；非 2xx 响应 ${r.non2xx} 个，连接错误 ${r.errors} 个`);
      set(`portal_${name}_p50_ms`, r.p50);
      set(`portal_${name}_rps`, r.rps);
    }
    set('portal_summary_ms', p.summary.cold_ms, `一个省（${p.summary.units} 个单位）的汇总，首次（数据库现算）；之后（合计保留到下一次公开）4 次中位数 ${p.summary.warm_median_ms} 毫秒，最慢 ${p.summary.warm_max_ms} 毫秒`);
    set('portal_summary_warm_ms', p.summary.warm_median_ms);
    set(
      'portal_csv_rss_growth_mb',
      p.csv.rss_peak_mb - p.csv.rss_before_mb,
      `一个省 2024 年度的开放数据 CSV：${p.csv.rows} 行、${p.csv.mb} MB、${p.csv.seconds} 秒；服务器 RSS 之前 ${p.csv.rss_before_mb} MB，峰值 ${p.csv.rss_peak_mb} MB，之后 ${p.csv.rss_after_mb} MB`,
    );
    notes.portal_fill = `${scale}（${p.distinct} 个不同的合成单位各渲染一次 HTML 与 JSON，事实与公开写入同一事务，共 ${p.facts} 个数字），用时 ${p.fill_seconds} 秒`;
  } catch (e) {
    for (const s of SPECS) if (s.key.startsWith('portal_')) skip(s.key, why(e));
  }
}

// ---------------------------------------------------------------------------
// The table and bench/results.json.

const rows: Row[] = SPECS.map((s) => {
  const got = values.get(s.key);
  const value = got?.value === null || got?.value === undefined || !Number.isFinite(got.value) ? null : round(got.value);
  const verdict: Verdict = value === null || got?.judged === false ? '未测' : s.target ? (s.target[1](value) ? '达标' : '未达标') : '—';
  return { key: s.key, issue: s.issue, measure: s.measure, value, unit: s.unit, target: s.target?.[0] ?? '—', verdict, note: got?.note ?? '未测量' };
});
const cell = (s: string) => s.replace(/\|/g, '\\|');
console.log('| 出处 | 测量 | 数值 | 目标 | 结论 | 说明 |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.issue} | ${cell(r.measure)} | ${r.value === null ? '—' : `${r.value} ${r.unit}`} | ${cell(r.target)} | ${r.verdict} | ${cell(r.note)} |`);
for (const [k, n] of Object.entries(notes)) console.log(`\n${k}：${n}`);
console.log(`\n按本进程 CPU 时间计（受机器上其他负载影响小；PDF 的 Chromium 进程不计入）：${Object.entries(perCpuSecond).map(([k, v]) => `${k} ${v}`).join('，')}`);
const machine = {
  cores: availableParallelism(),
  node: process.version,
  quick: QUICK,
  seconds_per_rate: SECONDS,
  runs_per_command: RUNS,
  distinct_units: units.length,
  load_average_at_start: loadAtStart.map((l) => Number(l.toFixed(1))),
  load_average_at_end: loadavg().map((l) => Number(l.toFixed(1))),
  pss_sampled: haveSmapsRollup,
  bench_seconds: Number(((performance.now() - started) / 1000).toFixed(0)),
};
console.log(
  `\n${machine.cores} 个核心，Node ${machine.node}${QUICK ? '，快速模式' : ''}；机器 1/5/15 分钟平均负载：开始时 ${machine.load_average_at_start.join('/')}，结束时 ${machine.load_average_at_end.join('/')}（负载高于核心数时，墙钟数字偏慢）；本次测量用时 ${machine.bench_seconds} 秒`,
);
const out = join(here, 'results.json');
writeFileSync(out, `${JSON.stringify({ rows, per_cpu_second: perCpuSecond, notes, machine }, null, 2)}\n`);
console.log(`\nwritten: ${out}`);
// The units and their outputs take up to ~1 GB.
rmSync(scratch, { recursive: true, force: true });
