/**
 * PDF text items → lines → raw text, and what each line break is.
 *
 * Lines: items are grouped by baseline (within half the font size), then
 * ordered left to right. Between two items nothing is inserted when they
 * touch, nor between two CJK glyphs (justified Chinese text spreads them);
 * a gap of 0.2 em or more next to a Latin letter or digit is a space; a gap
 * of 0.8 em or more is a table column (two cell paddings) and becomes a tab.
 * An item drawn twice at the same place (fake bold) is read once.
 *
 * Breaks: a line that stops more than 4 em short of the page's right text
 * edge ends its paragraph (4 em: a line may wrap early before an unbreakable
 * "106.56%" or a parenthesis that may not end a line), and so does a line
 * followed by an indented line, a larger vertical gap, or nothing; other
 * lines ran to the margin and wrapped. An indented line after a long line
 * that starts as far in and fills the line to the margin is the wrapped rest
 * of an indented block (a 目录 entry: HTML nests its entries 2 em in), not a
 * new paragraph.
 * Page-number lines are looked past, so a paragraph continues onto the next
 * page. normalizeText joins wrapped lines (../normalize/lines.ts).
 */
import type { BreakKind } from '../normalize/lines.js';
import { PAGE_NUMBER_LINE } from '../normalize/noise.js';

export interface PdfTextItem {
  str: string;
  /** Baseline origin, PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size. */
  size: number;
}

/** Where one text item sits in its line's text, and on the page. */
export interface PdfPart {
  /** [start, end) in the line's text. */
  start: number;
  end: number;
  x: number;
  xEnd: number;
  y: number;
  size: number;
}

export interface PdfLine {
  text: string;
  /** The items the line was made of (for reading tables). */
  parts?: PdfPart[];
  /** A cell of a form laid out one cell per line (pdfTables.ts): its line always ends there. */
  cell?: true;
  xStart: number;
  xEnd: number;
  y: number;
  size: number;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

function separator(a: PdfTextItem, b: PdfTextItem): string {
  const em = Math.max(1, Math.min(a.size, b.size));
  const gap = b.x - (a.x + a.width);
  if (gap >= 0.8 * em) return '\t';
  if (/\s$/.test(a.str) || /^\s/.test(b.str)) return '';
  const cjk = CJK.test(a.str[a.str.length - 1] ?? '') && CJK.test(b.str[0] ?? '');
  return !cjk && gap >= 0.2 * em ? ' ' : '';
}

export function itemsToLines(items: readonly PdfTextItem[]): PdfLine[] {
  const kept = items.filter((it) => it.str.trim() !== '' && Number.isFinite(it.x) && Number.isFinite(it.y));
  // Top to bottom; equal baselines keep the order of the content stream.
  const order = kept.map((it, i) => ({ it, i })).sort((p, q) => q.it.y - p.it.y || p.i - q.i);
  const groups: PdfTextItem[][] = [];
  let lineY = Number.NaN;
  let lineSize = 0;
  for (const { it } of order) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(it.y - lineY) <= 0.5 * Math.max(1, Math.min(it.size, lineSize))) {
      last.push(it);
      lineSize = Math.max(lineSize, it.size);
    } else {
      groups.push([it]);
      lineY = it.y;
      lineSize = it.size;
    }
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    let text = '';
    let prev: PdfTextItem | undefined;
    let xEnd = -Infinity;
    const parts: PdfPart[] = [];
    for (const it of g) {
      if (prev && it.str === prev.str && Math.abs(it.x - prev.x) < 0.5 * Math.max(1, it.size)) continue;
      text += prev ? separator(prev, it) : '';
      parts.push({ start: text.length, end: text.length + it.str.length, x: it.x, xEnd: it.x + it.width, y: it.y, size: it.size });
      text += it.str;
      xEnd = Math.max(xEnd, it.x + it.width);
      prev = it;
    }
    const lead = /^\s*/.exec(text)![0].length;
    const trimmed = text.replace(/^\s+|\s+$/g, '');
    return {
      text: trimmed,
      parts: parts.map((p) => ({ ...p, start: Math.max(0, p.start - lead), end: Math.min(trimmed.length, Math.max(0, p.end - lead)) })),
      xStart: g[0]!.x,
      xEnd,
      y: g[0]!.y,
      size: Math.max(...g.map((it) => it.size)),
    };
  });
}

