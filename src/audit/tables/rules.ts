/**
 * Table rules (TB-…): identities inside the standard 决算 tables read from a
 * report, and the narrative's figures against the table cells. Fail closed:
 * a cell that is not an exact number, a column or row that cannot be named,
 * a line the rule does not know — the check is insufficient data, never a
 * finding. Tolerance: half a unit of the last stated digit of every figure in
 * the identity (a 万元 figure with two decimals is known to ±0.005万元).
 * Pure: no Node imports.
 */
import type { Fen, MoneyUnit } from '../../money/index.js';
import { auditSeverity } from '../../rules/severity.js';
import type { Claim, Span, TextFinding } from '../types.js';
import { cleanCell, formatFen, parseCell } from './cells.js';
import { KIND_TITLE, recognise, type Column, type Recognised, type TableKind } from './recognize.js';
import type { RawSpan, ReadTable, UnreadPage } from './types.js';

export const TABLE_RULES = [
  { id: 'TB-row', title: '表内行恒等：合计 = 各组成栏之和（收入、支出、基本/项目支出、“三公”经费各项）' },
  { id: 'TB-tree', title: '功能分类科目：合计 = Σ类，类 = Σ款，款 = Σ项' },
  { id: 'TB-total', title: '总表：本年收入/支出合计 = 各行之和，总计 = 合计 + 结转结余各行，收入总计 = 支出总计' },
  { id: 'TB-basic', title: '基本支出表：经济分类 类 = Σ款，人员经费合计/公用经费合计 = Σ类；一般公共预算表的基本支出 = 人员经费合计 + 公用经费合计' },
  { id: 'TB-cross', title: '表间一致：同一数字在总表、收入/支出表、财政拨款总表、一般公共预算/基金/国资表中相同' },
  { id: 'TB-text', title: '说明中的数字与表中对应单元格一致' },
] as const;
export type TableRuleId = (typeof TABLE_RULES)[number]['id'];

export type Outcome = 'pass' | 'fail' | 'not_applicable' | 'insufficient_data';

export interface TableAuditInput {
  tables: readonly ReadTable[];
  claims: readonly Claim[];
  year?: number;
  /** Raw offsets → a span of the normalised text (the document's fromRaw). */
  toText: (s: RawSpan) => Span;
  unreadPages?: readonly UnreadPage[];
}

export interface TableAuditResult {
  findings: TextFinding[];
  /** One outcome per TB rule (as the text rules count). */
  outcomes: Record<TableRuleId, Outcome>;
  /** Single comparisons made: passed, failed, and left unjudged (a cell or a label not certain). */
  checks: { pass: number; fail: number; insufficient: number };
  tables: { read: number; recognised: number; kinds: TableKind[] };
  /** Chinese statements for the reader: pages whose tables could not be read. */
  notes: string[];
}

interface Cell {
  fen: Fen;
  ulp: Fen;
  text: string;
  /** A blank cell read as 0 (the table writes zero as a blank): a finding that rests on it is only 疑似. */
  inferred?: true;
  span?: RawSpan;
  row: number;
  col: number;
}

type Read = Cell | 'unsure';

class Ctx {
  findings: TextFinding[] = [];
  checks = { pass: 0, fail: 0, insufficient: 0 };
  ran = new Map<TableRuleId, { pass: number; fail: number; unsure: number }>();
  constructor(readonly toText: (s: RawSpan) => Span) {}

  tally(rule: TableRuleId, o: 'pass' | 'fail' | 'unsure') {
    const r = this.ran.get(rule) ?? { pass: 0, fail: 0, unsure: 0 };
    r[o]++;
    this.ran.set(rule, r);
    if (o === 'pass') this.checks.pass++;
    else if (o === 'fail') this.checks.fail++;
    else this.checks.insufficient++;
  }

  spans(cells: readonly (Cell | undefined)[], extra: readonly Span[] = []): Span[] {
    const out: Span[] = [];
    for (const c of cells) if (c?.span) out.push(this.toText(c.span));
    return [...out, ...extra];
  }
}

function cellAt(rec: Recognised, row: number, col: number): Read {
  const r = rec.table.rows[row];
  const text = r?.cells[col];
  if (r === undefined || text === undefined) return 'unsure';
  const v = parseCell(text, rec.unit);
  if (v.kind === 'blank' && rec.blankIsZero) return { fen: 0n, ulp: rec.blankIsZero.ulp, text: '（空白）', inferred: true, row, col };
  if (v.kind !== 'amount') return 'unsure';
  return { fen: v.fen, ulp: v.ulp, text: v.text.replace(/,/g, ''), ...(r.spans[col] ? { span: r.spans[col] } : {}), row, col };
}

const title = (rec: Recognised) => `《${rec.table.title?.trim() || KIND_TITLE[rec.kind]}》${rec.table.page !== undefined ? `（第${rec.table.page}页）` : ''}`;

