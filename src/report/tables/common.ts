/**
 * Shared pieces of the 决算公开表 builders: cells, the 类/款/项 code tree,
 * classification names, and the TableBlock frame (title, number, unit name,
 * 金额单位, orientation). Pure: no Node imports.
 */
import { lookupEconomic, lookupFunctional } from '../../classification/index.js';
import { sum, type Fen } from '../../money/index.js';
import type { Accounts, Dataset, ExpenditureLine } from '../../model/index.js';
import type { TableSetItem } from '../../profiles/tableSets.js';
import { countFig, wanFig } from '../phrases.js';
import type { FigureUnit, Inline, Scenario, TableBlock, TableCell } from '../tree.js';

/** Printed in the name cell when the report year's classification lacks the code. */
export const UNKNOWN_NAME = '科目名称待核实';
/** Printed where the dataset does not hold a figure (never a silent 0). */
export const NOT_PROVIDED = '—';
/** Tables at least this many columns wide print on a landscape page. */
const LANDSCAPE_FROM = 8;

/** A figure the dataset holds (exact, in 分) or does not hold (undefined). */
export type Val = Fen | undefined;

export interface TableContext {
  item: TableSetItem;
  d: Dataset;
  a: Accounts;
  year: number;
  /** 本部门 or 本单位. */
  self: string;
}

export function tableContext(item: TableSetItem, d: Dataset, a: Accounts): TableContext {
  return { item, d, a, year: d.year, self: `本${d.unit.level}` };
}

// ---------------------------------------------------------------- cells

export interface Span {
  colSpan?: number;
  rowSpan?: number;
}

/** A header cell (centred). */
export function head(label: string, span: Span = {}): TableCell {
  return { content: [label], align: 'center', ...spanOf(span) };
}

/** A text cell in the body. */
export function text(label: string, align: 'left' | 'center' | 'right' = 'left', span: Span = {}): TableCell {
  return { content: label === '' ? [] : [label], align, ...spanOf(span) };
}

export function blank(span: Span = {}): TableCell {
  return { content: [], ...spanOf(span) };
}

function spanOf(span: Span): Span {
  return {
    ...(span.colSpan !== undefined && span.colSpan > 1 ? { colSpan: span.colSpan } : {}),
    ...(span.rowSpan !== undefined && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}),
  };
}

/** What an amount column states: its concept and the dimensions every cell in it shares. */
export interface Col {
  concept: string;
  dims?: Record<string, string>;
  scenario?: Scenario;
}

/** An amount cell in 万元 (2 decimals); a figure the dataset does not hold prints as —. */
export function money(ctx: TableContext, col: Col, v: Val, extraDims: Record<string, string> = {}): TableCell {
  if (v === undefined) return { content: [NOT_PROVIDED], align: 'center' };
  const dims = { ...(col.dims ?? {}), ...extraDims };
  return {
    content: [wanFig(col.concept, v, { year: ctx.year, dims, ...(col.scenario ? { scenario: col.scenario } : {}) })],
    align: 'right',
  };
}

/** A count cell (辆, 台（套）…); unknown prints as —. */
export function count(ctx: TableContext, concept: string, n: number | undefined, unit: FigureUnit, dims: Record<string, string> = {}): TableCell {
  if (n === undefined) return { content: [NOT_PROVIDED], align: 'center' };
  return { content: [countFig(concept, n, unit, { year: ctx.year, dims })], align: 'right' };
}

/** Row of amount cells, one per column. */
export function moneyCells(ctx: TableContext, cols: readonly Col[], values: readonly Val[], extraDims: Record<string, string> = {}): TableCell[] {
  return cols.map((c, i) => money(ctx, c, values[i], extraDims));
}

// ---------------------------------------------------------------- arithmetic over possibly unknown figures

/** Sum that is unknown as soon as one part is unknown. */
export function sumVal(parts: readonly Val[]): Val {
  if (parts.some((p) => p === undefined)) return undefined;
  return sum(parts as Fen[]);
}

