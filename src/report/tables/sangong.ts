/**
 * The “三公”经费 tables (domain.md §2.9), central layout: a 预算数 panel and a
 * 决算数 panel, each 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 |
 * 公务用车购置费 | 公务用车运行费) | 公务接待费, one body row.
 *
 * The dataset states “三公”经费 for 财政拨款 as a whole and, in `sangong.fund`,
 * the fund it is paid from. That fund's table carries every figure; the other
 * fund's table is empty (and says so). Without `sangong.fund` the 一般公共预算
 * table equals the whole exactly when the unit has no 政府性基金 and no 国有资本经营
 * 预算财政拨款 at all (nothing else can have paid or funded a budget), and the
 * 政府性基金 table is empty exactly when that fund is untouched; every table is
 * empty when 财政拨款 “三公” is stated as zero. Otherwise the split is unknown:
 * the cells print as — and the note names the field to fill in. Never a guessed split.
 */
import type { SangongView } from '../../model/index.js';
import type { TableBlock, TableCell } from '../tree.js';
import { emptyNote, frame, fundIdle, head, moneyCells, type Col, type TableContext, type Val } from './common.js';

export type SangongScope = 'fiscal' | 'generalBudget' | 'govFund';

const CONCEPTS = ['sangong.total', 'sangong.abroad', 'sangong.vehicle', 'sangong.vehicle_purchase', 'sangong.vehicle_operation', 'sangong.reception'];

const SCOPE: Record<SangongScope, { name: string; dims: Record<string, string> }> = {
  fiscal: { name: '财政拨款', dims: {} },
  generalBudget: { name: '一般公共预算财政拨款', dims: { fund: 'general_budget' } },
  govFund: { name: '政府性基金预算财政拨款', dims: { fund: 'gov_fund' } },
};

function values(s: SangongView['budget'] | SangongView['actual']): Val[] {
  return [s.total, s.abroad, s.vehicle, s.vehiclePurchase, s.vehicleOperation, s.reception];
}

/** Whether the 财政拨款 “三公” is paid from the scope's fund: yes, no, or not known from the dataset. */
function paidFrom(ctx: TableContext, scope: 'generalBudget' | 'govFund'): boolean | undefined {
  const { a } = ctx;
  const stated = a.dataset.sangong.fund;
  if (stated) return stated === scope;
  if (scope === 'generalBudget') return fundIdle(a, 'govFund') && fundIdle(a, 'stateCapital') ? true : undefined;
  return fundIdle(a, 'govFund') ? false : undefined;
}

export function buildSangongTable(ctx: TableContext, scope: SangongScope): TableBlock {
  const { a } = ctx;
  const { name, dims } = SCOPE[scope];
  const unknown: Val[] = CONCEPTS.map(() => undefined);
  const zero: Val[] = CONCEPTS.map(() => 0n);
  let budget = values(a.sangong.budget);
  let actual = values(a.sangong.actual);
  const notes: string[] = [];
  // No 财政拨款 “三公” at all (stated zeros): every fund's share is zero too.
  const noneAtAll = [...budget, ...actual].every((v) => v === 0n);
  if (noneAtAll) {
    budget = zero;
    actual = zero;
  } else if (scope !== 'fiscal') {
    const paid = paidFrom(ctx, scope);
    if (paid === false) {
      budget = zero;
      actual = zero;
    } else if (paid === undefined) {
      budget = unknown;
      actual = unknown;
      notes.push(`数据集未说明“三公”经费由哪类财政拨款安排（sangong.fund），${ctx.self}另有政府性基金或国有资本经营预算财政拨款收支，故本表数据无法由数据集得出，以“—”表示。`);
    }
  }
  if (notes.length === 0) {
    if ([...budget, ...actual].every((v) => v === 0n)) notes.push(emptyNote(ctx, `${name}“三公”经费支出`));
    else if ([...budget, ...actual].some((v) => v === undefined)) notes.push('数据集未填报部分“三公”经费预算数或决算数，相应单元格以“—”表示。');
  }

  const budgetCols: Col[] = CONCEPTS.map((concept) => ({ concept, dims, scenario: 'budget' }));
  const actualCols: Col[] = CONCEPTS.map((concept) => ({ concept, dims }));
  const panel = (): TableCell[] => [
    head('合计', { rowSpan: 2 }), head('因公出国（境）费', { rowSpan: 2 }), head('公务用车购置及运行费', { colSpan: 3 }), head('公务接待费', { rowSpan: 2 }),
  ];
  const sub = (): TableCell[] => [head('小计'), head('公务用车购置费'), head('公务用车运行费')];
  return frame(ctx, {
    header: [
      [head('预算数', { colSpan: 6 }), head('决算数', { colSpan: 6 })],
      [...panel(), ...panel()],
      [...sub(), ...sub()],
    ],
    body: [[...moneyCells(ctx, budgetCols, budget), ...moneyCells(ctx, actualCols, actual)]],
    notes,
  });
}

/** 财政拨款“三公”经费支出决算表. */
export function buildSangong(ctx: TableContext): TableBlock {
  return buildSangongTable(ctx, 'fiscal');
}
