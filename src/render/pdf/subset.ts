/**
 * Print fonts cut down to one document's characters. Chromium hands every
 * font a printing uses to its PDF writer whole, once per printing: for the
 * 17–21 MB CJK collections (UMing, UKai, WenQuanYi Zen Hei) that cost ~0.6 s
 * of CPU per face per printing whatever the text, three quarters of a
 * report's printing, and most of the renderer's memory. Given instead as
 * @font-face fonts under the same family names, holding only the glyphs of
 * the characters the page has, the same faces cost a few milliseconds.
 *
 * The cut keeps every glyph id (glyphs not needed are emptied, not removed),
 * so hmtx, GSUB and GPOS stay valid as they are and the layout is the full
 * face's: the same outlines, advances and metrics. The cmap lists only the
 * characters asked for that the face has, so any other character falls back
 * along the font stack exactly as it did past the full face. Embedded bitmaps,
 * vertical metrics and glyph names are left out (print uses outlines; the PDF
 * embeds CID fonts, which carry no glyph names).
 *
 * A face is found with fontconfig (fc-match, under config/fonts.conf) and read
 * lazily: its tables once per process, its glyphs as needed (kept, since
 * reports share most of their characters). A face that cannot be found or
 * read is left to Chromium as before (printFontFaces gives no rule for it).
 * Node-only.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** The system faces the print stylesheet names (PDF_FONT_STACKS, PRINT_FONT_RULES) that are worth cutting. */
export const SUBSET_FAMILIES: readonly string[] = ['AR PL UMing CN', 'AR PL UKai CN', 'WenQuanYi Zen Hei'];

/** Tables copied as they are. Everything else is rebuilt (cmap, glyf, loca, head, post) or left out. */
const KEPT_TABLES = new Set(['OS/2', 'hhea', 'hmtx', 'maxp', 'name', 'gasp', 'cvt ', 'fpgm', 'prep', 'GDEF', 'GSUB', 'GPOS', 'kern']);

interface TableRecord {
  offset: number;
  length: number;
}

/** One face of a TrueType font (a .ttf, or one face of a .ttc) with glyf outlines. */
export class TrueTypeFace {
  readonly numGlyphs: number;
  private readonly tables = new Map<string, TableRecord>();
  private readonly copies = new Map<string, Buffer>();
  private readonly loca: Uint32Array;
  private readonly cmap: Map<number, number>;
  private readonly glyphs = new Map<number, Buffer>();
  private readonly fd: number;
  private readonly gsub?: Buffer;