export function addVectors(a: readonly Val[], b: readonly Val[]): Val[] {
  return a.map((x, i) => sumVal([x, b[i]]));
}

/** 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助 of one expenditure line. */
export function lineTotal(l: ExpenditureLine): Fen {
  return fenOf(l.basic) + fenOf(l.project) + fenOf(l.remit) + fenOf(l.operating) + fenOf(l.affiliateSubsidy);
}

export function fenOf(a: { fen: Fen } | undefined): Fen {
  return a?.fen ?? 0n;
}

export const FISCAL_FUNDS = ['generalBudget', 'govFund', 'stateCapital'] as const;
export type FiscalFund = (typeof FISCAL_FUNDS)[number];

/** A fiscal fund the unit did not touch at all: no income, no spending, no balance at either end. */
export function fundIdle(a: Accounts, f: FiscalFund): boolean {
  return a.income[f] === 0n && a.byFund[f].total === 0n && a.openingBalance[f] === 0n && a.closingBalance[f] === 0n
    && a.dataset.expenditure.every((l) => l.fund !== f || lineTotal(l) === 0n);
}

// ---------------------------------------------------------------- 支出功能分类 code tree

export type FunctionalLevel = '类' | '款' | '项';

export interface CodeLine {
  /** 项 code (7 digits). */
  code: string;
  values: Val[];
}

export interface CodeRow {
  code: string;
  level: FunctionalLevel;
  values: Val[];
}

/**
 * 类, 款 and 项 rows in code order from 项-level lines; lines with the same
 * code are added, and every 款 and 类 row is the sum of the 项 rows under it.
 */
