/**
 * The computed view of one unit-year: every total the report states is
 * derived here, once, from the dataset's detail lines. Section writers read
 * this view and never add figures up themselves.
 */
import { type Amount, type Fen, sum } from '../money/index.js';
import { FUNDS, INCOME_SOURCES, type Dataset, type ExpenditureLine, type Fund, type IncomeSource } from './schema.js';

export type Nature = 'basic' | 'project';

export interface ClassTotals {
  /** 类 code (3 digits). */
  code: string;
  total: Fen;
  basic: Fen;
  project: Fen;
}

export interface ItemTotals extends ClassTotals {
  /** 项 code (7 digits). */
  initialBudget?: Fen;
  adjustedBudget?: Fen;
}

export interface FundView {
  total: Fen;
  basic: Fen;
  project: Fen;
  byClass: ClassTotals[];
  byItem: ItemTotals[];
}

export interface Accounts {
  dataset: Dataset;
  year: number;
  income: Record<IncomeSource, Fen>;
  /** 本年收入合计 */
  incomeTotal: Fen;
  /** 财政拨款收入 (一般公共预算 + 政府性基金 + 国有资本经营) */
  fiscalIncome: Fen;
  useOfNonFiscalBalance: Fen;
  openingBalance: Record<Fund, Fen>;
  openingBalanceTotal: Fen;
  /** 收入总计 */
  grandIncome: Fen;
  /** 本年支出合计 and its parts */
  expense: { total: Fen; basic: Fen; project: Fen; remit: Fen; operating: Fen; affiliateSubsidy: Fen };
  /** 本年支出 by 功能分类类, all funds */
  expenseByClass: (ClassTotals & { remit: Fen; operating: Fen; affiliateSubsidy: Fen })[];
  balanceDistribution: Fen;
  closingBalance: Record<Fund, Fen>;
  closingBalanceTotal: Fen;
  /** 支出总计 */
  grandExpense: Fen;
  byFund: Record<Fund, FundView>;
  /** 财政拨款支出 (the three fiscal funds) */
  fiscalExpense: Fen;
  /** 财政拨款收、支总计 = 财政拨款收入 + 年初财政拨款结转和结余 */
  fiscalGrandTotal: Fen;
  fiscalOpening: Fen;
  fiscalClosing: Fen;
  basicExpense: { personnel?: Fen; public?: Fen; total?: Fen };
  sangong: SangongView;
  procurementTotal?: Fen;
}

export interface SangongView {
  budget: { abroad?: Fen; vehiclePurchase?: Fen; vehicleOperation?: Fen; vehicle?: Fen; reception?: Fen; total?: Fen };
  actual: {
    abroad?: Fen; vehiclePurchase?: Fen; vehicleOperation?: Fen; vehicle?: Fen;
    receptionDomestic?: Fen; receptionForeign?: Fen; reception?: Fen; total?: Fen;
  };
}

const fen = (a: Amount | undefined): Fen => a?.fen ?? 0n;
/** Sum of optional amounts; undefined when every part is missing (not stated), a partial sum treats gaps as unknown. */
function sumKnown(parts: (Amount | Fen | undefined)[]): Fen | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  return sum(parts.map((p) => (typeof p === 'bigint' ? p : p!.fen)));
}

const FISCAL_FUNDS: readonly Fund[] = ['generalBudget', 'govFund', 'stateCapital'];

function lineTotal(l: ExpenditureLine): Fen {
  return fen(l.basic) + fen(l.project) + fen(l.remit) + fen(l.operating) + fen(l.affiliateSubsidy);
}

