/** Stored files (bundle files and job files): their checks and their rows. */
import { createHash } from 'node:crypto';
import type { BundleFile } from '../api/contract.js';
import type { Row } from './db.js';
import { bytes, int, str } from './rows.js';
import type { NewBundleFile } from './types.js';

/** Refuses a file whose stated size or SHA-256 is not its bytes' (nothing is written). */
export function checkFile(f: NewBundleFile): void {
  if (f.bytes !== f.data.byteLength) {
    throw new Error(`文件“${f.name}”的大小不符：声明 ${f.bytes} 字节，实际 ${f.data.byteLength} 字节`);
  }
  const actual = createHash('sha256').update(f.data).digest('hex');
  if (f.sha256 !== actual) {
    throw new Error(`文件“${f.name}”的 SHA-256 校验值不符：声明 ${f.sha256}，实际 ${actual}`);
  }
}

export const toFileMeta = (r: Row): BundleFile => ({
  name: str(r.name),
  mediaType: str(r.media_type),
  bytes: int(r.bytes),
  sha256: str(r.sha256),
});

export const toFile = (r: Row): BundleFile & { data: Uint8Array } => ({ ...toFileMeta(r), data: bytes(r.data) });