export function codeTree(lines: readonly CodeLine[]): CodeRow[] {
  const items = new Map<string, Val[]>();
  for (const l of lines) {
    const prev = items.get(l.code);
    items.set(l.code, prev ? addVectors(prev, l.values) : [...l.values]);
  }
  const codes = [...items.keys()].sort();
  const rows: CodeRow[] = [];
  const group = (prefix: string) => codes.filter((c) => c.startsWith(prefix));
  const total = (cs: string[]) => cs.map((c) => items.get(c)!).reduce((acc, v) => addVectors(acc, v));
  for (const cls of unique(codes.map((c) => c.slice(0, 3)))) {
    const inClass = group(cls);
    rows.push({ code: cls, level: '类', values: total(inClass) });
    for (const kuan of unique(inClass.map((c) => c.slice(0, 5)))) {
      const inKuan = group(kuan);
      rows.push({ code: kuan, level: '款', values: total(inKuan) });
      for (const x of inKuan) rows.push({ code: x, level: '项', values: items.get(x)! });
    }
  }
  return rows;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Name of a 功能分类 code in the report year's edition, or 科目名称待核实. */
export function functionalName(code: string, year: number): string {
  return lookupFunctional(code, year)?.name ?? UNKNOWN_NAME;
}

/** Name of a 经济分类 code in the report year's edition, or 科目名称待核实. */
export function economicName(code: string, year: number): string {
  return lookupEconomic(code, year)?.name ?? UNKNOWN_NAME;
}

/** The 类 | 款 | 项 | 科目名称 cells of a code row, e.g. 204 | 02 | 01 | 一般行政管理事务. */
export function functionalCells(code: string, year: number): TableCell[] {
  return [
    text(code.slice(0, 3), 'center'),
    text(code.length >= 5 ? code.slice(3, 5) : '', 'center'),
    text(code.length >= 7 ? code.slice(5, 7) : '', 'center'),
    text(functionalName(code, year)),
  ];
}

/** The 合计 label spanning the 类 | 款 | 项 | 科目名称 columns. */
export function totalLabel(label = '合计'): TableCell {
  return text(label, 'center', { colSpan: 4 });
}

/**
 * Two header rows for a table keyed by 功能分类: 科目编码 (类/款/项) and
 * 科目名称 on the left, then `top` (cells of the first row, usually with
 * rowSpan 2 or a colSpan group) and `bottom` (the second row under the groups).
 */
export function functionalHeader(top: TableCell[], bottom: TableCell[]): TableCell[][] {
  return [
    [head('功能分类科目编码', { colSpan: 3 }), head('科目名称', { rowSpan: 2 }), ...top],
    [head('类'), head('款'), head('项'), ...bottom],
  ];
}

/** Body rows of a 功能分类 table: the code tree, each row's figures carrying its code as a dimension. */
export function functionalRows(ctx: TableContext, cols: readonly Col[], rows: readonly CodeRow[]): TableCell[][] {
  return rows.map((r) => [...functionalCells(r.code, ctx.year), ...moneyCells(ctx, cols, r.values, { functional: r.code })]);
}

// ---------------------------------------------------------------- 项 reported together

/**
 * The other 项 a line's amount also covers (dataset `expenditureIncludes`), for a
 * code the dataset's expenditure uses; [] otherwise. Never carries an amount.
 */
export function includedCodes(d: Dataset, code: string): string[] {
  if (!d.expenditure.some((l) => l.code === code)) return [];
  return [...new Set((d.expenditureIncludes[code] ?? []).filter((c) => c !== code))].sort();
}

/** “2040201行政运行的金额含2040250事业运行，本部门未分别列示。” for each shown 项 that covers others. */
export function includesNote(d: Dataset, codes: Iterable<string>): string {
  return [...new Set(codes)].sort().flatMap((code) => {
    const inc = includedCodes(d, code);
    if (inc.length === 0) return [];
    // The seeds' “2040201行政运行”: a code in brackets opening a wrapped line would read back as a list label.
    const name = (c: string) => `${c}${functionalName(c, d.year)}`;
    return [`${name(code)}的金额含${inc.map(name).join('、')}，${d.unit.level === '部门' ? '本部门' : '本单位'}未分别列示。`];
  }).join('');
}

// ---------------------------------------------------------------- the frame

/** Number of grid columns each row occupies, counting cells carried down by rowSpan from rows above. */
export function rowWidths(rows: readonly TableCell[][]): number[] {
  const carry: number[] = [];
  return rows.map((row) => {
    let col = 0;
    const next: number[] = [];
    const take = () => {
      while ((carry[col] ?? 0) > 0) {
        next[col] = carry[col]! - 1;
        col++;
      }
    };
    for (const cell of row) {
      take();
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let k = 0; k < cs; k++) next[col + k] = rs - 1;
      col += cs;
    }
    take();
    for (let k = 0; k < Math.max(carry.length, next.length); k++) carry[k] = next[k] ?? 0;
    return col;
  });
}

export interface Frame {
  header: TableCell[][];
  body: TableCell[][];
  /** Plain sentences shown under the table (empty-table reasons, data the dataset lacks). */
  notes?: (string | undefined | false)[];
}

export function frame(ctx: TableContext, f: Frame): TableBlock {
  // 项 rows whose amount covers other 项 say so, whatever the table.
  const shown = f.body.flatMap((row) => row.flatMap((c) => c.content.flatMap((r) => (typeof r === 'object' && r.kind === 'figure' && r.dims?.functional ? [r.dims.functional] : []))));
  const notes = [...(f.notes ?? []), includesNote(ctx.d, shown)].filter((n): n is string => typeof n === 'string' && n !== '');
  const width = Math.max(0, ...rowWidths(f.header), ...rowWidths(f.body));
  const note: Inline[] = notes.length > 0 ? [notes.join('')] : [];
  return {
    kind: 'table',
    id: ctx.item.kind,
    title: ctx.item.title,
    number: ctx.item.number,
    unitName: ctx.d.unit.name,
    moneyUnit: '万元',
    header: f.header,
    body: f.body,
    ...(note.length > 0 ? { note } : {}),
    orientation: width >= LANDSCAPE_FROM ? 'landscape' : 'portrait',
  };
}

/** “本单位2024年度无…，故本表为空表。” */
export function emptyNote(ctx: TableContext, what: string): string {
  return `${ctx.self}${ctx.year}年度无${what}，故本表为空表。`;
}
