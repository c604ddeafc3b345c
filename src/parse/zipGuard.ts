/**
 * Reads a zip package (.xlsx, .docx) by hand before a library sees it.
 * exceljs and mammoth (through JSZip) inflate every entry fully into memory,
 * so a small hostile file could exhaust memory or time. Here the central
 * directory is read directly and each entry is inflated with a hard output
 * cap (the size the directory declares), which also catches entries that lie
 * about their size. Every refusal goes through the caller's `refuse`, so each
 * importer keeps its own error class; messages are Chinese.
 */
import { inflateRawSync } from 'node:zlib';

/** What the package is, for the advice in messages. */
export interface ZipKind {
  /** ".xlsx" */
  ext: string;
  /** "Excel" */
  app: string;
  /** "工作簿" */
  noun: string;
  /** What to do after removing a password: "再导入". */
  retry: string;
}

export const XLSX_KIND: ZipKind = { ext: '.xlsx', app: 'Excel', noun: '工作簿', retry: '再导入' };
export const DOCX_KIND: ZipKind = { ext: '.docx', app: 'Word', noun: '文档', retry: '再试' };

export interface ZipLimits {
  /** Largest total uncompressed size of all entries, in bytes. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Throws the caller's error with a Chinese message. */
export type Refuse = (message: string) => never;

const MB = 1024 * 1024;
export const mb = (n: number) => (n / MB >= 10 ? Math.round(n / MB) : Math.round((n / MB) * 10) / 10);

/** Reads the zip central directory; anything malformed or unsupported is refused. */
export function readCentralDirectory(buf: Buffer, limits: ZipLimits, kind: ZipKind, refuse: Refuse): ZipEntry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse(`文件已损坏或不完整：找不到 zip 目录（${kind.ext} 文件是一个 zip 压缩包）。请重新导出或另存为 ${kind.ext} 后再试。`);
  const zip64 = `不支持 ZIP64 格式的文件；正常的 ${kind.ext} 不会用到它。请用 ${kind.app} 另存为 ${kind.ext} 后再试。`;
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0) refuse('不支持分卷压缩的文件。');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse(zip64);
  if (count > limits.maxEntries) refuse(`压缩包中的文件过多（${count} 个），上限 ${limits.maxEntries} 个。`);
  if (cdOffset + cdSize > eocd) refuse('文件已损坏：zip 目录的位置不对。');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) refuse('文件已损坏：zip 目录项格式不对。');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) refuse('文件已损坏：zip 目录项超出范围。');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (flags & 0x1) refuse(`${kind.noun}已加密（设置了打开密码），无法读取。请取消密码后另存为 ${kind.ext} ${kind.retry}。`);
    if (method !== 0 && method !== 8) refuse(`压缩包中的“${name}”使用了不支持的压缩方式（${method}）。请用 ${kind.app} 另存为 ${kind.ext} 后再试。`);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) refuse(zip64);
    if (uncompressedSize > limits.maxUncompressedBytes) {
      refuse(`文件解压后过大（“${name}”声明 ${mb(uncompressedSize)} MB，上限 ${mb(limits.maxUncompressedBytes)} MB），可能是恶意构造的压缩包（zip 炸弹），已拒绝。`);
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      refuse(`文件解压后过大（超过 ${mb(limits.maxUncompressedBytes)} MB），可能是恶意构造的压缩包（zip 炸弹），已拒绝。`);
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's data, inflated with a hard cap at its declared size. */
export function entryData(buf: Buffer, e: ZipEntry, refuse: Refuse): Buffer {
  const h = e.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) refuse(`文件已损坏：找不到“${e.name}”的数据。`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) refuse(`文件已损坏或不完整：“${e.name}”的数据被截断。`);
  const raw = buf.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) refuse(`文件已损坏：“${e.name}”的大小不一致。`);
    return raw;
  }
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      refuse(`压缩包中的“${e.name}”解压后比声明的大小（${e.uncompressedSize} 字节）更大，可能是恶意构造的压缩包（zip 炸弹），已拒绝。`);
    }
    refuse(`文件已损坏：“${e.name}”无法解压。`);
  }
  if (out.length !== e.uncompressedSize) refuse(`文件已损坏：“${e.name}”解压后的大小与声明不符。`);
  return out;
}
