/** A read document: the raw text, its normalised form, and the way back from one to the other. */
import type { DocFormat } from './detect.js';
import { normalizeText, type BreakHints } from './normalize/index.js';
import type { ReadTable, UnreadPage } from '../../audit/tables/types.js';

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
  /** The [start,end) span of `text` that a raw span became (the characters of it that normalisation kept). */
  fromRaw(start: number, end: number): { start: number; end: number };
  /** Tables read from the file's structure (HTML/DOCX tables, PDF ruled grids), cells located by raw offsets. */
  tables?: ReadTable[];
  /** Pages whose tables could not be read (PDF pages without a text layer). */
  unreadPages?: UnreadPage[];
}

export interface ReadText {
  raw: string;
  pageStarts?: number[];
  breaks?: BreakHints;
  tables?: ReadTable[];
  unreadPages?: UnreadPage[];
}

/** The first index whose value is ≥ x in an ascending array (length when none). */
function firstAtOrAbove(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
    ...(read.tables ? { tables: read.tables } : {}),
    ...(read.unreadPages && read.unreadPages.length > 0 ? { unreadPages: read.unreadPages } : {}),
    text,
    fromRaw(start, end) {
      const s = firstAtOrAbove(map, start);
      const e = Math.max(s, firstAtOrAbove(map, end));
      return { start: Math.min(s, text.length), end: Math.min(e, text.length) };
    },
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
