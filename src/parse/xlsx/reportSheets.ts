/**
 * Reads a workbook exported by the 部门决算 reporting software (one sheet per
 * 财决 table). Layout this reader expects (domain.md §2.1–2.6, §2.12); an
 * optional mapping file (mapping.ts) overrides any part of it:
 *
 * Sheets are found by name: a code prefix ("Z01", "Z04", "Z05_1" / "Z05-1")
 * or the tag "财决01表" / "财决04表" / "财决05-1表" anywhere in the name.
 *   Z01 收入支出决算总表(财决01表)   → income, balances               (required)
 *   Z04 支出决算表(财决04表)         → expenditure lines per 项        (optional)
 *   Z05_1 基本支出决算明细表          → basicExpense by 经济分类 code   (optional)
 *   Z03 收入决算表, Z05 支出决算明细表 and the other sheets are not needed and are ignored.
 *
 * Every used sheet: somewhere in its first 8 rows (before the header) a cell
 * with "金额单位：元" or "金额单位：万元" (or "单位：…"), and on one of the used
 * sheets "编制单位：<name>" and "<year>年度" (or "<year>年" in the title).
 *
 * Z01 — two panels side by side (收入 left, 支出 right), each
 *   项目 | [行次] | 金额   ("决算数" / "本年数" also accepted as the amount heading).
 *   Rows are found by their label wherever they are (list numbering such as
 *   "一、" and "其中：" and spaces are ignored); the amount is in the nearest
 *   amount column to the right of the label:
 *     一般公共预算财政拨款收入 · 政府性基金预算财政拨款收入 · 国有资本经营预算财政拨款收入 ·
 *     上级补助收入 · 事业收入 · 经营收入 · 附属单位上缴收入 · 其他收入 · 本年收入合计 ·
 *     使用非财政拨款结余(和专用结余) · 年初结转和结余 · 本年支出合计 · 结余分配 · 年末结转和结余.
 *   Directly under 年初/年末结转和结余, rows labelled 一般公共预算财政拨款 /
 *   政府性基金预算财政拨款 / 国有资本经营预算财政拨款 / 非财政拨款 (optionally
 *   "…结转和结余") split the balance by fund.
 * Z04 — header found by its labels (the row holding 基本支出 and 项目支出, with
 *   up to three rows of group headings above it, merged or not):
 *     科目编码 (one column, 3/5/7 digits) or 类 | 款 | 项 columns; 科目名称;
 *     本年支出合计 (or 合计); 基本支出; 项目支出; 上缴上级支出; 经营支出; 对附属单位补助支出;
 *     optionally 资金来源 (一般公共预算 / 政府性基金 / 国有资本经营 / 其他).
 *   Rows: 合计, then 类 / 款 / 项 rows. Only 项 (7-digit) rows become
 *   expenditure lines; 类, 款 and 合计 rows must equal the sum of their 项.
 *   A "栏次" row is skipped. Without a fund column every line is
 *   一般公共预算财政拨款 (a warning says so when Z01 shows other income).
 * Z05_1 — "tall": 科目编码 | 科目名称 | 决算数, one panel or two side by side
 *   (人员经费 | 公用经费), rows 301, 30101, …; rows labelled 人员经费合计 /
 *   公用经费合计 give the two totals (else 301+303 are 人员经费, the rest 公用经费).
 *   Or "wide": one header row of economic codes ("30101" or "30101 基本工资")
 *   with the amounts in the 合计 row.
 *
 * Blank amount cells are "not stated" (an omitted line is zero for income and
 * expenditure); text in an amount cell, a merged amount cell or a formula
 * without its saved result is an error naming the cell. Nothing is guessed.
 */
import type ExcelJS from 'exceljs';
import { type Fund, FUNDS } from '../../model/schema.js';
import { formatAmount, type RawValue } from '../../model/save.js';
import { formatYuan, type Amount, type MoneyUnit } from '../../money/index.js';
import { addr, cellText, codeIn, colLetter, colNumber, hasOwnValue, isZero, mergesOf, normLabel, quote, readAmount, VT, type MergeRange } from './cells.js';
import { at, sheetError, XlsxImportError } from './errors.js';
import type { MappingFile, SheetMapping } from './mapping.js';

export type TableKey = '01' | '03' | '04' | '05' | '05_1';
export const TABLE_TITLES: Record<TableKey, string> = {
  '01': '收入支出决算总表（财决01表）',
  '03': '收入决算表（财决03表）',
  '04': '支出决算表（财决04表）',
  '05': '支出决算明细表（财决05表）',
  '05_1': '基本支出决算明细表（财决05-1表）',
};

/** The table a sheet holds, from its code prefix or its 财决XX表 tag. */
export function tableKeyOf(name: string): TableKey | undefined {
  const n = name.replace(/\s+/g, '');
  const pre = /^Z(\d{2})(?:[_\-－](\d))?(?!\d)/i.exec(n);
  const tag = /财决(\d{2})(?:[_\-－](\d))?表/.exec(n);
  const key = (m: RegExpExecArray | null) => (m ? (m[2] ? `${m[1]}_${m[2]}` : m[1]!) : undefined);
  const a = key(pre);
  const b = key(tag);
  if (a && b && a !== b) throw new XlsxImportError(`工作表名称“${name}”中的表号不一致（Z${a} 与 财决${b.replace('_', '-')}表），无法确定它是哪张表。`, { sheet: name });
  const k = a ?? b;
  return k && k in TABLE_TITLES ? (k as TableKey) : undefined;
}

/** The dataset's money unit for imported amounts (元 amounts keep their 分 with a 元 suffix). */
const OUT_UNIT: MoneyUnit = '万元';
const fmt = (a: Amount) => formatAmount(a, OUT_UNIT);
const yuanText = (a: Amount | bigint) => `${formatYuan(typeof a === 'bigint' ? a : a.fen)}元`;

export interface ReportWorkbookResult {
  /** The authoring form of what the workbook contains (partial). */
  raw: { [key: string]: RawValue };
  /** Dataset paths the workbook does not give. */
  missing: string[];
  warnings: string[];
  /** Names of the sheets read. */
  sheets: string[];
}