/** total = Σ parts (+ Σ plus − Σ minus), judged to the stated digits. */
function sumCheck(
  ctx: Ctx, rule: TableRuleId, rec: Recognised, total: Read, parts: readonly Read[], what: { total: string; parts: string; where: string },
): void {
  if (total === 'unsure' || parts.length === 0 || parts.some((p) => p === 'unsure')) {
    ctx.tally(rule, 'unsure');
    return;
  }
  const ps = parts as Cell[];
  // Nothing but blanks read as zero: no figure to judge.
  if (total.inferred && ps.every((p) => p.inferred)) return;
  // A blank total is more likely a cell left out than a zero: only parts are read as zero.
  if (total.inferred) {
    ctx.tally(rule, 'unsure');
    return;
  }
  const sum = ps.reduce((s, p) => s + p.fen, 0n);
  const ulps = ps.reduce((s, p) => s + p.ulp, total.ulp);
  const diff = total.fen - sum;
  if (2n * (diff < 0n ? -diff : diff) <= ulps) {
    ctx.tally(rule, 'pass');
    return;
  }
  ctx.tally(rule, 'fail');
  const unit = rec.unit;
  const inferred = total.inferred || ps.some((p) => p.inferred);
  ctx.findings.push({
    rule, severity: auditSeverity(rule, !inferred),
    message: `${title(rec)}${what.where}：${what.total}${total.text}${unit}，不等于${what.parts}之和${formatFen(sum, unit)}${unit}（相差${formatFen(diff < 0n ? -diff : diff, unit)}${unit}）。${inferred ? '（表中空白单元格按零计，请核实）' : ''}`,
    expected: formatFen(sum, unit), stated: total.text, tolerance: formatFen((ulps + 1n) / 2n, unit), unit,
    spans: ctx.spans([total, ...ps]),
  });
}

// ------------------------------------------------------------ columns

const last = (c: Column) => c.labels[c.labels.length - 1] ?? '';
const isCodeCol = (c: Column) => /^(?:类|款|项)$/.test(last(c)) || /科目编码|科目代码|^编码$|^代码$/.test(last(c));
const isNameCol = (c: Column) => /科目名称|^项目$|^科目$/.test(last(c));
const isIndexCol = (c: Column) => /行次|栏次/.test(last(c));
const amountCols = (rec: Recognised) => rec.columns.filter((c) => c.labels.length > 0 && !isCodeCol(c) && !isNameCol(c) && !isIndexCol(c));

/** The row's label: the first non-empty text cell among the code and name columns. */
function rowLabel(rec: Recognised, row: number, cols?: readonly Column[]): string {
  const r = rec.table.rows[row]!;
  const use = cols ?? rec.columns.filter((c) => isCodeCol(c) || isNameCol(c));
  const at = use.length > 0 ? use.map((c) => c.index) : [0];
  for (const i of at) {
    const t = cleanCell(r.cells[i] ?? '');
    if (t !== '') return t;
  }
  return '';
}

const TOTAL_ROW = /^(?:合计|总计|本年收入合计|本年支出合计|收入合计|支出合计)$/;

/** A total row: one of its code or name cells says 合计/总计 (上海 writes 类/款/项 beside it). */
function isTotalRow(rec: Recognised, row: number): boolean {
  const r = rec.table.rows[row]!;
  const cols = rec.columns.filter((c) => isCodeCol(c) || isNameCol(c));
  return (cols.length > 0 ? cols.map((c) => c.index) : [0]).some((i) => TOTAL_ROW.test(cleanCell(r.cells[i] ?? '')));
}

/** 功能分类 code of a row: 类/款/项 columns (a blank 类 carried from the row above), one code column, or the name's leading digits. */
function rowCodes(rec: Recognised): (string | undefined)[] {
  const split = ['类', '款', '项'].map((k) => rec.columns.find((c) => last(c) === k));
  const single = rec.columns.find((c) => /科目编码|科目代码|^编码$|^代码$/.test(last(c)) && !/^(?:类|款|项)$/.test(last(c)));
  const name = rec.columns.find(isNameCol);
  let carry = ['', ''];
  return rec.table.rows.map((r) => {
    if (split[0] && split[1]) {
      const [l, k, x] = split.map((c) => (c ? cleanCell(r.cells[c.index] ?? '') : ''));
      if (!/^\d*$/.test(l! + k! + x!)) return undefined;
      const lei = l || (k ? carry[0] : '');
      const kuan = k || (x ? carry[1] : '');
      carry = [lei ?? '', kuan ?? ''];
      const code = `${lei}${kuan}${x}`;
      return /^\d{3}(?:\d{2}){0,2}$/.test(code) && (x === '' || kuan !== '') ? code : undefined;
    }
    if (single) {
      const t = cleanCell(r.cells[single.index] ?? '');
      if (/^\d{3}(?:\d{2}){0,2}$/.test(t)) return t;
    }
    if (name) {
      const m = /^(\d{3}(?:\d{2}){0,2})(?!\d)/.exec(cleanCell(r.cells[name.index] ?? ''));
      if (m) return m[1];
    }
    return undefined;
  });
}

// ------------------------------------------------------------ TB-tree

