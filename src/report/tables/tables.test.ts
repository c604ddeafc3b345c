import { describe, expect, it } from 'vitest';
import { EXAMPLES, loadExample } from '../../../test/examples.js';
import { wan, type Fen } from '../../money/index.js';
import { computeAccounts, isConceptId, parseDataset, type Accounts, type Dataset } from '../../model/index.js';
import { NATIONAL_9, SICHUAN_13, SICHUAN_15, TABLE_SETS, type TableSet } from '../../profiles/tableSets.js';
import { inlineText, type FigureRun, type TableBlock, type TableCell } from '../tree.js';
import { buildTables, TABLE_KINDS, type TableKind } from './index.js';

// ------------------------------------------------------------------ reading printed tables

/** Places each row's cells on grid columns, skipping columns taken by rowSpans from above. */
function place(rows: readonly TableCell[][]): { widths: number[]; cells: Map<number, TableCell>[] } {
  let carry: number[] = [];
  const widths: number[] = [];
  const cells: Map<number, TableCell>[] = [];
  for (const row of rows) {
    const at = new Map<number, TableCell>();
    const next = carry.map((n) => Math.max(0, n - 1));
    let col = 0;
    const skip = () => { while ((carry[col] ?? 0) > 0) col++; };
    for (const cell of row) {
      skip();
      at.set(col, cell);
      for (let k = 0; k < (cell.colSpan ?? 1); k++) next[col + k] = (cell.rowSpan ?? 1) - 1;
      col += cell.colSpan ?? 1;
    }
    skip();
    widths.push(col);
    cells.push(at);
    carry = next;
  }
  return { widths, cells };
}

interface Num {
  exact: Fen;
  printed: number;
  run: FigureRun;
}

/** The figure in a cell, or undefined for a blank, a label or —. */
function num(cell: TableCell | undefined): Num | undefined {
  if (!cell || cell.content.length !== 1) return undefined;
  const run = cell.content[0]!;
  if (typeof run === 'string' || run.kind !== 'figure' || run.unit !== '万元') return undefined;
  return { exact: wan(run.value), printed: Number(run.text), run };
}

const label = (cell: TableCell | undefined) => (cell ? inlineText(cell.content) : '');

class View {
  readonly rows: Map<number, TableCell>[];
  constructor(readonly t: TableBlock) {
    this.rows = place(t.body).cells;
  }
  cell(r: number, c: number) {
    return this.rows[r]?.get(c);
  }
  n(r: number, c: number) {
    return num(this.cell(r, c));
  }
  text(r: number, c: number) {
    return label(this.cell(r, c));
  }
  /** Index of the first row whose cell in column `c` reads `text`. */
  find(c: number, text: string, from = 0) {
    const i = this.rows.findIndex((_, r) => r >= from && this.text(r, c) === text);
    if (i < 0) throw new Error(`${this.t.title}: no row “${text}” in column ${c}`);
    return i;
  }
}

/**
 * lhs = Σ rhs, checked exactly on the machine-readable values and, within the
 * rounding of the printed 2-decimal figures, on the printed text. Skipped when
 * any side is not a figure (— or blank); returns whether it was checked.
 */
function sumHolds(where: string, lhs: (Num | undefined)[], rhs: (Num | undefined)[]): boolean {
  if ([...lhs, ...rhs].some((x) => x === undefined)) return false;
  const l = lhs as Num[];
  const r = rhs as Num[];
  const exact = (xs: Num[]) => xs.reduce((t, x) => t + x.exact, 0n);
  const printed = (xs: Num[]) => xs.reduce((t, x) => t + x.printed, 0);
  expect(exact(l), `${where} (exact)`).toBe(exact(r));
  expect(Math.abs(printed(l) - printed(r)), `${where} (printed)`).toBeLessThanOrEqual(0.005 * (l.length + r.length) + 1e-9);
  return true;
}

// ------------------------------------------------------------------ identities per table kind

type Level = '合计' | '类' | '款' | '项';

/** Level of a row in a 功能分类 table (类 | 款 | 项 | 科目名称 in columns 0–3). */
function functionalLevel(v: View, r: number): Level | undefined {
  if (v.text(r, 0) === '合计') return '合计';
  if (v.text(r, 2) !== '') return '项';
  if (v.text(r, 1) !== '') return '款';
  if (v.text(r, 0) !== '') return '类';
  return undefined;
}