interface Ctx {
  ws: ExcelJS.Worksheet;
  name: string;
  merges: MergeRange[];
  unit: MoneyUnit;
}

const sumFen = (xs: (Amount | undefined)[]) => xs.reduce((t, a) => t + (a?.fen ?? 0n), 0n);

/** Iterates the non-empty cells of rows r1..r2 (merged slaves included, showing their master's text). */
function eachText(ws: ExcelJS.Worksheet, r1: number, r2: number, f: (r: number, c: number, text: string) => void): void {
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < r1 || r > r2) return;
    row.eachCell({ includeEmpty: false }, (_cell, c) => {
      const t = cellText(ws, r, c);
      if (t !== '') f(r, c, t);
    });
  });
}

function findSheets(wb: ExcelJS.Workbook, mapping: MappingFile | undefined): Partial<Record<TableKey, ExcelJS.Worksheet>> {
  const out: Partial<Record<TableKey, ExcelJS.Worksheet>> = {};
  const byMapping: [TableKey, string | undefined][] = [
    ['01', mapping?.summary?.sheet],
    ['04', mapping?.expenditure?.sheet],
    ['05_1', mapping?.basic?.sheet],
  ];
  const mapped = new Set<TableKey>();
  for (const [key, pattern] of byMapping) {
    if (pattern === undefined) continue;
    const re = new RegExp(pattern);
    const hits = wb.worksheets.filter((ws) => re.test(ws.name));
    if (hits.length === 0) throw new XlsxImportError(`映射文件指定的工作表（${pattern}）在工作簿中不存在；工作簿中的工作表：${wb.worksheets.map((w) => `“${w.name}”`).join('、')}`);
    if (hits.length > 1) throw new XlsxImportError(`映射文件指定的工作表（${pattern}）匹配到多个工作表：${hits.map((w) => `“${w.name}”`).join('、')}`);
    out[key] = hits[0]!;
    mapped.add(key);
  }
  for (const ws of wb.worksheets) {
    const key = tableKeyOf(ws.name);
    if (!key || mapped.has(key)) continue;
    const prev = out[key];
    if (prev) throw new XlsxImportError(`有两个工作表都像是${TABLE_TITLES[key]}：“${prev.name}”和“${ws.name}”，无法确定用哪一个；请删除多余的工作表，或用映射文件指定。`);
    out[key] = ws;
  }
  return out;
}

const UNIT_RE = /(?<!编制)单位[:：]\s*(万元|元)/;

function moneyUnitOf(ws: ExcelJS.Worksheet, m: SheetMapping | undefined, lastRow: number): MoneyUnit {
  if (m?.moneyUnit) return m.moneyUnit;
  const found = new Set<MoneyUnit>();
  eachText(ws, 1, Math.max(1, Math.min(8, lastRow)), (_r, _c, t) => {
    const u = UNIT_RE.exec(t.replace(/\s+/g, ''))?.[1];
    if (u === '元' || u === '万元') found.add(u);
  });
  if (found.size === 1) return [...found][0]!;
  if (found.size > 1) throw sheetError(ws.name, '表头中同时出现“元”和“万元”两种金额单位，无法确定；请在映射文件中用 moneyUnit 指定。');
  throw sheetError(ws.name, '表头中没有找到金额单位（如“金额单位：元”）；请在表头写明，或在映射文件中用 moneyUnit 指定。');
}

function metaOf(ws: ExcelJS.Worksheet): { unitName?: string; year?: number } {
  let unitName: string | undefined;
  let year: number | undefined;
  eachText(ws, 1, 8, (r, c, t) => {
    const m = /编制单位[:：]\s*(.*)$/s.exec(t);
    if (m && unitName === undefined) {
      let name = m[1]!.split(/\s{2,}|\u3000|金额单位|(?<!编制)单位[:：]|\d{4}\s*年度?/)[0]!.trim();
      if (name === '') name = cellText(ws, r, c + 1);
      if (name !== '') unitName = name;
    }
    const y = /(\d{4})\s*年度/.exec(t) ?? /^(\d{4})\s*年/.exec(t) ?? /(\d{4})\s*年.*决算/.exec(t);
    if (y && year === undefined) {
      const n = Number(y[1]);
      if (n >= 2000 && n <= 2100) year = n;
    }
  });
  return { unitName, year };
}

// ---------------------------------------------------------------------------
// Z01 收入支出决算总表

type SummaryRole =
  | 'income.generalBudget' | 'income.govFund' | 'income.stateCapital' | 'income.superiorSubsidy'
  | 'income.business' | 'income.operating' | 'income.affiliate' | 'income.other'
  | 'incomeTotal' | 'useOfNonFiscalBalance' | 'opening' | 'expenseTotal' | 'balanceDistribution' | 'closing';

const SUMMARY_LABELS: Record<string, SummaryRole> = {
  一般公共预算财政拨款收入: 'income.generalBudget',
  政府性基金预算财政拨款收入: 'income.govFund',
  国有资本经营预算财政拨款收入: 'income.stateCapital',
  上级补助收入: 'income.superiorSubsidy',
  事业收入: 'income.business',
  经营收入: 'income.operating',
  附属单位上缴收入: 'income.affiliate',
  其他收入: 'income.other',
  本年收入合计: 'incomeTotal',
  使用非财政拨款结余: 'useOfNonFiscalBalance',
  使用非财政拨款结余和专用结余: 'useOfNonFiscalBalance',
  用事业基金弥补收支差额: 'useOfNonFiscalBalance',
  年初结转和结余: 'opening',
  本年支出合计: 'expenseTotal',
  结余分配: 'balanceDistribution',
  年末结转和结余: 'closing',
};

