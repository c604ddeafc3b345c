/**
 * What the finance bureau's 汇总 adds up (issue 14 part 5), as the store keeps
 * it per region and year at publication (region_sums, migration 005): the
 * undimensioned 决算数 of TOTALS, SANGONG and OPERATING_COST; the stated expense
 * lines of EXPENSE_KINDS by 功能分类; the stated basic-expense items of
 * BASIC_KINDS by 经济分类. A change to these lists needs a migration that
 * rebuilds region_sums, since each publication takes away what it supersedes
 * by the lists of the day.
 */
export const EXPENSE_KINDS = ['expense.basic', 'expense.project', 'expense.remit', 'expense.operating', 'expense.affiliate_subsidy'] as const;
export const BASIC_KINDS = ['basic.personnel', 'basic.public'] as const;
export const SANGONG = [
  'sangong.total', 'sangong.abroad', 'sangong.vehicle', 'sangong.vehicle_purchase', 'sangong.vehicle_operation',
  'sangong.reception', 'sangong.reception_domestic', 'sangong.reception_foreign',
] as const;
export const TOTALS = [
  'total.income', 'income.total', 'income.fiscal', 'income.general_budget', 'income.gov_fund', 'income.state_capital',
  'total.expense', 'expense.total', 'expense.basic', 'expense.project', 'expense.fiscal',
] as const;
export const OPERATING_COST = 'operating_cost';

/** The concepts whose undimensioned 决算数 are summed by concept (grp 'total'). */
export const SUMMED_TOTALS: readonly string[] = [...TOTALS, ...SANGONG, OPERATING_COST];
/** Every concept the 汇总 reads: a unit with a 决算数 of one of them counts as published in it. */
export const SUMMED_CONCEPTS: readonly string[] = [...new Set([...EXPENSE_KINDS, ...BASIC_KINDS, ...SANGONG, ...TOTALS, OPERATING_COST])];
