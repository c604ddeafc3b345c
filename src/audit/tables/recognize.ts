/**
 * Which standard 决算 table a read table is (by its title, else by its
 * header), and its columns by what their headers say. Pure.
 */
import type { MoneyUnit } from '../../money/index.js';
import { cleanCell, parseCell, unitOf } from './cells.js';
import type { ReadTable } from './types.js';

export type TableKind =
  | 'totals' // 收入支出决算总表
  | 'income' // 收入决算表
  | 'expense' // 支出决算表
  | 'fiscalTotals' // 财政拨款收入支出决算总表
  | 'generalBudgetExpense' // 一般公共预算财政拨款支出决算表
  | 'generalBudgetBasic' // 一般公共预算财政拨款基本支出决算(明细)表
  | 'sangong' // (一般公共预算)财政拨款“三公”经费支出决算表
  | 'govFund' // 政府性基金预算财政拨款收入支出决算表
  | 'stateCapital' // 国有资本经营预算财政拨款(收入)支出决算表
  | 'other';

export const KIND_TITLE: Record<TableKind, string> = {
  totals: '收入支出决算总表',
  income: '收入决算表',
  expense: '支出决算表',
  fiscalTotals: '财政拨款收入支出决算总表',
  generalBudgetExpense: '一般公共预算财政拨款支出决算表',
  generalBudgetBasic: '一般公共预算财政拨款基本支出决算表',
  sangong: '财政拨款“三公”经费支出决算表',
  govFund: '政府性基金预算财政拨款收入支出决算表',
  stateCapital: '国有资本经营预算财政拨款支出决算表',
  other: '其他表格',
};

