/**
 * 一般公共预算财政拨款项目支出决算表 (四川 表9). Like the 基本支出 table it is
 * laid out by 部门预算支出经济分类 (科目编码 | 科目名称 | 决算数) — the
 * 功能分类 split of 项目支出 is already in the 一般公共预算财政拨款支出决算表.
 * The dataset holds no 经济分类 amounts for 项目支出, so unless there is no
 * 项目支出 at all only the 合计 row is printed, with a note.
 */
import type { TableBlock } from '../tree.js';
import { emptyNote, frame, head, money, text, type TableContext } from './common.js';

export function buildGeneralBudgetProject(ctx: TableContext): TableBlock {
  const project = ctx.a.byFund.generalBudget.project;
  return frame(ctx, {
    header: [[head('经济分类科目编码'), head('科目名称'), head('决算数')]],
    body: [[text('合计', 'center', { colSpan: 2 }), money(ctx, { concept: 'expense.project', dims: { fund: 'general_budget' } }, project)]],
    notes: [
      project === 0n
        ? emptyNote(ctx, '一般公共预算财政拨款项目支出')
        : '数据集未提供项目支出按支出经济分类科目的金额，故本表仅列示合计行；项目支出按支出功能分类科目的金额见一般公共预算财政拨款支出决算表。',
    ],
  });
}
