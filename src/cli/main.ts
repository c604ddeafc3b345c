/** The `juesuan` command line (design.md §6). */
import { Command, CommanderError } from 'commander';
import { basename, resolve } from 'node:path';
import { nodeEffects, UserError, type Effects } from '../app/effects.js';
import { HELP_DEMO_FORMATS, HELP_DRAFT_MARK, HELP_OUTPUT_FORMATS, parseCount } from './args.js';
import { DATASET, expandInputsWithEmpty, NothingFoundError, patternLabel, REPORT } from '../batch/inputs.js';

/*
 * Start-up: each command's modules are imported when the command runs, never
 * here. A one-file `audit` then loads the report reader and the audit, not the
 * renderers, exceljs, the rule pack's dataset schema or the batch pool (issue 16).
 */
let exitCode = 0;

/**
 * Batch mode when given several inputs, a folder, or --jobs: the files to do
 * and the thread count; undefined for the one-file form.
 */
function batchFiles(inputs: string[], jobs: string | undefined, fx: Effects, pattern: RegExp = DATASET): { files: string[]; jobs?: number } | undefined {
  let expanded;
  try {
    expanded = expandInputsWithEmpty(inputs, pattern);
  } catch (e) {
    if (e instanceof NothingFoundError) throw new UserError(e.message);
    throw e;
  }
  const { files, emptyFolders } = expanded;
  for (const f of emptyFolders) fx.err(`提示：文件夹 ${f} 中没有找到${patternLabel(pattern)}`);
  if (jobs === undefined && inputs.length === 1 && files.length === 1 && files[0] === inputs[0]) return undefined;
  return { files, ...(jobs !== undefined ? { jobs: parseCount(jobs, '--jobs', 1) } : {}) };
}

/** The -j option's help: the defaults of batch/pool.ts's defaultJobs (a test keeps them in step). */
const JOBS_HELP = '批量处理的线程数（默认：少于 50 个文件时用 1 个；更多时为核心数减 1，双核机器上即 1 个；生成 PDF 时每个核心一个）';

/** The batch pool and its command, loaded when a batch runs. */
async function runBatchCommand(o: import('../batch/command.js').BatchCommandOptions, fx: Effects): Promise<number> {
  return (await import('../batch/command.js')).batchCommand(o, fx);
}

