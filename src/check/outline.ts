/**
 * What the narrative rules read of a report, from the dataset alone — without
 * building the report tree (issue 16: `check` built the whole tree, ~5 ms a
 * dataset, to read three things from it):
 *
 * - the headings: buildReport writes one for every title of the profile's
 *   outline, in order (the same walk as requiredSections), so they are those;
 * - the tables: every builder notes its empty table (tables/common.ts frame's
 *   notes, the 三公 section's table), so none is an unexplained empty table;
 * - the gaps (【待补充】): where a section writer finds the dataset lacking
 *   something. This mirrors each writer's condition in the writer's order
 *   (src/report/sections/*, evaluations/report.ts); test/check/fromFacts.test.ts
 *   compares it with the tree for the examples and hundreds of synthetic and
 *   thinned units, so a writer that gains a gap without this following fails.
 *
 * Core: no Node imports (the browser may call it).
 */
import { functionalPhrase, lookupFunctional } from '../classification/index.js';
import { sum, type Fen } from '../money/index.js';
import type { Accounts, Dataset, ItemTotals } from '../model/index.js';
import { scoreEvaluationOnce } from '../performance/evaluate.js';
import { orderedParts, type OutlineNode, type Profile, type SectionId } from '../profiles/index.js';
import { annexItems } from '../report/sections/annex.js';
import { glossaryCodes } from '../report/sections/glossary.js';
import { tableSetFor } from '../report/build.js';
import { requiredSections } from '../rules/checkDataset.js';
import type { ReportGap, ReportOutline } from '../rules/types.js';

interface Ctx {
  d: Dataset;
  a: Accounts;
  profile: Profile;
  gaps: ReportGap[];
}

const gap = (c: Ctx, what: string, path: string) => {
  c.gaps.push({ what, path });
};

// ------------------------------------------------------------ shared phrases (report/context.ts, phrases.ts)

function reason(c: Ctx, kind: 'vsPrior' | 'vsBudget', key: string): void {
  if (c.d.reasons[kind][key] == null) gap(c, '变动原因', `reasons.${kind}.${key}`);
}

function priorMoney(c: Ctx, key: string): Fen | undefined {
  const v = c.d.prior[key];
  return typeof v === 'object' ? v.fen : undefined;
}

/** priorComparison: a gap for last year's figure, or for the reason of a change. */
function priorComparison(c: Ctx, key: string, current: Fen): void {
  const base = priorMoney(c, key);
  if (base === undefined) gap(c, '上年决算数', `prior.${key}`);
  else if (current !== base) reason(c, 'vsPrior', key);
}

/** completionRuns: a gap when the budget is not stated. */
function completion(c: Ctx, budget: Fen | undefined, budgetPath: string): void {
  if (budget === undefined) gap(c, '预算数', budgetPath);
}

/** budgetGapRuns after a stated, non-zero budget: a reason when actual and budget differ. */
function budgetGap(c: Ctx, actual: Fen, budget: Fen | undefined, reasonKey: string): void {
  if (budget !== undefined && budget !== 0n && actual !== budget) reason(c, 'vsBudget', reasonKey);
}

/** pairComparison (sections/pairComparison.ts). */
function pairComparison(c: Ctx, total: { key: string; income: Fen; expense: Fen }, sides: { key: string; value: Fen }[]): void {
  if (priorMoney(c, total.key) !== undefined && total.income === total.expense) return priorComparison(c, total.key, total.income);
  const known = sides.filter((s) => priorMoney(c, s.key) !== undefined);
  if (known.length === 0) return priorComparison(c, total.key, total.income);
  for (const s of known) if (s.value !== priorMoney(c, s.key)!) reason(c, 'vsPrior', s.key);
}

/** priorComparisonStated (sections/otherMatters.ts): the same gaps as priorComparison. */
const priorComparisonStated = priorComparison;

/**
 * Whether the year's edition knows a 功能分类 code, and its whole 类/款/项
 * chain (functionalPhrase), looked up once per code and year: the
 * classification is fixed data, and every check asks about the same codes.
 */
const known = new Map<string, { entry: boolean; phrase: boolean }>();
function knownFunctional(code: string, year: number): { entry: boolean; phrase: boolean } {
  const key = `${year}|${code}`;
  let k = known.get(key);
  // Codes a dataset makes up are remembered too: keep the memo bounded.
  if (!k && known.size >= 20_000) known.clear();
  if (!k) known.set(key, (k = { entry: lookupFunctional(code, year) !== undefined, phrase: functionalPhrase(code, year) !== undefined }));
  return k;
}

function className(c: Ctx, code: string): void {
  if (!knownFunctional(code, c.d.year).entry) gap(c, '科目名称', `expenditure（${code}）`);
}

// ------------------------------------------------------------ the sections, each as its writer

const GB = 'expense.general_budget';

function budgetOf(c: Ctx, item: ItemTotals): Fen | undefined {
  return c.profile.completionBasis === 'adjusted' ? item.adjustedBudget ?? item.initialBudget : item.initialBudget ?? item.adjustedBudget;
}