const ROLE_TEXT: Record<SummaryRole, string> = {
  'income.generalBudget': '一般公共预算财政拨款收入',
  'income.govFund': '政府性基金预算财政拨款收入',
  'income.stateCapital': '国有资本经营预算财政拨款收入',
  'income.superiorSubsidy': '上级补助收入',
  'income.business': '事业收入',
  'income.operating': '经营收入',
  'income.affiliate': '附属单位上缴收入',
  'income.other': '其他收入',
  incomeTotal: '本年收入合计',
  useOfNonFiscalBalance: '使用非财政拨款结余',
  opening: '年初结转和结余',
  expenseTotal: '本年支出合计',
  balanceDistribution: '结余分配',
  closing: '年末结转和结余',
};

type BalanceFund = 'generalBudget' | 'govFund' | 'stateCapital' | 'nonFiscal';
function balanceFundOf(label: string): BalanceFund | undefined {
  const t = label.replace(/(结转和结余|结转结余|资金)$/, '');
  if (t === '一般公共预算财政拨款') return 'generalBudget';
  if (t === '政府性基金预算财政拨款') return 'govFund';
  if (t === '国有资本经营预算财政拨款') return 'stateCapital';
  if (t === '非财政拨款') return 'nonFiscal';
  return undefined;
}

const AMOUNT_HEADERS = ['金额', '决算数', '本年决算数', '本年数', '决算金额', '本年金额'];

interface SummaryResult {
  income: Partial<Record<string, Amount>>;
  incomeTotal?: Amount;
  expenseTotal?: Amount;
  useOfNonFiscalBalance?: Amount;
  balanceDistribution?: Amount;
  opening: { total?: Amount; funds: Partial<Record<BalanceFund, Amount>>; split: boolean };
  closing: { total?: Amount; funds: Partial<Record<BalanceFund, Amount>>; split: boolean };
}

function readSummary(ctx: Ctx, m: NonNullable<MappingFile['summary']> | undefined): SummaryResult {
  const { ws } = ctx;
  const found = new Map<SummaryRole, { r: number; c: number }>();
  const amountHeaders: { r: number; c: number }[] = [];
  const extraAmount = (m?.labels?.amount ?? []).map(normLabel);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === 1) return; // a merged slave repeats its master's label
      const t = normLabel(cellText(ws, r, c));
      if (t === '') return;
      if (AMOUNT_HEADERS.includes(t) || extraAmount.includes(t)) amountHeaders.push({ r, c });
      const role = SUMMARY_LABELS[t];
      if (!role) return;
      const prev = found.get(role);
      if (prev) throw new XlsxImportError(`${at(ws.name, addr(r, c))}“${ROLE_TEXT[role]}”出现了两次（另一处在 ${addr(prev.r, prev.c)}），无法确定用哪一个。`, { sheet: ws.name, cell: addr(r, c) });
      found.set(role, { r, c });
    });
  });
  if (!found.has('income.generalBudget')) {
    throw sheetError(ws.name, '没有找到“一般公共预算财政拨款收入”行。本程序按2019年起的收入支出决算总表格式读取（收入各项逐行列出）；如格式不同，请用映射文件说明。');
  }
  const amountCols = m?.amountColumns ? m.amountColumns.map(colNumber) : undefined;
  const amountColFor = (r: number, c: number): number => {
    const cols = amountCols ?? [...new Set(amountHeaders.filter((h) => h.r < r).map((h) => h.c))];
    const right = cols.filter((x) => x > c).sort((a, b) => a - b)[0];
    if (right === undefined) {
      throw new XlsxImportError(`${at(ws.name, addr(r, c))}找不到“${cellText(ws, r, c)}”对应的金额列（表头应有“金额”或“决算数”）。`, { sheet: ws.name, cell: addr(r, c) });
    }
    return right;
  };
  const value = (role: SummaryRole): Amount | undefined => {
    const p = found.get(role);
    return p ? readAmount(ws, ctx.merges, p.r, amountColFor(p.r, p.c), ctx.unit) : undefined;
  };
  const balance = (role: 'opening' | 'closing') => {
    const p = found.get(role);
    const funds: Partial<Record<BalanceFund, Amount>> = {};
    let split = false;
    if (p) {
      for (let r = p.r + 1; r <= p.r + 6; r++) {
        const f = balanceFundOf(normLabel(cellText(ws, r, p.c)));
        if (!f) break;
        if (funds[f]) throw new XlsxImportError(`${at(ws.name, addr(r, p.c))}“${cellText(ws, r, p.c)}”重复。`, { sheet: ws.name, cell: addr(r, p.c) });
        split = true;
        const a = readAmount(ws, ctx.merges, r, amountColFor(r, p.c), ctx.unit);
        if (a) funds[f] = a;
      }
    }
    return { total: value(role), funds, split };
  };
  const income: Partial<Record<string, Amount>> = {};
  for (const role of Object.keys(ROLE_TEXT) as SummaryRole[]) {
    if (!role.startsWith('income.')) continue;
    const a = value(role);
    if (a) income[role.slice('income.'.length)] = a;
  }
  return {
    income,
    incomeTotal: value('incomeTotal'),
    expenseTotal: value('expenseTotal'),
    useOfNonFiscalBalance: value('useOfNonFiscalBalance'),
    balanceDistribution: value('balanceDistribution'),
    opening: balance('opening'),
    closing: balance('closing'),
  };
}

// ---------------------------------------------------------------------------
// Header detection shared by Z04 and Z05_1

type Roles<R extends string> = Record<R, readonly string[]>;

interface Header<R extends string> {
  /** Last header row; data starts below. */
  end: number;
  cols: Partial<Record<R, number>>;
}

/**
 * Finds the header: the first row (within the first 50) holding a label of
 * every anchor role; the column of each role is the column whose lowest
 * labelled header cell (in that row or up to three rows above) matches. A
 * role matching several columns is resolved to the one headed 小计/合计
 * below it, else it is an error.
 */
