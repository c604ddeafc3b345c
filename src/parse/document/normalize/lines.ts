/**
 * Joins lines that a layout broke inside a sentence, a word or a number
 * ("本年收\n入390.55万元" → "本年收入390.55万元", "1193.\n39" → "1193.39").
 *
 * The reports come in two shapes. In text, Word and HTML every line is a
 * paragraph, a heading or a table cell (the seeds put each cell on its own
 * line, after a tab), so a break is real unless it sits inside a sentence.
 * PDF lines are wrapped at the margin, and the PDF reader says which breaks
 * are paragraph ends (a short line, or an indented next line) and which are
 * wraps; see ../readers/pdfLines.ts.
 *
 * A break is kept when
 * - either line is blank, or the reader marked it as a paragraph end;
 * - the next line starts a table cell (a tab), a heading or a list item:
 *   第X部分/章/节, 一、 （一） (1) 1、 1. ① 表1 附件 附表 注：, or is 目录;
 * - either line is a table row: it has column gaps (a tab after text, or two
 *   spaces between words);
 * - either line is a row or a cell of a table flattened with "|" separators (it ends with "|");
 * - both lines are table-like: a cell (leading tab) or a bare number such as
 *   "560" or "100%";
 * - the reader saw the line run to the margin and it ends a sentence (。！？);
 * - otherwise, with no word from the reader (text, Word, HTML): the line ends
 *   a sentence or clause (。；：！？ ; : ! ? …, or "." after a non-digit, as
 *   in the seed line "共计支出9.84万元."), also before a closing quote; or
 *   the line is a heading: it starts like one, is at most 40 characters and
 *   holds no ，；。.
 * Otherwise the break goes, with the spaces around it; between two Latin
 * letters it becomes a space.
 */
import { Edits, type Mapped } from './edit.js';

/** How a reader saw a line break: the line ran to the margin, or the paragraph ended. */
export type BreakKind = 'wrap' | 'end';

/** Line breaks the reader could classify, keyed by the raw offset of the "\n". */
export type BreakHints = ReadonlyMap<number, BreakKind>;

const CN_NUM = '一二三四五六七八九十百零〇';
const ITEM = new RegExp(
  String.raw`^(?:第[${CN_NUM}\d]{1,4}(?:部分|章|节|条|篇)|[${CN_NUM}]{1,3}[、.．]|[（(][${CN_NUM}\d]{1,3}[）)]|\d{1,2}(?:[、．]|\.(?!\d))|[①-⑳⑴-⒇⒈-⒛]|表[\d${CN_NUM}]|附件|附表|注[:：]|目 *录 *$)`,
);
const SENTENCE_END = /(?:[。；：！？;:!?…]|(?<![\d.])\.)[”’」』）)】]*$/;
const FULL_STOP = /[。！？!?][”’」』）)】]*$/;
const BARE_NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?%?$/;
const COLUMN_GAP = /\S(?:\t| {2,}\S)/;
const CLAUSE = /[，,；;。]/;
const LATIN = /[A-Za-z]/;

/**
 * What the decisions need to know about the current line, kept short so a
 * very long run of joined lines costs linear time: its first characters,
 * its last characters, whether it has a column gap, and its length.
 */
interface Line {
  head: string;
  tail: string;
  length: number;
  gap: boolean;
}

const HEAD = 64;
const TAIL = 16;

/** Without the spaces and tabs at its start or end (the ones a join removes). */
function trimSpaces(s: string, start: boolean, end: boolean): string {
  let a = 0;
  let b = s.length;
  if (start) while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
  if (end) while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
  return s.slice(a, b);
}

/** `length` and `tail` leave out trailing spaces; `head` is the line's start as written. */
function lineOf(text: string): Line {
  const body = trimSpaces(text, false, true);
  return { head: text.slice(0, HEAD), tail: body.slice(-TAIL), length: body.length, gap: COLUMN_GAP.test(text) };
}

/** The line after joining `next` onto `cur` with `sep` ('' or ' ') between them. */
function joined(cur: Line, sep: string, next: string): Line {
  const rest = trimSpaces(next, true, true);
  const head = cur.length <= HEAD ? (cur.head.slice(0, cur.length) + sep + rest).slice(0, HEAD) : cur.head;
  return { head, tail: (cur.tail + sep + rest).slice(-TAIL), length: cur.length + sep.length + rest.length, gap: cur.gap || COLUMN_GAP.test(next) };
}

const whole = (l: Line) => (l.length <= HEAD ? l.head : undefined);
const isBlank = (line: string) => line.trim() === '';
const startsItem = (line: string) => ITEM.test(line.trimStart());
const tableLike = (line: string) => line.startsWith('\t') || BARE_NUMBER.test(line.trim());
const isHeading = (line: string) => {
  const t = line.trim();
  return t.length <= 40 && startsItem(t) && !CLAUSE.test(t);
};

/**
 * A table flattened with "|" separators, one row per line ("| 总分 | 100.00 | 98 |", "合计 | 2911.47 | 2706.86 |"), or
 * one cell per line ("公务接待费 |", "71.53 |"): a line that ends with "|" is a row or a cell.
 */
const pipeRow = (_head: string, tail: string) => /\|\s*$/.test(tail);

function keepBreak(cur: Line, next: string, hint: BreakKind | undefined): boolean {
  const curText = whole(cur);
  if (hint === 'end' || (curText !== undefined && isBlank(curText)) || isBlank(next)) return true;
  if (pipeRow(cur.head, cur.tail) || pipeRow(next, next)) return true;
  if (next.startsWith('\t') || startsItem(next)) return true;
  if (cur.gap || COLUMN_GAP.test(next)) return true;
  if ((cur.head.startsWith('\t') || (curText !== undefined && tableLike(curText))) && tableLike(next)) return true;
  if (hint === 'wrap') return FULL_STOP.test(cur.tail);
  return SENTENCE_END.test(cur.tail) || (curText !== undefined && isHeading(curText));
}

const SPACE = /[ \t]/;

export function joinLines(m: Mapped, hints?: BreakHints): Edits {
  const { text } = m;
  const edits = new Edits(text.length);
  let lineStart = 0;
  let nl = text.indexOf('\n');
  let cur = lineOf(nl < 0 ? text : text.slice(0, nl));
  while (nl >= 0) {
    const nextStart = nl + 1;
    const nextNl = text.indexOf('\n', nextStart);
    const next = text.slice(nextStart, nextNl < 0 ? text.length : nextNl);
    if (keepBreak(cur, next, hints?.get(m.map[nl]!))) {
      cur = lineOf(next);
    } else {
      let a = nl;
      while (a > lineStart && SPACE.test(text[a - 1]!)) a--;
      let b = nextStart;
      while (b < text.length && text[b] !== '\n' && SPACE.test(text[b]!)) b++;
      const latin = a > 0 && b < text.length && LATIN.test(text[a - 1]!) && LATIN.test(text[b]!);
      edits.drop(a, nl);
      if (latin) edits.replace(nl, ' ');
      else edits.drop(nl);
      edits.drop(nl + 1, b);
      cur = joined(cur, latin ? ' ' : '', next);
    }
    lineStart = nextStart;
    nl = nextNl;
  }
  return edits;
}
