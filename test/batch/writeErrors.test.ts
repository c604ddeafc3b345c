/**
 * An output folder that cannot be written (no permission, a read-only file system, a full
 * disk) is the user's to fix: exit 2 with the folder named, never “内部错误” (exit 3), and
 * nothing left behind. Running as root, permissions do not stop writes, so the file
 * system's refusals are simulated here; a path through a file is real.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const failing = vi.hoisted(() => ({ code: undefined as string | undefined, call: 'writeFileSync' as 'writeFileSync' | 'renameSync' | 'mkdirSync' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const refuse = <F extends (...a: never[]) => unknown>(name: typeof failing.call, f: F) =>
    ((...args: Parameters<F>) => {
      if (failing.code && failing.call === name) {
        throw Object.assign(new Error(`${failing.code}: simulated, ${name} '${String(args[0])}'`), { code: failing.code, syscall: name.replace('Sync', '') });
      }
      return f(...args);
    }) as unknown as F;
  return {
    ...fs,
    default: fs,
    writeFileSync: refuse('writeFileSync', fs.writeFileSync),
    renameSync: refuse('renameSync', fs.renameSync),
    mkdirSync: refuse('mkdirSync', fs.mkdirSync),
  };
});

const { nodeEffects, UserError, writeAtomically } = await import('../../src/app/effects.js');
const { run } = await import('../../src/cli/main.js');
const { examplesDir } = await import('../../src/cli/demo.js');

// The complete example: it renders final, so only the output folder can stop it.
const example = join(examplesDir(), 'qingjiang-cdc-2024.yaml');
const fresh = () => mkdtempSync(join(tmpdir(), 'write-errors-'));
function recording() {
  const errLines: string[] = [];
  const outLines: string[] = [];
  return { ...nodeEffects, out: (l: string) => outLines.push(l), err: (l: string) => errLines.push(l), errLines, outLines };
}

afterEach(() => {
  failing.code = undefined;
});

describe('writeAtomically refuses in Chinese, naming the folder', () => {
  it.each([
    ['EACCES', 'writeFileSync', '无法写入输出文件夹 {dir}：没有权限'],
    ['EROFS', 'writeFileSync', '无法写入输出文件夹 {dir}：所在的文件系统是只读的'],
    ['ENOSPC', 'writeFileSync', '无法写入输出文件夹 {dir}：磁盘空间不足'],
    ['EACCES', 'renameSync', '无法写入输出文件夹 {dir}：没有权限'],
    ['EROFS', 'mkdirSync', '无法创建输出文件夹 {dir}：所在的文件系统是只读的'],
  ] as const)('%s from %s', (code, call, message) => {
    const dir = fresh();
    failing.code = code;
    failing.call = call;
    let thrown: unknown;
    try {
      writeAtomically(join(dir, 'a.html'), 'x');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as InstanceType<typeof UserError>).exitCode).toBe(2);
    expect((thrown as Error).message).toBe(message.replace('{dir}', dir));
    failing.code = undefined;
    expect(readdirSync(dir)).toEqual([]);
  });
  it('an error that is not the file system’s stays an error (a bug is not the user’s to fix)', () => {
    const dir = fresh();
    expect(() => writeAtomically(join(dir, 'a.txt'), { not: 'bytes' } as unknown as string)).toThrow(TypeError);
  });
});

describe('juesuan render into a folder it cannot write', () => {
  it('a read-only folder: exit 2, the folder named, no stack, nothing written', async () => {
    const out = fresh();
    failing.code = 'EROFS';
    failing.call = 'writeFileSync';
    const fx = recording();
    expect(await run(['render', example, '-o', out, '-f', 'txt'], fx)).toBe(2);
    expect(fx.errLines).toEqual([`错误：无法写入输出文件夹 ${out}：所在的文件系统是只读的`]);
    failing.code = undefined;
    expect(readdirSync(out)).toEqual([]);
  });
  it('a path through a file (not simulated): exit 2 naming the folder', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'file'), 'x');
    const out = join(dir, 'file', 'out');
    const fx = recording();
    expect(await run(['render', example, '-o', out, '-f', 'txt'], fx)).toBe(2);
    expect(fx.errLines).toEqual([`错误：无法创建输出文件夹 ${out}：路径中的某一级是文件，不是文件夹`]);
  });
  it('in a batch, each file fails with the folder named and the batch exits 2', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'file'), 'x');
    const out = join(dir, 'file', 'out');
    const fx = recording();
    expect(await run(['render', example, '-o', out, '-f', 'txt', '-j', '1'], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toContain(`无法创建输出文件夹 ${out}：路径中的某一级是文件，不是文件夹`);
    expect(fx.errLines.join('\n')).not.toContain('内部错误');
  });
});