/** 合计 = Σ 类, 类 = Σ its 款, 款 = Σ its 项, for every amount column from `first`. */
function functionalTreeHolds(v: View, first: number, width: number) {
  const levels = v.rows.map((_, r) => functionalLevel(v, r));
  const order: Level[] = ['合计', '类', '款', '项'];
  levels.forEach((lvl, r) => {
    if (lvl === undefined || lvl === '项') return;
    const child = order[order.indexOf(lvl) + 1]!;
    const kids: number[] = [];
    for (let k = r + 1; k < levels.length; k++) {
      const l = levels[k]!;
      if (order.indexOf(l) <= order.indexOf(lvl)) break;
      if (l === child) kids.push(k);
    }
    if (kids.length === 0) return;
    for (let c = first; c < width; c++) {
      sumHolds(`${v.t.title} row ${r} col ${c}`, [v.n(r, c)], kids.map((k) => v.n(k, c)));
    }
  });
}

function checkIdentities(t: TableBlock, width: number) {
  const v = new View(t);
  const rows = v.rows.map((_, r) => r);
  const kind = t.id as TableKind;
  switch (kind) {
    case 'totals': {
      const income = [0, 1, 2, 3, 4, 5, 6, 7];
      const yearIn = v.find(0, '本年收入合计');
      sumHolds('本年收入合计', [v.n(yearIn, 2)], income.map((r) => v.n(r, 2)));
      const totalIn = v.find(0, '总计');
      sumHolds('收入总计', [v.n(totalIn, 2)], [yearIn, v.find(0, '使用非财政拨款结余'), v.find(0, '年初结转和结余')].map((r) => v.n(r, 2)));
      const yearOut = v.find(3, '本年支出合计');
      const classes = rows.filter((r) => r < yearOut && v.n(r, 5) !== undefined);
      sumHolds('本年支出合计', [v.n(yearOut, 5)], classes.map((r) => v.n(r, 5)));
      const totalOut = v.find(3, '总计');
      sumHolds('支出总计', [v.n(totalOut, 5)], [yearOut, v.find(3, '结余分配'), v.find(3, '年末结转和结余')].map((r) => v.n(r, 5)));
      expect(sumHolds('收入总计 = 支出总计', [v.n(totalIn, 2)], [v.n(totalOut, 5)])).toBe(true);
      break;
    }
    case 'income':
      for (const r of rows) sumHolds(`${t.title} row ${r}`, [v.n(r, 4)], [5, 6, 7, 8, 9, 10].map((c) => v.n(r, c)));
      functionalTreeHolds(v, 4, width);
      break;
    case 'expense':
      for (const r of rows) sumHolds(`${t.title} row ${r}`, [v.n(r, 4)], [5, 6, 7, 8, 9].map((c) => v.n(r, c)));
      functionalTreeHolds(v, 4, width);
      break;
    case 'general-budget-expense':
      for (const r of rows) sumHolds(`${t.title} row ${r}`, [v.n(r, width - 3)], [v.n(r, width - 2), v.n(r, width - 1)]);
      functionalTreeHolds(v, 4, width);
      break;
    case 'state-capital-expense':
      for (const r of rows) sumHolds(`${t.title} row ${r}`, [v.n(r, 4)], [v.n(r, 5), v.n(r, 6)]);
      functionalTreeHolds(v, 4, width);
      break;
    case 'gov-fund':
    case 'state-capital-income-expense':
      for (const r of rows) {
        sumHolds(`${t.title} 小计 row ${r}`, [v.n(r, 6)], [v.n(r, 7), v.n(r, 8)]);
        sumHolds(`${t.title} 年末 = 年初 + 收入 − 支出 row ${r}`, [v.n(r, 9), v.n(r, 6)], [v.n(r, 4), v.n(r, 5)]);
      }
      functionalTreeHolds(v, 4, width);
      break;
    case 'fiscal-totals': {
      const yearIn = v.find(0, '本年收入合计');
      sumHolds('财政拨款本年收入合计', [v.n(yearIn, 2)], [0, 1, 2].map((r) => v.n(r, 2)));
      const opening = v.find(0, '年初财政拨款结转和结余');
      sumHolds('年初财政拨款结转和结余', [v.n(opening, 2)], [1, 2, 3].map((k) => v.n(opening + k, 2)));
      const totalIn = v.find(0, '总计');
      sumHolds('财政拨款收入总计', [v.n(totalIn, 2)], [v.n(yearIn, 2), v.n(opening, 2)]);
      for (const r of rows) sumHolds(`${t.title} 小计 row ${r}`, [v.n(r, 5)], [6, 7, 8].map((c) => v.n(r, c)));
      const yearOut = v.find(3, '本年支出合计');
      const closing = v.find(3, '年末财政拨款结转和结余');
      const totalOut = v.find(3, '总计');
      const classes = rows.filter((r) => r < yearOut && v.n(r, 5) !== undefined);
      for (const c of [5, 6, 7, 8]) {
        sumHolds(`财政拨款本年支出合计 col ${c}`, [v.n(yearOut, c)], classes.map((r) => v.n(r, c)));
        expect(sumHolds(`财政拨款支出总计 col ${c}`, [v.n(totalOut, c)], [v.n(yearOut, c), v.n(closing, c)])).toBe(true);
      }
      expect(sumHolds('财政拨款收支总计', [v.n(totalIn, 2)], [v.n(totalOut, 5)])).toBe(true);
      break;
    }
    case 'fiscal-expense-detail':
    case 'general-budget-expense-detail': {
      for (const r of rows) sumHolds(`${t.title} row ${r}`, [v.n(r, 2)], [v.n(r, 3), v.n(r, 4)]);
      const classes = rows.filter((r) => v.text(r, 0).length === 3);
      if (classes.length > 0) for (const c of [2, 3, 4]) sumHolds(`${t.title} 合计 col ${c}`, [v.n(0, c)], classes.map((r) => v.n(r, c)));
      for (const r of classes) {
        const kids = rows.filter((k) => v.text(k, 0).length === 5 && v.text(k, 0).startsWith(v.text(r, 0)));
        if (kids.length > 0) for (const c of [2, 3, 4]) sumHolds(`${t.title} 类 ${v.text(r, 0)}`, [v.n(r, c)], kids.map((k) => v.n(k, c)));
      }
      break;
    }
    case 'general-budget-basic': {
      const last = rows.length - 1;
      expect(v.text(last, 0)).toBe('人员经费合计');
      expect(v.text(last, 3)).toBe('公用经费合计');
      for (const [code, amount, total] of [[0, 2, 2], [3, 5, 5]] as const) {
        const classes = rows.filter((r) => r < last && v.text(r, code).length === 3);
        if (classes.length > 0) sumHolds(`${t.title} panel ${code}`, [v.n(last, total)], classes.map((r) => v.n(r, amount)));
        for (const r of classes) {
          const kids = rows.filter((k) => k < last && v.text(k, code).length === 5 && v.text(k, code).startsWith(v.text(r, code)));
          if (kids.length > 0) sumHolds(`${t.title} 类 ${v.text(r, code)}`, [v.n(r, amount)], kids.map((k) => v.n(k, amount)));
        }
      }
      break;
    }
    case 'sangong':
    case 'general-budget-sangong':
    case 'gov-fund-sangong':
      for (const o of [0, 6]) {
        sumHolds(`${t.title} 合计 (${o})`, [v.n(0, o)], [v.n(0, o + 1), v.n(0, o + 2), v.n(0, o + 5)]);
        sumHolds(`${t.title} 车小计 (${o})`, [v.n(0, o + 2)], [v.n(0, o + 3), v.n(0, o + 4)]);
      }
      break;
    case 'operating-assets-procurement': {
      const total = v.find(0, '　政府采购支出总额');
      sumHolds('政府采购支出总额', [v.n(total, 2)], [1, 2, 3].map((k) => v.n(total + k, 2)));
      const cars = v.find(0, '　车辆合计');
      const count = (r: number) => Number(v.text(r, 2));
      expect(count(cars)).toBe([1, 2, 3, 4, 5, 6, 7].reduce((s, k) => s + count(cars + k), 0));
      break;
    }
    case 'general-budget-project':
      break;
    default: {
      const never: never = kind;
      throw new Error(`no identity check for ${String(never)}`);
    }
  }
}

