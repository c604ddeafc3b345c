/**
 * The print fonts cut down to a page's characters (src/render/pdf/subset.ts):
 * the cut keeps the glyphs asked for, and what the shaper and composite
 * glyphs need, and nothing else; the cmap names only those characters.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FONTS_CONF } from '../../src/render/pdf/index.js';
import { componentsOf, gsubClosure, locateFace, pageCodePoints, printFonts, SUBSET_FAMILIES, TrueTypeFace } from '../../src/render/pdf/subset.js';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-subset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const uming = locateFace('AR PL UMing CN', FONTS_CONF);

describe('pageCodePoints', () => {
  it('has every character of the page, numeric references decoded, and all printable ASCII', () => {
    const cps = pageCodePoints('<p>决算&#x4e2d;&#22269;</p>');
    for (const ch of '决算中国<>/p') expect(cps.has(ch.codePointAt(0)!)).toBe(true);
    for (let c = 0x20; c < 0x7f; c++) expect(cps.has(c)).toBe(true);
    expect(cps.has('收'.codePointAt(0)!)).toBe(false);
  });
});

describe('componentsOf', () => {
  it('lists the glyphs a composite glyph is built from, whatever the argument and scale sizes', () => {
    const g = Buffer.alloc(10 + 8 + 8 + 10);
    g.writeInt16BE(-1, 0);
    let p = 10;
    // byte arguments, a scale, more components
    g.writeUInt16BE(0x0020 | 0x0008, p);
    g.writeUInt16BE(7, p + 2);
    p += 4 + 2 + 2;
    // word arguments, more components
    g.writeUInt16BE(0x0020 | 0x0001, p);
    g.writeUInt16BE(300, p + 2);
    p += 4 + 4;
    // byte arguments, the last one
    g.writeUInt16BE(0, p);
    g.writeUInt16BE(12, p + 2);
    expect(componentsOf(g)).toEqual([7, 300, 12]);
    const simple = Buffer.alloc(12);
    simple.writeInt16BE(1, 0);
    expect(componentsOf(simple)).toEqual([]);
  });
});

/** A GSUB with one ligature lookup (5 6 → 9) and one single substitution (9 → 12, format 2). */
function sampleGsub(): Buffer {
  const b = Buffer.alloc(200);
  b.writeUInt32BE(0x00010000, 0);
  b.writeUInt16BE(10, 4); // ScriptList (empty)
  b.writeUInt16BE(12, 6); // FeatureList (empty)
  b.writeUInt16BE(14, 8); // LookupList
  // LookupList at 14: two lookups
  b.writeUInt16BE(2, 14);
  b.writeUInt16BE(6, 16); // lookup 0 at 20
  b.writeUInt16BE(40, 18); // lookup 1 at 54
  // lookup 0 at 20: type 4, one subtable at +8 = 28
  b.writeUInt16BE(4, 20);
  b.writeUInt16BE(1, 24);
  b.writeUInt16BE(8, 26);
  // LigatureSubst at 28: coverage at +8 (36), one set at +14 (42)
  b.writeUInt16BE(1, 28);
  b.writeUInt16BE(8, 30);
  b.writeUInt16BE(1, 32);
  b.writeUInt16BE(14, 34);
  // coverage format 1 at 36: [5]
  b.writeUInt16BE(1, 36);
  b.writeUInt16BE(1, 38);
  b.writeUInt16BE(5, 40);
  // LigatureSet at 42: one ligature at +4 (46)
  b.writeUInt16BE(1, 42);
  b.writeUInt16BE(4, 44);
  // Ligature at 46: glyph 9, 2 components, second = 6
  b.writeUInt16BE(9, 46);
  b.writeUInt16BE(2, 48);
  b.writeUInt16BE(6, 50);
  // lookup 1 at 54: type 1, one subtable at +8 = 62
  b.writeUInt16BE(1, 54);
  b.writeUInt16BE(1, 58);
  b.writeUInt16BE(8, 60);
  // SingleSubst format 2 at 62: coverage at +8 (70), one substitute 12
  b.writeUInt16BE(2, 62);
  b.writeUInt16BE(8, 64);
  b.writeUInt16BE(1, 66);
  b.writeUInt16BE(12, 68);
  // coverage format 2 at 70: range 9–9
  b.writeUInt16BE(2, 70);
  b.writeUInt16BE(1, 72);
  b.writeUInt16BE(9, 74);
  b.writeUInt16BE(9, 76);
  b.writeUInt16BE(0, 78);
  return b;
}

describe('gsubClosure', () => {
  it('adds a ligature when all its parts are kept, and what later lookups make of it', () => {
    const keep = new Set([0, 5, 6]);
    gsubClosure(sampleGsub(), keep);
    expect([...keep].sort((a, b) => a - b)).toEqual([0, 5, 6, 9, 12]);
  });

  it('adds nothing for a ligature missing a part', () => {
    const keep = new Set([0, 5]);
    gsubClosure(sampleGsub(), keep);
    expect([...keep]).toEqual([0, 5]);
  });
});

describe.skipIf(uming === undefined)('TrueTypeFace.subset (AR PL UMing CN)', () => {
  const face = new TrueTypeFace(uming!.file, uming!.index);
  afterAll(() => face.close());
  const text = '部门决算公开2024年（单位：万元）—';
  const cps = [...text].map((c) => c.codePointAt(0)!);

  it('keeps the glyph ids and the asked characters, and drops the others', () => {
    const file = join(dir, 'cut.ttf');
    writeFileSync(file, face.subset(cps));
    const cut = new TrueTypeFace(file);
    try {
      expect(cut.numGlyphs).toBe(face.numGlyphs);
      for (const cp of cps) {
        expect(face.glyphOf(cp)).not.toBe(0);
        expect(cut.glyphOf(cp)).toBe(face.glyphOf(cp));
      }
      expect(face.glyphOf('国'.codePointAt(0)!)).not.toBe(0);
      expect(cut.glyphOf('国'.codePointAt(0)!)).toBe(0);
      // A tiny fraction of the 21 MB collection.
      expect(statSync(file).size).toBeLessThan(600_000);
      // Cutting the cut again keeps every glyph byte for byte.
      expect(Buffer.from(cut.subset(cps)).equals(Buffer.from(face.subset(cps)))).toBe(true);
    } finally {
      cut.close();
    }
  });

  it('gives @font-face rules under the system names, with the files beside the page', () => {
    const fonts = printFonts(`<p>${text}</p>`, FONTS_CONF);
    for (const family of SUBSET_FAMILIES) if (locateFace(family, FONTS_CONF)) expect(fonts.css).toContain(`font-family: '${family}'`);
    const names = [...fonts.css.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]!);
    expect(names.sort()).toEqual(Object.keys(fonts.files).sort());
    expect(locateFace('No Such Family', FONTS_CONF)).toBeUndefined();
  });
});
