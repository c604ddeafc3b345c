/**
 * 收入决算表 (domain.md §2.2): 功能分类 类/款/项 rows, columns 本年收入合计 |
 * 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位上缴收入 | 其他收入.
 *
 * The dataset states income by source only. Income by 功能分类 code is
 * derived from expenditure only where it is exactly implied:
 * - 财政拨款收入: every fiscal fund has zero opening and closing balances and
 *   财政拨款收入 equals 财政拨款支出. Per code, closing = opening + income −
 *   expense, and balances cannot be negative, so every per-code balance is
 *   zero and income by code equals fiscal expenditure by code.
 * - the non-fiscal sources: the same argument for 非财政拨款资金, which also
 *   needs 使用非财政拨款结余 and 结余分配 to be zero, and at most one
 *   non-fiscal source (with two, the expenditure cannot say which source paid).
 * Otherwise the table prints its 合计 row and a note saying what is missing.
 */
import type { Fen } from '../../money/index.js';
import type { IncomeSource } from '../../model/index.js';
import type { TableBlock } from '../tree.js';
import {
  codeTree, FISCAL_FUNDS, frame, functionalHeader, functionalRows, head, lineTotal, moneyCells, totalLabel,
  type CodeLine, type Col, type TableContext,
} from './common.js';

const NON_FISCAL: readonly IncomeSource[] = ['superiorSubsidy', 'business', 'operating', 'affiliate', 'other'];

const COLS: readonly Col[] = [
  { concept: 'income.total' },
  { concept: 'income.fiscal' },
  { concept: 'income.superior_subsidy' },
  { concept: 'income.business' },
  { concept: 'income.operating' },
  { concept: 'income.affiliate' },
  { concept: 'income.other' },
];

const LABELS = ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];

/** Income lines by 项 code, or the reasons they cannot be derived. */
function incomeByCode(ctx: TableContext): { lines: CodeLine[] } | { reasons: string[] } {
  const { a, d } = ctx;
  const reasons: string[] = [];
  if (FISCAL_FUNDS.some((f) => a.openingBalance[f] !== 0n || a.closingBalance[f] !== 0n)) reasons.push('财政拨款年初或年末结转和结余不为零');
  else if (a.fiscalIncome !== a.fiscalExpense) reasons.push('财政拨款收入与财政拨款支出不相等');

  const sources = NON_FISCAL.filter((s) => a.income[s] !== 0n);
  if (a.openingBalance.other !== 0n || a.closingBalance.other !== 0n || a.useOfNonFiscalBalance !== 0n || a.balanceDistribution !== 0n) {
    reasons.push('非财政拨款资金有结转和结余、使用非财政拨款结余或结余分配');
  } else if (sources.length > 1) {
    reasons.push('非财政拨款收入来自多个来源');
  } else if ((sources[0] ? a.income[sources[0]] : 0n) !== a.byFund.other.total) {
    reasons.push('非财政拨款收入与非财政拨款资金支出不相等');
  }
  if (reasons.length > 0) return { reasons };

  const column = sources[0] ? 2 + NON_FISCAL.indexOf(sources[0]) : undefined;
  const lines = d.expenditure.map((l): CodeLine => {
    const values: Fen[] = COLS.map(() => 0n);
    const t = lineTotal(l);
    values[0] = t;
    if (l.fund === 'other') {
      if (column !== undefined) values[column] = t;
    } else {
      values[1] = t;
    }
    return { code: l.code, values };
  });
  return { lines };
}

export function buildIncome(ctx: TableContext): TableBlock {
  const { a } = ctx;
  const total: Fen[] = [a.incomeTotal, a.fiscalIncome, ...NON_FISCAL.map((s) => a.income[s])];
  const derived = incomeByCode(ctx);
  const body = [[totalLabel(), ...moneyCells(ctx, COLS, total)]];
  if ('lines' in derived) body.push(...functionalRows(ctx, COLS, codeTree(derived.lines)));
  return frame(ctx, {
    header: functionalHeader(LABELS.map((l) => head(l, { rowSpan: 2 })), []),
    body,
    notes: [
      a.incomeTotal === 0n && body.length === 1 && `${ctx.self}${ctx.year}年度无收入，故本表为空表。`,
      'reasons' in derived &&
        `数据集只提供按来源划分的收入，未提供按支出功能分类科目划分的收入；因${derived.reasons.join('，')}，分科目收入无法由支出推得，故本表仅列示合计行。`,
    ],
  });
}
