/**
 * Numbered headings and list items: 第一部分 → 一、 → （一） → 1. → （1）.
 * Word conversions turn some numbers into Arabic ("9、", "（2）", "第3部分");
 * such a label takes the level of the sibling sequence it continues.
 */
import { cnNumber } from '../text/cnNumber.js';
import type { Segment } from '../text/segments.js';
import type { Heading, Span } from '../types.js';
import { classByName } from './functional.js';

const PATTERNS: { style: string; re: RegExp; level: number }[] = [
  { style: 'part', re: /^第\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*部分\s*/, level: 1 },
  { style: 'cn', re: /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*/, level: 2 },
  { style: 'paren-cn', re: /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/, level: 3 },
  { style: 'arabic-dun', re: /^(\d{1,2})\s*、\s*/, level: 4 },
  // "18.2018年度绥芬河市政府决算报告": a number, then a title that starts with a year.
  { style: 'arabic', re: /^(\d{1,2})\s*[.．](?:(?!\d)|(?=\d{4}年))\s*/, level: 4 },
  { style: 'paren-arabic', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/, level: 5 },
];

/** Text that starts with a 功能分类 class name and says nothing else but figures ("外交支出", "国防支出0万元；"). */
function functionalItem(text: string): boolean {
  const m = /^([\u4e00-\u9fff（）()]{2,16}?支出)(?:[（(]类[）)])?(?:[\s:：，,]*(?:-?[\d,.]+\s*(?:万元|元)?[，,；;。]?\s*)*)$/.exec(text);
  return m !== null && classByName(m[1]!) !== undefined;
}

const headingLike = (text: string) => text.length <= 30 && !/[。；;]./.test(text) && !/\d+(?:\.\d+)?\s*(?:万元|元|%)/.test(text);

export function readHeadings(lines: Segment[], exclude: Span[] = []): Heading[] {
  const raw: Heading[] = [];
  for (const l of lines) {
    if (exclude.some((x) => l.start >= x.start && l.start < x.end)) continue;
    const lead = l.text.length - l.text.trimStart().length;
    const t = l.text.trim();
    for (const p of PATTERNS) {
      const m = p.re.exec(t);
      if (!m) continue;
      const n = /\d/.test(m[1]!) ? Number(m[1]) : cnNumber(m[1]!);
      if (n === undefined || n === 0) break;
      const text = t.slice(m[0].length).trim();
      if (text === '' && p.style !== 'part') break;
      // "一、一般公共服务支出 … 二、外交支出 三、国防支出": an enumeration of 功能分类 classes (in a table or a
      // list) is not the document's own headings.
      if (p.style !== 'part' && functionalItem(text)) break;
      raw.push({
        numbering: m[0].trim(), style: p.style, number: n, text,
        span: { start: l.start + lead, end: l.start + lead + t.length }, level: p.level,
      });
      break;
    }
  }
  // Resolve Arabic labels that continue a sequence of a higher level.
  const open: Record<number, Heading | undefined> = {};
  raw.forEach((h, i) => {
    const prevItem = raw[i - 1];
    if ((h.style === 'arabic-dun' || h.style === 'paren-arabic') && prevItem && prevItem.style === h.style && prevItem.number === h.number - 1) {
      // Continues the sequence right before it.
      h.level = prevItem.level;
    } else if (h.style === 'arabic-dun') {
      const sib = open[2];
      const nextCn = raw.slice(i + 1).find((x) => x.level <= 2);
      if (headingLike(h.text) && ((sib && sib.number < h.number) || (h.number === 1 && !sib && nextCn?.level === 2))) h.level = 2;
    } else if (h.style === 'paren-arabic') {
      const sib = open[3];
      const prev = raw[i - 1];
      const sibOpen = sib && (!open[2] || sib.span.start > open[2].span.start);
      if ((sibOpen && sib!.number === h.number - 1) || (prev && prev.level <= 3 && headingLike(h.text))) h.level = 3;
    }
    open[h.level] = h;
    for (let l = h.level + 1; l <= 5; l++) open[l] = undefined;
  });
  return raw;
}

export interface NumberingProblem {
  kind: 'gap' | 'duplicate';
  heading: Heading;
  expected: number;
}

/** Whether a heading of a higher level comes before `h` (a sequence of `h`'s level has its parent in the text). */
function parentSeen(headings: Heading[], h: Heading): boolean {
  for (const o of headings) {
    if (o === h) return false;
    if (o.level < h.level) return true;
  }
  return false;
}

/** Sequences per parent: each must run 1, 2, 3 …; a 1 starts a new sequence. */
export function numberingProblems(headings: Heading[]): NumberingProblem[] {
  const out: NumberingProblem[] = [];
  const last: Record<number, number | undefined> = {};
  for (const h of headings) {
    const prev = last[h.level];
    if (h.number !== 1 && prev !== undefined) {
      if (h.number > prev + 1) out.push({ kind: 'gap', heading: h, expected: prev + 1 });
      else if (h.number <= prev) out.push({ kind: 'duplicate', heading: h, expected: prev + 1 });
    } else if (h.number !== 1 && prev === undefined && h.level <= 3 && h.number > 2 && parentSeen(headings, h)) {
      // A sequence that starts late under a heading of the level above lacks its first items; one that starts
      // late with nothing above it is a text that begins mid-document (a later page published alone): partial, not a gap.
      out.push({ kind: 'gap', heading: h, expected: 1 });
    }
    last[h.level] = h.number;
    for (let l = h.level + 1; l <= 5; l++) last[l] = undefined;
  }
  return out;
}
