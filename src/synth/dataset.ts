/**
 * One synthetic unit-year in the authoring form (what a person would write in
 * YAML): realistic and internally consistent by construction, so it passes
 * `juesuan check` with no error-level finding. Every amount is made in 分 and
 * every total is the exact sum of its parts; reasons are written wherever a
 * change or a gap against the budget needs one (N3).
 *
 * Variety: 行政/参公/事业 units, 部门 and 单位 levels, one of ten kinds of organ
 * (each with its own 支出功能分类 codes), 政府性基金 or not, 非财政拨款 or
 * not (so some fund tables are empty), balances carried in and out, itemised
 * or bare 基本支出 detail, 绩效自评 of the department and of projects.
 */
import { lookupEconomic, lookupFunctional } from '../classification/index.js';
import { formatScaled } from '../money/index.js';
import type { RawValue } from '../model/save.js';
import { Random } from './random.js';
import {
  CITIES, COMMON_CODES, GOV_FUND_CODES, OTHER_MATTERS, PERSONNEL_ITEMS, PLACE_CHARS, PUBLIC_ITEMS, REASONS, SECTORS, STAFF_NOTES,
  type Sector,
} from './vocabulary.js';

export type RawDataset = { [key: string]: RawValue };
type UnitKind = '行政' | '参公' | '事业';

/** 0.01 万元 in 分: synthetic 万元 datasets state two decimals, like published reports. */
const CENT_OF_WAN = 10_000n;

/** A fresh random source for unit `index` of a run with `seed`. */
export function unitRandom(seed: number, index: number): Random {
  return new Random((Math.imul(seed, 0x2c1b3c6d) + Math.imul(index + 1, 0x297a2d39)) >>> 0);
}

interface Line {
  code: string;
  fund: 'generalBudget' | 'govFund' | 'other';
  basic: bigint;
  project: bigint;
}