function codeTree(ctx: Ctx, rec: Recognised): void {
  const codes = rowCodes(rec);
  if (!codes.some((c) => c !== undefined)) return;
  const byCode = new Map<string, number>();
  const dup = new Set<string>();
  codes.forEach((c, i) => {
    if (c === undefined) return;
    if (byCode.has(c)) dup.add(c);
    byCode.set(c, i);
  });
  const totalRow = rec.table.rows.findIndex((_, i) => codes[i] === undefined && isTotalRow(rec, i));
  for (const col of amountCols(rec)) {
    for (const [code, row] of byCode) {
      if (code.length === 7) continue;
      const children = [...byCode.keys()].filter((k) => k.length === code.length + 2 && k.startsWith(code));
      if (children.length === 0) continue;
      if (dup.has(code) || children.some((k) => dup.has(k))) {
        ctx.tally('TB-tree', 'unsure');
        continue;
      }
      const level = code.length === 3 ? '类' : '款';
      sumCheck(ctx, 'TB-tree', rec, cellAt(rec, row, col.index), children.map((k) => cellAt(rec, byCode.get(k)!, col.index)), {
        where: `“${code} ${rowLabel(rec, row, rec.columns.filter(isNameCol)) || ''}”（${level}）的“${col.label}”`,
        total: '', parts: level === '类' ? '其下各款' : '其下各项',
      });
    }
    const classes = [...byCode.keys()].filter((k) => k.length === 3);
    if (totalRow >= 0 && classes.length > 0) {
      if (classes.some((k) => dup.has(k))) ctx.tally('TB-tree', 'unsure');
      else {
        sumCheck(ctx, 'TB-tree', rec, cellAt(rec, totalRow, col.index), classes.map((k) => cellAt(rec, byCode.get(k)!, col.index)), {
          where: `“${rowLabel(rec, totalRow)}”行的“${col.label}”`, total: '', parts: '各类',
        });
      }
    }
  }
}

// ------------------------------------------------------------ TB-row

interface RowIdentity {
  /** Columns are compared within a scope (e.g. 预算数 / 决算数). */
  scope: (c: Column) => string;
  /** The label inside the scope. */
  inner: (c: Column) => string;
  total: RegExp;
  parts: RegExp[];
  /** At least this many parts must be found. */
  minParts: number;
}

const prefixScope = (c: Column) => c.labels.slice(0, -1).join('/');
const lastInner = (c: Column) => last(c);
const SANGONG_SCOPE = (c: Column) => (/预算|决算/.test(c.labels[0] ?? '') ? c.labels[0]! : '');
const sangongInner = (c: Column) => {
  const rest = SANGONG_SCOPE(c) ? c.labels.slice(1) : c.labels;
  return rest.join('/');
};

const ROW_IDENTITIES: Partial<Record<TableKind, RowIdentity[]>> = {
  income: [{ scope: () => '', inner: (c) => c.label, total: /本年收入合计$|^合计$/, parts: [/财政拨款(?:收入)?(?:\/(?:小计|合计))?$/, /上级补助收入$/, /事业收入$/, /经营收入$/, /附属单位上缴收入$/, /其他收入$/], minParts: 2 }],
  expense: [{ scope: () => '', inner: (c) => c.label, total: /本年支出合计$|^合计$/, parts: [/基本支出$/, /项目支出$/, /上缴上级支出$/, /^经营支出$/, /对附属单位补助支出$/], minParts: 2 }],
  generalBudgetExpense: [{ scope: prefixScope, inner: lastInner, total: /^(?:小计|合计)$/, parts: [/^基本支出$/, /^项目支出$/], minParts: 2 }],
  govFund: [{ scope: prefixScope, inner: lastInner, total: /^(?:小计|合计)$/, parts: [/^基本支出$/, /^项目支出$/], minParts: 2 }],
  stateCapital: [{ scope: prefixScope, inner: lastInner, total: /^(?:小计|合计)$/, parts: [/^基本支出$/, /^项目支出$/], minParts: 2 }],
  fiscalTotals: [{ scope: prefixScope, inner: lastInner, total: /^(?:小计|合计)$/, parts: [/^一般公共预算/, /^政府性基金/, /^国有资本经营/], minParts: 2 }],
  sangong: [
    { scope: SANGONG_SCOPE, inner: sangongInner, total: /^合计$/, parts: [/因公出国/, /^公务用车[^/]*\/小计$|^公务用车购置及运行(?:维护)?费$/, /公务接待费$/], minParts: 3 },
    { scope: SANGONG_SCOPE, inner: sangongInner, total: /^公务用车[^/]*\/小计$/, parts: [/^公务用车[^/]*\/(?:公务用车)?购置费$/, /^公务用车[^/]*\/(?:公务用车)?运行(?:维护)?费$/], minParts: 2 },
  ],
};

