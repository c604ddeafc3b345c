/**
 * Numbers in one canonical spelling, so the extractor reads "1234567.89" and
 * "3.8%" however the report typed them:
 * - thousands separators go when every group after the first has exactly three
 *   digits: "1,234,567.89" → "1234567.89". With the Chinese comma a single
 *   group is also an enumeration ("分别为555，580"), so "，" is removed only
 *   with two or more groups or a decimal part ("1，234，567.89", "1，234.5");
 * - spaces next to a decimal point go: "390. 55" → "390.55", except after a
 *   one- or two-digit list number at the start of a line ("1. 2022年…");
 * - one space between a number and "%" or a unit goes: "3.8 %" → "3.8%",
 *   "1193.39 万元" → "1193.39万元". Wider gaps are table columns and stay.
 */
import { Edits, type Mapped } from './edit.js';

const GROUPED = /(?<![\d.]|\d[,，])\d{1,3}(?:[,，]\d{3})+(?!\d|[,，]\d)(\.\d)?/g;
// (?<!\d\d) after the first digit: a match starts only where a digit run starts, so long runs cost linear time (and the
// look-behind is tried only at digits, not at every position).
const DECIMAL_SPACE = /(\d(?<!\d\d)\d*)\.( +)(?=\d)|\d( +)(?=\.\d)/g;
const UNITS = '%|‰|万元|亿元|千元|元|万|亿|个|人|名|辆|台|套|批|次|项|件|家|户|天|年|月|日|倍|岁|小时|平方米|公里';
// The look-behind after the space: tried only at spaces.
const UNIT_SPACE = new RegExp(String.raw` (?<=\d )(?=${UNITS})`, 'g');

/** Only spaces or tabs between the line start and `at`. */
function atLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n';
}

export function canonicalNumbers(m: Mapped): Edits {
  const { text } = m;
  const edits = new Edits(text.length);
  for (const hit of text.matchAll(GROUPED)) {
    const groups = hit[0].replace(/\.\d$/, '');
    const chinese = groups.includes('，');
    if (chinese && groups.split(/[,，]/).length < 3 && hit[1] === undefined) continue;
    for (let i = 0; i < groups.length; i++) if (groups[i] === ',' || groups[i] === '，') edits.drop(hit.index + i);
  }
  for (const hit of text.matchAll(DECIMAL_SPACE)) {
    if (hit[1] !== undefined) {
      if (hit[1].length <= 2 && atLineStart(text, hit.index)) continue;
      const at = hit.index + hit[1].length + 1;
      edits.drop(at, at + hit[2]!.length);
    } else {
      edits.drop(hit.index + 1, hit.index + 1 + hit[3]!.length);
    }
  }
  for (const hit of text.matchAll(UNIT_SPACE)) edits.drop(hit.index);
  return edits;
}