export function synthDataset(seed: number, index: number): RawDataset {
  const r = unitRandom(seed, index);
  const year = r.int(2019, 2024);
  const yuanUnit = r.chance(0.15);
  // Amounts: 万元 datasets in whole 0.01 万元; 元 datasets to the 分.
  const q = yuanUnit ? 1n : CENT_OF_WAN;
  const wan = (min: number, max: number): bigint => (r.big(BigInt(Math.round(min * 1e6)), BigInt(Math.round(max * 1e6))) / q) * q;
  const share = (v: bigint, min: number, max: number): bigint => (v * BigInt(r.int(Math.round(min * 1000), Math.round(max * 1000)))) / 1000n / q * q;
  const money = (fen: bigint): string => (yuanUnit ? formatScaled(fen, 2) : formatScaled(fen / CENT_OF_WAN, 2));
  const validCode = (c: string) => lookupFunctional(c, year) !== undefined;

  const kind: UnitKind = r.pick(['行政', '行政', '行政', '参公', '事业', '事业', '事业']);
  const level = kind !== '事业' && r.chance(0.45) ? '部门' : '单位';
  const sector: Sector = r.pick(SECTORS);
  const place = `${r.pick(PLACE_CHARS)}${r.pick(PLACE_CHARS)}${r.pick(['县', '区'])}`;
  const name = (kind === '事业' ? sector.institute : sector.organ).replace('{p}', place);
  const shortName = kind === '事业' ? sector.institute.replace('{p}', '') : sector.short;
  const basicKind = kind === '事业' ? '事业' : '行政';

  // ---- 支出: one line per code and fund.
  const lines = new Map<string, Line>();
  const add = (code: string, fund: Line['fund'], basic: bigint, project: bigint) => {
    if (!validCode(code)) code = sector.basic[basicKind];
    const key = `${fund}|${code}`;
    const l = lines.get(key) ?? { code, fund, basic: 0n, project: 0n };
    l.basic += basic;
    l.project += project;
    lines.set(key, l);
  };
  const gbBasic = wan(60, 1800);
  const pension = share(gbBasic, 0.06, 0.1);
  const medical = share(gbBasic, 0.03, 0.05);
  const housing = share(gbBasic, 0.05, 0.08);
  const annuity = r.chance(0.5) ? share(gbBasic, 0.02, 0.04) : 0n;
  add(sector.basic[basicKind], 'generalBudget', gbBasic - pension - medical - housing - annuity, 0n);
  add(COMMON_CODES.pension, 'generalBudget', pension, 0n);
  if (annuity > 0n) add(COMMON_CODES.annuity, 'generalBudget', annuity, 0n);
  add(COMMON_CODES.medical[basicKind], 'generalBudget', medical, 0n);
  add(COMMON_CODES.housing, 'generalBudget', housing, 0n);
  const projectNames: string[] = [];
  const projectLines: { name: string; amount: bigint }[] = [];
  for (const code of r.some(sector.project, r.int(0, sector.project.length))) {
    const amount = wan(5, 900);
    add(code, 'generalBudget', 0n, amount);
    const name = sector.projects[projectNames.length % sector.projects.length]!;
    projectNames.push(name);
    projectLines.push({ name, amount });
  }
  const hasGovFund = r.chance(0.18);
  if (hasGovFund) add(r.pick(GOV_FUND_CODES), 'govFund', 0n, wan(50, 3000));
  const hasOther = kind === '事业' ? r.chance(0.6) : r.chance(0.1);
  if (hasOther) {
    add(sector.basic[basicKind], 'other', wan(2, 300), 0n);
    if (r.chance(0.4)) add(sector.project[0]!, 'other', 0n, wan(1, 100));
  }
  const all = [...lines.values()];
  const total = (fund: Line['fund'], part: 'basic' | 'project' | 'both' = 'both') =>
    all.filter((l) => l.fund === fund).reduce((s, l) => s + (part === 'project' ? 0n : l.basic) + (part === 'basic' ? 0n : l.project), 0n);
  const expGb = total('generalBudget');
  const expGf = total('govFund');
  const expOther = total('other');

  // ---- Balances and income: 收入 + 年初 = 支出 + 年末, per fund.
  const balance = (expense: bigint, p: number) => (expense > 0n && r.chance(p) ? share(expense, 0.01, 0.12) : 0n);
  const opening = { generalBudget: balance(expGb, 0.35), govFund: balance(expGf, 0.4), nonFiscal: balance(expOther, 0.4) };
  const closing = { generalBudget: balance(expGb, 0.35), govFund: balance(expGf, 0.4), nonFiscal: balance(expOther, 0.4) };
  const incomeGb = expGb + closing.generalBudget - opening.generalBudget;
  const incomeGf = expGf + closing.govFund - opening.govFund;
  const incomeNonFiscal = expOther + closing.nonFiscal - opening.nonFiscal;
  const business = kind === '事业' && incomeNonFiscal > 0n ? share(incomeNonFiscal, 0.4, 1) : 0n;
  const income: Record<string, string> = { generalBudget: money(incomeGb) };
  if (incomeGf > 0n) income.govFund = money(incomeGf);
  if (business > 0n) income.business = money(business);
  if (incomeNonFiscal - business > 0n) income.other = money(incomeNonFiscal - business);
  const fiscalTotal = incomeGb + incomeGf + opening.generalBudget + opening.govFund;
  const grandTotal = incomeGb + incomeGf + incomeNonFiscal + opening.generalBudget + opening.govFund + opening.nonFiscal;
  const byFund = (b: Record<string, bigint>) => Object.fromEntries(Object.entries(b).filter(([, v]) => v > 0n).map(([k, v]) => [k, money(v)]));

  // ---- Budgets per 项 (general budget), with a reason for every gap.
  const vsBudget: Record<string, string> = {};
  const expenditure = all.map((l) => {
    const actual = l.basic + l.project;
    const row: { [key: string]: RawValue } = { code: l.code, fund: l.fund };
    if (l.basic > 0n) row.basic = money(l.basic);
    if (l.project > 0n) row.project = money(l.project);
    if (l.fund === 'generalBudget') {
      const budget = r.chance(0.65) ? actual : share(actual, 0.85, 1.2);
      row.initialBudget = money(budget);
      row.adjustedBudget = money(budget);
      if (budget !== actual) vsBudget[`expense.general_budget@${l.code}`] = r.pick(REASONS.budget);
    }
    return row;
  });

  // ---- "三公" and the 302 items they bound.
  const vehiclesHeld = kind === '事业' ? r.int(0, 2) : r.int(0, 4);
  const abroad = r.chance(0.08) ? wan(1, 15) : 0n;
  const vehiclePurchase = vehiclesHeld > 0 && r.chance(0.08) ? wan(10, 25) : 0n;
  const vehicleOperation = vehiclesHeld > 0 ? wan(0.5, 4) * BigInt(vehiclesHeld) : 0n;
  const receptionDomestic = r.chance(0.9) ? wan(0.1, 12) : 0n;
  const receptionForeign = receptionDomestic > 0n && r.chance(0.05) ? wan(0.1, 2) : 0n;
  const budgetOf = (actual: bigint) => (r.chance(0.5) ? actual : actual + share(actual > 0n ? actual : wan(1, 5), 0, 0.35));
  const sb = { abroad: budgetOf(abroad), vehiclePurchase: budgetOf(vehiclePurchase), vehicleOperation: budgetOf(vehicleOperation), reception: budgetOf(receptionDomestic + receptionForeign) };
  const sangongActual = {
    total: abroad + vehiclePurchase + vehicleOperation + receptionDomestic + receptionForeign,
    abroad, vehicle: vehiclePurchase + vehicleOperation, reception: receptionDomestic + receptionForeign,
  };
  const sangongBudget = { total: sb.abroad + sb.vehiclePurchase + sb.vehicleOperation + sb.reception, abroad: sb.abroad, vehicle: sb.vehiclePurchase + sb.vehicleOperation, reception: sb.reception };
  for (const k of ['total', 'abroad', 'vehicle', 'reception'] as const) {
    if (sangongActual[k] !== sangongBudget[k]) vsBudget[`sangong.${k}`] = r.pick(REASONS.budget);
  }
  const receptionBatches = receptionDomestic > 0n ? r.int(3, 200) : 0;

  // ---- 基本支出: 人员经费 + 公用经费 = general-budget 基本支出, itemised by 经济分类款 or not.
  const personnel = share(gbBasic, 0.6, 0.85);
  const publicCost = gbBasic - personnel;
  const itemised = r.chance(0.6);
  const items: { [key: string]: RawValue }[] = [];
  const itemise = (codes: string[], amount: bigint) => {
    const valid = codes.filter((c) => lookupEconomic(c, year) !== undefined);
    const parts = r.split(amount / q, valid.length).map((p) => p * q);
    valid.forEach((c, i) => items.push(itemised ? { code: c, amount: money(parts[i]!) } : { code: c }));
  };
  itemise(r.some(PERSONNEL_ITEMS, r.int(4, PERSONNEL_ITEMS.length)), personnel);
  // The 三公 items of 基本支出 cannot exceed the 三公 figures (X4): part of each, the rest elsewhere.
  const bounded: [string, bigint][] = [['30217', sangongActual.reception], ['30231', vehicleOperation], ['30212', abroad]];
  let rest = publicCost;
  for (const [code, cap] of bounded) {
    const v = cap > 0n && cap <= rest ? share(cap, 0.3, 1) : 0n;
    if (v === 0n) continue;
    items.push(itemised ? { code, amount: money(v) } : { code });
    rest -= v;
  }
  itemise(r.some(PUBLIC_ITEMS, r.int(3, PUBLIC_ITEMS.length)), rest);
  items.sort((a, b) => String(a.code).localeCompare(String(b.code)));

  // ---- Staff.
  const staffKind = kind === '事业' ? '事业' : kind;
  const authorized: Record<string, number> = { [staffKind]: r.int(4, 60) };
  if (kind !== '事业' && r.chance(0.5)) authorized['事业'] = r.int(1, 15);
  const actual: Record<string, number> = Object.fromEntries(Object.entries(authorized).map(([k, n]) => [k, Math.max(0, n + r.int(-3, 2))]));
  if (r.chance(0.3)) actual['工勤'] = r.int(1, 3);

  // ---- Performance management and self-evaluations (绩效自评).
  const projectCount = projectLines.length + r.int(0, 8);
  const evaluated = r.some(projectLines, r.int(0, Math.min(2, projectLines.length)));
  const targets = r.int(evaluated.length, Math.max(evaluated.length, projectCount));
  const departmentEvaluation = r.chance(0.7);
  const evalFunds = evaluated.reduce((s, p) => s + p.amount, 0n);
  const performance: { [key: string]: RawValue } = {
    projectCount,
    preAssessment: { count: r.int(0, targets) },
    targets: { count: targets },
    monitoring: { count: r.int(0, targets) },
    selfEvaluation: { count: evaluated.length, ...(evaluated.length > 0 ? { projects: evaluated.map((p) => p.name), funds: money(evalFunds) } : {}) },
    departmentEvaluation,
  };
  const evaluations: { [key: string]: RawValue }[] = [];
  const department = name;
  if (departmentEvaluation) {
    const fiscal = expGb + expGf;
    evaluations.push(evaluationForm(r, {
      kind: 'department', name, department, year, money, unit: yuanUnit ? '元' : '万元',
      funds: [
        { source: 'fiscal', amount: fiscal },
        { source: 'generalBudget', amount: expGb },
        ...(expGf > 0n ? [{ source: 'govFund', amount: expGf }] : []),
      ],
      goal: `保障${shortName}正常运转，完成年度各项工作任务。`,
    }));
  }
  for (const p of evaluated) {
    evaluations.push(evaluationForm(r, {
      kind: 'project', name: p.name, department, year, money, unit: yuanUnit ? '元' : '万元',
      funds: [{ source: 'total', amount: p.amount }, { source: 'fiscal', amount: p.amount }, { source: 'generalBudget', amount: p.amount }],
      goal: `按计划实施${p.name}，资金使用规范、效益明显。`,
    }));
  }

  // ---- Last year and the reasons its changes need.
  const vsPrior: Record<string, string> = {};
  const prior: Record<string, string> = {};
  // Every unit has last year's 决算: a report without it is not final (【待补充：上年决算数】).
  {
    const was = (v: bigint) => (v > 0n ? share(v, 0.75, 1.3) : r.chance(0.2) ? wan(0.5, 5) : 0n);
    const grandPrior = was(grandTotal);
    const figures: [string, bigint, bigint][] = [
      ['total.income', grandTotal, grandPrior],
      ['total.expense', grandTotal, grandPrior],
      ['expense.general_budget', expGb, was(expGb)],
      ['fiscal.total', fiscalTotal, was(fiscalTotal)],
    ];
    const pa = { abroad: was(abroad), vehicle: was(sangongActual.vehicle), reception: was(sangongActual.reception) };
    figures.push(
      ['sangong.total', sangongActual.total, pa.abroad + pa.vehicle + pa.reception],
      ['sangong.abroad', abroad, pa.abroad],
      ['sangong.vehicle', sangongActual.vehicle, pa.vehicle],
      ['sangong.reception', sangongActual.reception, pa.reception],
    );
    for (const [key, current, base] of figures) {
      prior[key] = money(base);
      if (current !== base) vsPrior[key] = r.pick(current > base ? REASONS.up : REASONS.down);
    }
  }

  const operatingCost = kind !== '事业' || r.chance(0.5) ? share(publicCost, 0.5, 0.95) : undefined;
  if (operatingCost !== undefined && Object.keys(prior).length > 0) {
    const base = share(operatingCost, 0.8, 1.2);
    prior.operating_cost = money(base);
    if (operatingCost !== base) vsPrior.operating_cost = r.pick(operatingCost > base ? REASONS.up : REASONS.down);
  }
  const goods = r.chance(0.5) ? wan(0.5, 80) : 0n;
  const works = r.chance(0.15) ? wan(5, 300) : 0n;
  const services = r.chance(0.6) ? wan(0.5, 150) : 0n;
  const sme = share(goods + works + services, 0.5, 1);
  const smeSmall = share(sme, 0.3, 1);
  const profile = r.chance(0.75) ? 'sichuan' : 'national';

  const raw: RawDataset = {
    format: 'juesuan-dataset/1',
    year,
    moneyUnit: yuanUnit ? '元' : '万元',
    profile,
    ...(profile === 'sichuan' && r.chance(0.3) ? { tableSet: 'sichuan-15' } : {}),
    unit: {
      name,
      shortName,
      region: { province: '四川省', city: r.pick(CITIES), county: place },
      level,
      kind,
      duties: r.some(sector.duties, r.int(1, sector.duties.length)),
      organisation: {
        internal: r.some(['办公室', '综合股', '业务股', '财务股', '法规股', '人事股'], r.int(1, 4)),
        subordinates: level === '部门'
          ? Array.from({ length: r.int(1, 3) }, (_, i) => ({ name: `${place}${shortName}第${i + 1}服务中心`, kind: '事业', accounting: r.pick(['独立核算', '非独立核算']) }))
          : [],
        managed: [],
      },
      staffing: { authorized, actual, retired: r.int(0, 30), ...(r.chance(0.3) ? { note: r.pick(STAFF_NOTES) } : {}) },
    },
    income,
    openingBalance: byFund(opening),
    expenditure,
    closingBalance: byFund(closing),
    basicExpense: { personnel: money(personnel), public: money(publicCost), items },
    sangong: {
      budget: { abroad: money(sb.abroad), vehiclePurchase: money(sb.vehiclePurchase), vehicleOperation: money(sb.vehicleOperation), reception: money(sb.reception) },
      actual: { abroad: money(abroad), vehiclePurchase: money(vehiclePurchase), vehicleOperation: money(vehicleOperation), receptionDomestic: money(receptionDomestic), receptionForeign: money(receptionForeign) },
      abroad: abroad > 0n ? { groups: r.int(1, 2), people: r.int(2, 6) } : { groups: 0, people: 0 },
      vehicles: { purchased: vehiclePurchase > 0n ? 1 : 0, held: vehiclesHeld },
      reception: {
        domestic: { batches: receptionBatches, people: receptionBatches * r.int(3, 9) },
        foreign: receptionForeign > 0n ? { batches: 1, people: r.int(2, 8) } : { batches: 0, people: 0 },
      },
      notes: receptionDomestic > 0n ? { reception: '主要用于执行公务、开展业务活动开支的交通费、住宿费、用餐费等。' } : {},
    },
    ...(operatingCost !== undefined ? { operatingCost: money(operatingCost) } : {}),
    procurement: { goods: money(goods), works: money(works), services: money(services), sme: money(sme), smeSmall: money(smeSmall) },
    assets: {
      asOf: `${year}-12-31`,
      vehicles: vehiclesHeld > 0 ? { [r.pick(['执法执勤用车', '其他用车', '特种专业技术用车'])]: vehiclesHeld } : {},
      generalEquipment500k: r.chance(0.1) ? 1 : 0,
      specialEquipment1m: 0,
    },
    performance,
    ...(r.chance(0.4) ? { otherMatters: [r.pick(OTHER_MATTERS)] } : {}),
    evaluations,
    prior,
    reasons: { vsPrior, vsBudget },
  };
  return raw;
}