function findHeader<R extends string>(ctx: Ctx, roles: Roles<R>, anchors: R[], m: SheetMapping | undefined, what: string): Header<R> {
  const { ws } = ctx;
  const labels = {} as Record<R, string[]>;
  for (const role of Object.keys(roles) as R[]) labels[role] = [...roles[role], ...(m?.labels?.[role] ?? [])].map(normLabel);
  const roleOf = (t: string): R | undefined => (Object.keys(labels) as R[]).find((role) => labels[role].includes(t));

  const given: Partial<Record<R, number>> = {};
  for (const [role, letter] of Object.entries(m?.columns ?? {})) {
    if (!(role in roles)) throw new XlsxImportError(`映射文件中的列角色“${role}”不认识；可用：${Object.keys(roles).join(', ')}`);
    given[role as R] = colNumber(letter as string);
  }

  let anchor = m?.headerRow;
  if (anchor === undefined) {
    const rows = new Map<number, Set<R>>();
    eachText(ws, 1, 50, (r, _c, t) => {
      const role = roleOf(normLabel(t));
      if (role) (rows.get(r) ?? rows.set(r, new Set()).get(r)!).add(role);
    });
    anchor = [...rows.keys()].sort((a, b) => a - b).find((r) => anchors.every((a) => rows.get(r)!.has(a) || given[a] !== undefined));
  }
  if (anchor === undefined) {
    if (m?.firstDataRow !== undefined && anchors.every((a) => given[a] !== undefined)) return { end: m.firstDataRow - 1, cols: given };
    throw sheetError(ws.name, `没有找到${what}的表头（应有${anchors.map((a) => `“${roles[a][0]}”`).join('和')}）；如格式不同，请用映射文件指定表头行和列。`);
  }

  // The header continues below the anchor row while rows hold labels and no numbers (e.g. 类 | 款 | 项 under 科目编码).
  let last = anchor;
  if (m?.headerRow === undefined) {
    for (let r = anchor + 1; r <= anchor + 3; r++) {
      const row = ws.findRow(r);
      if (!row) break;
      let labelled = false;
      let numeric = false;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === VT.Number) numeric = true;
        if (roleOf(normLabel(cellText(ws, r, c)))) labelled = true;
      });
      if (numeric || !labelled) break;
      last = r;
    }
  }
  const top = Math.max(1, anchor - 3);
  const candidates = new Map<R, number[]>();
  const bottomText = new Map<number, string>();
  const maxCol = Math.max(...Array.from({ length: last - top + 1 }, (_, i) => ws.findRow(top + i)?.cellCount ?? 0), 1);
  for (let c = 1; c <= Math.min(maxCol, 200); c++) {
    for (let r = last; r >= top; r--) {
      const t = normLabel(cellText(ws, r, c));
      if (t === '') continue;
      if (!bottomText.has(c)) bottomText.set(c, t);
      const role = roleOf(t);
      if (role) {
        (candidates.get(role) ?? candidates.set(role, []).get(role)!).push(c);
        break;
      }
    }
  }
  const cols: Partial<Record<R, number>> = { ...given };
  for (const [role, cs] of candidates) {
    if (given[role] !== undefined) continue;
    let chosen = cs;
    if (cs.length > 1) chosen = cs.filter((c) => ['小计', '合计'].includes(bottomText.get(c) ?? ''));
    if (chosen.length !== 1) {
      throw sheetError(ws.name, `表头“${roles[role][0]}”对应多列（${cs.map(colLetter).join('、')}），无法确定用哪一列；请用映射文件指定（columns.${role}）。`);
    }
    cols[role] = chosen[0]!;
  }
  const end = m?.firstDataRow !== undefined ? m.firstDataRow - 1 : last;
  return { end, cols };
}

/** Whether a row is the 栏次 row (column numbers 1, 2, 3 … under the header). */
function isColumnNumberRow(ws: ExcelJS.Worksheet, r: number, cols: number[]): boolean {
  const row = ws.findRow(r);
  if (!row) return false;
  let label = false;
  row.eachCell({ includeEmpty: false }, (_cell, c) => {
    if (['栏次', '行次'].includes(normLabel(cellText(ws, r, c)))) label = true;
  });
  if (label) return true;
  const nums = cols.map((c) => cellText(ws, r, c)).filter((t) => t !== '');
  return nums.length >= 2 && nums.every((t, i) => /^\d+$/.test(t) && (i === 0 || Number(t) === Number(nums[i - 1]) + 1));
}

const TOTAL_LABELS = ['合计', '总计', '本年支出合计', '支出合计', '基本支出合计'];

// ---------------------------------------------------------------------------
// Z04 支出决算表

type ExpRole = 'code' | 'class' | 'kuan' | 'xiang' | 'name' | 'total' | 'basic' | 'project' | 'remit' | 'operating' | 'affiliateSubsidy' | 'fund';
const EXP_ROLES: Roles<ExpRole> = {
  code: ['科目编码', '功能分类科目编码', '支出功能分类科目编码', '功能分类科目代码', '科目代码', '编码'],
  class: ['类'],
  kuan: ['款'],
  xiang: ['项'],
  name: ['科目名称', '功能分类科目名称', '名称'],
  total: ['本年支出合计', '支出合计', '合计', '本年支出'],
  basic: ['基本支出'],
  project: ['项目支出'],
  remit: ['上缴上级支出'],
  operating: ['经营支出'],
  affiliateSubsidy: ['对附属单位补助支出'],
  fund: ['资金来源', '资金性质', '经费来源', '预算类型'],
};
const PARTS = ['basic', 'project', 'remit', 'operating', 'affiliateSubsidy'] as const;
type Part = (typeof PARTS)[number];
const PART_TEXT: Record<Part | 'total', string> = {
  total: '本年支出合计', basic: '基本支出', project: '项目支出', remit: '上缴上级支出', operating: '经营支出', affiliateSubsidy: '对附属单位补助支出',
};

function fundOf(text: string): Fund | undefined {
  const t = normLabel(text);
  if (t === '') return undefined;
  if (t.includes('一般公共预算')) return 'generalBudget';
  if (t.includes('政府性基金')) return 'govFund';
  if (t.includes('国有资本经营')) return 'stateCapital';
  if (t.includes('其他') || t.includes('非财政')) return 'other';
  return (FUNDS as readonly string[]).includes(text.trim()) ? (text.trim() as Fund) : undefined;
}