function generalBudget(c: Ctx): void {
  const gb = c.a.byFund.generalBudget;
  priorComparisonStated(c, GB, gb.total);
  for (const cl of gb.byClass) if (cl.total !== 0n) className(c, cl.code);
  const shown = gb.byItem.filter((i) => i.total !== 0n || (budgetOf(c, i) ?? 0n) !== 0n);
  if (shown.length === 0) return;
  const budgets = shown.map((i) => budgetOf(c, i));
  completion(c, budgets.every((b) => b !== undefined) ? sum(budgets as Fen[]) : undefined, 'expenditure[].adjustedBudget');
  shown.forEach((item, i) => {
    if (!knownFunctional(item.code, c.d.year).phrase) gap(c, '科目名称', `expenditure（${item.code}）`);
    completion(c, budgets[i], `expenditure（${item.code}）.adjustedBudget`);
    budgetGap(c, item.total, budgets[i], `${GB}@${item.code}`);
  });
}

function basic(c: Ctx): void {
  if (c.a.byFund.generalBudget.basic === 0n) return;
  if (c.a.basicExpense.personnel === undefined) gap(c, '人员经费金额', 'basicExpense.personnel');
  if (c.a.basicExpense.public === undefined) gap(c, '公用经费金额', 'basicExpense.public');
}

function sangong(c: Ctx): void {
  const { actual, budget } = c.a.sangong;
  const s = c.d.sangong;
  const assess = (key: string, v: Fen, b: Fen | undefined) => {
    completion(c, b, 'sangong.budget');
    budgetGap(c, v, b, key);
    priorComparison(c, key, v);
  };
  const money = (v: Fen | undefined, path: string) => {
    if (v === undefined) gap(c, '金额', path);
  };
  const count = (n: number | undefined, path: string) => {
    if (n === undefined) gap(c, '数量', path);
  };
  // （一）总体
  if (actual.total === undefined) gap(c, '“三公”经费决算数', 'sangong.actual');
  else assess('sangong.total', actual.total, budget.total);
  // （二）具体: 因公出国（境）, 公务用车, 公务接待
  money(actual.abroad, 'sangong.actual.abroad');
  if (actual.abroad !== undefined) assess('sangong.abroad', actual.abroad, budget.abroad);
  count(s.abroad.groups, 'sangong.abroad.groups');
  count(s.abroad.people, 'sangong.abroad.people');
  money(actual.vehicle, 'sangong.actual');
  if (actual.vehicle !== undefined) assess('sangong.vehicle', actual.vehicle, budget.vehicle);
  money(actual.vehiclePurchase, 'sangong.actual.vehiclePurchase');
  count(s.vehicles.purchased, 'sangong.vehicles.purchased');
  money(actual.vehicleOperation, 'sangong.actual.vehicleOperation');
  count(s.vehicles.held, 'sangong.vehicles.held');
  money(actual.reception, 'sangong.actual');
  if (actual.reception !== undefined) assess('sangong.reception', actual.reception, budget.reception);
  money(actual.receptionDomestic, 'sangong.actual.receptionDomestic');
  count(s.reception.domestic.batches, 'sangong.reception.domestic.batches');
  count(s.reception.domestic.people, 'sangong.reception.domestic.people');
  money(actual.receptionForeign, 'sangong.actual.receptionForeign');
  count(s.reception.foreign.batches, 'sangong.reception.foreign.batches');
  count(s.reception.foreign.people, 'sangong.reception.foreign.people');
}

function fund(c: Ctx, f: 'govFund' | 'stateCapital', expenseConcept: string): void {
  const { a } = c;
  const view = a.byFund[f];
  if (a.income[f] === 0n && view.total === 0n && a.openingBalance[f] === 0n && a.closingBalance[f] === 0n) return;
  for (const cl of view.byClass) if (cl.total !== 0n) className(c, cl.code);
  if (c.d.prior[expenseConcept] !== undefined) priorComparison(c, expenseConcept, view.total);
}

const PERFORMANCE_STEPS = [
  ['preAssessment', '开展了预算事前绩效评估'],
  ['targets', '编制了绩效目标'],
  ['monitoring', '开展了绩效监控'],
  ['selfEvaluation', '开展了绩效自评'],
] as const;

/** Which of an evaluation's own texts are its 实施及管理 (evaluations/report.ts TOPICS: the first pattern that matches the key). */
const TOPICS: [string, RegExp][] = [
  ['funds', /资金|收支/u],
  ['management', /实施|管理/u],
  ['results', /绩效情况|效益|完成情况/u],
  ['conclusion', /结论|建议|问题/u],
  ['basic', /概况|基本情况/u],
];

