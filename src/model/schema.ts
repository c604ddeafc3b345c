/**
 * The authoring dataset: the friendly YAML/JSON form a finance officer fills
 * in for one unit and one year. Validated by zod; every amount becomes an
 * exact `Amount` (分 + stated precision). Omitted money lines in the income and
 * expenditure lists mean zero (the 总表 lists every source); omitted items
 * elsewhere (三公, 采购, 资产, 绩效) mean "not stated" and surface as
 * 【待补充】 in the report rather than as a silent 0.
 */
import { z } from 'zod';
import { fenPerUnit, formatYuan, maxDecimals, parseAmount, MoneyParseError, type Amount, type MoneyUnit } from '../money/index.js';
import { concept, isConceptId } from './concepts.js';

export const FUNDS = ['generalBudget', 'govFund', 'stateCapital', 'other'] as const;
export type Fund = (typeof FUNDS)[number];
export const FUND_LABELS: Record<Fund, string> = {
  generalBudget: '一般公共预算财政拨款',
  govFund: '政府性基金预算财政拨款',
  stateCapital: '国有资本经营预算财政拨款',
  other: '非财政拨款资金',
};

export const INCOME_SOURCES = [
  'generalBudget', 'govFund', 'stateCapital', 'superiorSubsidy', 'business', 'operating', 'affiliate', 'other',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** Fund rows of a 自评表: 年度资金总额, 财政拨款 and its parts, 上年结转, 其他资金. */
export const EVALUATION_FUND_SOURCES = [
  'total', 'fiscal', 'generalBudget', 'govFund', 'stateCapital', 'socialFund', 'carryover', 'other',
] as const;
export type EvaluationFundSource = (typeof EVALUATION_FUND_SOURCES)[number];
export const FUND_SOURCE_LABELS: Record<EvaluationFundSource, string> = {
  total: '年度资金总额',
  fiscal: '财政拨款',
  generalBudget: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  socialFund: '社保基金',
  carryover: '上年结转资金',
  other: '其他资金',
};

/** "应为以下之一：“a”（甲）、“b”（乙）": the keys a user types, quoted, each with its meaning. */
function oneOf<K extends string>(keys: readonly K[], labels: Record<K, string>): string {
  return `应为以下之一：${keys.map((k) => `“${k}”（${labels[k]}）`).join('、')}`;
}

export const STAFF_KINDS = ['行政', '参公', '事业', '工勤', '其他'] as const;
export const VEHICLE_TYPES = [
  '领导干部用车', '机要通信用车', '应急保障用车', '执法执勤用车', '特种专业技术用车', '离退休干部服务用车', '其他用车',
] as const;

/** Integer counts; YAML is read with the failsafe schema, so they arrive as strings. */
const count = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = String(v).trim();
  if (!/^\d+$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `应为非负整数，实际为“${s}”` });
    return z.NEVER;
  }
  return Number(s);
});

const bool = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', '是', 'on'].includes(s)) return true;
  if (['false', 'no', '否', 'off'].includes(s)) return false;
  ctx.addIssue({ code: 'custom', message: `应为“是”或“否”（true/false），实际为“${v}”` });
  return z.NEVER;
});

const text = z.string().trim().min(1, { message: '不能为空' });
const code = (digits: number[], what: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const s = String(v).trim();
    if (!/^\d+$/.test(s) || !digits.includes(s.length)) {
      ctx.addIssue({ code: 'custom', message: `${what}应为${digits.join('、')}位数字，实际为“${s}”` });
      return z.NEVER;
    }
    return s;
  });

/** Decimals a 万元 amount may have in a dataset: the published precision (finer figures are written in 元). */
export const MAX_WAN_DECIMALS = 2;

/** Concepts whose 上年决算数 may be negative, like the dataset fields they mirror. */
const SIGNED_CONCEPTS = new Set(['balance.distribution', 'balance.opening', 'balance.closing']);

/** A figure that parses but that a dataset may not state (its message says why). */
export class DatasetAmountError extends Error {
  override name = 'DatasetAmountError';
}

/**
 * A dataset amount: parseAmount, then two mistakes refused with their own message: a negative
 * where the figure cannot be negative, and a 万元 figure with more than `wanDecimals` decimals
 * (reports publish 万元 to two decimals; an exact figure is written in 元, e.g. "268150.00元").
 * `wanDecimals` 6: any exact 万元 figure (machine-written JSON: the open-data export states
 * exact 万元 with up to six decimals).
 */
