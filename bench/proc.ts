/**
 * Whole processes as a user waits for them: the built CLI (`node dist/cli/bin.js`),
 * or LibreOffice, timed from start to exit, with the CPU time of the process and
 * all it waited for, and the peak PSS of its whole process tree (Chromium
 * included), sampled from /proc every ~100 ms for the first 3 s, then every ~500 ms.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One run of a whole process. */
export interface ProcRun {
  /** Start to exit, wall clock. */
  seconds: number;
  /** User + system CPU of the process and every descendant it waited for (Chromium's, LibreOffice's). */
  cpuSeconds: number;
  /**
   * User + system CPU of every process of the tree the sampler saw, waited for or not (Chromium's renderers
   * and zygote are not waited for by our process, so `cpuSeconds` leaves them out), each at its last
   * sample: a process's CPU after its last sample (at most ~0.5 s of it) is missing. 0 without /proc.
   */
  sampledCpuSeconds: number;
  /** Peak of the summed PSS of the process tree, MiB; null where /proc has no smaps_rollup. */
  peakPssMb: number | null;
  code: number;
  /** The last 4 KB of standard error. */
  stderrTail: string;
}

/**
 * The built CLI must exist and be newer than every source file: the bench runs
 * `juesuan` as a user does (node dist/cli/bin.js), not through tsx. Throws a
 * message in Chinese when it is not.
 */
export function checkBuilt(root: string): string {
  const bin = join(root, 'dist', 'cli', 'bin.js');
  if (!existsSync(bin)) throw new Error(`没有找到构建好的命令行 ${relative(root, bin)}：请先运行 npm run build（整个进程的测量按用户的方式运行构建后的 juesuan）`);
  const built = statSync(bin).mtimeMs;
  let newest = { file: '', mtime: 0 };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) {
        const m = statSync(p).mtimeMs;
        if (m > newest.mtime) newest = { file: p, mtime: m };
      }
    }
  };
  walk(join(root, 'src'));
  if (newest.mtime > built) {
    throw new Error(`dist/ 早于 src/（${relative(root, newest.file)} 在上次构建之后修改过）：请先运行 npm run build，再运行本测量`);
  }
  return bin;
}

/** The process's children, read from /proc/<pid>/task/<tid>/children, or else from every process's parent id. */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
    } catch {
      return childrenByScan(pid);
    }
  }
  return out;
}

function childrenByScan(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Every descendant of `root` (not root itself). */
export function descendants(root: number): number[] {
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    for (const c of childrenOf(todo.pop()!)) {
      out.push(c);
      todo.push(c);
    }
  }
  return out;
}

/** PSS of one process in KiB (0 if it is gone meanwhile). */
function pssKib(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export const haveSmapsRollup = existsSync('/proc/self/smaps_rollup');

/** utime + stime of one process in clock ticks (undefined if it is gone meanwhile). */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLK_TCK = 100;

/** Summed PSS of the descendants of `root`, MiB. */
export function treePssMb(root: number): number {
  let kib = 0;
  for (const p of descendants(root)) kib += pssKib(p);
  return kib / 1024;
}

/*
 * The command runs under bash, which takes the time around it ($EPOCHREALTIME, so
 * bash's own start is not counted) and reports the CPU of the children it waited
 * for (`times`) on descriptor 3. bash itself is left out of the memory sum.
 */
const WRAPPER = 't0=$EPOCHREALTIME; "$@"; rc=$?; t1=$EPOCHREALTIME; { echo "$t0 $t1"; times; } >&3; exit $rc';

const seconds = (m: string, s: string) => Number(m) * 60 + Number(s.replace(',', '.'));

/**
 * Runs `cmd args` as a whole process, its standard output discarded; rejects
 * when the exit code is not one of `okCodes` (default 0).
 */
export function runProcess(cmd: string, args: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; okCodes?: readonly number[] } = {}): Promise<ProcRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', WRAPPER, 'bench', cmd, ...args], { cwd: o.cwd, env: o.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let fd3 = '';
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4096)));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (fd3 += b.toString()));
    let peak: number | null = haveSmapsRollup ? 0 : null;
    const ticks = new Map<number, number>();
    const sample = () => {
      if (child.pid === undefined) return;
      if (peak !== null) peak = Math.max(peak, treePssMb(child.pid));
      for (const p of descendants(child.pid)) {
        const t = cpuTicks(p);
        if (t !== undefined) ticks.set(p, Math.max(ticks.get(p) ?? 0, t));
      }
    };
    // Every ~100 ms for the first 3 s (short commands), then every ~500 ms: walking Chromium's threads and reading
    // its smaps_rollup ten times a second cost up to half a core on 2 (the bundle of 1,000 took 689 s sampled so,
    // 494 s unsampled), and its memory is a plateau that a slower sample still catches.
    const started = Date.now();
    let timer: NodeJS.Timeout;
    const tick = () => {
      sample();
      timer = setTimeout(tick, Date.now() - started < 3000 ? 100 : 500);
    };
    tick();
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = fd3.trim().split('\n');
      const [t0, t1] = (lines[0] ?? '').split(' ').map((t) => Number(t.replace(',', '.')));
      const cpu = /(\d+)m([\d.,]+)s\s+(\d+)m([\d.,]+)s/.exec(lines[2] ?? '');
      const run: ProcRun = {
        seconds: t1! - t0!,
        cpuSeconds: cpu ? seconds(cpu[1]!, cpu[2]!) + seconds(cpu[3]!, cpu[4]!) : NaN,
        sampledCpuSeconds: [...ticks.values()].reduce((a, t) => a + t, 0) / CLK_TCK,
        peakPssMb: peak,
        code: code ?? -1,
        stderrTail: stderr,
      };
      if (!Number.isFinite(run.seconds)) reject(new Error(`未能计时：${cmd} ${args.join(' ')}`));
      else if (!(o.okCodes ?? [0]).includes(run.code)) {
        reject(new Error(`${cmd} ${args.join(' ')} 退出码 ${run.code}：${stderr.trim().split('\n').slice(-3).join(' ')}`));
      } else resolve(run);
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
