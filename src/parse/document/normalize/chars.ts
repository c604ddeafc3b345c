/**
 * One-to-one character canonicalisation: each UTF-16 code unit maps to at
 * most one code unit, so the index map needs no bookkeeping here.
 * - full-width digits, Latin letters, ％ ． ＋ － and the ideographic space → ASCII,
 *   no-break and fixed-width spaces → a space; Chinese punctuation （），。；：“” stays;
 * - Kangxi radicals (U+2F00–U+2FD5) → NFKC, CJK radical supplement → radicals.ts;
 * - traditional → simplified, character by character, from OpenCC's table.
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { RADICAL_SUPPLEMENT } from './radicals.js';

/**
 * OpenCC's traditional characters that are also in GB 2312 can be correct
 * simplified text (乾坤, 蒜薹, 醣), so they stay. The other four such
 * characters, 後 於 徵 麽, are mapped: in a simplified report they only ever
 * stand for 后 于 征 么.
 */
const KEEP_AS_IS = new Set([...'乾吒夥拚捱摺榘菸薹袷醣麴']);

function build(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const set = (from: number, to: string) => {
    if (to.length === 1 && to.charCodeAt(0) !== from) table[from] = to.charCodeAt(0);
  };
  for (let c = 0xff10; c <= 0xff19; c++) set(c, String.fromCharCode(c - 0xfee0));
  for (let c = 0xff21; c <= 0xff3a; c++) set(c, String.fromCharCode(c - 0xfee0));
  for (let c = 0xff41; c <= 0xff5a; c++) set(c, String.fromCharCode(c - 0xfee0));
  set(0xff05, '%');
  set(0xff0e, '.');
  set(0xff0b, '+');
  set(0xff0d, '-');
  // The ideographic space, and no-break and fixed-width spaces (Word and web pages are full of U+00A0).
  for (const c of [0x3000, 0x00a0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f]) set(c, ' ');

  const trad = new Map<string, string>();
  for (const entry of TS_CHARACTERS.split('|')) {
    const [from, to] = entry.split(' ');
    if (from?.length === 1 && to?.length === 1 && !KEEP_AS_IS.has(from)) trad.set(from, to);
  }
  const simplify = (ch: string) => trad.get(ch) ?? ch;
  for (const [from, to] of trad) set(from.charCodeAt(0), to);
  for (let c = 0x2f00; c <= 0x2fd5; c++) set(c, simplify(String.fromCharCode(c).normalize('NFKC')));
  for (const [code, to] of Object.entries(RADICAL_SUPPLEMENT)) set(Number(code), simplify(to));
  return table;
}

const TABLE = build();

/** The canonical form of one code unit (itself when nothing applies). */
export function canonicalUnit(code: number): number {
  return TABLE[code] || code;
}
