/**
 * Tables written as text: a published page copied with its table cells kept as "a | b | c |" rows, or one cell per
 * line ("合 计 |", "246 |", …). Each numeric cell becomes a claim when both its row and its column say what it is:
 * the row's label names a concept the lexicon knows (“公务接待费”), the column's header names a measure
 * (“上年决算数”, “本年决算数”, “预算数”, “增、减金额”, “增、减幅度”). A cell whose row or column is not
 * understood is left unread. Pure: no I/O.
 */
import type { Claim, ClaimMeasure, ClaimScenario, Span } from '../types.js';
import type { Segment } from '../text/segments.js';
import { findPhrases } from './lexicon.js';

interface Cell extends Span {
  text: string;
}

interface Column {
  measure: ClaimMeasure;
  scenario: ClaimScenario;
  year: number | undefined;
  against?: 'budget';
  /** A change column whose header says the direction (“支出减少情况”). */
  direction?: 'up' | 'down';
  unit?: string;
}

export interface TextTable {
  /** Lines the table covers (not read again as sentences). */
  span: Span;
  claims: Omit<Claim, 'statement' | 'section'>[];
  /** One entry per data row with at least one claim: the claims' indexes in `claims`, for statement numbers. */
  rows: number[][];
}

const NUMBER = /^([-－−])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%)?$/;
const DASH = /^[-—–－―]+$/;
const compact = (s: string) => s.replace(/\s+/g, '');
const isValue = (s: string) => NUMBER.test(compact(s)) || DASH.test(compact(s));
const MONEY_UNIT = /(?:单位|金额单位)[:：]?\s*(万元|元)|[（(]\s*(万元|元)\s*[）)]/;

/** The cells of a line split at '|', with offsets; empty cells dropped. */
function pipeCells(line: Segment): Cell[] {
  const out: Cell[] = [];
  let from = 0;
  const t = line.text;
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length && t[i] !== '|') continue;
    const raw = t.slice(from, i);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text !== '') out.push({ start: line.start + from + lead, end: line.start + from + lead + text.length, text });
    from = i + 1;
  }
  return out;
}

/** What a column header says its cells are. */
function columnOf(header: string, Y: number | undefined): Column | undefined {
  const h = compact(header);
  const unit = MONEY_UNIT.exec(h);
  const u = unit ? { unit: unit[1] ?? unit[2]! } : {};
  const yearM = /(\d{4})年/.exec(h);
  const year = yearM ? Number(yearM[1]) : undefined;
  const budget = /预算/.test(h);
  if (/率|幅度|百分比|%/.test(h)) {
    if (/完成|执行/.test(h)) return { measure: 'completionRate', scenario: 'actual', year: Y };
    if (/增|减|变动|升|降/.test(h)) {
      const direction = /增/.test(h) && !/减/.test(h) ? 'up' as const : /减/.test(h) && !/增/.test(h) ? 'down' as const : undefined;
      return { measure: 'changeRate', scenario: 'actual', year: Y, ...(budget ? { against: 'budget' as const } : {}), ...(direction ? { direction } : {}) };
    }
    return undefined;
  }
  if (/增减|增、减|增加|减少|变动|差额|增\(减\)|增（减）/.test(h)) {
    const direction = /增加/.test(h) && !/减/.test(h) ? 'up' as const : /减少/.test(h) && !/增/.test(h) ? 'down' as const : undefined;
    return { measure: 'change', scenario: 'actual', year: Y, ...(budget ? { against: 'budget' as const } : {}), ...(direction ? { direction } : {}), ...u };
  }
  if (budget) {
    const scenario: ClaimScenario = /调整/.test(h) ? 'budget_adjusted' : /年初/.test(h) ? 'budget_initial' : 'budget';
    if (/上年/.test(h) || (year !== undefined && Y !== undefined && year !== Y)) return undefined;
    return { measure: 'level', scenario, year: Y, ...u };
  }
  if (/上年|去年/.test(h)) return { measure: 'level', scenario: 'actual', year: Y !== undefined ? Y - 1 : undefined, ...u };
  if (/决算|支出|本年|实际|金额/.test(h)) {
    if (year !== undefined && Y !== undefined && year !== Y && year !== Y - 1) return undefined;
    return { measure: 'level', scenario: 'actual', year: year ?? Y, ...u };
  }
  return undefined;
}

/** The concept a row label names, when the label is that concept's name and little else. */
function rowConcept(label: string, tableSubject: string | undefined): string | undefined {
  const l = compact(label).replace(/^(?:其中[:：]?)?(?:\d+[.、．]|[（(]\d+[）)]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)?(?:其中[:：]?)?/, '');
  if (/^(?:合计|总计)$/.test(l)) return tableSubject;
  const ps = findPhrases(l, l);
  if (ps.length !== 1) return undefined;
  const p = ps[0]!;
  const rest = l.slice(0, p.start) + l.slice(p.end);
  return /^(?:总|合计|支出|费|经费|决算|决算数)?(?:支出)?$/.test(rest) ? p.entry.concept : undefined;
}

const TABLE_SUBJECTS: [RegExp, string][] = [[/三公/, 'sangong.total']];

/**
 * The data rows: a label then one value per column. Header cells before the first data row give the columns.
 * `headerRows` are rows of header cells (pipe tables: one per line); for one-cell-per-line tables a single row.
 */