export function checkDatasetAmount(input: string, defaultUnit: MoneyUnit, signed: boolean, wanDecimals = MAX_WAN_DECIMALS): Amount {
  const a = parseAmount(input, defaultUnit);
  if (!signed && a.fen < 0n) {
    throw new DatasetAmountError(`金额“${input.trim()}”为负数，此项不能为负数（只有结余分配和非财政拨款的结转和结余可以为负数）`);
  }
  const s = input.trim();
  const unit = /万元$/.test(s) ? '万元' : /元$/.test(s) ? '元' : defaultUnit;
  if (unit === '万元' && a.precision < fenPerUnit('万元') / 10n ** BigInt(wanDecimals)) {
    const decimals = maxDecimals('万元') - (a.precision.toString().length - 1);
    throw new DatasetAmountError(
      `金额“${s}”有${decimals}位小数：以万元为单位的金额最多${wanDecimals}位小数（公开报告保留两位）；如需精确到元或分，请以元为单位填写，如“${formatYuan(a.fen)}元”`,
    );
  }
  return a;
}

type LineKey = { code: string; fund: Fund };
/** One row per 功能分类 code × fund: a second row for the same pair would be merged silently downstream. */
function noDuplicateLines(lines: readonly LineKey[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  lines.forEach((l, i) => {
    const key = `${l.code}|${l.fund}`;
    const j = first.get(key);
    if (j === undefined) {
      first.set(key, i);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [i, 'code'],
      message: `功能分类科目 ${l.code}（${FUND_LABELS[l.fund]}）重复：expenditure[${j}] 与 expenditure[${i}] 是同一科目、同一资金来源，应合并为一行`,
    });
  });
}

