/**
 * Reading our zip packages back in tests (stored and deflated entries), and
 * writing a tampered copy with our own zip writer.
 */
import { inflateRawSync } from 'node:zlib';
import { zip } from '../../src/render/ooxml/zip.js';

export interface ZipEntry {
  data: Buffer;
  dosTime: number;
  dosDate: number;
}

export function unzip(bytes: Uint8Array): Map<string, ZipEntry> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = new Map<string, ZipEntry>();
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    entries.set(name, {
      data: method === 0 ? raw : inflateRawSync(raw),
      dosTime: buf.readUInt16LE(p + 12),
      dosDate: buf.readUInt16LE(p + 14),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every part as text. */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries([...unzip(bytes)].map(([name, e]) => [name, e.data.toString('utf8')]));
}

/** Text parts back into a package, in the given order. */
export function zipText(parts: Record<string, string>): Uint8Array {
  return zip(Object.entries(parts).map(([name, data]) => ({ name, data })));
}