interface ExpRow {
  r: number;
  code: string;
  fund: Fund;
  values: Partial<Record<Part | 'total', Amount>>;
}

function readExpenditure(ctx: Ctx, m: NonNullable<MappingFile['expenditure']> | undefined, defaultFund: Fund): { rows: ExpRow[]; total?: ExpRow } {
  const { ws } = ctx;
  const h = findHeader<ExpRole>(ctx, EXP_ROLES, ['basic', 'project'], m, '支出决算表');
  const { cols } = h;
  if (cols.code === undefined && cols.class === undefined) {
    throw sheetError(ws.name, '表头中没有找到“科目编码”列（或“类”“款”“项”列）；请用映射文件指定（columns.code）。');
  }
  const valueCols = (['total', ...PARTS] as const).filter((k) => cols[k] !== undefined);
  const rows: ExpRow[] = [];
  let total: ExpRow | undefined;
  let last = { cls: undefined as string | undefined, kuan: undefined as string | undefined };

  const codeOf = (r: number): string | undefined => {
    if (cols.code !== undefined) return codeIn(ws, r, cols.code);
    let cls = codeIn(ws, r, cols.class!);
    let kuan = cols.kuan !== undefined ? codeIn(ws, r, cols.kuan, 2) : undefined;
    let xiang = cols.xiang !== undefined ? codeIn(ws, r, cols.xiang, 2) : undefined;
    if (xiang?.length === 7) return xiang;
    if (kuan?.length === 5 && !xiang) return kuan;
    if (kuan?.length === 5) {
      cls = kuan.slice(0, 3);
      kuan = kuan.slice(3);
    }
    if (!cls && (kuan || xiang)) cls = last.cls; // 类 shown once per group
    if (!kuan && xiang) kuan = last.kuan;
    if (!cls) return undefined;
    last = { cls, kuan: kuan ?? undefined };
    return cls + (kuan ?? '') + (kuan && xiang ? xiang : '');
  };

  ws.eachRow({ includeEmpty: false }, (_row, r) => {
    if (r <= h.end) return;
    const labelCols = [cols.code, cols.class, cols.name].filter((c): c is number => c !== undefined);
    const labels = labelCols.map((c) => normLabel(cellText(ws, r, c)));
    if (isColumnNumberRow(ws, r, valueCols.map((k) => cols[k]!))) return;
    const code = codeOf(r);
    const isTotal = !code && labels.some((t) => TOTAL_LABELS.includes(t));
    if (!code && !isTotal) {
      const stray = valueCols.find((k) => hasOwnValue(ws, r, cols[k]!));
      if (stray) {
        const shown = labels.find((t) => t !== '') ?? '';
        throw new XlsxImportError(
          `${at(ws.name, addr(r, cols[stray]!))}第${r}行有金额，但没有可识别的科目编码${shown ? `（“${quote(shown)}”）` : ''}。`,
          { sheet: ws.name, cell: addr(r, cols[stray]!) },
        );
      }
      return;
    }
    if (code && ![3, 5, 7].includes(code.length)) {
      const c = cols.code ?? cols.class!;
      throw new XlsxImportError(`${at(ws.name, addr(r, c))}科目编码“${code}”位数不对（功能分类应为3位类、5位款或7位项）。`, { sheet: ws.name, cell: addr(r, c) });
    }
    const values: ExpRow['values'] = {};
    for (const k of valueCols) {
      const a = readAmount(ws, ctx.merges, r, cols[k]!, ctx.unit);
      if (a) values[k] = a;
    }
    let fund = m?.fund ?? defaultFund;
    if (cols.fund !== undefined) {
      const t = cellText(ws, r, cols.fund);
      const f = fundOf(t);
      if (t !== '' && !f) throw new XlsxImportError(`${at(ws.name, addr(r, cols.fund))}资金来源“${quote(t)}”无法识别（应为一般公共预算、政府性基金、国有资本经营或其他）。`, { sheet: ws.name, cell: addr(r, cols.fund) });
      if (f) fund = f;
    }
    const row: ExpRow = { r, code: code ?? '', fund, values };
    if (isTotal) {
      if (total) throw new XlsxImportError(`${at(ws.name, `A${r}`)}合计行出现了两次（另一处在第${total.r}行）。`, { sheet: ws.name });
      total = row;
    } else rows.push(row);
  });

  // Each 项 row: 本年支出合计 = the sum of its parts.
  const items = rows.filter((x) => x.code.length === 7);
  for (const x of items) {
    const t = x.values.total;
    const parts = sumFen(PARTS.map((k) => x.values[k]));
    if (t && t.fen !== parts) {
      throw new XlsxImportError(
        `${at(ws.name, addr(x.r, cols.total!))}科目 ${x.code} 的本年支出合计 ${yuanText(t)} 与各分项之和 ${yuanText(parts)} 不符；请检查是否有列错位或未识别的列。`,
        { sheet: ws.name, cell: addr(x.r, cols.total!) },
      );
    }
  }
  const seen = new Map<string, number>();
  for (const x of items) {
    const k = `${x.code}/${x.fund}`;
    if (seen.has(k)) throw new XlsxImportError(`${at(ws.name)}科目 ${x.code} 出现了两次（第${seen.get(k)}行和第${x.r}行）。`, { sheet: ws.name });
    seen.set(k, x.r);
  }
  // 类, 款 and 合计 rows must equal their 项 rows (a mismatch means the sheet was misread).
  for (const x of [...rows.filter((y) => y.code.length < 7), ...(total ? [total] : [])]) {
    const children = items.filter((y) => y.code.startsWith(x.code));
    for (const k of valueCols) {
      const own = x.values[k]?.fen ?? 0n;
      const sum = sumFen(children.map((y) => y.values[k]));
      if (children.length === 0 && own !== 0n) {
        throw new XlsxImportError(`${at(ws.name, addr(x.r, cols[k]!))}科目 ${x.code} 有${PART_TEXT[k]}金额，但下面没有项级科目；支出须细化到项级（7位编码）。`, { sheet: ws.name, cell: addr(x.r, cols[k]!) });
      }
      if (own !== sum && x.values[k] !== undefined) {
        const what = x.code ? `科目 ${x.code} ` : '合计行';
        throw new XlsxImportError(
          `${at(ws.name, addr(x.r, cols[k]!))}${what}的${PART_TEXT[k]} ${yuanText(own)} 与所属项级科目之和 ${yuanText(sum)} 不符；请检查是否有行列错位或合并单元格。`,
          { sheet: ws.name, cell: addr(x.r, cols[k]!) },
        );
      }
    }
  }
  return { rows: items, total };
}