function rowIdentities(ctx: Ctx, rec: Recognised): void {
  const ids = ROW_IDENTITIES[rec.kind];
  if (!ids) return;
  const cols = amountCols(rec);
  for (const id of ids) {
    const scopes = [...new Set(cols.map(id.scope))];
    for (const scope of scopes) {
      const inScope = cols.filter((c) => id.scope(c) === scope);
      const totals = inScope.filter((c) => id.total.test(id.inner(c)));
      if (totals.length !== 1) continue;
      const parts: Column[] = [];
      let ambiguous = false;
      for (const re of id.parts) {
        const m = inScope.filter((c) => c !== totals[0] && re.test(id.inner(c)));
        if (m.length > 1) ambiguous = true;
        if (m.length === 1) parts.push(m[0]!);
      }
      if (parts.length < id.minParts) continue;
      const total = totals[0]!;
      rec.table.rows.forEach((_, row) => {
        const t = cellAt(rec, row, total.index);
        const ps = parts.map((p) => cellAt(rec, row, p.index));
        // A row with no figure at all (a blank line, a note) is not a row of this identity.
        if (t === 'unsure' && ps.every((p) => p === 'unsure')) return;
        if (ambiguous) {
          ctx.tally('TB-row', 'unsure');
          return;
        }
        const label = rowLabel(rec, row) || (rec.columns[0] ? cleanCell(rec.table.rows[row]!.cells[0] ?? '') : '');
        sumCheck(ctx, 'TB-row', rec, t, ps, {
          where: `${label && !/^\d/.test(label) ? `“${label}”行` : `第${row + 1}行`}${scope ? `（${scope}）` : ''}`,
          total: `“${id.inner(total)}”`, parts: parts.map((p) => `“${id.inner(p)}”`).join('、'),
        });
      });
    }
  }
}

// ------------------------------------------------------------ TB-total

const INCOME_EXTRA = /^(?:使用非财政拨款结余(?:和专用结余|[（(]含专用结余[)）])?|用事业基金弥补收支差额|年初(?:财政拨款)?结转和结余)$/;
const EXPENSE_EXTRA = /^(?:结余分配|年末(?:财政拨款)?结转和结余)$/;
const SUBLINE = /^(?:其中|\u3000|\s)|^(?:一般公共预算|政府性基金预算?|国有资本经营预算?)(?:财政拨款)?(?:结转和结余)?$/;

interface PanelResult {
  side: 'income' | 'expense' | undefined;
  total?: Read;
  label?: string;
}

function totalsPanels(ctx: Ctx, rec: Recognised): void {
  const cols = rec.columns;
  const panels: { label: Column; amount: Column }[] = [];
  cols.forEach((c, i) => {
    if (!/^项目$|项目$/.test(last(c))) return;
    const amount = cols.slice(i + 1).find((d) => !isIndexCol(d) && !isNameCol(d));
    if (amount && /金额|决算数|小计|合计/.test(amount.label)) panels.push({ label: c, amount });
  });
  const results: PanelResult[] = [];
  for (const p of panels) {
    const items: Read[] = [];
    const extras: Read[] = [];
    let subtotal: Read | undefined;
    let subLabel = '';
    let total: Read | undefined;
    let unknown = false;
    let side: PanelResult['side'];
    rec.table.rows.forEach((r, row) => {
      const raw = r.cells[p.label.index] ?? '';
      const label = cleanCell(raw);
      if (label === '' || total) return;
      if (/^本年收入合计$|^本年支出合计$/.test(label)) {
        subtotal = cellAt(rec, row, p.amount.index);
        subLabel = label;
        side = label.includes('收入') ? 'income' : 'expense';
        return;
      }
      if (/^总计$|^收入总计$|^支出总计$/.test(label)) {
        total = cellAt(rec, row, p.amount.index);
        return;
      }
      if (/^[\u3000 ]/.test(raw) || SUBLINE.test(label)) return;
      if (subtotal === undefined) items.push(cellAt(rec, row, p.amount.index));
      else if (INCOME_EXTRA.test(label) || EXPENSE_EXTRA.test(label)) extras.push(cellAt(rec, row, p.amount.index));
      else unknown = true;
    });
    if (subtotal === undefined) continue;
    const where = `“${subLabel}”`;
    // Income lines are numbered 一、…八、; expense lines are the 功能分类 classes.
    sumCheck(ctx, 'TB-total', rec, subtotal, items, { where, total: '', parts: side === 'income' ? '各项收入' : '各类支出' });
    if (total !== undefined) {
      if (unknown) ctx.tally('TB-total', 'unsure');
      else sumCheck(ctx, 'TB-total', rec, total, [subtotal, ...extras], { where: `“总计”（${side === 'income' ? '收入' : '支出'}方）`, total: '', parts: `${subLabel}与结转结余各行` });
    }
    results.push({ side, ...(total !== undefined ? { total } : {}), label: subLabel });
  }
  const inc = results.find((r) => r.side === 'income');
  const exp = results.find((r) => r.side === 'expense');
  if (inc?.total && exp?.total) {
    sumCheck(ctx, 'TB-total', rec, inc.total, [exp.total], { where: '', total: '收入总计', parts: '支出总计' });
  }
}

// ------------------------------------------------------------ TB-basic