interface PageEdges {
  left: number;
  right: number;
}

/** The text block's left and right edges, from lines that are prose (no column gaps). */
function edges(lines: readonly PdfLine[]): PageEdges {
  const prose = lines.filter((l) => !l.text.includes('\t') && !PAGE_NUMBER_LINE.test(l.text));
  const use = prose.length > 0 ? prose : lines;
  return { left: Math.min(...use.map((l) => l.xStart)), right: Math.max(...use.map((l) => l.xEnd)) };
}

function breakKind(line: PdfLine, lineEdges: PageEdges, next: PdfLine | undefined, nextEdges: PageEdges | undefined, samePage: boolean): BreakKind {
  if (!next || !nextEdges) return 'end';
  const em = Math.max(1, line.size);
  if (line.xEnd < lineEdges.right - 4 * em) return 'end';
  const indent = 0.8 * Math.max(1, next.size);
  const nextIndent = next.xStart - nextEdges.left;
  if (nextIndent > indent) {
    // An indented next line starts a paragraph, unless this line starts as far
    // in, is long and ran right up to the margin: then both belong to an
    // indented block (a 目录 entry under its 第N部分) and the entry wrapped.
    // "Long" (20 em, three quarters of a portrait line) because a page with
    // little prose has its right edge at a short heading.
    const sameIndent = Math.abs(nextIndent - (line.xStart - lineEdges.left)) <= indent;
    const full = line.xEnd >= lineEdges.right - em && line.xEnd - line.xStart >= 20 * em;
    if (!sameIndent || !full) return 'end';
  }
  if (samePage && line.y - next.y > 2.2 * Math.max(em, next.size)) return 'end';
  return 'wrap';
}

export interface PdfRaw {
  raw: string;
  pageStarts: number[];
  breaks: Map<number, BreakKind>;
  /** Raw offset where each line starts, per page. */
  lineStarts: number[][];
}

/** Lays pages out one after another; every line, the last of each page too, ends in "\n". */
export function layoutPages(pages: readonly PdfLine[][]): PdfRaw {
  const pageEdges = pages.map((p) => (p.length > 0 ? edges(p) : undefined));
  // Body lines in reading order, page-number lines skipped, to find each line's successor.
  const flat: { page: number; index: number }[] = [];
  pages.forEach((p, page) => p.forEach((l, index) => PAGE_NUMBER_LINE.test(l.text) || flat.push({ page, index })));
  const successor = new Map<string, { page: number; index: number }>();
  flat.forEach((at, k) => {
    const next = flat[k + 1];
    if (next) successor.set(`${at.page}:${at.index}`, next);
  });

  let raw = '';
  const pageStarts: number[] = [];
  const breaks = new Map<number, BreakKind>();
  const lineStarts: number[][] = [];
  pages.forEach((lines, page) => {
    pageStarts.push(raw.length);
    const starts: number[] = [];
    lineStarts.push(starts);
    lines.forEach((line, index) => {
      starts.push(raw.length);
      raw += line.text;
      const next = successor.get(`${page}:${index}`);
      const kind = PAGE_NUMBER_LINE.test(line.text) || line.cell || (next && pages[next.page]![next.index]!.cell)
        ? 'end'
        : breakKind(line, pageEdges[page]!, next && pages[next.page]![next.index], next && pageEdges[next.page], next?.page === page);
      breaks.set(raw.length, kind);
      raw += '\n';
    });
  });
  return { raw, pageStarts, breaks, lineStarts };
}
