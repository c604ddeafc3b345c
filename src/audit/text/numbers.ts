/**
 * Figures in a sentence: a decimal number and the unit written after it.
 * Years, dates, document numbers, list numbering and classification codes are
 * not figures. Regexes are linear (no nested quantifiers), so hostile input
 * cannot make them backtrack.
 */
import { allMatches } from './matches.js';
import type { Segment } from './segments.js';

export interface NumberToken {
  /** Absolute offsets of the number and its unit. */
  start: number;
  end: number;
  /** Absolute offset where the number's digits start (sign included). */
  numStart: number;
  numEnd: number;
  /** Decimal string, thousands separators removed ("-12.5"). */
  value: string;
  /** Unit as written ('' when none). */
  unit: string;
  /** "--%": a rate the report marks as not computable. */
  dash?: true;
}

/** Longest first: 人次 before 人, 个百分点 before 个. */
const UNITS = [
  '万元', '亿元', '元', '个百分点', '%', '％', '批次', '批', '人次', '人/次', '台（套）', '台(套)', '辆', '个', '人', '名', '项', '次', '台', '套', '件', '家', '份', '条', '起',
];
/** UNITS by their first character, in UNITS' order (a figure is followed by one of a few characters, if any). */
const UNITS_BY_FIRST = new Map<string, string[]>();
for (const u of UNITS) {
  const list = UNITS_BY_FIRST.get(u[0]!);
  if (list) list.push(u);
  else UNITS_BY_FIRST.set(u[0]!, [u]);
}
const NOT_FIGURE_AFTER = /^[年月日号时]|^季度|^周岁|^位小数/;
// Thousands separators, with a stray space after the comma as Word and PDF conversions leave it ("1, 537.4").
const NUMBER = /(-|－)?(\d{1,3}(?:, ?\d{3}(?![\d]))+|\d{1,3}(?:,\d{3})+|\d+)(?:[.．](\d+))?/g;

/** "--%": a rate marked as not computable. */
const DASH_RATE = /-{1,2}\s?[%％]/g;
const GLUED_BEFORE = /[\dA-Za-z.]/;
const WAN_ALONE = /^万(?![\u4e00-\u9fff\d])/;
const CODE_DIGITS = /^\d{3}$|^\d{5}$|^\d{7}$/;
const IDEOGRAPH_FIRST = /^[\u4e00-\u9fff]/;
const DIGIT = /\d/;

/** Offsets inside 《…》, 〔…〕, […] and “…号” document references (not figures). */
function shieldedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const pairs: [string, string][] = [['《', '》'], ['〔', '〕'], ['[', ']'], ['<', '>']];
  for (const [open, close] of pairs) {
    let i = text.indexOf(open);
    while (i >= 0) {
      const j = text.indexOf(close, i + 1);
      if (j < 0 || j - i > 200) break;
      out.push([i, j]);
      i = text.indexOf(open, j + 1);
    }
  }
  return out;
}

/** A list number at the start of a sentence or line: "1.", "2、", "（3）", "(4)". */
export const LEADING_NUMBERING = /^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|\d{1,2}\s*[.．、](?!\d+\s*(?:[%％万亿元]))|[一二三四五六七八九十]{1,3}\s*[、.．])/;

export function scanNumbers(seg: Segment): NumberToken[] {
  const text = seg.text;
  const shield = shieldedRanges(text);
  const lead = LEADING_NUMBERING.exec(text);
  const skipUntil = lead ? lead[0].length : 0;
  const out: NumberToken[] = [];
  for (const m of allMatches(NUMBER, text)) {
    const at = m.index;
    if (at < skipUntil) continue;
    const prev = text[at - 1] ?? '';
    if (GLUED_BEFORE.test(prev)) continue;
    if (shield.some(([a, b]) => at > a && at < b)) continue;
    // What follows, as far as any test below looks (a 2-space gap and a 4-character unit).
    const after = text.slice(at + m[0].length, at + m[0].length + 8);
    if (NOT_FIGURE_AFTER.test(after)) continue;
    // Up to two spaces or tabs between the number and its unit.
    let gap = 0;
    while (gap < 2 && (after[gap] === ' ' || after[gap] === '\t')) gap++;
    const trimmed = gap > 0 ? after.slice(gap) : after;
    // "合计为1000.86万，其中…": 万 alone is 万元 (not 万人、万次 …).
    const unit = UNITS_BY_FIRST.get(trimmed[0]!)?.find((u) => trimmed.startsWith(u)) ?? (WAN_ALONE.test(trimmed) && m[3] !== undefined ? '万' : '');
    // Codes: 3/5/7-digit integers glued to a name ("204公共安全支出", "2040201行政运行").
    if (!unit && !m[3] && CODE_DIGITS.test(m[2]!) && IDEOGRAPH_FIRST.test(after)) continue;
    const sign = m[1] ? '-' : '';
    const digits = m[2]!.includes(',') ? m[2]!.replace(/, ?/g, '') : m[2]!;
    const value = `${sign}${digits}${m[3] !== undefined ? `.${m[3]}` : ''}`;
    const numEnd = seg.start + at + m[0].length;
    out.push({
      start: seg.start + at, numStart: seg.start + at, numEnd,
      end: numEnd + (unit ? gap + unit.length : 0),
      value, unit: unit === '％' ? '%' : unit === '台(套)' ? '台（套）' : unit === '万' ? '万元' : unit === '批' ? '批次' : unit,
    });
  }
  const figures = out.length;
  for (const m of allMatches(DASH_RATE, text)) {
    const prev = text[m.index - 1] ?? '';
    if (DIGIT.test(prev)) continue;
    out.push({ start: seg.start + m.index, end: seg.start + m.index + m[0].length, numStart: seg.start + m.index, numEnd: seg.start + m.index, value: '', unit: '%', dash: true });
  }
  // The figures come in text order: only "--%" marks need sorting in among them.
  return out.length > figures ? out.sort((a, b) => a.start - b.start) : out;
}