// ---------------------------------------------------------------------------
// Z05_1 基本支出决算明细表

const ECON_CODE_LABELS = ['科目编码', '经济分类科目编码', '部门预算支出经济分类科目编码', '支出经济分类科目编码', '科目代码', '编码'];
const ECON_NAME_LABELS = ['科目名称', '经济分类科目名称', '名称'];
const ECON_AMOUNT_LABELS = ['决算数', '金额', '合计', '本年支出', '支出数', '本年决算数', '决算金额', '基本支出'];

interface BasicResult {
  amounts: Map<string, { a: Amount; r: number; c: number }>;
  personnel?: Amount;
  public?: Amount;
}

function readBasic(ctx: Ctx, m: NonNullable<MappingFile['basic']> | undefined): BasicResult {
  const { ws } = ctx;
  const amounts = new Map<string, { a: Amount; r: number; c: number }>();
  const put = (code: string, a: Amount | undefined, r: number, c: number) => {
    const prev = amounts.get(code);
    if (prev) throw new XlsxImportError(`${at(ws.name, addr(r, c))}经济分类科目 ${code} 出现了两次（另一处在 ${addr(prev.r, prev.c)}）。`, { sheet: ws.name, cell: addr(r, c) });
    if (a) amounts.set(code, { a, r, c });
  };
  const checkCode = (code: string, r: number, c: number) => {
    if (!/^3\d{2}(\d{2})?$/.test(code)) throw new XlsxImportError(`${at(ws.name, addr(r, c))}经济分类科目编码“${code}”无法识别（应为3位类或5位款，如 301、30101）。`, { sheet: ws.name, cell: addr(r, c) });
  };
  let personnel: Amount | undefined;
  let pub: Amount | undefined;

  // Panels of the tall layout: a code column with its amount column to the right.
  type Panel = { code: number; name?: number; amount: number };
  let panels: Panel[] = [];
  let headerEnd = 0;
  if (m?.columns?.code && m.columns.amount) {
    panels = [{ code: colNumber(m.columns.code), amount: colNumber(m.columns.amount), ...(m.columns.name ? { name: colNumber(m.columns.name) } : {}) }];
    headerEnd = m.firstDataRow !== undefined ? m.firstDataRow - 1 : m.headerRow ?? 0;
    if (headerEnd === 0) throw new XlsxImportError('映射文件中的 basic 指定了列，还需要 headerRow 或 firstDataRow。');
  } else if (!m?.codeColumns) {
    const codeLabels = [...ECON_CODE_LABELS, ...(m?.labels?.code ?? [])].map(normLabel);
    const amountLabels = [...ECON_AMOUNT_LABELS, ...(m?.labels?.amount ?? [])].map(normLabel);
    const nameLabels = [...ECON_NAME_LABELS, ...(m?.labels?.name ?? [])].map(normLabel);
    const byRow = new Map<number, { c: number; t: string }[]>();
    eachText(ws, 1, m?.headerRow ?? 50, (r, c, t) => {
      if (m?.headerRow !== undefined && r !== m.headerRow) return;
      (byRow.get(r) ?? byRow.set(r, []).get(r)!).push({ c, t: normLabel(t) });
    });
    for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
      const cells = byRow.get(r)!.sort((a, b) => a.c - b.c);
      const codes = cells.filter((x) => codeLabels.includes(x.t)).map((x) => x.c);
      if (codes.length === 0 || !cells.some((x) => amountLabels.includes(x.t))) continue;
      panels = codes.map((code, i) => {
        const next = codes[i + 1] ?? Infinity;
        const inPanel = cells.filter((x) => x.c > code && x.c < next);
        const amount = inPanel.find((x) => amountLabels.includes(x.t))?.c;
        if (amount === undefined) throw sheetError(ws.name, `${colLetter(code)}列“科目编码”右侧没有“决算数”列。`);
        const name = inPanel.find((x) => nameLabels.includes(x.t))?.c;
        return { code, amount, ...(name !== undefined ? { name } : {}) };
      });
      headerEnd = m?.firstDataRow !== undefined ? m.firstDataRow - 1 : r;
      break;
    }
  }

  if (panels.length > 0) {
    ws.eachRow({ includeEmpty: false }, (_row, r) => {
      if (r <= headerEnd) return;
      if (isColumnNumberRow(ws, r, panels.map((p) => p.amount))) return;
      for (const p of panels) {
        const code = codeIn(ws, r, p.code);
        const label = normLabel(cellText(ws, r, p.code)) || (p.name !== undefined ? normLabel(cellText(ws, r, p.name)) : '');
        const nameLabel = p.name !== undefined ? normLabel(cellText(ws, r, p.name)) : '';
        if (code) {
          checkCode(code, r, p.code);
          put(code, readAmount(ws, ctx.merges, r, p.amount, ctx.unit), r, p.amount);
          continue;
        }
        const l = [label, nameLabel].find((t) => /^(人员经费|公用经费)(合计)?$/.test(t));
        if (l) {
          const a = readAmount(ws, ctx.merges, r, p.amount, ctx.unit);
          if (a && l.startsWith('人员经费')) personnel = a;
          if (a && l.startsWith('公用经费')) pub = a;
          continue;
        }
        if (TOTAL_LABELS.includes(label) || TOTAL_LABELS.includes(nameLabel) || /^(人员经费|公用经费)$/.test(label)) continue;
        if (hasOwnValue(ws, r, p.amount)) {
          throw new XlsxImportError(`${at(ws.name, addr(r, p.amount))}第${r}行有金额，但没有可识别的经济分类科目编码${label ? `（“${quote(label)}”）` : ''}。`, { sheet: ws.name, cell: addr(r, p.amount) });
        }
      }
    });
  } else {
    // Wide layout: economic codes across one header row, amounts in the 合计 row.
    let codeCols: { c: number; code: string }[] = [];
    let codeRow = 0;
    if (m?.codeColumns) {
      codeCols = Object.entries(m.codeColumns).map(([letter, code]) => ({ c: colNumber(letter), code }));
      codeRow = m.headerRow ?? 0;
    } else {
      const byRow = new Map<number, { c: number; code: string }[]>();
      eachText(ws, 1, 50, (r, c) => {
        const code = codeIn(ws, r, c);
        if (code && /^3\d{2}(\d{2})?$/.test(code)) (byRow.get(r) ?? byRow.set(r, []).get(r)!).push({ c, code });
      });
      const r = [...byRow.keys()].sort((a, b) => a - b).find((x) => byRow.get(x)!.length >= 3);
      if (r !== undefined) {
        codeRow = r;
        codeCols = byRow.get(r)!;
      }
    }
    if (codeCols.length === 0) {
      throw sheetError(ws.name, '没有找到经济分类科目（表头应有“科目编码”和“决算数”，或一行经济分类编码）；如格式不同，请用映射文件指定。');
    }
    let totalRow: number | undefined;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= codeRow || totalRow !== undefined) return;
      row.eachCell({ includeEmpty: false }, (_cell, c) => {
        if (c <= 4 && TOTAL_LABELS.includes(normLabel(cellText(ws, r, c)))) totalRow = r;
      });
    });
    if (totalRow === undefined) throw sheetError(ws.name, '没有找到“合计”行，无法读取各经济分类科目的金额。');
    for (const { c, code } of codeCols) {
      checkCode(code, codeRow, c);
      put(code, readAmount(ws, ctx.merges, totalRow, c, ctx.unit), totalRow, c);
    }
  }

  // 类 rows equal the sum of their 款 rows when both are given.
  for (const [code, v] of amounts) {
    if (code.length !== 3) continue;
    const kids = [...amounts.entries()].filter(([k]) => k.length === 5 && k.startsWith(code));
    if (kids.length === 0) continue;
    const sum = kids.reduce((t, [, x]) => t + x.a.fen, 0n);
    if (sum !== v.a.fen) {
      throw new XlsxImportError(`${at(ws.name, addr(v.r, v.c))}经济分类 ${code} 的金额 ${yuanText(v.a)} 与所属款级之和 ${yuanText(sum)} 不符；请检查是否有行列错位。`, { sheet: ws.name, cell: addr(v.r, v.c) });
    }
  }
  return { amounts, ...(personnel ? { personnel } : {}), ...(pub ? { public: pub } : {}) };
}