/** `wanDecimals`: most decimals a 万元 amount may have (the authoring form: 2; exact machine-written data: 6). */
export function makeDatasetSchema(defaultUnit: MoneyUnit, wanDecimals = MAX_WAN_DECIMALS) {
  /** An amount as the dataset states it: see checkDatasetAmount for what is refused (negatives unless `signed`). */
  const amount = (signed: boolean) =>
    z.union([z.string(), z.number()]).transform((v, ctx): Amount => {
      try {
        return checkDatasetAmount(String(v), defaultUnit, signed, wanDecimals);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof MoneyParseError || e instanceof DatasetAmountError ? e.message : String(e) });
        return z.NEVER;
      }
    });
  const money = amount(false);
  /** 结余分配 and non-fiscal 结转和结余 (an 经营 loss) may be negative. */
  const signedMoney = amount(true);

  const byFund = z
    .object({ generalBudget: money, govFund: money, stateCapital: money, nonFiscal: signedMoney })
    .partial()
    .strict();

  const expenditureLine = z
    .object({
      code: code([7], '功能分类科目编码（项级）'),
      fund: z.enum(FUNDS, { message: `资金来源${oneOf(FUNDS, FUND_LABELS)}` }).default('generalBudget'),
      basic: money.optional(),
      project: money.optional(),
      remit: money.optional(),
      operating: money.optional(),
      affiliateSubsidy: money.optional(),
      initialBudget: money.optional(),
      adjustedBudget: money.optional(),
      note: z.string().optional(),
    })
    .strict();

  const sangongParts = {
    abroad: money.optional(),
    vehiclePurchase: money.optional(),
    vehicleOperation: money.optional(),
  };

  const projectCount = z.object({ count: count, projects: z.array(text).optional() }).strict();
  const evaluated = z.object({ count: count, projects: z.array(text).optional(), funds: money.optional() }).strict();

  // 绩效自评表. Targets and actual values stay the text the form shows ("≥1282个", "2.1", "优");
  // src/performance parses them, and what it cannot parse becomes a finding, never a guess.
  const fundRow = z
    .object({
      source: z.enum(EVALUATION_FUND_SOURCES, { message: `资金来源${oneOf(EVALUATION_FUND_SOURCES, FUND_SOURCE_LABELS)}` }),
      initial: money.optional(),
      annual: money.optional(),
      executed: money.optional(),
    })
    .strict();
  const indicator = z
    .object({
      level1: text,
      level2: text,
      level3: text,
      /** 指标性质 when the form has its own column (四川 layout); otherwise implied by the target text. */
      nature: z.string().optional(),
      target: z.string(),
      actual: z.string(),
      weight: z.string().optional(),
      score: z.string().optional(),
      deviation: z.string().optional(),
    })
    .strict();
  const evaluation = z
    .object({
      kind: z.enum(['department', 'project'], { message: '应为“department”（部门整体）或“project”（项目）' }),
      name: text,
      code: z.string().optional(),
      department: text,
      implementer: text,
      /** The year the form reports on (usually the dataset year). */
      year: count.optional(),
      funds: z.array(fundRow).default(() => []),
      /** 原因 of the 预算执行情况 rows: why executed exceeds the budget or (四川) falls below 90 %. */
      executionReason: z.string().optional(),
      goals: z.object({ expected: z.string(), actual: z.string() }).strict().optional(),
      indicators: z.array(indicator).default(() => []),
      selfScore: z.string().optional(),
      conclusion: z.string().optional(),
      problems: z.array(text).default(() => []),
      suggestions: z.array(text).default(() => []),
      /** Figures the evaluation report's narrative states (checked against the table). */
      stated: z
        .object({ budget: money.optional(), executed: money.optional(), completionRate: z.string().optional() })
        .strict()
        .default(() => ({})),
      /** Free texts of the 自评报告 by section (项目基本情况, 实施及管理, 绩效情况 …), used as stated. */
      report: z.record(z.string(), z.string()).default(() => ({})),
    })
    .strict();

  const conceptMap = <T extends z.ZodType>(value: T) =>
    z.record(z.string(), value).superRefine((rec, ctx) => {
      for (const key of Object.keys(rec)) {
        const id = key.split('@')[0]!;
        if (!isConceptId(id)) ctx.addIssue({ code: 'custom', path: [key], message: `未知的指标“${id}”` });
      }
    });

  return z
    .object({
      format: z.literal('juesuan-dataset/1', { message: '文件格式标记应为 juesuan-dataset/1' }),
      year: count.refine((y) => y >= 2000 && y <= 2100, { message: '年度应在2000至2100之间' }),
      moneyUnit: z.enum(['元', '万元']).default('万元'),
      profile: z.string().optional(),
      /** Standard table set (e.g. sichuan-15); defaults to the profile's. */
      tableSet: z.string().optional(),
      reportDate: z.string().optional(),
      unit: z
        .object({
          name: text,
          shortName: text,
          region: z.object({ province: text, city: text.optional(), county: text.optional(), code: z.string().optional() }).strict(),
          level: z.enum(['部门', '单位'], { message: '应为“部门”或“单位”' }),
          kind: z.enum(['行政', '参公', '事业'], { message: '应为“行政”“参公”或“事业”' }),
          duties: z.array(text).min(1, { message: '至少列出一项职责' }),
          /**
           * 年度（重点）工作完成情况: the unit's own text, one paragraph each, printed as written
           * (figures and honours stay the unit's words; nothing is generated from them).
           * `title` defaults to “{year}年重点工作完成情况”.
           */
          keyWork: z
            .object({ title: text.optional(), paragraphs: z.array(text).min(1, { message: '至少一段' }) })
            .strict()
            .optional(),
          organisation: z
            .object({
              internal: z.array(text).default(() => []),
              note: z.string().optional(),
              subordinates: z
                .array(
                  z
                    .object({
                      name: text,
                      kind: z.enum(['行政', '参公', '事业'], { message: '应为“行政”“参公”或“事业”' }),
                      accounting: z.enum(['独立核算', '非独立核算']).default('独立核算'),
                    })
                    .strict(),
                )
                .default(() => []),
              managed: z.array(text).default(() => []),
            })
            .strict(),
          staffing: z
            .object({
              authorized: z.partialRecord(z.enum(STAFF_KINDS), count),
              actual: z.partialRecord(z.enum(STAFF_KINDS), count),
              retired: count.optional(),
              note: z.string().optional(),
            })
            .strict(),
        })
        .strict(),
      income: z
        .object({
          generalBudget: money, govFund: money, stateCapital: money, superiorSubsidy: money,
          business: money, operating: money, affiliate: money, other: money,
        })
        .partial()
        .strict(),
      useOfNonFiscalBalance: money.optional(),
      openingBalance: byFund.default(() => ({})),
      expenditure: z.array(expenditureLine).superRefine(noDuplicateLines),
      balanceDistribution: signedMoney.optional(),
      closingBalance: byFund.default(() => ({})),
      basicExpense: z
        .object({
          personnel: money.optional(),
          public: money.optional(),
          items: z.array(z.object({ code: code([3, 5], '经济分类科目编码'), amount: money.optional() }).strict()).default(() => []),
        })
        .strict(),
      sangong: z
        .object({
          /**
           * The 财政拨款 fund the stated “三公”经费 (budget and actual) is paid from, all of it.
           * Omitted: taken as 一般公共预算 only when the unit has no other 财政拨款 at all.
           */
          fund: z.enum(['generalBudget', 'govFund'], { message: '应为“generalBudget”（一般公共预算）或“govFund”（政府性基金预算）' }).optional(),
          budget: z.object({ ...sangongParts, reception: money.optional() }).strict(),
          actual: z.object({ ...sangongParts, receptionDomestic: money.optional(), receptionForeign: money.optional() }).strict(),
          abroad: z.object({ groups: count.optional(), people: count.optional() }).strict().default(() => ({})),
          vehicles: z
            .object({
              purchased: count.optional(),
              held: count.optional(),
              /** 公务用车保有量 by body type, as the 四川 template lists it (轿车、越野车、载客汽车). */
              heldByType: z.partialRecord(z.enum(['轿车', '越野车', '载客汽车']), count).optional(),
            })
            .strict()
            .superRefine((v, ctx) => {
              if (v.held === undefined || v.heldByType === undefined) return;
              const parts = Object.values(v.heldByType).reduce<number>((s, n) => s + (n ?? 0), 0);
              if (parts !== v.held) ctx.addIssue({ code: 'custom', path: ['heldByType'], message: `各车型合计${parts}辆，与公务用车保有量${v.held}辆不一致` });
            })
            .default(() => ({})),
          reception: z
            .object({
              domestic: z.object({ batches: count.optional(), people: count.optional() }).strict().default(() => ({})),
              foreign: z.object({ batches: count.optional(), people: count.optional() }).strict().default(() => ({})),
            })
            .strict()
            .default(() => ({ domestic: {}, foreign: {} })),
          notes: z
            .object({ abroad: z.string(), vehicle: z.string(), vehicleOperation: z.string(), reception: z.string() })
            .partial()
            .strict()
            .default(() => ({})),
        })
        .strict(),
      operatingCost: money.optional(),
      procurement: z
        .object({
          goods: money.optional(), works: money.optional(), services: money.optional(),
          sme: money.optional(), smeSmall: money.optional(),
        })
        .strict(),
      assets: z
        .object({
          asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }).optional(),
          vehicles: z.partialRecord(z.enum(VEHICLE_TYPES), count).default(() => ({})),
          generalEquipment500k: count.optional(),
          specialEquipment1m: count.optional(),
        })
        .strict(),
      performance: z
        .object({
          /** 项目支出 projects the unit had in the year. */
          projectCount: count.optional(),
          preAssessment: projectCount.optional(),
          targets: projectCount.optional(),
          monitoring: projectCount.optional(),
          /** funds: the evaluated projects' funds together (万元). */
          selfEvaluation: evaluated.optional(),
          departmentEvaluation: bool.optional(),
        })
        .strict()
        .default(() => ({})),
      /**
       * 项 the unit reports together under one expenditure line without splitting the amount:
       * the line's code → the other 项 codes its amount also covers. They are named (tables'
       * notes, the 具体情况 list) and explained (名词解释), never given an amount of their own.
       */
      expenditureIncludes: z.record(z.string(), z.array(code([7], '功能分类科目编码（项级）')))
        .superRefine((rec, ctx) => {
          for (const key of Object.keys(rec)) {
            if (!/^\d{7}$/.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `功能分类科目编码（项级）应为7位数字，实际为“${key}”` });
          }
        })
        .default(() => ({})),
      /** 其他需要说明的情况 (one paragraph each). */
      otherMatters: z.array(text).optional(),
      /** 绩效自评: the department as a whole and each evaluated project, as stated on their 自评表 and reports. */
      evaluations: z.array(evaluation).default(() => []),
      /** 上年决算数, keyed by concept id (optionally "id@dimension", e.g. "expense.general_budget@204"). */
      prior: conceptMap(z.union([z.string(), z.number()]))
        .default(() => ({}))
        .transform((rec, ctx) => {
          const out: Record<string, Amount | number> = {};
          for (const [key, raw] of Object.entries(rec)) {
            const kind = concept(key.split('@')[0]!)?.kind;
            const parsed = (kind === 'money' ? (SIGNED_CONCEPTS.has(key.split('@')[0]!) ? signedMoney : money) : count).safeParse(raw);
            if (parsed.success) out[key] = parsed.data;
            else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
          }
          return out;
        }),
      /** Stated reasons (变动原因), keyed like `prior`. */
      reasons: z
        .object({ vsPrior: conceptMap(text).default(() => ({})), vsBudget: conceptMap(text).default(() => ({})) })
        .strict()
        .default(() => ({ vsPrior: {}, vsBudget: {} })),
    })
    .strict();
}

export type Dataset = z.output<ReturnType<typeof makeDatasetSchema>>;
export type ExpenditureLine = Dataset['expenditure'][number];
export type Evaluation = Dataset['evaluations'][number];
export type EvaluationIndicator = Evaluation['indicators'][number];
