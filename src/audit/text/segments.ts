/** Lines and sentences of the masked text, each with its offsets. */
import type { Span } from '../types.js';

export interface Segment extends Span {
  text: string;
}

export function lines(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    out.push({ start, end, text: text.slice(start, end) });
    start = end + 1;
  }
  return out;
}

/** Sentences of one line: split after 。！？ (a figure's context never crosses them). */
export function sentences(line: Segment): Segment[] {
  const out: Segment[] = [];
  let s = 0;
  const t = line.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '。' || c === '！' || c === '？' || c === '!' || c === '?') {
      if (i + 1 > s) out.push({ start: line.start + s, end: line.start + i + 1, text: t.slice(s, i + 1) });
      s = i + 1;
    }
  }
  if (s < t.length && t.slice(s).trim() !== '') out.push({ start: line.start + s, end: line.end, text: t.slice(s) });
  return out;
}

/** Trims a segment's whitespace, keeping its offsets right. */
export function trimSegment(s: Segment): Segment {
  const lead = s.text.length - s.text.trimStart().length;
  const text = s.text.trim();
  return { start: s.start + lead, end: s.start + lead + text.length, text };
}