interface EvaluationPlan {
  kind: 'department' | 'project';
  name: string;
  department: string;
  year: number;
  money: (fen: bigint) => string;
  /** The dataset's money unit, written after amounts in indicator texts. */
  unit: '元' | '万元';
  funds: { source: string; amount: bigint }[];
  goal: string;
}

/**
 * A 绩效自评表 whose every indicator is met and whose funds were spent in
 * full: weights 产出 50, 效益 30, 满意度 10 and 预算执行率 10, so the stated
 * self-score of 100 is the one the scoring rules compute.
 */
function evaluationForm(r: Random, p: EvaluationPlan): { [key: string]: RawValue } {
  const main = p.funds[0]!.amount;
  const count = r.int(5, 60);
  const rate = r.int(90, 97);
  const indicators = [
    { level1: '产出指标', level2: '数量指标', level3: p.kind === 'project' ? '项目实施数量' : '完成重点工作任务数', target: `≥${count}项`, actual: `${count + r.int(0, Math.floor(count / 3))}项`, weight: '20' },
    { level1: '产出指标', level2: '质量指标', level3: '工作任务完成合格率', target: '≥95%', actual: `${r.int(96, 100)}%`, weight: '10' },
    { level1: '产出指标', level2: '时效指标', level3: '任务按时完成率', target: '≥90%', actual: `${r.int(95, 100)}%`, weight: '10' },
    { level1: '产出指标', level2: '成本指标', level3: '资金支出控制数', target: `≤${p.money(main)}${p.unit}`, actual: `${p.money(main)}${p.unit}`, weight: '10' },
    { level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', target: '≥85%', actual: `${rate}%`, weight: '15' },
    { level1: '效益指标', level2: '可持续影响指标', level3: '制度机制健全率', target: '≥90%', actual: `${r.int(92, 100)}%`, weight: '15' },
    { level1: '满意度指标', level2: '服务对象满意度指标', level3: '服务对象满意度', target: '≥90%', actual: `${r.int(92, 99)}%`, weight: '10' },
  ].map((i) => ({ ...i, score: i.weight }));
  return {
    kind: p.kind,
    name: p.name,
    department: p.department,
    implementer: p.department,
    year: p.year,
    funds: p.funds.map((f) => ({ source: f.source, initial: p.money(f.amount), annual: p.money(f.amount), executed: p.money(f.amount) })),
    goals: { expected: p.goal, actual: `${p.goal.replace(/。$/, '')}，年度目标全部完成。` },
    indicators,
    selfScore: '100',
    conclusion: '经自评，各项绩效指标均已完成，自评得分100分，等级为优。',
    problems: r.chance(0.5) ? ['绩效目标设置的细化量化程度有待提高。'] : [],
    suggestions: r.chance(0.5) ? ['进一步加强绩效目标管理，提高指标的可衡量性。'] : [],
    stated: { budget: p.money(main), executed: p.money(main) },
    report: {
      [p.kind === 'project' ? '项目实施及管理情况' : '部门预算管理情况']:
        `${p.kind === 'project' ? '项目' : '部门预算'}资金按照财务管理制度使用，专款专用，审批程序完整；按月跟踪执行进度，年度任务按计划完成。`,
    },
  };
}