/** Equalities between tables of one set (domain.md §2.11 X1–X3), for the tables the set has. */
function checkCrossTable(tables: TableBlock[], a: Accounts) {
  const byKind = new Map(tables.map((t) => [t.id as TableKind, new View(t)]));
  const eq = (where: string, x: Num | undefined, y: Num | undefined) => expect(sumHolds(where, [x], [y]), where).toBe(true);
  const totals = byKind.get('totals')!;
  const yearIn = totals.n(totals.find(0, '本年收入合计'), 2);
  const yearOut = totals.n(totals.find(3, '本年支出合计'), 5);
  expect(yearIn!.exact).toBe(a.incomeTotal);
  expect(yearOut!.exact).toBe(a.expense.total);

  const income = byKind.get('income')!;
  eq('表1 本年收入合计 = 表2 合计', yearIn, income.n(0, 4));
  expect(sumHolds('表2 财政拨款收入 = 表1 行1–3', [income.n(0, 5)], [0, 1, 2].map((r) => totals.n(r, 2)))).toBe(true);

  const expense = byKind.get('expense')!;
  eq('表1 本年支出合计 = 表3 合计', yearOut, expense.n(0, 4));
  const classRows = expense.rows.map((_, r) => r).filter((r) => functionalLevel(expense, r) === '类');
  classRows.forEach((r, i) => eq(`表1 类 row ${i} = 表3 类 ${expense.text(r, 0)}`, totals.n(i, 5), expense.n(r, 4)));

  const fiscal = byKind.get('fiscal-totals')!;
  [0, 1, 2].forEach((r) => eq(`表4 收入 ${r} = 表1 行 ${r + 1}`, fiscal.n(r, 2), totals.n(r, 2)));
  const fiscalOut = fiscal.find(3, '本年支出合计');
  const gb = byKind.get('general-budget-expense')!;
  const gbWidth = Math.max(...place(gb.t.body).widths);
  eq('表4 一般公共预算 = 一般公共预算财政拨款支出决算表 合计', fiscal.n(fiscalOut, 6), gb.n(0, gbWidth - 3));
  const gf = byKind.get('gov-fund')!;
  eq('表4 政府性基金 = 政府性基金表 本年支出', fiscal.n(fiscalOut, 7), gf.n(0, 6));
  const sc = byKind.get('state-capital-expense')!;
  eq('表4 国有资本经营 = 国有资本经营支出决算表 合计', fiscal.n(fiscalOut, 8), sc.n(0, 4));
  const scIE = byKind.get('state-capital-income-expense');
  if (scIE) eq('国有资本经营 收入支出表 = 支出表', scIE.n(0, 6), sc.n(0, 4));

  const basic = byKind.get('general-budget-basic')!;
  const last = basic.rows.length - 1;
  const gbBasic = gb.n(0, gbWidth - 2);
  expect(sumHolds('基本支出 = 人员经费合计 + 公用经费合计', [gbBasic], [basic.n(last, 2), basic.n(last, 5)])).toBe(true);

  const fiscalDetail = byKind.get('fiscal-expense-detail');
  if (fiscalDetail) eq('财政拨款支出明细表 合计 = 表4 本年支出合计', fiscalDetail.n(0, 2), fiscal.n(fiscalOut, 5));
  const gbDetail = byKind.get('general-budget-expense-detail');
  if (gbDetail) {
    eq('一般公共预算明细表 合计', gbDetail.n(0, 2), gb.n(0, gbWidth - 3));
    eq('一般公共预算明细表 基本支出', gbDetail.n(0, 3), gbBasic);
  }
  const project = byKind.get('general-budget-project');
  if (project) eq('项目支出决算表 合计', project.n(0, 2), gb.n(0, gbWidth - 1));
  const sangong = byKind.get('sangong');
  if (sangong && a.sangong.actual.total !== undefined) expect(sangong.n(0, 6)!.exact).toBe(a.sangong.actual.total);
}