function basicPanels(ctx: Ctx, rec: Recognised): void {
  const cols = rec.columns;
  cols.forEach((c, i) => {
    if (!/科目编码|^编码$/.test(last(c))) return;
    const name = cols[i + 1];
    const amount = cols[i + 2];
    if (!name || !amount || !isNameCol(name) || !/决算数|金额|合计/.test(last(amount))) return;
    const codes = new Map<string, number>();
    let totalRow = -1;
    let dup = false;
    rec.table.rows.forEach((r, row) => {
      const code = cleanCell(r.cells[c.index] ?? '');
      if (/^\d{3}(?:\d{2})?$/.test(code)) {
        if (codes.has(code)) dup = true;
        codes.set(code, row);
      } else if (/合计$/.test(code) || /合计$/.test(cleanCell(r.cells[name.index] ?? ''))) totalRow = row;
    });
    if (dup) {
      ctx.tally('TB-basic', 'unsure');
      return;
    }
    const classes = [...codes.keys()].filter((k) => k.length === 3);
    for (const k of classes) {
      const kids = [...codes.keys()].filter((x) => x.length === 5 && x.startsWith(k));
      if (kids.length === 0) continue;
      sumCheck(ctx, 'TB-basic', rec, cellAt(rec, codes.get(k)!, amount.index), kids.map((x) => cellAt(rec, codes.get(x)!, amount.index)), {
        where: `“${k} ${cleanCell(rec.table.rows[codes.get(k)!]!.cells[name.index] ?? '')}”`, total: '', parts: '其下各款',
      });
    }
    const top = classes.length > 0 ? classes : [...codes.keys()];
    if (totalRow >= 0 && top.length > 0) {
      const label = cleanCell(rec.table.rows[totalRow]!.cells[c.index] ?? '') || cleanCell(rec.table.rows[totalRow]!.cells[name.index] ?? '');
      sumCheck(ctx, 'TB-basic', rec, cellAt(rec, totalRow, amount.index), top.map((x) => cellAt(rec, codes.get(x)!, amount.index)), {
        where: `“${label}”`, total: '', parts: classes.length > 0 ? '各类' : '各款',
      });
    }
  });
}

// ------------------------------------------------------------ TB-text

interface Target {
  cell: Read;
  what: string;
  rec: Recognised;
}