export function buildProgram(fx: Effects): Command {
  const program = new Command();
  program
    .name('juesuan')
    .description('部门决算公开与预算绩效自评：数据 → 审核 → 生成 → 公开')
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureOutput({ writeOut: (s) => fx.out(s.trimEnd()), writeErr: (s) => fx.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('demo')
    .description(`把 examples/ 中的示例单位生成为完整的公开文件（${HELP_DEMO_FORMATS.join('、')}），写入 ./out 并列出文件`)
    .option('-o, --out <dir>', '输出目录', 'out')
    .action(async (o: { out: string }) => {
      const [{ demoCommand }, { DRAFT_MARK, missingLines }] = await Promise.all([import('./demo.js'), import('../app/render.js')]);
      for (const { file, result } of await demoCommand(resolve(o.out), fx)) {
        fx.out(`${basename(file)}：${result.final ? '正式报告（通过审核）' : `草稿（每页标注“${DRAFT_MARK}”）`}`);
        for (const f of result.written) fx.out(`  ${f}`);
        if (!result.final) fx.out([`  正式报告还需补齐或改正以下 ${result.missing.length} 项：`, ...missingLines(result.missing).map((l) => `  ${l}`)].join('\n'));
      }
    });

  program
    .command('render')
    .description('由数据文件（YAML/JSON）生成决算公开报告；可给多个文件或文件夹，在所有核心上批量生成')
    .argument('<datasets...>', '数据文件或文件夹')
    .option('-o, --out <dir>', '输出目录', 'out')
    .option('-f, --format <list>', `输出格式，逗号分隔（${HELP_OUTPUT_FORMATS.join(', ')}）`, 'html,docx')
    .option('-p, --profile <id>', '模板（sichuan 四川 / national 全国通用）；默认取数据文件中的 profile')
    .option('--draft', `未通过审核（有错误或待补充的内容）时生成草稿，每页标注“${HELP_DRAFT_MARK}”，并列出待补齐的内容`)
    .option('--force', '同 --draft')
    .option('-j, --jobs <n>', JOBS_HELP)
    .action(async (datasets: string[], o: { out: string; format: string; profile?: string; draft?: boolean; force?: boolean; jobs?: string }) => {
      const { parseFormats } = await import('./render.js');
      const options = { outDir: resolve(o.out), formats: parseFormats(o.format), ...(o.profile ? { profile: o.profile } : {}), ...(o.draft || o.force ? { draft: true } : {}) };
      const batch = batchFiles(datasets, o.jobs, fx);
      if (batch) {
        exitCode = await runBatchCommand({ label: '生成', task: 'render', options, ...batch }, fx);
        return;
      }
      const { DRAFT_MARK, missingLines, renderFileToFolder } = await import('../app/render.js');
      const r = await renderFileToFolder(datasets[0]!, options, fx);
      for (const f of r.written) fx.out(f);
      if (!r.final) fx.err([`已生成草稿（每页标注“${DRAFT_MARK}”）；正式报告还需补齐或改正以下 ${r.missing.length} 项：`, ...missingLines(r.missing)].join('\n'));
    });

  program
    .command('import')
    .description('从 Excel（本工具导出的工作簿，或部门决算报表软件导出的 Z01/Z04/Z05_1 表）生成数据文件')
    .argument('<tables.xlsx>', 'Excel 工作簿（.xlsx）')
    .option('-o, --out <file>', '写入的数据文件（YAML）；不给则打印')
    .option('--mapping <file>', '特殊版式的映射文件（JSON）')
    .action(async (file: string, o: { out?: string; mapping?: string }) => {
      const { importCommand } = await import('./import.js');
      exitCode = await importCommand(file, { ...(o.out ? { out: resolve(o.out) } : {}), ...(o.mapping ? { mapping: o.mapping } : {}) }, fx);
    });

  program
    .command('check')
    .description('按审核规则检查数据文件（直接审核数据，不生成报告；加 --read-back 再审读生成的报告全文，即 render 的结论）；有错误级问题时退出码为1；可给多个文件或文件夹，批量审核')
    .argument('<datasets...>', '数据文件或文件夹')
    .option('--json', '输出一个 JSON 对象（批量时每个文件一行）')
    .option('-p, --profile <id>', '模板（决定必需的章节和完成率口径）；默认取数据文件中的 profile')
    .option('--read-back', '同时生成报告并按 audit 的规则审读全文（与 render 生成正式报告前的审核相同，约慢二十倍）；默认只按规则审核数据')
    .option('-j, --jobs <n>', JOBS_HELP)
    .action(async (datasets: string[], o: { json?: boolean; profile?: string; readBack?: boolean; jobs?: string }) => {
      const batch = batchFiles(datasets, o.jobs, fx);
      const options = { ...(o.json ? { json: true } : {}), ...(o.profile ? { profile: o.profile } : {}), ...(o.readBack ? { readBack: true } : {}) };
      exitCode = batch ? await runBatchCommand({ label: '审核', task: 'check', options, ...batch }, fx) : (await import('./check.js')).checkCommand(datasets[0]!, o, fx);
    });

  /** audit and extract: one file in this thread, many through the batch; the per-file work is the batch task's either way. */
  const reports = async (files: string[], o: { json?: boolean; jobs?: string }, extract: boolean) => {
    const options = { ...(extract ? { extract: true } : {}), ...(o.json ? { json: true } : {}) };
    const batch = batchFiles(files, o.jobs, fx, REPORT);
    if (batch) {
      exitCode = await runBatchCommand({ label: extract ? '读取报告' : '审核报告', task: 'audit', options, ...batch }, fx);
      return;
    }
    const { auditTask } = await import('../batch/tasks/audit.js');
    const r = await auditTask(options).run(files[0]!);
    for (const l of r.out) fx.out(l);
    if (r.exitCode >= 2) fx.err(`错误：${r.reason ?? ''}`);
    exitCode = r.exitCode;
  };

  program
    .command('audit')
    .description('审核已公开的决算报告（txt、docx、pdf、html）：读出数字，找出前后矛盾之处并引用原文；有“确定”问题时退出码为1；可给多个文件或文件夹')
    .argument('<files...>', '报告文件或文件夹')
    .option('--json', '每个文件输出一行 JSON：{file, unit, year, facts, findings, summary}')
    .option('-j, --jobs <n>', JOBS_HELP)
    .action((files: string[], o: { json?: boolean; jobs?: string }) => reports(files, o, false));

  program
    .command('extract')
    .description('从已公开的决算报告中读出数字（概念、数值、单位、年度、口径和原文引用）')
    .argument('<files...>', '报告文件或文件夹')
    .option('--json', '每个文件输出一行 JSON：{file, unit, year, facts}')
    .option('-j, --jobs <n>', JOBS_HELP)
    .action((files: string[], o: { json?: boolean; jobs?: string }) => reports(files, o, true));

  program
    .command('synth')
    .description('生成合成的单位数据文件（内部一致、可通过审核，同一种子结果相同），用于测试和性能测量')
    .option('-n, --units <n>', '单位个数', '100')
    .option('-s, --seed <n>', '随机种子', '1')
    .option('-o, --out <dir>', '输出目录', 'synth')
    .option('--corrupt <n>', '其中故意损坏的文件个数（用于检验批量处理）', '0')
    .action(async (o: { units: string; seed: string; out: string; corrupt: string }) => {
      const { synthCommand } = await import('./synth.js');
      const files = synthCommand(
        { units: parseCount(o.units, '--units', 1), seed: parseCount(o.seed, '--seed'), outDir: resolve(o.out), corrupt: parseCount(o.corrupt, '--corrupt') },
        fx,
      );
      fx.err(`已生成 ${files.length} 个数据文件：${resolve(o.out)}`);
    });

  program
    .command('worker')
    .description('在独立进程中处理后台任务（生成 PDF、公开），连接与 serve 相同的 PostgreSQL 服务器；可在多台机器上运行')
    .option('--database-url <url>', 'PostgreSQL 连接地址（默认取环境变量 DATABASE_URL）')
    .option('-c, --concurrency <n>', '本进程的工作线程数', '1')
    .option('--once', '处理完队列中的任务后退出')
    .action(async (o: { databaseUrl?: string; concurrency: string; once?: boolean }) => {
      const { workerCommand, WorkerSetupError } = await import('../worker/command.js');
      try {
        await workerCommand({ ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), concurrency: parseCount(o.concurrency, '--concurrency', 1), once: o.once ?? false, out: fx.out, err: fx.err });
      } catch (e) {
        if (e instanceof WorkerSetupError) throw new UserError(e.message);
        throw e;
      }
    });

  const store = (c: Command) => c.option('--data <dir>', '内置数据库的数据目录', 'data').option('--database-url <url>', 'PostgreSQL 连接地址（默认取环境变量 DATABASE_URL）');
  const server = async () => import('../server/commands.js');
  store(program.command('serve').description('启动网页应用（填报、审核、公开），首次启动时导入示例并创建演示账号'))
    .option('--port <n>', '端口', '8080').option('--host <host>', '监听地址', '127.0.0.1').option('--no-worker', '本进程不处理后台任务（另行运行 juesuan worker）')
    .option('--trust-proxy', '运行在反向代理（如 HTTPS 的 nginx）之后：采用 X-Forwarded-* 的客户端地址与协议，HTTPS 时会话 Cookie 加 Secure')
    .action(async (o: { port: string; host: string; data: string; databaseUrl?: string; worker: boolean; trustProxy?: boolean }) => {
      const { serveCommand, CommandError } = await server();
      await serveCommand({ ...o, port: parseCount(o.port, '--port', 0), out: fx.out, err: fx.err }).catch((e: unknown) => { throw e instanceof CommandError ? new UserError(e.message) : e; });
    });
  store(program.command('user').description('管理账号').command('add').description('新增账号（密码取环境变量 JUESUAN_PASSWORD，否则在终端输入）'))
    .requiredOption('--username <name>', '用户名').requiredOption('--name <名字>', '姓名').requiredOption('--role <role>', '角色：filler | unit_reviewer | finance_reviewer | admin')
    .option('--org <code>', '所属单位代码（填报人、单位审核人）').option('--region <code>', '负责地区代码（财政审核人）')
    .action(async (o: { username: string; name: string; role: string; org?: string; region?: string; data: string; databaseUrl?: string }) => {
      const { userAddCommand, CommandError } = await server();
      await userAddCommand({ ...o, out: fx.out, err: fx.err }).catch((e: unknown) => { throw e instanceof CommandError ? new UserError(e.message) : e; });
    });
  return program;
}

/**
 * A failure the user is to fix, printed without a stack: a UserError, or the
 * xlsx writer's XlsxLimitError, known by its name so that this file need not
 * load the writer (and exceljs) to recognise it.
 */
function userFailure(e: unknown): { message: string; exitCode: number } | undefined {
  if (e instanceof UserError) return e;
  if (e instanceof Error && e.name === 'XlsxLimitError') {
    const code = (e as { exitCode?: unknown }).exitCode;
    return { message: e.message, exitCode: typeof code === 'number' ? code : 2 };
  }
  return undefined;
}

/** Runs the CLI and returns the exit code (0 ok, 1 findings, 2 unusable input). */
export async function run(argv: string[], fx: Effects = nodeEffects): Promise<number> {
  try {
    exitCode = 0;
    await buildProgram(fx).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const user = userFailure(e);
    if (user) {
      fx.err(`错误：${user.message}`);
      return user.exitCode;
    }
    fx.err(`内部错误：${(e as Error).message}（请将输入文件和此信息报告给开发者）`);
    return 3;
  }
}