/** Structure every table must have, whatever its kind. */
function checkFrame(t: TableBlock, d: Dataset) {
  const header = place(t.header).widths;
  const body = place(t.body).widths;
  const width = header[0]!;
  for (const w of [...header, ...body]) expect(w, `${t.title}: every row spans the same columns`).toBe(width);
  expect(t.unitName).toBe(d.unit.name);
  expect(t.moneyUnit).toBe('万元');
  expect(t.orientation).toBe(width >= 8 ? 'landscape' : 'portrait');
  expect(t.body.length).toBeGreaterThan(0);
  for (const row of t.body) {
    for (const cell of row) {
      for (const run of cell.content) {
        if (typeof run === 'string' || run.kind !== 'figure') continue;
        expect(isConceptId(run.concept), `${t.title}: concept ${run.concept}`).toBe(true);
        expect(run.year).toBe(d.year);
        expect(cell.align).toBe('right');
      }
    }
  }
  const text = [...t.header, ...t.body].flat().map((c) => label(c)).join('|') + label({ content: t.note ?? [] });
  expect(text).not.toMatch(/NaN|undefined|null|Infinity/);
  return width;
}

function checkSet(set: TableSet, d: Dataset, a: Accounts): TableBlock[] {
  const tables = buildTables(set, d, a);
  expect(tables.map((t) => [t.number, t.title])).toEqual(set.items.map((i) => [i.number, i.title]));
  for (const t of tables) checkIdentities(t, checkFrame(t, d));
  checkCrossTable(tables, a);
  return tables;
}