/** The cells the narrative's concepts name, from the recognised tables whose title and unit were read. */
function targets(recs: readonly Recognised[]): Map<string, Target[]> {
  const out = new Map<string, Target[]>();
  const add = (key: string, t: Target) => out.set(key, [...(out.get(key) ?? []), t]);
  for (const rec of recs) {
    if (!rec.byTitle || !rec.unitStated) continue;
    const cols = amountCols(rec);
    const rows = rec.table.rows;
    const find = (re: RegExp, label: Column[] = rec.columns) => rows.findIndex((_, i) => re.test(rowLabel(rec, i, label)));
    if (rec.kind === 'totals' || rec.kind === 'fiscalTotals') {
      const fiscal = rec.kind === 'fiscalTotals';
      const panels = rec.columns.filter((c) => /项目$/.test(last(c)));
      for (const p of panels) {
        const amount = rec.columns.slice(p.index + 1).find((d) => !isIndexCol(d) && !isNameCol(d));
        if (!amount) continue;
        const income = rec.table.rows.some((r) => /本年收入合计/.test(cleanCell(r.cells[p.index] ?? '')));
        const lines: [string, RegExp][] = fiscal
          ? income
            ? [['income.fiscal', /^本年收入合计$/], ['fiscal.total', /^总计$/], ['income.general_budget', /^一、一般公共预算/], ['income.gov_fund', /^二、政府性基金/], ['income.state_capital', /^三、国有资本/]]
            : [['expense.fiscal', /^本年支出合计$/]]
          : income
          ? [['income.total', /^本年收入合计$/], ['total.income_expense', /^总计$/], ['income.general_budget', /^一、一般公共预算/], ['income.gov_fund', /^二、政府性基金/],
            ['income.state_capital', /^三、国有资本/], ['income.superior_subsidy', /上级补助收入$/], ['income.business', /事业收入$/], ['income.operating', /经营收入$/],
            ['income.affiliate', /附属单位上缴收入$/], ['income.other', /其他收入$/], ['balance.use_non_fiscal', /^使用非财政拨款结余/], ['balance.opening', /^年初结转和结余$/]]
          : [['expense.total', /^本年支出合计$/], ['balance.distribution', /^结余分配$/], ['balance.closing', /^年末结转和结余$/]];
        for (const [concept, re] of lines) {
          const row = rows.findIndex((r) => re.test(cleanCell(r.cells[p.index] ?? '')));
          if (row >= 0) add(concept, { cell: cellAt(rec, row, amount.index), what: cleanCell(rows[row]!.cells[p.index] ?? ''), rec });
        }
        // 财政拨款总表: 本年支出合计 by fund, in the columns beside the 小计.
        const spent = rows.findIndex((r) => /^本年支出合计$/.test(cleanCell(r.cells[p.index] ?? '')));
        if (fiscal && !income && spent >= 0) {
          for (const [concept, re] of [['expense.general_budget', /^一般公共预算/], ['expense.gov_fund', /^政府性基金/], ['expense.state_capital', /^国有资本经营/]] as const) {
            const c = cols.filter((x) => x.index > p.index && prefixScope(x) === prefixScope(amount) && re.test(last(x)));
            if (c.length === 1) add(concept, { cell: cellAt(rec, spent, c[0]!.index), what: `本年支出合计“${last(c[0]!)}”`, rec });
          }
        }
      }
    } else if (rec.kind === 'income') {
      const total = rows.findIndex((_, i) => isTotalRow(rec, i));
      const c = cols.filter((x) => /本年收入合计$/.test(x.label));
      if (total >= 0 && c.length === 1) add('income.total', { cell: cellAt(rec, total, c[0]!.index), what: `合计行“${c[0]!.label}”`, rec });
    } else if (rec.kind === 'govFund' || rec.kind === 'stateCapital') {
      const total = rows.findIndex((_, i) => isTotalRow(rec, i));
      const c = cols.filter((x) => /本年支出\/(?:小计|合计)$|^本年支出合计$/.test(x.label));
      if (total >= 0 && c.length === 1) add(rec.kind === 'govFund' ? 'expense.gov_fund' : 'expense.state_capital', { cell: cellAt(rec, total, c[0]!.index), what: `合计行“${c[0]!.label}”`, rec });
    } else if (rec.kind === 'expense') {
      const total = find(/^(?:合计|本年支出合计|总计)$/);
      const all = cols.filter((x) => /本年支出合计$/.test(x.label));
      if (total >= 0 && all.length === 1) add('expense.total', { cell: cellAt(rec, total, all[0]!.index), what: `合计行“${all[0]!.label}”`, rec });
      const pick: [string, RegExp][] = [['expense.basic', /基本支出$/], ['expense.project', /项目支出$/], ['expense.remit', /上缴上级支出$/], ['expense.operating', /^经营支出$/], ['expense.affiliate_subsidy', /对附属单位补助支出$/]];
      for (const [concept, re] of pick) {
        const c = cols.filter((x) => re.test(x.label));
        if (total >= 0 && c.length === 1) add(concept, { cell: cellAt(rec, total, c[0]!.index), what: `合计行“${c[0]!.label}”`, rec });
      }
    } else if (rec.kind === 'generalBudgetExpense') {
      const sub = cols.filter((c) => /(?:决算数|本年支出|决算)\/(?:小计|合计)$/.test(c.label) || /^(?:决算数|本年支出合计)$/.test(c.label));
      if (sub.length === 1) {
        const codes = rowCodes(rec);
        const total = rows.findIndex((_, i) => codes[i] === undefined && isTotalRow(rec, i));
        if (total >= 0) {
          add('expense.general_budget', { cell: cellAt(rec, total, sub[0]!.index), what: `合计行“${sub[0]!.label}”`, rec });
          // 基本支出 and 项目支出 of the same 决算 group.
          const scope = prefixScope(sub[0]!);
          for (const [concept, re] of [['expense.basic@fund=general_budget', /^基本支出$/], ['expense.project@fund=general_budget', /^项目支出$/]] as const) {
            const c = cols.filter((x) => prefixScope(x) === scope && re.test(last(x)));
            if (c.length === 1) add(concept, { cell: cellAt(rec, total, c[0]!.index), what: `合计行“${c[0]!.label}”`, rec });
          }
        }
        codes.forEach((code, i) => code && add(`expense.general_budget@${code}`, { cell: cellAt(rec, i, sub[0]!.index), what: `“${code}”行“${sub[0]!.label}”`, rec }));
      }
    } else if (rec.kind === 'generalBudgetBasic') {
      for (const [concept, re] of [['basic.personnel', /^人员经费合计$/], ['basic.public', /^公用经费合计$/]] as const) {
        rec.columns.forEach((c) => {
          if (!/科目编码|^编码$|科目名称/.test(last(c))) return;
          const row = rows.findIndex((r) => re.test(cleanCell(r.cells[c.index] ?? '')));
          const amount = rec.columns.slice(c.index + 1).find((d) => /决算数|金额|合计/.test(last(d)) && !isNameCol(d) && !isCodeCol(d));
          if (row >= 0 && amount) add(concept, { cell: cellAt(rec, row, amount.index), what: re.source.replace(/[\^$]/g, ''), rec });
        });
      }
    } else if (rec.kind === 'sangong') {
      const parts: [string, RegExp][] = [['sangong.total', /^合计$/], ['sangong.abroad', /因公出国/], ['sangong.vehicle', /^公务用车[^/]*\/小计$|^公务用车购置及运行(?:维护)?费$/],
        ['sangong.vehicle_purchase', /^公务用车[^/]*\/(?:公务用车)?购置费$/], ['sangong.vehicle_operation', /^公务用车[^/]*\/(?:公务用车)?运行(?:维护)?费$/], ['sangong.reception', /公务接待费$/]];
      for (const [concept, re] of parts) {
        for (const c of cols.filter((x) => re.test(sangongInner(x)))) {
          const scope = SANGONG_SCOPE(c);
          if (scope) {
            const scenario = /决算/.test(scope) ? 'actual' : 'budget';
            const row = rows.findIndex((r) => r.cells.some((x) => parseCell(x, rec.unit).kind === 'amount'));
            if (row >= 0) add(`${concept}#${scenario}`, { cell: cellAt(rec, row, c.index), what: `“${scope}/${sangongInner(c)}”`, rec });
          } else {
            for (const [scenario, label] of [['actual', /^决算数?$/], ['budget', /^预算数?$/]] as const) {
              const row = rows.findIndex((r) => label.test(cleanCell(r.cells[0] ?? '')));
              if (row >= 0) add(`${concept}#${scenario}`, { cell: cellAt(rec, row, c.index), what: `“${cleanCell(rows[row]!.cells[0] ?? '')}/${sangongInner(c)}”`, rec });
            }
          }
        }
      }
    }
  }
  return out;
}