/** A title as compared: no quotes, spaces, year prefix or table number. */
export function titleKey(s: string): string {
  return cleanCell(s)
    .replace(/["'“”‘’「」『』]/g, '')
    .replace(/^(?:附表|附件)\d*[、.．:：]?|^\d{1,2}[、.．:：]/, '')
    .replace(/^(?:[\u4e00-\u9fa5（）()]{0,40}?)?(?:\d{4}年度?)/, '')
    .replace(/^公开\d+表/, '')
    .replace(/[（(](?:公开)?\d+表[)）]$/, '');
}

/** The kind a title names, or undefined when the line is no 决算表 title. */
export function kindOfTitle(line: string): TableKind | undefined {
  const t = titleKey(line);
  if (!/决算(?:明细)?表$|决算总表$|经费支出决算表$|情况表$|信息表$/.test(t) || t.length > 60) return undefined;
  if (/三公/.test(t)) return /政府性基金/.test(t) ? 'other' : 'sangong';
  if (/财政拨款收入支出决算总表$/.test(t)) return 'fiscalTotals';
  if (/收入支出决算总表$/.test(t) || /^收入支出决算表$/.test(t)) return 'totals';
  if (/一般公共预算财政拨款基本支出决算(?:明细)?表$/.test(t)) return 'generalBudgetBasic';
  if (/一般公共预算财政拨款(?:收入)?支出决算表$/.test(t)) return 'generalBudgetExpense';
  if (/政府性基金预算财政拨款收入支出决算表$/.test(t)) return 'govFund';
  if (/国有资本经营预算财政拨款(?:收入)?支出决算表$/.test(t)) return 'stateCapital';
  if (/^收入决算表$/.test(t)) return 'income';
  if (/^支出决算表$/.test(t)) return 'expense';
  return 'other';
}

/** The title among the lines above a table: the nearest line that names a 决算表. */
export function findTitle(context: readonly string[]): { title: string; kind: TableKind } | undefined {
  for (let i = context.length - 1; i >= 0; i--) {
    const kind = kindOfTitle(context[i]!);
    if (kind) return { title: context[i]!.trim(), kind };
  }
  return undefined;
}

export interface Column {
  index: number;
  /** Header texts top to bottom, each once, cleaned. */
  labels: string[];
  /** labels joined by "/". */
  label: string;
}

export function columnsOf(t: ReadTable): Column[] {
  const width = Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.cells.length));
  return Array.from({ length: width }, (_, index) => {
    const labels: string[] = [];
    for (const row of t.header) {
      const l = cleanCell(row[index] ?? '').replace(/["“”]/g, '');
      if (l !== '' && labels[labels.length - 1] !== l) labels.push(l);
    }
    return { index, labels, label: labels.join('/') };
  });
}

export interface Recognised {
  table: ReadTable;
  kind: TableKind;
  /** The title was found above the table (not only guessed from the header). */
  byTitle: boolean;
  unit: MoneyUnit;
  /** The unit was stated (金额单位：…); otherwise 万元 is assumed and nothing is certain. */
  unitStated: boolean;
  columns: Column[];
  /**
   * The table prints no zero anywhere and leaves amount cells blank beside figures in the same row: it writes
   * zero as a blank (上海 and others). Blank cells are then read as 0, and what depends on them is only 疑似.
   */
  blankIsZero: { ulp: bigint } | undefined;
}

/** Whether the table writes zero as a blank cell (see Recognised.blankIsZero), and the precision its figures use. */
function blankZero(t: ReadTable, unit: MoneyUnit): { ulp: bigint } | undefined {
  let zero = false;
  let blankBeside = false;
  const ulps = new Map<bigint, number>();
  for (const r of t.rows) {
    const vals = r.cells.map((c) => parseCell(c, unit));
    const amounts = vals.filter((v) => v.kind === 'amount');
    if (amounts.some((v) => v.kind === 'amount' && v.fen === 0n)) zero = true;
    for (const v of amounts) if (v.kind === 'amount') ulps.set(v.ulp, (ulps.get(v.ulp) ?? 0) + 1);
    if (amounts.length > 0 && vals.some((v) => v.kind === 'blank')) blankBeside = true;
  }
  if (zero || !blankBeside || ulps.size === 0) return undefined;
  const ulp = [...ulps.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { ulp };
}

/** 上海-style headers put 类/款/项 in the first body row, beside 合计: those labels name the code columns. */
function codeLabelsFromFirstRow(t: ReadTable, cols: Column[]): void {
  const first = t.rows[0]?.cells.map((c) => cleanCell(c)) ?? [];
  const at = first.findIndex((c, i) => c === '类' && first[i + 1] === '款');
  if (at < 0) return;
  for (const [k, label] of [[0, '类'], [1, '款'], [2, '项']] as const) {
    if (first[at + k] !== label || !cols[at + k]) continue;
    const c = cols[at + k]!;
    c.labels = [...c.labels, label];
    c.label = c.labels.join('/');
  }
}

/** A header-only guess for a table whose title was not found (a continuation, a page without the title). */
function kindOfHeader(cols: readonly Column[]): TableKind | undefined {
  const all = cols.map((c) => c.label).join('|');
  if (/因公出国/.test(all) && /公务接待/.test(all)) return 'sangong';
  if (/人员经费/.test(all) && /公用经费/.test(all) && /科目编码/.test(all)) return 'generalBudgetBasic';
  if (/本年收入合计/.test(all) && /事业收入/.test(all)) return 'income';
  if (/本年支出合计/.test(all) && /对附属单位补助支出/.test(all)) return 'expense';
  return undefined;
}

export function recognise(t: ReadTable): Recognised {
  const columns = columnsOf(t);
  const found = t.title ? { title: t.title, kind: kindOfTitle(t.title) } : findTitle(t.context);
  const byTitle = found?.kind !== undefined;
  const kind = found?.kind ?? kindOfHeader(columns) ?? 'other';
  const stated = unitOf(t.context, t.header);
  codeLabelsFromFirstRow(t, columns);
  const unit = stated ?? '万元';
  return { table: t, kind, byTitle, unit, unitStated: stated !== undefined, columns, blankIsZero: blankZero(t, unit) };
}
