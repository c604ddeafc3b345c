/**
 * The 四川 支出决算明细表 pair (财政拨款 / 一般公共预算财政拨款): the year's
 * spending by 部门预算支出经济分类 类 and 款, columns 合计 | 基本支出 | 项目支出
 * (domain.md §2.5: "breaks the same amounts down by 经济分类"; exact columns [K]).
 *
 * The dataset holds 经济分类 amounts only for 一般公共预算 基本支出 (and often
 * only the codes). So the rows show 基本支出 when every item states its
 * amount and they add up to the scope's 基本支出 (for the 财政拨款 scope this
 * needs 政府性基金 and 国有资本经营 基本支出 to be zero); 项目支出 by 经济分类 is
 * known only when the scope has no 项目支出 at all.
 */
import { sum } from '../../money/index.js';
import type { TableBlock } from '../tree.js';
import {
  economicName, emptyNote, FISCAL_FUNDS, frame, head, moneyCells, sumVal, text, type Col, type TableContext, type Val,
} from './common.js';
import { basicEconomicRows, classSum } from './economic.js';

export type DetailScope = 'fiscal' | 'generalBudget';

export function buildExpenseDetail(ctx: TableContext, scope: DetailScope): TableBlock {
  const { a, d, year } = ctx;
  const views = scope === 'fiscal' ? FISCAL_FUNDS.map((f) => a.byFund[f]) : [a.byFund.generalBudget];
  const total = sum(views.map((v) => v.total));
  const basic = sum(views.map((v) => v.basic));
  const project = sum(views.map((v) => v.project));
  const fundDims = { fund: scope === 'fiscal' ? 'fiscal' : 'general_budget' };
  const cols: Col[] = [
    { concept: scope === 'fiscal' ? 'expense.fiscal' : 'expense.general_budget' },
    { concept: 'expense.basic', dims: fundDims },
    { concept: 'expense.project', dims: fundDims },
  ];

  const otherBasic = scope === 'fiscal' ? a.byFund.govFund.basic + a.byFund.stateCapital.basic : 0n;
  const econ = basicEconomicRows(d);
  const rows = econ !== undefined && otherBasic === 0n && classSum(econ, () => true) === basic ? econ : undefined;
  const projectKnown = project === 0n;

  const body = [[text('合计', 'center', { colSpan: 2 }), ...moneyCells(ctx, cols, [total, basic, project])]];
  for (const r of rows ?? []) {
    const p: Val = projectKnown ? 0n : undefined;
    body.push([
      text(r.code, 'center'),
      text(r.level === '款' ? `　${economicName(r.code, year)}` : economicName(r.code, year)),
      ...moneyCells(ctx, cols, [sumVal([r.value, p]), r.value, p], { economic: r.code }),
    ]);
  }

  const scopeName = scope === 'fiscal' ? '财政拨款支出' : '一般公共预算财政拨款支出';
  const notes: string[] = [];
  if (total === 0n) notes.push(emptyNote(ctx, scopeName));
  else {
    const missing: string[] = [];
    if (basic !== 0n && rows === undefined) missing.push('基本支出');
    if (!projectKnown) missing.push('项目支出');
    if (missing.length > 0) {
      notes.push(`数据集未提供${missing.join('和')}按支出经济分类科目的金额，`
        + (rows === undefined ? '故本表仅列示合计行。' : '相应单元格以“—”表示。'));
    }
  }
  return frame(ctx, {
    header: [
      [head('经济分类科目编码', { rowSpan: 2 }), head('科目名称', { rowSpan: 2 }), head('本年支出', { colSpan: 3 })],
      [head('合计'), head('基本支出'), head('项目支出')],
    ],
    body,
    notes,
  });
}