const note = (t: TableBlock | undefined) => (t?.note ? inlineText(t.note) : '');
const find = (tables: TableBlock[], kind: TableKind) => {
  const t = tables.find((x) => x.id === kind);
  if (!t) throw new Error(`no ${kind}`);
  return t;
};

// ------------------------------------------------------------------ the sets

describe('table sets are data', () => {
  it('list the three templates in order, numbered', () => {
    expect(NATIONAL_9.items.map((i) => i.number)).toEqual(['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表']);
    expect(SICHUAN_13.items).toHaveLength(13);
    expect(SICHUAN_15.items).toHaveLength(15);
    expect(SICHUAN_15.items.map((i) => i.number).at(-1)).toBe('表15');
    expect(SICHUAN_15.items[14]!.title).toBe('机关运行经费、资产占用情况及政府采购支出信息表');
    expect(SICHUAN_13.items[12]!.title).toBe('财政拨款“三公”经费支出决算表');
    expect(Object.keys(TABLE_SETS).sort()).toEqual(['national-9', 'sichuan-13', 'sichuan-15']);
  });
  it('cover every table kind, each kind at most once per set', () => {
    const used = new Set(Object.values(TABLE_SETS).flatMap((s) => s.items.map((i) => i.kind)));
    expect([...used].sort()).toEqual([...TABLE_KINDS].sort());
    for (const s of Object.values(TABLE_SETS)) expect(new Set(s.items.map((i) => i.kind)).size).toBe(s.items.length);
  });
});

describe.each(EXAMPLES)('tables of %s', (name) => {
  const d = loadExample(name);
  const a = computeAccounts(d);
  describe.each(Object.values(TABLE_SETS).map((s) => [s.id, s] as const))('%s', (_id, set) => {
    it('match the set, hold every identity, and agree across tables', () => {
      checkSet(set, d, a);
    });
    it('print the empty 国有资本经营 tables with their note', () => {
      const tables = buildTables(set, d, a);
      for (const t of tables.filter((x) => x.id.startsWith('state-capital'))) {
        expect(note(t)).toMatch(/^本(单位|部门)\d{4}年度无国有资本经营预算财政拨款.*故本表为空表。$/);
        expect(t.body).toHaveLength(1);
        expect(inlineText(t.body[0]![0]!.content)).toBe('合计');
        expect(t.body[0]!.slice(1).every((c) => inlineText(c.content) === '0.00')).toBe(true);
      }
    });
  });
});