/** The key of targets() a concept (with its dimensions and scenario) is found under, if any. */
function keyOf(concept: string, dims: Record<string, string>, scenario: Claim['scenario']): string | undefined {
  const dimKeys = Object.keys(dims);
  if (concept.startsWith('sangong.')) {
    if (dimKeys.length > 0) return undefined;
    return scenario === 'actual' ? `${concept}#actual` : scenario === 'budget' ? `${concept}#budget` : undefined;
  }
  if (scenario !== 'actual') return undefined;
  if (dimKeys.length === 0) return concept;
  if (concept === 'expense.general_budget' && dims.functional && dimKeys.every((k) => k === 'functional' || (k === 'fund' && dims.fund === 'general_budget'))) return `${concept}@${dims.functional}`;
  if ((concept === 'expense.basic' || concept === 'expense.project') && dimKeys.length === 1 && dims.fund === 'general_budget') return `${concept}@fund=general_budget`;
  return undefined;
}

/**
 * A stated share (2 decimals, say) against part ÷ whole of two cells of one table: consistent when some value
 * within one unit of the last stated digit (shares of one whole are made to add up to 100% by the largest
 * remainder, which moves a share by up to one unit) lies between the smallest and largest quotient the
 * cells' own rounding allows.
 */
function shareFits(stated: string, part: Cell, whole: Cell): boolean | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(stated);
  if (!m || whole.fen <= 0n || part.fen < 0n) return undefined;
  const d = (m[2] ?? '').length;
  const S = BigInt(m[1]! + (m[2] ?? ''));
  const scale = 2n * 10n ** BigInt(d + 2);
  const u = part.ulp > whole.ulp ? part.ulp : whole.ulp;
  const [a2, t2] = [2n * part.fen, 2n * whole.fen];
  // (S + 1)/10^d/100 ≥ (a − u/2)/(T + u/2)  and  (S − 1)/10^d/100 ≤ (a + u/2)/(T − u/2)
  const lowOk = (2n * S + 2n) * (t2 + u) >= (a2 - u) * scale;
  const highOk = t2 - u <= 0n || (2n * S - 2n) * (t2 - u) <= (a2 + u) * scale;
  return lowOk && highOk;
}

function shares(ctx: Ctx, map: Map<string, Target[]>, claims: readonly Claim[], year: number | undefined): void {
  for (const c of claims) {
    if (c.measure !== 'share' || c.unit !== '%' || !c.base || (year !== undefined && c.year !== undefined && c.year !== year) || c.statedYear !== undefined) continue;
    const key = keyOf(c.concept, c.dims ?? {}, c.scenario);
    const baseKey = keyOf(c.base.concept, c.base.dims ?? {}, c.scenario);
    if (!key || !baseKey) continue;
    for (const t of map.get(key) ?? []) {
      const w = (map.get(baseKey) ?? []).find((x) => x.rec === t.rec);
      if (!w) continue;
      if (t.cell === 'unsure' || w.cell === 'unsure' || t.cell.inferred || w.cell.inferred) {
        ctx.tally('TB-text', 'unsure');
        continue;
      }
      const fits = shareFits(c.value, t.cell, w.cell);
      if (fits === undefined) {
        ctx.tally('TB-text', 'unsure');
        continue;
      }
      if (fits) {
        ctx.tally('TB-text', 'pass');
        continue;
      }
      ctx.tally('TB-text', 'fail');
      // The share the cells give, to the stated digits (exact decimal arithmetic).
      const d = (c.value.split('.')[1] ?? '').length;
      const scaled = (t.cell.fen * 10n ** BigInt(d + 2) * 2n + w.cell.fen) / (2n * w.cell.fen);
      const expected = d > 0 ? `${scaled / 10n ** BigInt(d)}.${(scaled % 10n ** BigInt(d)).toString().padStart(d, '0')}` : scaled.toString();
      ctx.findings.push({
        rule: 'TB-text', severity: auditSeverity('TB-text', true),
        message: `说明中的占比${c.value}%与${title(t.rec)}中${t.what}（${t.cell.text}）占${w.what}（${w.cell.text}）的比例${expected}%不一致。`,
        expected, stated: c.value, tolerance: `${d > 0 ? `0.${'0'.repeat(d - 1)}1` : '1'}（末位一个单位，另计表中数字的舍入）`, unit: '%',
        spans: [c.sentence && c.sentence.end - c.sentence.start <= 200 ? c.sentence : c.span, ...ctx.spans([t.cell, w.cell])],
      });
    }
  }
}

/** 表5/表6: the 基本支出 of the 一般公共预算 table's 合计 row = 人员经费合计 + 公用经费合计 of the 基本支出 table. */
function basicAcrossTables(ctx: Ctx, map: Map<string, Target[]>): void {
  const basic = map.get('expense.basic@fund=general_budget') ?? [];
  const personnel = map.get('basic.personnel') ?? [];
  const pub = map.get('basic.public') ?? [];
  if (basic.length !== 1 || personnel.length !== 1 || pub.length !== 1) return;
  const b = basic[0]!;
  sumCheck(ctx, 'TB-basic', b.rec, b.cell, [personnel[0]!.cell, pub[0]!.cell], {
    where: `${b.what}`, total: '', parts: `${title(personnel[0]!.rec)}的人员经费合计与公用经费合计`,
  });
}

