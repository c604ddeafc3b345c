/**
 * The character table is precomputed (issue 16: start-up no longer parses
 * OpenCC's table): the generated module is what charMap.ts computes from
 * OpenCC now, and canonicalUnit follows it for every code unit.
 * When this fails, run: node --import tsx scripts/gen-char-table.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { describe, expect, it } from 'vitest';
import { charMappings, charTableModule } from '../../../src/parse/document/normalize/charMap.js';
import { canonicalUnit } from '../../../src/parse/document/normalize/chars.js';

const generated = join(import.meta.dirname, '..', '..', '..', 'src', 'parse', 'document', 'normalize', 'charTable.generated.ts');

describe('the precomputed character table', () => {
  const pairs = charMappings(TS_CHARACTERS);

  it('is up to date with charMap.ts and OpenCC', () => {
    expect(readFileSync(generated, 'utf8')).toBe(charTableModule(pairs));
  });

  it('gives canonicalUnit exactly its pairs, and every other code unit itself', () => {
    const to = new Map(pairs);
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const want = to.get(c) ?? c;
      if (canonicalUnit(c) !== want) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('maps every character to one the table leaves alone (薴 → 苎, not to 苧, which maps on): one pass is final', () => {
    const chained = [];
    for (let c = 0; c <= 0xffff; c++) {
      const once = canonicalUnit(c);
      if (canonicalUnit(once) !== once) chained.push(`${String.fromCharCode(c)}→${String.fromCharCode(once)}`);
    }
    expect(chained).toEqual([]);
    expect(canonicalUnit('薴'.charCodeAt(0))).toBe('苎'.charCodeAt(0));
  });

  it('holds the mappings the reports need', () => {
    const canon = (s: string) => [...s].map((ch) => String.fromCharCode(canonicalUnit(ch.charCodeAt(0)))).join('');
    expect(canon('１２３．５％')).toBe('123.5%');
    expect(canon('\u3000\u00a0')).toBe('  ');
    expect(canon('財政撥款後於')).toBe('财政拨款后于');
    expect(canon('乾坤')).toBe('乾坤');
    expect(canon('\u2ed3\u2f08')).toBe('长人');
  });
});
