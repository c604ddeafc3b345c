/**
 * HTML → lines of text, shared by the HTML reader and the DOCX reader (which
 * goes through mammoth's HTML). The shape is the one the seed reports have:
 * - every block element (p, div, h1–h6, li, section …) and <br> ends a line;
 * - each table cell starts a line with a tab (an empty cell is a lone tab);
 *   further paragraphs of the same cell follow on lines of their own, and a
 *   blank line ends each row;
 * - script, style, svg, head, template, noscript and hidden elements are skipped;
 * - white space collapses as a browser shows it; a line break in the source
 *   between two CJK characters disappears (CSS Text "segment break" rule).
 * htmlparser2 streams events, so nesting costs no recursion; depth is capped.
 */
import { Parser } from 'htmlparser2';
import type { RawCell } from '../../../audit/tables/types.js';

export interface HtmlLineLimits {
  maxDepth: number;
  maxTextLength: number;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'ul',
]);
const SKIP = new Set(['script', 'style', 'svg', 'head', 'template', 'noscript', 'title', 'math', 'object', 'iframe', 'select', 'button']);
const CELL = new Set(['td', 'th']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Collapses white space as a browser renders it. */
function collapse(s: string): string {
  return s
    .replace(/[ \t\n\r\f\u00a0]+/g, (run, at: number) => {
      const before = s[at - 1];
      const after = s[at + run.length];
      const segmentBreak = /[\n\r]/.test(run) && before !== undefined && after !== undefined && CJK.test(before) && CJK.test(after);
      return segmentBreak ? '' : ' ';
    })
    .trim();
}

const hidden = (attrs: Record<string, string>) =>
  'hidden' in attrs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attrs.style ?? '');

export class HtmlTooDeep extends Error {}
export class TextTooLong extends Error {}

/** A <table> as read: its cells with their raw offsets, and how many leading rows are header rows (<thead>, all <th>). */
export interface HtmlTable {
  rows: RawCell[][];
  headerRows: number;
  /** Raw offset where the table's text starts. */
  start: number;
  end: number;
}

interface OpenTable {
  rows: (RawCell & { header: boolean })[][];
  headRows: boolean[];
  inHead: number;
  start: number;
}

export function htmlToLines(html: string, limits: HtmlLineLimits): string {
  return htmlToLinesAndTables(html, limits).raw;
}

/** The lines (joined by "\n") and every table with each cell's offsets in them. */
export function htmlToLinesAndTables(html: string, limits: HtmlLineLimits): { raw: string; tables: HtmlTable[] } {
  const tables: HtmlTable[] = [];
  const open: OpenTable[] = [];
  /** The cell whose lines are being written, and the first line of it not yet written. */
  let cell: (RawCell & { header: boolean }) | undefined;
  let cellFirst = false;
  const lines: string[] = [];
  let total = 0;
  let line = '';
  /** The next line emitted is the first of a table cell. */
  let cellStart = false;
  let depth = 0;
  /** Depth of the element whose content is being skipped, when skipping. */
  let skipAt: number | undefined;
  let skippingHead = false;
  let pre = 0;

  const push = (l: string) => {
    if (cell) {
      const at = total + (cellFirst && l.startsWith('\t') ? 1 : 0);
      if (cellFirst) cell.span = { start: at, end: total + l.length };
      else if (cell.span) cell.span.end = total + l.length;
      cell.text = cellFirst ? l.replace(/^\t/, '') : cell.text + l;
      cellFirst = false;
    }
    total += l.length + 1;
    if (total > limits.maxTextLength) throw new TextTooLong();
    lines.push(l);
  };
  const flush = () => {
    const content = pre > 0 ? line.replace(/\s+$/, '') : collapse(line);
    line = '';
    if (content === '') return;
    push((cellStart ? '\t' : '') + content);
    cellStart = false;
  };
  const endCell = () => {
    flush();
    if (cellStart) push('\t');
    cellStart = false;
  };
  const blankLine = () => {
    if (lines.length > 0 && lines[lines.length - 1] !== '') push('');
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!VOID.has(name) && ++depth > limits.maxDepth) throw new HtmlTooDeep();
        if (skipAt !== undefined) {
          // A page without <body> or </head>: body content ends the head.
          if (!(skippingHead && (BLOCK.has(name) || CELL.has(name) || name === 'tr'))) return;
          skipAt = undefined;
          skippingHead = false;
        }
        if (SKIP.has(name) || hidden(attrs)) {
          if (!VOID.has(name)) {
            skipAt = depth;
            skippingHead = name === 'head';
          }
          return;
        }
        if (name === 'br') {
          flush();
        } else if (CELL.has(name)) {
          endCell();
          cellStart = true;
          const t = open[open.length - 1];
          if (t) {
            if (t.rows.length === 0) {
              t.rows.push([]);
              t.headRows.push(t.inHead > 0);
            }
            cell = { text: '', colSpan: Number(attrs.colspan ?? 1), rowSpan: Number(attrs.rowspan ?? 1), header: name === 'th' };
            cellFirst = true;
            t.rows[t.rows.length - 1]!.push(cell);
          }
        } else if (name === 'tr' || BLOCK.has(name)) {
          flush();
          if (name === 'pre') pre++;
          if (name === 'table') open.push({ rows: [], headRows: [], inHead: 0, start: total });
          else if (name === 'thead') {
            const t = open[open.length - 1];
            if (t) t.inHead++;
          } else if (name === 'tr') {
            const t = open[open.length - 1];
            if (t) {
              cell = undefined;
              t.rows.push([]);
              t.headRows.push(t.inHead > 0);
            }
          }
        }
      },
      ontext(text) {
        if (skipAt !== undefined) return;
        if (pre === 0) {
          line += text;
          return;
        }
        const parts = text.split('\n');
        line += parts[0];
        for (const part of parts.slice(1)) {
          flush();
          line = part;
        }
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        const closing = depth--;
        if (skipAt !== undefined) {
          if (closing === skipAt) {
            skipAt = undefined;
            skippingHead = false;
          }
          return;
        }
        if (CELL.has(name)) {
          endCell();
          cell = undefined;
        } else if (name === 'tr' || name === 'table') {
          endCell();
          cell = undefined;
          blankLine();
          if (name === 'table') {
            const t = open.pop();
            if (t) {
              const rows = t.rows.filter((r) => r.length > 0);
              const heads = t.rows.map((r, i) => (r.length > 0 ? t.headRows[i]! || r.every((c) => c.header) : undefined)).filter((h) => h !== undefined);
              let headerRows = 0;
              while (headerRows < heads.length && heads[headerRows]) headerRows++;
              if (rows.length > 0) tables.push({ rows, headerRows, start: t.start, end: total });
            }
          }
        } else if (BLOCK.has(name)) {
          if (name === 'thead') {
            const t = open[open.length - 1];
            if (t) t.inHead = Math.max(0, t.inHead - 1);
          }
          flush();
          if (name === 'pre') pre = Math.max(0, pre - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const raw = lines.join('\n');
  // A table left open at the end of the page still counts.
  for (const t of open) {
    const rows = t.rows.filter((r) => r.length > 0);
    if (rows.length > 0) tables.push({ rows, headerRows: 0, start: t.start, end: raw.length });
  }
  for (const t of tables) t.end = Math.min(t.end, raw.length);
  return { raw, tables };
}
