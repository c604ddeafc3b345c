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
  | { kind: 'derived'; from: string; paths: string[] };

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

/** An omitted figure in a family where omitted means zero: exactly 0. */
const ZERO: Amount = { fen: 0n, precision: 1n };

const BALANCE_FUND_DIM: Record<string, string> = {
  generalBudget: 'general_budget', govFund: 'gov_fund', stateCapital: 'state_capital', nonFiscal: 'other',
};

/** The fund dimension value used in facts for a dataset fund key. */
export function fundDim(f: Fund): string {
  return FUND_DIM[f];
}

export function flatten(d: Dataset, accounts: Accounts = computeAccounts(d)): Fact[] {
  const facts: Fact[] = [];
  const y = d.year;
  const money = (concept: string, a: Amount | undefined, path: string, dims: Record<string, string> = {}, scenario: Scenario = 'actual', year = y) => {
    if (a) facts.push({ concept, year, scenario, dims, value: a.fen, precision: a.precision, source: { kind: 'dataset', path } });
  };
  const num = (concept: string, n: number | undefined, path: string, dims: Record<string, string> = {}, year = y) => {
    if (n !== undefined) facts.push({ concept, year, scenario: 'actual', dims, value: BigInt(n), precision: 1n, source: { kind: 'dataset', path } });
  };
  /**
   * A total the report states but the dataset only implies. Its value comes
   * from the accounts view; `inputs` are the stated facts it adds up, kept so a
   * finding can point at them and a rule can tell a real check from a tautology.
   */
  const derived = (concept: string, v: Fen | undefined, from: string, inputs: Fact[], dims: Record<string, string> = {}, scenario: Scenario = 'actual') => {
    if (v === undefined) return;
    const total = inputs.reduce((t, f) => t + f.value, 0n);
    if (total !== v) throw new Error(`internal: derived ${concept} ${JSON.stringify(dims)} = ${v} but its inputs add to ${total}`);
    // One set filled directly: the inputs are thousands of lines for the totals, and an array per input cost more than the check's rules.
    const seen = new Set<string>();
    for (const f of inputs) {
      if (f.source.kind === 'dataset') seen.add(f.source.path);
      else for (const p of f.source.paths) seen.add(p);
    }
    const paths = [...seen];
    const precision = inputs.reduce((t, f) => t + f.precision, 0n) || 1n;
    facts.push({ concept, year: y, scenario, dims, value: v, precision, source: { kind: 'derived', from, paths } });
  };
  const current = (pred: (f: Fact) => boolean) => facts.filter((f) => f.year === y && f.scenario === 'actual' && f.source.kind === 'dataset' && pred(f));
  const of = (...concepts: string[]) => (f: Fact) => concepts.includes(f.concept);

  const incomeConcept = {
    generalBudget: 'income.general_budget', govFund: 'income.gov_fund', stateCapital: 'income.state_capital',
    superiorSubsidy: 'income.superior_subsidy', business: 'income.business', operating: 'income.operating',
    affiliate: 'income.affiliate', other: 'income.other',
  } as const;
  // In these families an omitted figure means 0 (the 总表 lists every row), so the zero is stated explicitly.
  for (const [key, concept] of Object.entries(incomeConcept)) money(concept, d.income[key as keyof typeof incomeConcept] ?? ZERO, `income.${key}`);
  money('balance.use_non_fiscal', d.useOfNonFiscalBalance ?? ZERO, 'useOfNonFiscalBalance');
  for (const k of Object.keys(BALANCE_FUND_DIM)) money('balance.opening', d.openingBalance[k as keyof typeof d.openingBalance] ?? ZERO, `openingBalance.${k}`, { fund: BALANCE_FUND_DIM[k]! });
  money('balance.distribution', d.balanceDistribution ?? ZERO, 'balanceDistribution');
  for (const k of Object.keys(BALANCE_FUND_DIM)) money('balance.closing', d.closingBalance[k as keyof typeof d.closingBalance] ?? ZERO, `closingBalance.${k}`, { fund: BALANCE_FUND_DIM[k]! });

  d.expenditure.forEach((l, i) => {
    const dims = { functional: l.code, fund: FUND_DIM[l.fund] };
    money('expense.basic', l.basic ?? ZERO, `expenditure[${i}].basic`, dims);
    money('expense.project', l.project ?? ZERO, `expenditure[${i}].project`, dims);
    money('expense.remit', l.remit ?? ZERO, `expenditure[${i}].remit`, dims);
    money('expense.operating', l.operating ?? ZERO, `expenditure[${i}].operating`, dims);
    money('expense.affiliate_subsidy', l.affiliateSubsidy ?? ZERO, `expenditure[${i}].affiliateSubsidy`, dims);
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
  // An empty vehicle list states that the unit has none.
  if (Object.keys(d.assets.vehicles).length === 0) num('vehicles.total', 0, 'assets.vehicles');
  num('equipment.general_500k', d.assets.generalEquipment500k, 'assets.generalEquipment500k');
  num('equipment.special_1m', d.assets.specialEquipment1m, 'assets.specialEquipment1m');

  const st = d.unit.staffing;
  for (const [k, n] of Object.entries(st.authorized)) num('staffing.authorized', n, `unit.staffing.authorized.${k}`, { staffKind: k });
  for (const [k, n] of Object.entries(st.actual)) num('staffing.actual', n, `unit.staffing.actual.${k}`, { staffKind: k });
  num('staffing.retired', st.retired, 'unit.staffing.retired');

  const perf = d.performance;
  num('performance.projects', perf.projectCount, 'performance.projectCount');
  money('performance.self_evaluation_funds', perf.selfEvaluation?.funds, 'performance.selfEvaluation.funds');
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
  const fiscalFunds = ['general_budget', 'gov_fund', 'state_capital'];
  const expenseKinds = of('expense.basic', 'expense.project', 'expense.remit', 'expense.operating', 'expense.affiliate_subsidy');
  const incomeFacts = current((f) => f.concept.startsWith('income.'));
  derived('income.total', a.incomeTotal, 'Σ 收入来源', incomeFacts);
  derived('income.fiscal', a.fiscalIncome, '一般公共预算 + 政府性基金 + 国有资本经营', current(of('income.general_budget', 'income.gov_fund', 'income.state_capital')));
  derived('total.income', a.grandIncome, '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
    [...incomeFacts, ...current(of('balance.use_non_fiscal', 'balance.opening'))]);
  const lines = current(expenseKinds);
  derived('total.expense', a.grandExpense, '本年支出合计 + 结余分配 + 年末结转和结余', [...lines, ...current(of('balance.distribution', 'balance.closing'))]);
  derived('expense.total', a.expense.total, 'Σ 支出明细', lines);
  derived('expense.basic', a.expense.basic, 'Σ 基本支出', current(of('expense.basic')));
  derived('expense.project', a.expense.project, 'Σ 项目支出', current(of('expense.project')));
  derived('expense.fiscal', a.fiscalExpense, 'Σ 财政拨款支出', lines.filter((f) => fiscalFunds.includes(f.dims.fund!)));
  const fundConcepts = { general_budget: 'expense.general_budget', gov_fund: 'expense.gov_fund', state_capital: 'expense.state_capital' } as const;
  const fundViews = { general_budget: a.byFund.generalBudget, gov_fund: a.byFund.govFund, state_capital: a.byFund.stateCapital };
  for (const [fund, concept] of Object.entries(fundConcepts) as [keyof typeof fundConcepts, string][]) {
    const fundLines = lines.filter((f) => f.dims.fund === fund);
    derived(concept, fundViews[fund].total, `Σ 支出明细（${fund}）`, fundLines);
    for (const c of fundViews[fund].byClass) {
      derived(concept, c.total, 'Σ 支出明细（按类）', fundLines.filter((f) => f.dims.functional!.startsWith(c.code)), { functional: c.code });
    }
  }
  derived('fiscal.total', a.fiscalGrandTotal, '财政拨款收入 + 年初财政拨款结转和结余',
    [...current(of('income.general_budget', 'income.gov_fund', 'income.state_capital')), ...current((f) => f.concept === 'balance.opening' && fiscalFunds.includes(f.dims.fund!))]);
  for (const c of a.expenseByClass) derived('expense.total', c.total, 'Σ 支出明细（按类）', lines.filter((f) => f.dims.functional!.startsWith(c.code)), { functional: c.code });
  const sangongFacts = (scenario: Scenario, ...concepts: string[]) => facts.filter((f) => f.year === y && f.scenario === scenario && concepts.includes(f.concept));
  derived('sangong.total', a.sangong.actual.total, '因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
    sangongFacts('actual', 'sangong.abroad', 'sangong.vehicle_purchase', 'sangong.vehicle_operation', 'sangong.reception_domestic', 'sangong.reception_foreign'));
  derived('sangong.total', a.sangong.budget.total, '因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
    sangongFacts('budget', 'sangong.abroad', 'sangong.vehicle_purchase', 'sangong.vehicle_operation', 'sangong.reception'), {}, 'budget');
  derived('sangong.vehicle', a.sangong.actual.vehicle, '购置费 + 运行维护费', sangongFacts('actual', 'sangong.vehicle_purchase', 'sangong.vehicle_operation'));
  derived('sangong.vehicle', a.sangong.budget.vehicle, '购置费 + 运行维护费', sangongFacts('budget', 'sangong.vehicle_purchase', 'sangong.vehicle_operation'), {}, 'budget');
  derived('sangong.reception', a.sangong.actual.reception, '国内 + 外事接待', sangongFacts('actual', 'sangong.reception_domestic', 'sangong.reception_foreign'));
  derived('procurement.total', a.procurementTotal, '货物 + 工程 + 服务', current(of('procurement.goods', 'procurement.works', 'procurement.services')));
  return facts;
}
