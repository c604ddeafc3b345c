/**
 * 部门预算支出经济分类 rows of 一般公共预算财政拨款基本支出 (dataset
 * `basicExpense.items`), shared by the 基本支出 table and the 明细表.
 * The dataset often lists only the codes used, without amounts; then there
 * are no rows to print, only the 人员经费 / 公用经费 totals.
 */
import { sum, type Fen } from '../../money/index.js';
import type { Dataset } from '../../model/index.js';

export interface EconomicRow {
  /** 类 (3 digits) or 款 (5 digits). */
  code: string;
  level: '类' | '款';
  value: Fen;
}

/** 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助; the rest is 公用经费 (domain.md §3.4). */
export function isPersonnel(code: string): boolean {
  return code.startsWith('301') || code.startsWith('303');
}

/**
 * 类 then 款 rows in code order, or undefined when the dataset lists no item
 * or an item without its amount. A 类 is the sum of its 款 when any is
 * given, else its own stated amount.
 */
export function basicEconomicRows(d: Dataset): EconomicRow[] | undefined {
  const items = d.basicExpense.items;
  if (items.length === 0 || items.some((i) => i.amount === undefined)) return undefined;
  const kuan = new Map<string, Fen>();
  const lei = new Map<string, Fen>();
  for (const i of items) {
    const m = i.code.length === 5 ? kuan : lei;
    m.set(i.code, (m.get(i.code) ?? 0n) + i.amount!.fen);
  }
  const classes = [...new Set(items.map((i) => i.code.slice(0, 3)))].sort();
  const rows: EconomicRow[] = [];
  for (const cls of classes) {
    const children = [...kuan.keys()].filter((c) => c.startsWith(cls)).sort();
    const value = children.length > 0 ? sum(children.map((c) => kuan.get(c)!)) : lei.get(cls)!;
    rows.push({ code: cls, level: '类', value });
    for (const c of children) rows.push({ code: c, level: '款', value: kuan.get(c)! });
  }
  return rows;
}

/** Sum of the 类 rows that pass `pred`. */
export function classSum(rows: readonly EconomicRow[], pred: (code: string) => boolean): Fen {
  return sum(rows.filter((r) => r.level === '类' && pred(r.code)).map((r) => r.value));
}
