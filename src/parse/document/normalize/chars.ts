/**
 * One-to-one character canonicalisation: each UTF-16 code unit maps to at
 * most one code unit, so the index map needs no bookkeeping here. What maps
 * to what (full-width forms, spaces, radicals, traditional → simplified) is
 * charMap.ts's; its pairs are precomputed at build time into
 * charTable.generated.ts, so start-up neither loads nor parses OpenCC's table.
 */
import { FROM, TO } from './charTable.generated.js';

function build(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let i = 0; i < FROM.length; i++) table[FROM.charCodeAt(i)] = TO.charCodeAt(i);
  return table;
}

const TABLE = build();

/** The canonical form of one code unit (itself when nothing applies). */
export function canonicalUnit(code: number): number {
  return TABLE[code] || code;
}