function groupByClass<T extends { code: string }>(items: T[], add: (acc: T | undefined, item: T, cls: string) => T): T[] {
  const map = new Map<string, T>();
  for (const it of items) {
    const cls = it.code.slice(0, 3);
    map.set(cls, add(map.get(cls), it, cls));
  }
  return [...map.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function fundView(lines: ExpenditureLine[]): FundView {
  const itemMap = new Map<string, ItemTotals>();
  for (const l of lines) {
    const prev = itemMap.get(l.code) ?? { code: l.code, total: 0n, basic: 0n, project: 0n };
    const next: ItemTotals = {
      code: l.code,
      total: prev.total + lineTotal(l),
      basic: prev.basic + fen(l.basic),
      project: prev.project + fen(l.project),
    };
    const initial = l.initialBudget ? (prev.initialBudget ?? 0n) + l.initialBudget.fen : prev.initialBudget;
    const adjusted = l.adjustedBudget ? (prev.adjustedBudget ?? 0n) + l.adjustedBudget.fen : prev.adjustedBudget;
    if (initial !== undefined) next.initialBudget = initial;
    if (adjusted !== undefined) next.adjustedBudget = adjusted;
    itemMap.set(l.code, next);
  }
  const byItem = [...itemMap.values()].sort((a, b) => a.code.localeCompare(b.code));
  const byClass = groupByClass<ClassTotals>(byItem, (acc, it, cls) => ({
    code: cls,
    total: (acc?.total ?? 0n) + it.total,
    basic: (acc?.basic ?? 0n) + it.basic,
    project: (acc?.project ?? 0n) + it.project,
  }));
  return {
    total: sum(byItem.map((i) => i.total)),
    basic: sum(byItem.map((i) => i.basic)),
    project: sum(byItem.map((i) => i.project)),
    byClass,
    byItem,
  };
}

export function computeAccounts(d: Dataset): Accounts {
  const income = Object.fromEntries(INCOME_SOURCES.map((s) => [s, fen(d.income[s])])) as Record<IncomeSource, Fen>;
  const incomeTotal = sum(Object.values(income));
  const fiscalIncome = income.generalBudget + income.govFund + income.stateCapital;
  const toFundRecord = (b: Dataset['openingBalance']): Record<Fund, Fen> => ({
    generalBudget: fen(b.generalBudget),
    govFund: fen(b.govFund),
    stateCapital: fen(b.stateCapital),
    other: fen(b.nonFiscal),
  });
  const openingBalance = toFundRecord(d.openingBalance);
  const closingBalance = toFundRecord(d.closingBalance);
  const openingBalanceTotal = sum(Object.values(openingBalance));
  const closingBalanceTotal = sum(Object.values(closingBalance));
  const useOfNonFiscalBalance = fen(d.useOfNonFiscalBalance);
  const balanceDistribution = fen(d.balanceDistribution);

  const lines = d.expenditure;
  const expense = {
    basic: sum(lines.map((l) => fen(l.basic))),
    project: sum(lines.map((l) => fen(l.project))),
    remit: sum(lines.map((l) => fen(l.remit))),
    operating: sum(lines.map((l) => fen(l.operating))),
    affiliateSubsidy: sum(lines.map((l) => fen(l.affiliateSubsidy))),
    total: sum(lines.map(lineTotal)),
  };
  type Row = Accounts['expenseByClass'][number];
  const expenseByClass = groupByClass<Row>(
    lines.map((l) => ({
      code: l.code, total: lineTotal(l), basic: fen(l.basic), project: fen(l.project),
      remit: fen(l.remit), operating: fen(l.operating), affiliateSubsidy: fen(l.affiliateSubsidy),
    })),
    (acc, it, cls) => ({
      code: cls,
      total: (acc?.total ?? 0n) + it.total,
      basic: (acc?.basic ?? 0n) + it.basic,
      project: (acc?.project ?? 0n) + it.project,
      remit: (acc?.remit ?? 0n) + it.remit,
      operating: (acc?.operating ?? 0n) + it.operating,
      affiliateSubsidy: (acc?.affiliateSubsidy ?? 0n) + it.affiliateSubsidy,
    }),
  );
  const byFund = Object.fromEntries(FUNDS.map((f) => [f, fundView(lines.filter((l) => l.fund === f))])) as Record<Fund, FundView>;
  const fiscalExpense = sum(FISCAL_FUNDS.map((f) => byFund[f].total));
  const fiscalOpening = sum(FISCAL_FUNDS.map((f) => openingBalance[f]));
  const fiscalClosing = sum(FISCAL_FUNDS.map((f) => closingBalance[f]));

  const be = d.basicExpense;
  const itemSum = (pred: (code: string) => boolean) => {
    const items = be.items.filter((i) => pred(i.code) && i.code.length === 5);
    if (items.length === 0 || items.some((i) => !i.amount)) return undefined;
    return sum(items.map((i) => i.amount!.fen));
  };
  const isPersonnel = (c: string) => c.startsWith('301') || c.startsWith('303');
  const personnel = be.personnel?.fen ?? itemSum(isPersonnel);
  const pub = be.public?.fen ?? itemSum((c) => !isPersonnel(c));
  const basicExpense = {
    ...(personnel !== undefined ? { personnel } : {}),
    ...(pub !== undefined ? { public: pub } : {}),
    ...(personnel !== undefined && pub !== undefined ? { total: personnel + pub } : {}),
  };

  const sb = d.sangong.budget;
  const sa = d.sangong.actual;
  const bVehicle = sumKnown([sb.vehiclePurchase, sb.vehicleOperation]);
  const aVehicle = sumKnown([sa.vehiclePurchase, sa.vehicleOperation]);
  const aReception = sumKnown([sa.receptionDomestic, sa.receptionForeign]);
  const sangong: SangongView = {
    budget: compact({
      abroad: sb.abroad?.fen, vehiclePurchase: sb.vehiclePurchase?.fen, vehicleOperation: sb.vehicleOperation?.fen,
      vehicle: bVehicle, reception: sb.reception?.fen, total: sumKnown([sb.abroad, bVehicle, sb.reception]),
    }),
    actual: compact({
      abroad: sa.abroad?.fen, vehiclePurchase: sa.vehiclePurchase?.fen, vehicleOperation: sa.vehicleOperation?.fen,
      vehicle: aVehicle, receptionDomestic: sa.receptionDomestic?.fen, receptionForeign: sa.receptionForeign?.fen,
      reception: aReception, total: sumKnown([sa.abroad, aVehicle, aReception]),
    }),
  };
  const p = d.procurement;
  const procurementTotal = sumKnown([p.goods, p.works, p.services]);

  return {
    dataset: d,
    year: d.year,
    income,
    incomeTotal,
    fiscalIncome,
    useOfNonFiscalBalance,
    openingBalance,
    openingBalanceTotal,
    grandIncome: incomeTotal + useOfNonFiscalBalance + openingBalanceTotal,
    expense,
    expenseByClass,
    balanceDistribution,
    closingBalance,
    closingBalanceTotal,
    grandExpense: expense.total + balanceDistribution + closingBalanceTotal,
    byFund,
    fiscalExpense,
    fiscalGrandTotal: fiscalIncome + fiscalOpening,
    fiscalOpening,
    fiscalClosing,
    basicExpense,
    sangong,
    ...(procurementTotal !== undefined ? { procurementTotal } : {}),
  };
}

function compact<T extends Record<string, Fen | undefined>>(o: T): { [K in keyof T]?: Fen } {
  const out: { [K in keyof T]?: Fen } = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, Fen>)[k] = v;
  return out;
}