function annex(c: Ctx): void {
  for (const { ev, index } of annexItems(c.d, c.profile)) {
    const path = `evaluations[${index}]`;
    const s = scoreEvaluationOnce(ev, c.profile.evaluationForm);
    if (!ev.goals) gap(c, '年度总体目标', `${path}.goals`);
    const e = s.execution;
    if (!e || !ev.funds.find((f) => f.source === e.source)) gap(c, '自评表资金（年初预算数、全年预算数、全年执行数）', `${path}.funds`);
    const management = Object.entries(ev.report).some(
      ([key, text]) => TOPICS.find(([, re]) => re.test(key))?.[0] === 'management' && text.split(/\n+/u).some((t) => t.trim() !== ''),
    );
    if (!management) gap(c, ev.kind === 'department' ? '部门预算管理情况' : '项目实施及管理情况', `${path}.report`);
    if (!ev.selfScore?.trim()) gap(c, '自评得分', `${path}.selfScore`);
  }
}

const SECTION_GAPS: Readonly<Record<SectionId, (c: Ctx) => void>> = {
  'overview.duties': () => {},
  'overview.organisation': () => {},
  'overview.staffing': (c) => {
    const st = c.d.unit.staffing;
    if (Object.keys(st.authorized).length === 0) gap(c, '编制数', 'unit.staffing.authorized');
    if (Object.keys(st.actual).length === 0) gap(c, '实有人数', 'unit.staffing.actual');
    if (st.retired === undefined) gap(c, '离退休人员数', 'unit.staffing.retired');
  },
  'explain.totals': (c) =>
    pairComparison(c, { key: 'total.income', income: c.a.grandIncome, expense: c.a.grandExpense }, [
      { key: 'income.total', value: c.a.incomeTotal },
      { key: 'expense.total', value: c.a.expense.total },
    ]),
  'explain.income': () => {},
  'explain.expense': () => {},
  'explain.fiscal': (c) => {
    const { a } = c;
    if (a.fiscalGrandTotal === 0n && a.fiscalExpense === 0n) return;
    pairComparison(c, { key: 'fiscal.total', income: a.fiscalGrandTotal, expense: a.fiscalExpense + a.fiscalClosing }, [
      { key: 'income.fiscal', value: a.fiscalIncome },
      { key: 'expense.fiscal', value: a.fiscalExpense },
    ]);
  },
  'explain.generalBudget': generalBudget,
  'explain.basic': basic,
  'explain.sangong': sangong,
  'explain.govFund': (c) => fund(c, 'govFund', 'expense.gov_fund'),
  'explain.stateCapital': (c) => fund(c, 'stateCapital', 'expense.state_capital'),
  'explain.performance': (c) => {
    for (const [step, verb] of PERFORMANCE_STEPS) if (!c.d.performance[step]) gap(c, `${verb}项目数`, `performance.${step}.count`);
  },
  'explain.operatingCost': (c) => {
    if (c.d.unit.kind === '事业') return;
    const v = c.d.operatingCost?.fen;
    if (v === undefined) gap(c, '机关运行经费', 'operatingCost');
    else priorComparisonStated(c, 'operating_cost', v);
  },
  'explain.procurement': (c) => {
    const p = c.d.procurement;
    const total = c.a.procurementTotal;
    if (total === undefined) {
      gap(c, '政府采购支出', `procurement.${(['goods', 'works', 'services'] as const).filter((k) => !p[k]).join('、')}`);
      return;
    }
    if (total === 0n) return;
    if (p.sme?.fen === undefined) gap(c, '授予中小企业合同金额', 'procurement.sme');
    if (p.smeSmall?.fen === undefined) gap(c, '授予小微企业合同金额', 'procurement.smeSmall');
  },
  'explain.assets': (c) => {
    if (c.d.assets.generalEquipment500k === undefined) gap(c, '数量', 'assets.generalEquipment500k');
    if (c.d.assets.specialEquipment1m === undefined) gap(c, '数量', 'assets.specialEquipment1m');
  },
  'explain.other': () => {},
  glossary: (c) => {
    for (const code of glossaryCodes(c.d)) {
      const k = knownFunctional(code, c.d.year);
      if (!k.phrase || !k.entry) gap(c, '科目名称和说明', `expenditure（${code}）`);
    }
  },
  'annex.evaluations': annex,
};

/** The report's gaps (【待补充】) in the order the report would show them. */
export function reportGaps(d: Dataset, a: Accounts, profile: Profile): ReportGap[] {
  const c: Ctx = { d, a, profile, gaps: [] };
  const walk = (n: OutlineNode): void => {
    if ('section' in n) SECTION_GAPS[n.section](c);
    else n.children.forEach(walk);
  };
  for (const part of orderedParts(profile, { evaluations: d.evaluations.length > 0 })) {
    if (part.section) SECTION_GAPS[part.section](c);
    part.children?.forEach(walk);
  }
  return c.gaps;
}

/** The report's outline as the narrative rules read it, from the dataset (see the head of this file). */
export function reportOutline(d: Dataset, a: Accounts, profile: Profile, headings: string[] = requiredSections(profile, d)): ReportOutline {
  // Every profile prints its standard tables; the builders note each empty one.
  const tables = tableSetFor(d, profile).items.map((t) => ({ title: t.title, unexplainedEmpty: false }));
  return { headings, tables, gaps: reportGaps(d, a, profile) };
}