describe('figures of the two seed units', () => {
  it('昭化 2022: 收入支出决算总表 总计 1193.39', () => {
    const d = loadExample('zhaohua-zfw-2022');
    const tables = buildTables(NATIONAL_9, d, computeAccounts(d));
    const v = new View(find(tables, 'totals'));
    expect(v.n(v.find(0, '总计'), 2)!.run.text).toBe('1193.39');
    expect(v.n(v.find(3, '总计'), 5)!.run.text).toBe('1193.39');
    expect(note(find(tables, 'gov-fund'))).toBe('本单位2022年度无政府性基金预算财政拨款收入和支出，故本表为空表。');
    const sangong = new View(find(tables, 'sangong'));
    expect(sangong.n(0, 6)!.run.text).toBe('9.84');
    expect(sangong.n(0, 0)!.run.text).toBe('10.25');
  });
  it('米易 2021: 本年支出合计 1652.54 = 基本支出 414.67 + 项目支出 1237.87', () => {
    const d = loadExample('miyi-zfw-2021');
    const tables = buildTables(SICHUAN_15, d, computeAccounts(d));
    const v = new View(find(tables, 'expense'));
    expect([4, 5, 6].map((c) => v.n(0, c)!.run.text)).toEqual(['1652.54', '414.67', '1237.87']);
    const basic = new View(find(tables, 'general-budget-basic'));
    expect([basic.n(0, 2)!.run.text, basic.n(0, 5)!.run.text]).toEqual(['384.77', '29.90']);
    // The 政府性基金 table has rows: its balances are zero, so income by code is its spending.
    const gf = new View(find(tables, 'gov-fund'));
    expect(gf.text(3, 3)).toBe('征地和拆迁补偿支出');
    expect(gf.n(3, 5)!.run.text).toBe('1037.88');
    // 三公 is paid from 一般公共预算 (sangong.fund): table 10 carries it all, table 12 is an empty table.
    const gbs = new View(find(tables, 'general-budget-sangong'));
    expect([...Array(12).keys()].map((c) => gbs.text(0, c))).toEqual(
      ['6.51', '0.00', '5.31', '0.00', '5.31', '1.20', '4.17', '0.00', '3.13', '0.00', '3.13', '1.04'],
    );
    expect(note(find(tables, 'general-budget-sangong'))).toBe('');
    expect(note(find(tables, 'gov-fund-sangong'))).toBe('本部门2021年度无政府性基金预算财政拨款“三公”经费支出，故本表为空表。');
    const info = new View(find(tables, 'operating-assets-procurement'));
    expect(info.n(0, 2)!.run.text).toBe('29.90');
    expect(info.text(info.find(0, '　车辆合计'), 2)).toBe('1');
  });
  it('name cells come from the report year’s classification', () => {
    const names = (ex: (typeof EXAMPLES)[number]) => {
      const d = loadExample(ex);
      const v = new View(find(buildTables(NATIONAL_9, d, computeAccounts(d)), 'expense'));
      return v.rows.map((_, r) => v.text(r, 3));
    };
    expect(names('miyi-zfw-2021')).toContain('行政事业单位离退休');
    expect(names('zhaohua-zfw-2022')).toContain('行政事业单位养老支出');
  });
});

// ------------------------------------------------------------------ synthetic datasets

const unit = `
format: juesuan-dataset/1
year: 2023
unit:
  name: 某县示范局
  shortName: 示范局
  region: { province: 四川省 }
  level: 部门
  kind: 行政
  duties: [承担示范工作]
  organisation: {}
  staffing: { authorized: { 行政: 5 }, actual: { 行政: 5 } }
procurement: { goods: 0, works: 0, services: 12.00, sme: 12.00 }
assets: { vehicles: { 执法执勤用车: 2, 其他用车: 1 }, generalEquipment500k: 0 }
`;

/** 政府性基金 spending, carry-overs on every fund, 经济分类 amounts for 基本支出, an unknown code. */
const withFundsAndBalances = `${unit}
income: { generalBudget: 300.00, govFund: 50.00, business: 20.00 }
openingBalance: { generalBudget: 10.00, govFund: 30.00, nonFiscal: 5.00 }
expenditure:
  - { code: "2010301", basic: 150.00, initialBudget: 140.00, adjustedBudget: 150.00 }
  - { code: "2010302", project: 100.00, initialBudget: 100.00, adjustedBudget: 110.00 }
  - { code: "2080505", basic: 40.00, initialBudget: 40.00, adjustedBudget: 40.00 }
  - { code: "9999999", project: 15.00 }
  - { code: "2120801", fund: govFund, project: 60.00 }
  - { code: "2010301", fund: other, basic: 20.00 }
closingBalance: { generalBudget: 5.00, govFund: 20.00, nonFiscal: 5.00 }
basicExpense:
  items:
    - { code: "30101", amount: 100.00 }
    - { code: "30108", amount: 40.00 }
    - { code: "30302", amount: 10.00 }
    - { code: "30201", amount: 25.00 }
    - { code: "30217", amount: 5.00 }
    - { code: "31002", amount: 10.00 }
sangong:
  budget: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 6.00, reception: 4.00 }
  actual: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 5.00, receptionDomestic: 3.00, receptionForeign: 0 }
`;