const isPersonnel = (code: string) => code.startsWith('301') || code.startsWith('303');

// ---------------------------------------------------------------------------

/** Fields the reporting software's tables do not contain; the user fills them in. */
export const ALWAYS_MISSING = [
  'unit.shortName', 'unit.region', 'unit.level', 'unit.kind', 'unit.duties', 'unit.organisation', 'unit.staffing',
  'expenditure[].initialBudget', 'sangong', 'operatingCost', 'procurement', 'assets', 'performance', 'prior', 'reasons',
];

export function readReportWorkbook(wb: ExcelJS.Workbook, mapping: MappingFile | undefined): ReportWorkbookResult {
  const sheets = findSheets(wb, mapping);
  if (!sheets['01'] && !sheets['04'] && !sheets['05_1']) {
    throw new XlsxImportError(
      `工作簿中既没有 juesuan 导出的“数据”工作表，也没有决算报表软件导出的 Z01/Z04/Z05_1 工作表（如“Z01 收入支出决算总表(财决01表)”）。工作簿中的工作表：${wb.worksheets.map((w) => `“${w.name}”`).join('、') || '（无）'}`,
    );
  }
  const warnings: string[] = [];
  const missing: string[] = [];
  const ctxOf = (ws: ExcelJS.Worksheet, m: SheetMapping | undefined): Ctx => ({ ws, name: ws.name, merges: mergesOf(ws), unit: moneyUnitOf(ws, m, 8) });
  const used = [sheets['01'], sheets['04'], sheets['05_1']].filter((w): w is ExcelJS.Worksheet => w !== undefined);

  // Unit name and year: from the mapping, else the first used sheet that states them.
  const metas = used.map((ws) => ({ ws, ...metaOf(ws) }));
  const unitName = mapping?.unitName ?? metas.find((x) => x.unitName)?.unitName;
  const year = mapping?.year ?? metas.find((x) => x.year)?.year;
  for (const x of metas) {
    if (!mapping?.unitName && x.unitName && unitName && x.unitName !== unitName) warnings.push(`工作表“${x.ws.name}”的编制单位“${x.unitName}”与“${unitName}”不同。`);
    if (!mapping?.year && x.year && year && x.year !== year) warnings.push(`工作表“${x.ws.name}”的年度 ${x.year} 与 ${year} 不同。`);
  }

  const raw: { [key: string]: RawValue } = { format: 'juesuan-dataset/1' };
  if (year !== undefined) raw.year = year;
  else missing.push('year');
  raw.moneyUnit = OUT_UNIT;
  if (unitName !== undefined) raw.unit = { name: unitName };
  else missing.push('unit.name');

  let summary: SummaryResult | undefined;
  if (sheets['01']) {
    summary = readSummary(ctxOf(sheets['01'], mapping?.summary), mapping?.summary);
    const income: { [k: string]: RawValue } = {};
    for (const [k, a] of Object.entries(summary.income)) if (a && !isZero(a)) income[k] = fmt(a);
    raw.income = income;
    if (summary.useOfNonFiscalBalance && !isZero(summary.useOfNonFiscalBalance)) raw.useOfNonFiscalBalance = fmt(summary.useOfNonFiscalBalance);
    const incomeSum = sumFen(Object.values(summary.income));
    if (summary.incomeTotal && summary.incomeTotal.fen !== incomeSum) {
      warnings.push(`收入支出决算总表的本年收入合计 ${yuanText(summary.incomeTotal)} 与各项收入之和 ${yuanText(incomeSum)} 不符。`);
    }
    for (const side of ['opening', 'closing'] as const) {
      const b = summary[side];
      const label = side === 'opening' ? '年初结转和结余' : '年末结转和结余';
      if (b.split) {
        const s = sumFen(Object.values(b.funds));
        if (b.total && b.total.fen !== s) warnings.push(`收入支出决算总表的${label} ${yuanText(b.total)} 与按资金来源分列之和 ${yuanText(s)} 不符。`);
        raw[side === 'opening' ? 'openingBalance' : 'closingBalance'] = Object.fromEntries(
          Object.entries(b.funds).filter(([, a]) => a && !isZero(a)).map(([k, a]) => [k, fmt(a!)]),
        );
      } else if (isZero(b.total)) {
        raw[side === 'opening' ? 'openingBalance' : 'closingBalance'] = {};
      } else {
        missing.push(side === 'opening' ? 'openingBalance' : 'closingBalance');
        warnings.push(`收入支出决算总表的${label}为 ${yuanText(b.total!)}，但没有按资金来源（一般公共预算、政府性基金、国有资本经营、非财政拨款）分列，请在数据文件中填写。`);
      }
    }
    if (summary.balanceDistribution && !isZero(summary.balanceDistribution)) raw.balanceDistribution = fmt(summary.balanceDistribution);
  } else {
    missing.push('income', 'openingBalance', 'closingBalance');
  }
  const otherIncome = summary ? Object.entries(summary.income).some(([k, a]) => k !== 'generalBudget' && a && !isZero(a)) : false;

  let basicSum: bigint | undefined;
  if (sheets['04']) {
    const defaultFund: Fund = mapping?.expenditure?.fund ?? 'generalBudget';
    const ctx = ctxOf(sheets['04'], mapping?.expenditure);
    const { rows } = readExpenditure(ctx, mapping?.expenditure, defaultFund);
    const lines: RawValue[] = [];
    for (const x of rows) {
      const line: { [k: string]: RawValue } = { code: x.code, fund: x.fund };
      for (const k of PARTS) {
        const a = x.values[k];
        if (a && !isZero(a)) line[k] = fmt(a);
      }
      if (Object.keys(line).length > 2) lines.push(line);
    }
    raw.expenditure = lines;
    basicSum = sumFen(rows.map((x) => x.values.basic));
    const expenseSum = sumFen(rows.flatMap((x) => PARTS.map((k) => x.values[k])));
    if (summary?.expenseTotal && summary.expenseTotal.fen !== expenseSum) {
      warnings.push(`收入支出决算总表的本年支出合计 ${yuanText(summary.expenseTotal)} 与支出决算表各项级科目之和 ${yuanText(expenseSum)} 不符。`);
    }
    if (otherIncome && mapping?.expenditure?.fund === undefined && !rows.some((x) => x.fund !== 'generalBudget')) {
      warnings.push('支出决算表没有资金来源列，所有支出都按“一般公共预算财政拨款”（fund: generalBudget）读入；收入中有其他来源，请在数据文件中逐条核对 fund。');
    }
  } else {
    missing.push('expenditure');
  }

  if (sheets['05_1']) {
    const b = readBasic(ctxOf(sheets['05_1'], mapping?.basic), mapping?.basic);
    const classSum = (pred: (code: string) => boolean): bigint => {
      let t = 0n;
      const classes = new Set([...b.amounts.keys()].filter(pred).map((c) => c.slice(0, 3)));
      for (const cls of classes) {
        const kids = [...b.amounts.entries()].filter(([k]) => k.length === 5 && k.startsWith(cls));
        t += kids.length > 0 ? kids.reduce((s, [, v]) => s + v.a.fen, 0n) : b.amounts.get(cls)?.a.fen ?? 0n;
      }
      return t;
    };
    const personnelFen = classSum(isPersonnel);
    const publicFen = classSum((c) => !isPersonnel(c));
    const ctxUnit = ctxOf(sheets['05_1'], mapping?.basic).unit;
    const asAmount = (fen: bigint): Amount => ({ fen, precision: ctxUnit === '元' ? 1n : 10_000n });
    const personnel = b.personnel ?? asAmount(personnelFen);
    const pub = b.public ?? asAmount(publicFen);
    if (b.personnel && b.personnel.fen !== personnelFen && personnelFen !== 0n) warnings.push(`基本支出决算明细表的人员经费合计 ${yuanText(b.personnel)} 与301、303类各科目之和 ${yuanText(personnelFen)} 不符。`);
    if (b.public && b.public.fen !== publicFen && publicFen !== 0n) warnings.push(`基本支出决算明细表的公用经费合计 ${yuanText(b.public)} 与其余各类科目之和 ${yuanText(publicFen)} 不符。`);
    const items: RawValue[] = [...b.amounts.entries()]
      .filter(([code, v]) => code.length === 5 && !isZero(v.a))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, v]) => ({ code, amount: fmt(v.a) }));
    raw.basicExpense = { personnel: fmt(personnel), public: fmt(pub), items };
    if (basicSum !== undefined && basicSum !== personnel.fen + pub.fen) {
      warnings.push(`基本支出决算明细表的人员经费与公用经费之和 ${yuanText(personnel.fen + pub.fen)} 与支出决算表的基本支出 ${yuanText(basicSum)} 不符。`);
    }
    if (otherIncome) warnings.push('基本支出决算明细表包含全部资金的基本支出；公开表中的“一般公共预算财政拨款基本支出”只含一般公共预算财政拨款，请核对 basicExpense。');
  } else {
    missing.push('basicExpense');
  }

  missing.push(...ALWAYS_MISSING);
  return { raw, missing, warnings, sheets: used.map((w) => w.name) };
}