function readGrid(headerRows: Cell[][], dataRows: Cell[][], Y: number | undefined, unit: string | undefined, subject: string | undefined): Omit<TextTable, 'span'> | undefined {
  const width = dataRows[0]!.length - 1;
  if (width < 1 || dataRows.some((r) => r.length - 1 !== width)) return undefined;
  // Headers: the first row's cells after the label column; a second row subdivides its last cells (“比上年增、减情况”
  // over “增、减金额 | 增、减幅度”).
  const first = headerRows[0] ?? [];
  let headers: Cell[] | undefined;
  if (headerRows.length === 2) {
    const top = first.slice(1);
    const sub = headerRows[1]!;
    if (sub.length < width && top.length >= width - sub.length && top.length < width) headers = [...top.slice(0, width - sub.length), ...sub];
  } else headers = first.length === width + 1 ? first.slice(1) : first.length === width ? first : undefined;
  if (!headers || headers.length !== width) return undefined;
  const columns = headers.map((h) => columnOf(h.text, Y));
  if (columns.every((c) => c === undefined)) return undefined;
  const claims: TextTable['claims'] = [];
  const rows: number[][] = [];
  for (const row of dataRows) {
    const concept = rowConcept(row[0]!.text, subject);
    if (!concept) continue;
    const mine: number[] = [];
    row.slice(1).forEach((cell, k) => {
      const col = columns[k];
      const m = NUMBER.exec(compact(cell.text));
      if (!col || !m) return;
      const negative = m[1] !== undefined;
      const value = `${m[2]!.replace(/,/g, '')}${m[3] !== undefined ? `.${m[3]}` : ''}`;
      const percent = m[4] !== undefined;
      const isRate = col.measure === 'changeRate' || col.measure === 'completionRate';
      if (percent !== isRate) return;
      const cellUnit = percent ? '%' : col.unit ?? unit;
      if (!cellUnit) return;
      let direction: 'up' | 'down' | 'flat' | undefined;
      if (col.measure === 'change' || col.measure === 'changeRate') {
        if (Number(value) === 0) direction = 'flat';
        // A sign against a header that names one direction (“减少额 | -5”) says nothing certain.
        else if (col.direction) {
          if (negative) return;
          direction = col.direction;
        } else direction = negative ? 'down' : 'up';
      } else if (negative) return;
      claims.push({
        concept, value, unit: cellUnit, year: col.year, scenario: col.scenario, measure: col.measure,
        ...(direction ? { direction } : {}),
        ...(col.against ? { against: col.against } : (col.measure === 'change' || col.measure === 'changeRate') && Y !== undefined ? { baseYear: Y - 1 } : {}),
        span: { start: cell.start, end: cell.end }, sentence: { start: row[0]!.start, end: row[row.length - 1]!.end },
      });
      mine.push(claims.length - 1);
    });
    if (mine.length > 0) rows.push(mine);
  }
  return claims.length > 0 ? { claims, rows } : undefined;
}

/** The tables written as text among `lines`, in text order. */
export function readTextTables(lines: readonly Segment[], Y: number | undefined): TextTable[] {
  const out: TextTable[] = [];
  let i = 0;
  const context = (at: number) => lines.slice(Math.max(0, at - 3), at).map((l) => l.text).join('\n');
  const subjectOf = (text: string) => TABLE_SUBJECTS.find(([re]) => re.test(text))?.[1];
  while (i < lines.length) {
    const line = lines[i]!;
    const pipes = (line.text.match(/\|/g) ?? []).length;
    if (pipes === 0) {
      i++;
      continue;
    }
    // A run of lines with pipes (blank lines inside it allowed).
    let j = i;
    const block: Segment[] = [];
    while (j < lines.length && (lines[j]!.text.includes('|') || (lines[j]!.text.trim() === '' && lines[j + 1]?.text.includes('|')))) {
      if (lines[j]!.text.trim() !== '') block.push(lines[j]!);
      j++;
    }
    const span = { start: line.start, end: lines[j - 1]!.end };
    const before = context(i);
    const blockText = block.map((l) => l.text).join('\n');
    const unitM = MONEY_UNIT.exec(blockText) ?? MONEY_UNIT.exec(before);
    const unit = unitM ? unitM[1] ?? unitM[2] : undefined;
    const subject = subjectOf(before + blockText);
    const cellRows = block.map(pipeCells).filter((r) => r.length > 0);
    let table: Omit<TextTable, 'span'> | undefined;
    if (cellRows.every((r) => r.length <= 1)) {
      // One cell per line: a label, then its values; the header is the text cells before the first label.
      const cells = cellRows.map((r) => r[0]!);
      const firstValue = cells.findIndex((c) => isValue(c.text));
      if (firstValue >= 2) {
        const header = cells.slice(0, firstValue - 1);
        const data: Cell[][] = [];
        for (let k = firstValue - 1; k < cells.length; k++) {
          if (!isValue(cells[k]!.text)) data.push([cells[k]!]);
          else data[data.length - 1]?.push(cells[k]!);
        }
        // A trailing run of text cells without values ends the table (a next table's header).
        while (data.length > 0 && data[data.length - 1]!.length === 1) data.pop();
        if (data.length > 0) table = readGrid([header], data, Y, unit, subject);
      }
    } else {
      const firstData = cellRows.findIndex((r) => r.length >= 2 && !isValue(r[0]!.text) && r.slice(1).every((c) => isValue(c.text)));
      if (firstData > 0) {
        const headerRows = cellRows.slice(0, firstData).filter((r) => r.length >= 2 && r.every((c) => !isValue(c.text)));
        const data = cellRows.slice(firstData).filter((r) => r.length >= 2 && !isValue(r[0]!.text) && r.slice(1).every((c) => isValue(c.text)));
        if (headerRows.length >= 1 && headerRows.length <= 2) table = readGrid(headerRows, data, Y, unit, subject);
      }
    }
    if (table) out.push({ span, ...table });
    i = j;
  }
  return out;
}
