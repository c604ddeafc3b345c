/**
 * Facts: one stated figure each — concept, year, scenario, dimensions, exact
 * value, precision and source. A dataset flattens to facts; later, figures
 * extracted from a published report become facts of the same shape, so one
 * rule pack checks both.
 */
import type { Amount, Fen } from '../money/index.js';
import { computeAccounts, type Accounts } from './accounts.js';
import type { Dataset, Fund } from './schema.js';

export type Scenario = 'actual' | 'budget_initial' | 'budget_adjusted' | 'budget';

export type FactSource =
  | { kind: 'dataset'; path: string }
  /** Computed from other facts (a total the dataset does not state itself). */
  | { kind: 'derived'; from: string };

export interface Fact {
  concept: string;
  year: number;
  scenario: Scenario;
  dims: Record<string, string>;
  /** Money in 分; counts and people as whole numbers. */
  value: bigint;
  /** Size of the last stated digit in the value's unit (分 for money); 1 = exact. */
  precision: bigint;
  source: FactSource;
}

const FUND_DIM: Record<Fund, string> = {
  generalBudget: 'general_budget', govFund: 'gov_fund', stateCapital: 'state_capital', other: 'other',
};

export function flatten(d: Dataset, accounts: Accounts = computeAccounts(d)): Fact[] {
  const facts: Fact[] = [];
  const y = d.year;
  const money = (concept: string, a: Amount | undefined, path: string, dims: Record<string, string> = {}, scenario: Scenario = 'actual', year = y) => {
    if (a) facts.push({ concept, year, scenario, dims, value: a.fen, precision: a.precision, source: { kind: 'dataset', path } });
  };
  const num = (concept: string, n: number | undefined, path: string, dims: Record<string, string> = {}, year = y) => {
    if (n !== undefined) facts.push({ concept, year, scenario: 'actual', dims, value: BigInt(n), precision: 1n, source: { kind: 'dataset', path } });
  };
  const derived = (concept: string, v: Fen | undefined, from: string, dims: Record<string, string> = {}, scenario: Scenario = 'actual') => {
    if (v !== undefined) facts.push({ concept, year: y, scenario, dims, value: v, precision: 1n, source: { kind: 'derived', from } });
  };

  const incomeConcept = {
    generalBudget: 'income.general_budget', govFund: 'income.gov_fund', stateCapital: 'income.state_capital',
    superiorSubsidy: 'income.superior_subsidy', business: 'income.business', operating: 'income.operating',
    affiliate: 'income.affiliate', other: 'income.other',
  } as const;
  for (const [key, concept] of Object.entries(incomeConcept)) money(concept, d.income[key as keyof typeof incomeConcept], `income.${key}`);
  money('balance.use_non_fiscal', d.useOfNonFiscalBalance, 'useOfNonFiscalBalance');
  for (const [k, a] of Object.entries(d.openingBalance)) money('balance.opening', a, `openingBalance.${k}`, { fund: k });
  money('balance.distribution', d.balanceDistribution, 'balanceDistribution');
  for (const [k, a] of Object.entries(d.closingBalance)) money('balance.closing', a, `closingBalance.${k}`, { fund: k });

  d.expenditure.forEach((l, i) => {
    const dims = { functional: l.code, fund: FUND_DIM[l.fund] };
    money('expense.basic', l.basic, `expenditure[${i}].basic`, dims);
    money('expense.project', l.project, `expenditure[${i}].project`, dims);
    money('expense.remit', l.remit, `expenditure[${i}].remit`, dims);
    money('expense.operating', l.operating, `expenditure[${i}].operating`, dims);
    money('expense.affiliate_subsidy', l.affiliateSubsidy, `expenditure[${i}].affiliateSubsidy`, dims);
    money('expense.total', l.initialBudget, `expenditure[${i}].initialBudget`, dims, 'budget_initial');
    money('expense.total', l.adjustedBudget, `expenditure[${i}].adjustedBudget`, dims, 'budget_adjusted');
  });

  money('basic.personnel', d.basicExpense.personnel, 'basicExpense.personnel');
  money('basic.public', d.basicExpense.public, 'basicExpense.public');
  d.basicExpense.items.forEach((it, i) => {
    const personnel = it.code.startsWith('301') || it.code.startsWith('303');
    money(personnel ? 'basic.personnel' : 'basic.public', it.amount, `basicExpense.items[${i}].amount`, { economic: it.code });
  });

  const sb = d.sangong.budget;
  money('sangong.abroad', sb.abroad, 'sangong.budget.abroad', {}, 'budget');
  money('sangong.vehicle_purchase', sb.vehiclePurchase, 'sangong.budget.vehiclePurchase', {}, 'budget');
  money('sangong.vehicle_operation', sb.vehicleOperation, 'sangong.budget.vehicleOperation', {}, 'budget');
  money('sangong.reception', sb.reception, 'sangong.budget.reception', {}, 'budget');
  const sa = d.sangong.actual;
  money('sangong.abroad', sa.abroad, 'sangong.actual.abroad');
  money('sangong.vehicle_purchase', sa.vehiclePurchase, 'sangong.actual.vehiclePurchase');
  money('sangong.vehicle_operation', sa.vehicleOperation, 'sangong.actual.vehicleOperation');
  money('sangong.reception_domestic', sa.receptionDomestic, 'sangong.actual.receptionDomestic');
  money('sangong.reception_foreign', sa.receptionForeign, 'sangong.actual.receptionForeign');
  num('abroad.groups', d.sangong.abroad.groups, 'sangong.abroad.groups');
  num('abroad.people', d.sangong.abroad.people, 'sangong.abroad.people');
  num('vehicles.purchased', d.sangong.vehicles.purchased, 'sangong.vehicles.purchased');
  num('vehicles.held', d.sangong.vehicles.held, 'sangong.vehicles.held');
  num('reception.batches', d.sangong.reception.domestic.batches, 'sangong.reception.domestic.batches');
  num('reception.people', d.sangong.reception.domestic.people, 'sangong.reception.domestic.people');
  num('reception_foreign.batches', d.sangong.reception.foreign.batches, 'sangong.reception.foreign.batches');
  num('reception_foreign.people', d.sangong.reception.foreign.people, 'sangong.reception.foreign.people');

  money('operating_cost', d.operatingCost, 'operatingCost');
  const p = d.procurement;
  money('procurement.goods', p.goods, 'procurement.goods');
  money('procurement.works', p.works, 'procurement.works');
  money('procurement.services', p.services, 'procurement.services');
  money('procurement.sme', p.sme, 'procurement.sme');
  money('procurement.sme_small', p.smeSmall, 'procurement.smeSmall');
  for (const [type, n] of Object.entries(d.assets.vehicles)) num('vehicles.total', n, `assets.vehicles.${type}`, { vehicleType: type });
  num('equipment.general_500k', d.assets.generalEquipment500k, 'assets.generalEquipment500k');
  num('equipment.special_1m', d.assets.specialEquipment1m, 'assets.specialEquipment1m');

  const st = d.unit.staffing;
  for (const [k, n] of Object.entries(st.authorized)) num('staffing.authorized', n, `unit.staffing.authorized.${k}`, { staffKind: k });
  for (const [k, n] of Object.entries(st.actual)) num('staffing.actual', n, `unit.staffing.actual.${k}`, { staffKind: k });
  num('staffing.retired', st.retired, 'unit.staffing.retired');

  const perf = d.performance;
  num('performance.pre_assessment', perf.preAssessment?.count, 'performance.preAssessment.count');
  num('performance.targets', perf.targets?.count, 'performance.targets.count');
  num('performance.monitoring', perf.monitoring?.count, 'performance.monitoring.count');
  num('performance.self_evaluation', perf.selfEvaluation?.count, 'performance.selfEvaluation.count');

  for (const [key, v] of Object.entries(d.prior)) {
    const [concept, dim] = key.split('@') as [string, string | undefined];
    const dims: Record<string, string> = dim ? { functional: dim } : {};
    if (typeof v === 'number') num(concept, v, `prior.${key}`, dims, y - 1);
    else money(concept, v, `prior.${key}`, dims, 'actual', y - 1);
  }

  // Totals the report states but the dataset only implies.
  const a = accounts;
  derived('income.total', a.incomeTotal, 'Σ income');
  derived('income.fiscal', a.fiscalIncome, 'income.general_budget + income.gov_fund + income.state_capital');
  derived('total.income', a.grandIncome, 'income.total + balance.use_non_fiscal + balance.opening');
  derived('total.expense', a.grandExpense, 'expense.total + balance.distribution + balance.closing');
  derived('expense.total', a.expense.total, 'Σ expenditure');
  derived('expense.basic', a.expense.basic, 'Σ expenditure.basic');
  derived('expense.project', a.expense.project, 'Σ expenditure.project');
  derived('expense.fiscal', a.fiscalExpense, 'Σ expenditure (fiscal funds)');
  derived('expense.general_budget', a.byFund.generalBudget.total, 'Σ expenditure (generalBudget)');
  derived('expense.gov_fund', a.byFund.govFund.total, 'Σ expenditure (govFund)');
  derived('expense.state_capital', a.byFund.stateCapital.total, 'Σ expenditure (stateCapital)');
  derived('fiscal.total', a.fiscalGrandTotal, 'income.fiscal + fiscal opening balance');
  for (const c of a.expenseByClass) derived('expense.total', c.total, 'Σ expenditure by 类', { functional: c.code });
  for (const c of a.byFund.generalBudget.byClass) derived('expense.general_budget', c.total, 'Σ expenditure by 类', { functional: c.code });
  derived('sangong.total', a.sangong.actual.total, 'abroad + vehicle + reception');
  derived('sangong.total', a.sangong.budget.total, 'abroad + vehicle + reception', {}, 'budget');
  derived('sangong.vehicle', a.sangong.actual.vehicle, 'vehicle_purchase + vehicle_operation');
  derived('sangong.reception', a.sangong.actual.reception, 'reception_domestic + reception_foreign');
  derived('procurement.total', a.procurementTotal, 'goods + works + services');
  return facts;
}