/** The same figure in two standard tables (表1 and 表2/表3, 表1 and 表4, 表4 and 表5/基金/国资表) must be equal. */
const CROSS = ['income.total', 'expense.total', 'income.general_budget', 'income.gov_fund', 'income.state_capital', 'expense.general_budget', 'expense.gov_fund', 'expense.state_capital'];

function acrossTables(ctx: Ctx, map: Map<string, Target[]>): void {
  for (const key of CROSS) {
    const ts = map.get(key) ?? [];
    const byTable = [...new Set(ts.map((t) => t.rec))].map((rec) => ts.filter((t) => t.rec === rec));
    // One cell per table, or the table is left out.
    const one = byTable.filter((g) => g.length === 1).map((g) => g[0]!);
    for (let i = 1; i < one.length; i++) {
      const a = one[0]!;
      const b = one[i]!;
      if (a.cell === 'unsure' || b.cell === 'unsure' || a.cell.inferred || b.cell.inferred) {
        ctx.tally('TB-cross', 'unsure');
        continue;
      }
      sumCheck(ctx, 'TB-cross', a.rec, a.cell, [b.cell], { where: '', total: `${a.what}`, parts: `${title(b.rec)}的${b.what}` });
    }
  }
}

function narrative(ctx: Ctx, recs: readonly Recognised[], claims: readonly Claim[], year: number | undefined): void {
  const map = targets(recs);
  if (map.size === 0) return;
  basicAcrossTables(ctx, map);
  acrossTables(ctx, map);
  shares(ctx, map, claims, year);
  for (const c of claims) {
    if (c.measure !== 'level' || (c.unit !== '万元' && c.unit !== '元') || (year !== undefined && c.year !== undefined && c.year !== year) || c.statedYear !== undefined) continue;
    const key = keyOf(c.concept, c.dims ?? {}, c.scenario);
    if (!key) continue;
    const ts = map.get(key);
    if (!ts) continue;
    for (const t of ts) {
      if (t.cell === 'unsure' || t.cell.inferred) {
        ctx.tally('TB-text', 'unsure');
        continue;
      }
      const v = parseCell(c.value, c.unit as MoneyUnit);
      if (v.kind !== 'amount') {
        ctx.tally('TB-text', 'unsure');
        continue;
      }
      const diff = v.fen - t.cell.fen;
      const ulps = v.ulp + t.cell.ulp;
      if (2n * (diff < 0n ? -diff : diff) <= ulps) {
        ctx.tally('TB-text', 'pass');
        continue;
      }
      ctx.tally('TB-text', 'fail');
      const unit = t.rec.unit;
      // Both sides in the table's unit.
      const stated = c.unit === unit ? c.value : formatFen(v.fen, unit);
      ctx.findings.push({
        rule: 'TB-text', severity: auditSeverity('TB-text', true),
        message: `说明中的数字${c.value}${c.unit}与${title(t.rec)}${t.what}的${t.cell.text}${unit}不一致。`,
        expected: t.cell.text, stated, tolerance: formatFen((ulps + 1n) / 2n, unit), unit,
        spans: [c.sentence && c.sentence.end - c.sentence.start <= 200 ? c.sentence : c.span, ...ctx.spans([t.cell])],
      });
    }
  }
}

// ------------------------------------------------------------ entry

const outcomeOf = (r: { pass: number; fail: number; unsure: number } | undefined, anyTable: boolean): Outcome => {
  if (!r) return anyTable ? 'not_applicable' : 'insufficient_data';
  if (r.fail > 0) return 'fail';
  if (r.pass > 0) return 'pass';
  return 'insufficient_data';
};

export function auditTables(input: TableAuditInput): TableAuditResult {
  const ctx = new Ctx(input.toText);
  const recs = input.tables.map(recognise);
  for (const rec of recs) {
    if (rec.kind === 'other') continue;
    if (rec.kind === 'totals' || rec.kind === 'fiscalTotals') totalsPanels(ctx, rec);
    if (rec.kind === 'generalBudgetBasic') basicPanels(ctx, rec);
    else if (rec.kind !== 'totals' && rec.kind !== 'fiscalTotals' && rec.kind !== 'sangong') codeTree(ctx, rec);
    rowIdentities(ctx, rec);
  }
  narrative(ctx, recs, input.claims, input.year);
  const standard = recs.filter((r) => r.kind !== 'other');
  const notes = (input.unreadPages ?? []).map((p) => `第${p.page}页${p.reason}，该页表格无法读取（不作判断，计为数据不足）。`);
  const outcomes = Object.fromEntries(TABLE_RULES.map((r) => [r.id, outcomeOf(ctx.ran.get(r.id), standard.length > 0 && (input.unreadPages ?? []).length === 0)])) as Record<TableRuleId, Outcome>;
  return {
    findings: ctx.findings, outcomes, checks: ctx.checks,
    tables: { read: recs.length, recognised: standard.length, kinds: standard.map((r) => r.kind) },
    notes,
  };
}