  /** Opens `file` (face `index` of a collection); throws if it is not a glyf TrueType face. */
  constructor(readonly file: string, index = 0) {
    this.fd = openSync(file, 'r');
    try {
      const tag = this.read(0, 4).toString('latin1');
      let dir = 0;
      if (tag === 'ttcf') {
        const faces = this.read(8, 4).readUInt32BE(0);
        if (index >= faces) throw new Error(`${file} has ${faces} faces, not ${index + 1}`);
        dir = this.read(12 + 4 * index, 4).readUInt32BE(0);
      }
      const count = this.read(dir + 4, 2).readUInt16BE(0);
      const records = this.read(dir + 12, 16 * count);
      for (let i = 0; i < count; i++) {
        const r = 16 * i;
        this.tables.set(records.toString('latin1', r, r + 4), { offset: records.readUInt32BE(r + 8), length: records.readUInt32BE(r + 12) });
      }
      for (const t of ['head', 'maxp', 'loca', 'glyf', 'cmap', 'hmtx', 'hhea']) if (!this.tables.has(t)) throw new Error(`${file}: no ${t} table`);
      const head = this.table('head');
      const maxp = this.table('maxp');
      this.numGlyphs = maxp.readUInt16BE(4);
      const long = head.readInt16BE(50) === 1;
      const locaData = this.table('loca');
      this.loca = new Uint32Array(this.numGlyphs + 1);
      for (let g = 0; g <= this.numGlyphs; g++) this.loca[g] = long ? locaData.readUInt32BE(4 * g) : 2 * locaData.readUInt16BE(2 * g);
      this.cmap = parseCmap(this.table('cmap'));
      for (const t of KEPT_TABLES) if (this.tables.has(t)) this.copies.set(t, this.table(t));
      if (this.tables.has('GSUB')) this.gsub = this.copies.get('GSUB')!;
      for (const t of ['morx', 'mort', 'CFF ', 'CFF2']) if (this.tables.has(t)) throw new Error(`${file}: has a ${t} table`);
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  /** The glyph id of a character, or 0 when the face lacks it. */
  glyphOf(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  /**
   * A TrueType font with the glyphs of `codePoints` (those the face has) and
   * of the components they are built from, every other glyph empty.
   */
  subset(codePoints: Iterable<number>): Uint8Array {
    const mapped: [number, number][] = [];
    const keep = new Set<number>([0]);
    for (const cp of codePoints) {
      const g = this.cmap.get(cp);
      if (g === undefined || g === 0) continue;
      mapped.push([cp, g]);
      keep.add(g);
    }
    mapped.sort((a, b) => a[0] - b[0]);
    // Glyphs the shaper may substitute for kept ones (ligatures, alternates, …), then the components of composite
    // glyphs (which may be composite in turn): a Set iterates over what is added while iterating.
    if (this.gsub) gsubClosure(this.gsub, keep);
    for (const g of keep) for (const c of componentsOf(this.glyph(g))) keep.add(c);

    const ids = [...keep].sort((a, b) => a - b);
    const glyf: Buffer[] = [];
    const loca = Buffer.alloc(4 * (this.numGlyphs + 1));
    let at = 0;
    let next = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      loca.writeUInt32BE(at, 4 * g);
      if (ids[next] === g) {
        next++;
        const data = this.glyph(g);
        if (data.length > 0) {
          const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
          glyf.push(padded);
          at += padded.length;
        }
      }
    }
    loca.writeUInt32BE(at, 4 * this.numGlyphs);

    const head = Buffer.from(this.table('head'));
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    const post = Buffer.alloc(32);
    this.table('post').copy(post, 0, 0, 32);
    post.writeUInt32BE(0x00030000, 0); // version 3: no glyph names

    const out = new Map<string, Buffer>(this.copies);
    out.set('head', head);
    out.set('post', post);
    out.set('loca', loca);
    out.set('glyf', Buffer.concat(glyf));
    out.set('cmap', buildCmap(mapped));
    return assemble(out);
  }

  close(): void {
    closeSync(this.fd);
  }

  private glyph(g: number): Buffer {
    let data = this.glyphs.get(g);
    if (data === undefined) {
      const start = this.loca[g]!;
      const end = this.loca[g + 1]!;
      data = end > start ? this.read(this.tables.get('glyf')!.offset + start, end - start) : Buffer.alloc(0);
      this.glyphs.set(g, data);
    }
    return data;
  }

  private table(tag: string): Buffer {
    const t = this.tables.get(tag);
    return t ? this.read(t.offset, t.length) : Buffer.alloc(0);
  }

  private read(offset: number, length: number): Buffer {
    const b = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, b, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.file}: truncated at ${offset + done}`);
      done += n;
    }
    return b;
  }
}

/** The glyph ids a composite glyph is built from (none for a simple or empty glyph). */
export function componentsOf(glyph: Buffer): number[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return [];
  const out: number[] = [];
  let p = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(p);
    out.push(glyph.readUInt16BE(p + 2));
    p += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) p += 2;
    else if (flags & 0x0040) p += 4;
    else if (flags & 0x0080) p += 8;
    if (!(flags & 0x0020) || p + 4 > glyph.length) return out;
  }
}

/** The glyphs of an OpenType coverage table. */
function coverage(t: Buffer, at: number): number[] {
  const format = t.readUInt16BE(at);
  const count = t.readUInt16BE(at + 2);
  const out: number[] = [];
  if (format === 1) for (let i = 0; i < count; i++) out.push(t.readUInt16BE(at + 4 + 2 * i));
  else if (format === 2) {
    for (let i = 0; i < count; i++) {
      const r = at + 4 + 6 * i;
      for (let g = t.readUInt16BE(r); g <= t.readUInt16BE(r + 2); g++) out.push(g);
    }
  } else throw new Error(`coverage format ${format}`);
  return out;
}

/**
 * Adds to `keep` every glyph a GSUB lookup may put in place of kept glyphs,
 * until nothing more is added. Every lookup counts, whatever feature uses it
 * (more than needed, never less); contextual lookups (types 5, 6) only call
 * other lookups, which count anyway.
 */
export function gsubClosure(gsub: Buffer, keep: Set<number>): void {
  const lookups = gsub.readUInt16BE(8);
  const count = gsub.readUInt16BE(lookups);
  const subtables: [number, number][] = [];
  for (let l = 0; l < count; l++) {
    const lookup = lookups + gsub.readUInt16BE(lookups + 2 + 2 * l);
    const lookupType = gsub.readUInt16BE(lookup);
    const n = gsub.readUInt16BE(lookup + 4);
    for (let k = 0; k < n; k++) {
      let sub = lookup + gsub.readUInt16BE(lookup + 6 + 2 * k);
      let type = lookupType;
      if (type === 7) {
        type = gsub.readUInt16BE(sub + 2);
        sub += gsub.readUInt32BE(sub + 4);
      }
      if (type === 1 || type === 2 || type === 3 || type === 4 || type === 8) subtables.push([type, sub]);
    }
  }
  for (let size = -1; size !== keep.size; ) {
    size = keep.size;
    for (const [type, at] of subtables) {
      const format = gsub.readUInt16BE(at);
      const covered = coverage(gsub, at + gsub.readUInt16BE(at + 2));
      const u16 = (o: number) => gsub.readUInt16BE(o);
      if (type === 1) {
        covered.forEach((g, i) => {
          if (keep.has(g)) keep.add(format === 1 ? (g + gsub.readInt16BE(at + 4)) & 0xffff : u16(at + 6 + 2 * i));
        });
      } else if (type === 2 || type === 3) {
        // Sequence (multiple) and alternate sets have the same shape: a list of glyph arrays.
        covered.forEach((g, i) => {
          if (!keep.has(g)) return;
          const set = at + u16(at + 6 + 2 * i);
          for (let j = 0; j < u16(set); j++) keep.add(u16(set + 2 + 2 * j));
        });
      } else if (type === 4) {
        covered.forEach((g, i) => {
          if (!keep.has(g)) return;
          const set = at + u16(at + 6 + 2 * i);
          for (let j = 0; j < u16(set); j++) {
            const lig = set + u16(set + 2 + 2 * j);
            const parts = u16(lig + 2);
            let all = true;
            for (let c = 1; c < parts && all; c++) all = keep.has(u16(lig + 2 + 2 * c));
            if (all) keep.add(u16(lig));
          }
        });
      } else if (type === 8) {
        // Reverse chaining: coverage → substitutes, after the backtrack and lookahead coverages.
        let o = at + 4;
        o += 2 + 2 * u16(o);
        o += 2 + 2 * u16(o);
        covered.forEach((g, i) => {
          if (keep.has(g)) keep.add(u16(o + 2 + 2 * i));
        });
      }
    }
  }
}

/** The face's Unicode cmap (format 12 when it has one, else format 4) as code point → glyph id. */
function parseCmap(cmap: Buffer): Map<number, number> {
  const count = cmap.readUInt16BE(2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const r = 4 + 8 * i;
    const platform = cmap.readUInt16BE(r);
    const encoding = cmap.readUInt16BE(r + 2);
    const offset = cmap.readUInt32BE(r + 4);
    const format = cmap.readUInt16BE(offset);
    const unicode = (platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0;
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format === 4)) best = { offset, format };
  }
  if (!best) throw new Error('no Unicode cmap (format 4 or 12)');
  const map = new Map<number, number>();
  const o = best.offset;
  if (best.format === 12) {
    const groups = cmap.readUInt32BE(o + 12);
    for (let i = 0; i < groups; i++) {
      const r = o + 16 + 12 * i;
      const start = cmap.readUInt32BE(r);
      const end = cmap.readUInt32BE(r + 4);
      const gid = cmap.readUInt32BE(r + 8);
      for (let c = start; c <= end; c++) map.set(c, gid + c - start);
    }
    return map;
  }
  const segs = cmap.readUInt16BE(o + 6) / 2;
  const ends = o + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const end = cmap.readUInt16BE(ends + 2 * s);
    const start = cmap.readUInt16BE(starts + 2 * s);
    const delta = cmap.readInt16BE(deltas + 2 * s);
    const range = cmap.readUInt16BE(ranges + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let g: number;
      if (range === 0) g = (c + delta) & 0xffff;
      else {
        const at = ranges + 2 * s + range + 2 * (c - start);
        g = cmap.readUInt16BE(at);
        if (g !== 0) g = (g + delta) & 0xffff;
      }
      if (g !== 0) map.set(c, g);
    }
  }
  return map;
}

/** A cmap with a (3,1) format 4 subtable for the BMP and, when there are others, a (3,10) format 12 one for all. */
function buildCmap(mapped: readonly [number, number][]): Buffer {
  const bmp = mapped.filter(([c]) => c < 0xffff);
  // Format 4: a segment per run of consecutive code points, each glyph through glyphIdArray (idRangeOffset).
  const segments: [number, number][] = [];
  for (const [c] of bmp) {
    const last = segments[segments.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else segments.push([c, c]);
  }
  segments.push([0xffff, 0xffff]);
  const n = segments.length;
  const glyphIds = bmp.map(([, g]) => g);
  const f4 = Buffer.alloc(16 + 8 * n + 2 * glyphIds.length);
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(2 * n, 6);
  const pow = 2 ** Math.floor(Math.log2(n));
  f4.writeUInt16BE(2 * pow, 8);
  f4.writeUInt16BE(Math.log2(pow), 10);
  f4.writeUInt16BE(2 * n - 2 * pow, 12);
  const ends = 14;
  const starts = ends + 2 * n + 2;
  const deltas = starts + 2 * n;
  const ranges = deltas + 2 * n;
  const array = ranges + 2 * n;
  let k = 0;
  segments.forEach(([start, end], s) => {
    f4.writeUInt16BE(end, ends + 2 * s);
    f4.writeUInt16BE(start, starts + 2 * s);
    if (start === 0xffff) {
      f4.writeInt16BE(1, deltas + 2 * s); // 0xffff → glyph 0
      f4.writeUInt16BE(0, ranges + 2 * s);
      return;
    }
    f4.writeUInt16BE(array + 2 * k - (ranges + 2 * s), ranges + 2 * s);
    k += end - start + 1;
  });
  glyphIds.forEach((g, i) => f4.writeUInt16BE(g, array + 2 * i));

  const subtables: [number, number, Buffer][] = [[3, 1, f4]];
  if (bmp.length < mapped.length) {
    const groups: [number, number, number][] = [];
    for (const [c, g] of mapped) {
      const last = groups[groups.length - 1];
      if (last && last[1] === c - 1 && last[2] + (c - last[0]) === g) last[1] = c;
      else groups.push([c, c, g]);
    }
    const f12 = Buffer.alloc(16 + 12 * groups.length);
    f12.writeUInt16BE(12, 0);
    f12.writeUInt32BE(f12.length, 4);
    f12.writeUInt32BE(groups.length, 12);
    groups.forEach(([s, e, g], i) => {
      f12.writeUInt32BE(s, 16 + 12 * i);
      f12.writeUInt32BE(e, 20 + 12 * i);
      f12.writeUInt32BE(g, 24 + 12 * i);
    });
    subtables.push([3, 10, f12]);
  }
  const header = Buffer.alloc(4 + 8 * subtables.length);
  header.writeUInt16BE(subtables.length, 2);
  let offset = header.length;
  subtables.forEach(([p, e, t], i) => {
    header.writeUInt16BE(p, 4 + 8 * i);
    header.writeUInt16BE(e, 6 + 8 * i);
    header.writeUInt32BE(offset, 8 + 8 * i);
    offset += t.length;
  });
  return Buffer.concat([header, ...subtables.map(([, , t]) => t)]);
}

function checksum(b: Buffer): number {
  let sum = 0;
  const whole = b.length - (b.length % 4);
  for (let i = 0; i < whole; i += 4) sum = (sum + b.readUInt32BE(i)) >>> 0;
  if (whole < b.length) {
    const tail = Buffer.alloc(4);
    b.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** An sfnt from its tables, sorted by tag, 4-byte aligned, with checksums and head's checkSumAdjustment. */
function assemble(tables: Map<string, Buffer>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const dir = Buffer.alloc(12 + 16 * n);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(n, 4);
  dir.writeUInt16BE(16 * pow, 6);
  dir.writeUInt16BE(Math.log2(pow), 8);
  dir.writeUInt16BE(16 * n - 16 * pow, 10);
  const parts: Buffer[] = [dir];
  let offset = dir.length;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const r = 12 + 16 * i;
    dir.write(tag, r, 4, 'latin1');
    dir.writeUInt32BE(checksum(data), r + 4);
    dir.writeUInt32BE(offset, r + 8);
    dir.writeUInt32BE(data.length, r + 12);
    if (tag === 'head') headAt = offset;
    const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
    parts.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat(parts);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return new Uint8Array(font.buffer, font.byteOffset, font.byteLength);
}

/** Where fontconfig finds `family` (under FONTCONFIG_FILE `config`): file and face index, or undefined if it names another family. */
export function locateFace(family: string, config: string): { file: string; index: number } | undefined {
  let out: string;
  try {
    out = execFileSync('fc-match', ['-f', '%{file}\\t%{index}\\t%{family}', family], {
      env: { ...process.env, FONTCONFIG_FILE: config },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  const [file, index, families] = out.split('\t');
  if (!file || !families?.split(',').includes(family)) return undefined;
  return { file, index: Number(index) || 0 };
}

/** The code points of a page of HTML, with every printable ASCII character (CSS-made text: page and 目录 numbers). */
export function pageCodePoints(html: string): Set<number> {
  const cps = new Set<number>();
  for (let c = 0x20; c < 0x7f; c++) cps.add(c);
  for (const ch of html) cps.add(ch.codePointAt(0)!);
  for (const m of html.matchAll(/&#(x[0-9a-f]+|\d+);/gi)) {
    const v = m[1]![0] === 'x' || m[1]![0] === 'X' ? parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (v > 0 && v <= 0x10ffff) cps.add(v);
  }
  return cps;
}

/** The faces of this process, opened on first use (undefined: not found or not readable; Chromium then uses the system font). */
const faces = new Map<string, TrueTypeFace | undefined>();

function faceOf(family: string, config: string): TrueTypeFace | undefined {
  if (!faces.has(family)) {
    let face: TrueTypeFace | undefined;
    const where = locateFace(family, config);
    if (where) {
      try {
        face = new TrueTypeFace(where.file, where.index);
      } catch {
        face = undefined;
      }
    }
    faces.set(family, face);
  }
  return faces.get(family);
}

/** The print fonts of one page: @font-face rules naming files by relative URL, and those files. */
export interface PrintFonts {
  css: string;
  files: Record<string, Uint8Array>;
}

/**
 * @font-face rules that put, under each of SUBSET_FAMILIES's names, that
 * face cut down to the code points of `html` (see pageCodePoints), as files
 * beside the page. The weight range keeps Chromium from faking bold or
 * reaching for another face. `config`: the FONTCONFIG_FILE Chromium runs under.
 */
export function printFonts(html: string, config: string): PrintFonts {
  const cps = pageCodePoints(html);
  let css = '';
  const files: Record<string, Uint8Array> = {};
  for (const family of SUBSET_FAMILIES) {
    const face = faceOf(family, config);
    if (!face) continue;
    const data = face.subset(cps);
    // Named by content: a page never meets an earlier printing's font under the same name.
    const name = `font-${createHash('sha1').update(data).digest('hex').slice(0, 20)}.ttf`;
    files[name] = data;
    css += `@font-face { font-family: '${family}'; src: url('${name}') format('truetype'); font-weight: 1 1000; font-style: normal; }\n`;
  }
  return { css, files };
}