/** No balances, one non-fiscal source, a 国有资本经营 line: income by code is derivable. */
const derivable = `${unit}
income: { generalBudget: 100.00, stateCapital: 10.00, business: 20.00 }
expenditure:
  - { code: "2010301", basic: 100.00 }
  - { code: "2230199", fund: stateCapital, project: 10.00 }
  - { code: "2010350", fund: other, basic: 20.00 }
basicExpense: { personnel: 80.00, public: 20.00 }
sangong:
  budget: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 }
  actual: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, receptionDomestic: 0, receptionForeign: 0 }
`;

describe('a synthetic unit with 政府性基金 and carry-over balances', () => {
  const d = parseDataset(withFundsAndBalances, 'funds.yaml');
  const a = computeAccounts(d);
  it.each(Object.values(TABLE_SETS).map((s) => [s.id, s] as const))('%s holds every identity', (_id, set) => {
    checkSet(set, d, a);
  });
  const tables = buildTables(SICHUAN_15, d, a);
  it('收入支出决算总表: 总计 415.00 on both sides, with the balances', () => {
    const v = new View(find(tables, 'totals'));
    expect(v.n(v.find(0, '总计'), 2)!.run.text).toBe('415.00');
    expect(v.n(v.find(0, '年初结转和结余'), 2)!.run.text).toBe('45.00');
    expect(v.n(v.find(3, '年末结转和结余'), 5)!.run.text).toBe('30.00');
    expect(v.n(v.find(3, '总计'), 5)!.run.text).toBe('415.00');
    expect(v.rows.map((_, r) => v.text(r, 3))).toContain('999（科目名称待核实）');
  });
  it('收入决算表: balances block the derivation, so only the 合计 row and a note', () => {
    const t = find(tables, 'income');
    expect(t.body).toHaveLength(1);
    expect(note(t)).toContain('未提供按支出功能分类科目划分的收入');
    expect(note(t)).toContain('财政拨款年初或年末结转和结余不为零');
  });
  it('政府性基金表: 合计 row complete, code rows show spending and — for what is not known', () => {
    const v = new View(find(tables, 'gov-fund'));
    expect([4, 5, 6, 7, 8, 9].map((c) => v.text(0, c))).toEqual(['30.00', '50.00', '60.00', '0.00', '60.00', '20.00']);
    expect([4, 5, 6, 9].map((c) => v.text(3, c))).toEqual(['—', '—', '60.00', '—']);
    expect(note(find(tables, 'gov-fund'))).toContain('未按支出功能分类科目划分');
  });
  it('财政拨款收入支出决算总表: 年初 40.00, 年末 25.00, 总计 390.00', () => {
    const v = new View(find(tables, 'fiscal-totals'));
    expect(v.text(v.find(0, '年初财政拨款结转和结余'), 2)).toBe('40.00');
    expect([5, 6, 7, 8].map((c) => v.text(v.find(3, '年末财政拨款结转和结余'), c))).toEqual(['25.00', '5.00', '20.00', '0.00']);
    expect(v.text(v.find(0, '总计'), 2)).toBe('390.00');
  });
  it('一般公共预算支出表: both budget columns; an item without a budget prints —', () => {
    const t = find(tables, 'general-budget-expense');
    expect(inlineText(t.header[0]![2]!.content)).toBe('年初预算数');
    expect(inlineText(t.header[0]![3]!.content)).toBe('调整预算数');
    const v = new View(t);
    expect(v.text(0, 4)).toBe('—');
    const unknown = v.rows.findIndex((_, r) => v.text(r, 0) === '999' && v.text(r, 2) === '99');
    expect(v.text(unknown, 3)).toBe('科目名称待核实');
    expect(v.text(unknown, 6)).toBe('15.00');
    const item = v.rows.findIndex((_, r) => v.text(r, 0) === '201' && v.text(r, 2) === '02');
    expect([4, 5, 6].map((c) => v.text(item, c))).toEqual(['100.00', '110.00', '100.00']);
    expect(note(t)).toContain('未填报预算数');
  });
  it('基本支出表: 经济分类 rows from the item amounts, panels adding up', () => {
    const v = new View(find(tables, 'general-budget-basic'));
    expect(v.text(0, 0)).toBe('301');
    expect(v.text(0, 2)).toBe('140.00');
    expect(v.text(0, 3)).toBe('302');
    const last = v.rows.length - 1;
    expect([v.text(last, 2), v.text(last, 5)]).toEqual(['150.00', '40.00']);
    expect(note(find(tables, 'general-budget-basic'))).toBe('');
  });
  it('明细表: 基本支出 by 经济分类, 项目支出 — with a note', () => {
    const t = find(tables, 'general-budget-expense-detail');
    const v = new View(t);
    expect(v.text(1, 0)).toBe('301');
    expect([2, 3, 4].map((c) => v.text(1, c))).toEqual(['—', '140.00', '—']);
    expect(note(t)).toBe('数据集未提供项目支出按支出经济分类科目的金额，相应单元格以“—”表示。');
  });
  it('三公 tables: 财政拨款 known, the per-fund split not (sangong.fund not stated)', () => {
    const all = buildTables(SICHUAN_13, d, a);
    expect(new View(find(all, 'sangong')).text(0, 6)).toBe('8.00');
    for (const kind of ['general-budget-sangong', 'gov-fund-sangong'] as const) {
      const t = find(tables, kind);
      expect(t.body[0]!.every((c) => inlineText(c.content) === '—')).toBe(true);
      expect(note(t)).toContain('sangong.fund');
    }
  });
  it('三公 tables: the stated fund carries the figures, the other fund is an empty table', () => {
    for (const [fund, full, empty] of [
      ['generalBudget', 'general-budget-sangong', 'gov-fund-sangong'],
      ['govFund', 'gov-fund-sangong', 'general-budget-sangong'],
    ] as const) {
      const stated = parseDataset(withFundsAndBalances.replace('sangong:\n', `sangong:\n  fund: ${fund}\n`), 'funds.yaml');
      expect(stated.sangong.fund).toBe(fund);
      const ts = buildTables(SICHUAN_15, stated, computeAccounts(stated));
      const v = new View(find(ts, full));
      expect([0, 6, 11].map((c) => v.text(0, c))).toEqual(['10.00', '8.00', '3.00']);
      expect(note(find(ts, full))).toBe('');
      const e = new View(find(ts, empty));
      expect([...Array(12).keys()].every((c) => e.text(0, c) === '0.00')).toBe(true);
      expect(note(find(ts, empty))).toMatch(/^本部门2023年度无.*“三公”经费支出，故本表为空表。$/);
    }
  });
});

