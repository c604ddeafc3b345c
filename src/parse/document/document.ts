/** A read document: the raw text, its normalised form, and the way back from one to the other. */
import type { DocFormat } from './detect.js';
import { normalizeText, type BreakHints } from './normalize/index.js';

export interface ReadDocument {
  file: string;
  format: DocFormat;
  /** The text as read from the file. Every quote shown to a user is an exact substring of this. */
  raw: string;
  /** Raw offsets where each page starts (PDF only; page 1 starts at 0). */
  pageStarts?: number[];
  /** Normalised text: claims are found here. */
  text: string;
  /** Maps a [start,end) span of `text` to the [start,end) span of `raw` it came from. */
  toRaw(start: number, end: number): { start: number; end: number };
  /** 1-based page of a raw offset (PDF), undefined for other formats. */
  pageAt(rawOffset: number): number | undefined;
}

export interface ReadText {
  raw: string;
  pageStarts?: number[];
  breaks?: BreakHints;
}

/** The last index whose value is ≤ x in an ascending array (-1 when none). */
function lastAtOrBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function makeDocument(file: string, format: DocFormat, read: ReadText): ReadDocument {
  const { raw, pageStarts } = read;
  const { text, map } = normalizeText(raw, read.breaks ? { breaks: read.breaks } : {});
  return {
    file,
    format,
    raw,
    ...(pageStarts ? { pageStarts } : {}),
    text,
    toRaw(start, end) {
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
        throw new RangeError(`toRaw(${start}, ${end}): the span must lie within the text (0…${text.length})`);
      }
      if (start === end) return { start: map[start]!, end: map[start]! };
      return { start: map[start]!, end: map[end - 1]! + 1 };
    },
    pageAt(rawOffset) {
      if (!pageStarts || rawOffset < 0 || rawOffset > raw.length) return undefined;
      return lastAtOrBelow(pageStarts, rawOffset) + 1;
    },
  };
}
