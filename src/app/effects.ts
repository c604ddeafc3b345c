/**
 * What the services do to the outside world, passed in so that tests can record
 * it and the CLI, the batch workers and the server can each bring their own:
 * reading inputs, writing outputs (atomically) and printing. Also the errors a
 * user is shown, and the Node implementation (the file system and the terminal).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { MAX_DATASET_BYTES } from '../model/limits.js';

export interface Effects {
  readText(path: string): string;
  /** Writes the whole file or nothing: a failure leaves no partial file. */
  writeFile(path: string, data: Uint8Array | string): void;
  out(line: string): void;
  err(line: string): void;
}

/** A user-facing failure: printed as is (no stack), with an exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A file that cannot be read as text; `code` is the system's (ENOENT …) when there is one. The message is Chinese. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Why a file-system call failed, in Chinese (the system's own message is English). */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return '文件或文件夹不存在';
    case 'EACCES': case 'EPERM': return '没有权限';
    case 'EROFS': return '所在的文件系统是只读的';
    case 'ENOTDIR': return '路径中的某一级是文件，不是文件夹';
    case 'EISDIR': return '这是一个文件夹，不是文件';
    case 'ENOSPC': return '磁盘空间不足';
    case 'EDQUOT': return '超出磁盘配额';
    case 'ENAMETOOLONG': return '路径过长';
    case 'EMFILE': case 'ENFILE': return '同时打开的文件过多';
    case 'EIO': return '读写设备出错';
    case 'EEXIST': return '同名文件已存在';
    default: return `系统错误${code ? ` ${code}` : ''}`;
  }
}

/**
 * A text input (a dataset, a mapping file): refused before reading when larger than `maxBytes`;
 * binary content and bytes that are not UTF-8 are refused with their own message, never
 * decoded into replacement characters. A UTF-8 byte-order mark is dropped; UTF-16 text
 * (what Windows Notepad calls “Unicode”) is decoded.
 */
export function readTextFile(path: string, maxBytes = MAX_DATASET_BYTES): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ReadError('这是一个文件夹，不是数据文件', 'EISDIR');
    // A device or a pipe has no size to check and may never end (/dev/zero).
    if (!st.isFile()) throw new ReadError('不是普通文件（设备或管道），无法作为数据文件读取');
    size = st.size;
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(fsReason(e), (e as NodeJS.ErrnoException).code);
  }
  if (size > maxBytes) {
    throw new ReadError(`文件过大（${mb(size)} MB），数据文件的上限为 ${maxBytes / 1024 / 1024} MB；请确认没有选错文件`, 'EFBIG');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ReadError(fsReason(e), (e as NodeJS.ErrnoException).code);
  }
  return decodeText(bytes);
}

/** UTF-8 (or UTF-16 with its byte-order mark) bytes → text; binary or other encodings refused in Chinese. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new ReadError(`文件含有二进制内容（第 ${nul + 1} 个字节为 0），不是 YAML/JSON 文本文件；请确认没有选错文件`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidUtf8(bytes);
    throw new ReadError(`文件不是 UTF-8 编码的文本（第 ${line} 行起有无法识别的字节）：可能是二进制文件，或以 GBK/GB18030 等编码保存；请用 UTF-8 编码另存后再试`);
  }
}

/** 1-based line of the first byte sequence that is not UTF-8 (where the lenient decoder puts its first U+FFFD). */
function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Writes the whole file or nothing. A folder that cannot be created or written
 * (no permission, read-only, a file in the way, a full disk) is the user's to fix:
 * a UserError (exit 2) naming the folder, and no file left behind.
 */
export function writeAtomically(path: string, data: Uint8Array | string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).syscall === undefined) throw e;
    throw new UserError(`无法创建输出文件夹 ${dir}：${fsReason(e)}`);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was written, or the folder forbids removing it too: the error below is what matters.
    }
    // Only the file system's refusals are the user's to fix; anything else is a bug.
    if ((e as NodeJS.ErrnoException).syscall === undefined) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const inFolder = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC' || code === 'EDQUOT';
    throw new UserError(inFolder ? `无法写入输出文件夹 ${dir}：${fsReason(e)}` : `无法写入 ${path}：${fsReason(e)}`);
  }
}

export const nodeEffects: Effects = {
  readText: (path) => readTextFile(path),
  writeFile: writeAtomically,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