describe('a synthetic unit whose income by code is exactly implied', () => {
  const d = parseDataset(derivable, 'derivable.yaml');
  const a = computeAccounts(d);
  it.each(Object.values(TABLE_SETS).map((s) => [s.id, s] as const))('%s holds every identity', (_id, set) => {
    checkSet(set, d, a);
  });
  const tables = buildTables(SICHUAN_15, d, a);
  it('收入决算表 has code rows, the non-fiscal source in its own column', () => {
    const t = find(tables, 'income');
    const v = new View(t);
    expect(note(t)).toBe('');
    const r = v.rows.findIndex((_, k) => v.text(k, 0) === '201' && v.text(k, 2) === '50');
    expect([4, 5, 7].map((c) => v.text(r, c))).toEqual(['20.00', '0.00', '20.00']);
  });
  it('国有资本经营 tables are not empty, and unknown codes say so', () => {
    for (const kind of ['state-capital-expense', 'state-capital-income-expense'] as const) {
      const t = find(tables, kind);
      expect(note(t)).toBe('');
      const v = new View(t);
      expect(v.text(1, 0)).toBe('223');
      expect(v.text(3, 3)).toBe('科目名称待核实');
    }
  });
  it('no “三公” spending: the 三公 tables are empty tables with their note', () => {
    expect(note(find(tables, 'general-budget-sangong'))).toBe('本部门2023年度无一般公共预算财政拨款“三公”经费支出，故本表为空表。');
    expect(note(find(tables, 'gov-fund-sangong'))).toBe('本部门2023年度无政府性基金预算财政拨款“三公”经费支出，故本表为空表。');
  });
  it('the information table counts vehicles by type', () => {
    const v = new View(find(tables, 'operating-assets-procurement'));
    expect(v.text(v.find(0, '　车辆合计'), 2)).toBe('3');
    expect(v.text(v.find(0, '　单价100万元以上专用设备'), 2)).toBe('—');
  });
});
