/**
 * fast-check generator of valid datasets. It builds the authoring form (as a
 * person or another tool would write it: amounts in either unit, with any
 * number of decimals a dataset allows, odd but legal text) and reads it with parseDataset, so
 * every generated value is a real parse result.
 */
import fc from 'fast-check';
import { CONCEPTS, FUNDS, parseDataset, STAFF_KINDS, VEHICLE_TYPES, type Dataset } from '../../src/model/index.js';
import { formatScaled } from '../../src/money/index.js';

type Raw = Record<string, unknown>;

/** Characters that have tripped YAML, XML or Excel writers before. */
const TRICKY = [
  '"', "'", ':', ': ', ' #', '#', '- ', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?',
  '\n', '\r', '\r\n', '\t', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\uFEFF', '\uFFFE',
  '\uD800', '😀', '_x0041_', '_x000D_', '=A1', '+1', 'true', 'null', '~', '0x1F', '1e3', '2013150', '\\', '/',
  '　', '（一）', '“三公”', '万元', '元',
];

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const unitChar = fc.oneof({ weight: 4, arbitrary: cjk }, { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: fc.constantFrom(...TRICKY) });

/** Any string, including empty and blank. */
const anyText = fc.array(unitChar, { maxLength: 12 }).map((a) => a.join(''));
/** A string the schema's `text` accepts (non-blank after trimming). */
const text = anyText.filter((s) => s.trim().length > 0);

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const functionalCode = digits(7);
const economicCode = fc.oneof(digits(3), digits(5));

/** An amount string in any legal spelling; the dataset unit decides what an unsuffixed number means. */
const amount = fc
  .record({
    written: fc.constantFrom('元', '万元', ''),
    decimals: fc.integer({ min: 0, max: 6 }),
    digits: fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })),
    thousands: fc.boolean(),
  })
  .map(({ written, decimals, digits, thousands }) => ({ written, decimals, digits, thousands }));

/**
 * The amount as written: 元 with up to 2 decimals, 万元 with up to 2 (finer 万元 figures are refused,
 * exact ones are written in 元); negative only where a dataset allows it (`signed`).
 */
function spell(a: { written: string; decimals: number; digits: bigint; thousands: boolean }, unit: '元' | '万元', signed = false): string {
  const w = a.written === '' ? unit : a.written;
  const dec = Math.min(a.decimals, 2);
  let s = formatScaled(signed || a.digits >= 0n ? a.digits : -a.digits, dec);
  if (a.thousands && !s.startsWith('-')) {
    const [whole, frac] = s.split('.') as [string, string | undefined];
    s = whole.replace(/\B(?=(\d{3})+$)/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return s + a.written;
}

const count = fc.nat({ max: 100000 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function compact(o: Raw): Raw {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const moneyConcepts = CONCEPTS.filter((c) => c.kind === 'money').map((c) => c.id);
const countConcepts = CONCEPTS.filter((c) => c.kind !== 'money').map((c) => c.id);
const dimSuffix = fc.oneof(fc.constant(''), digits(3).map((d) => `@${d}`), text.map((t) => `@${t}`));

export const arbitraryRawDataset: fc.Arbitrary<Raw> = fc
  .record({
    unit: fc.constantFrom('元', '万元', undefined),
    year: fc.integer({ min: 2000, max: 2100 }),
    a: fc.array(amount, { minLength: 60, maxLength: 60 }),
    profile: opt(text),
    reportDate: opt(anyText),
    name: text,
    shortName: text,
    region: fc.record({ province: text, city: opt(text), county: opt(text), code: opt(anyText) }),
    level: fc.constantFrom('部门', '单位'),
    kind: fc.constantFrom('行政', '参公', '事业'),
    duties: fc.array(text, { minLength: 1, maxLength: 4 }),
    internal: opt(fc.array(text, { maxLength: 3 })),
    orgNote: opt(anyText),
    subordinates: opt(fc.array(fc.record({ name: text, kind: fc.constantFrom('行政', '参公', '事业'), accounting: opt(fc.constantFrom('独立核算', '非独立核算')) }), { maxLength: 3 })),
    managed: opt(fc.array(text, { maxLength: 2 })),
    authorized: fc.dictionary(fc.constantFrom(...STAFF_KINDS), count, { maxKeys: 5 }),
    actual: fc.dictionary(fc.constantFrom(...STAFF_KINDS), count, { maxKeys: 5 }),
    retired: opt(count),
    staffNote: opt(anyText),
    incomeKeys: fc.subarray(['generalBudget', 'govFund', 'stateCapital', 'superiorSubsidy', 'business', 'operating', 'affiliate', 'other']),
    fundKeys: fc.subarray(['generalBudget', 'govFund', 'stateCapital', 'nonFiscal']),
    closingKeys: fc.subarray(['generalBudget', 'govFund', 'stateCapital', 'nonFiscal']),
    lines: fc.array(
      fc.record({
        code: functionalCode,
        fund: opt(fc.constantFrom(...FUNDS)),
        fields: fc.subarray(['basic', 'project', 'remit', 'operating', 'affiliateSubsidy', 'initialBudget', 'adjustedBudget']),
        note: opt(anyText),
      }),
      { maxLength: 6 },
    ),
    items: opt(fc.array(fc.record({ code: economicCode, hasAmount: fc.boolean() }), { maxLength: 6 })),
    sangongKeys: fc.subarray(['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception', 'receptionDomestic', 'receptionForeign']),
    counts: fc.array(opt(count), { minLength: 14, maxLength: 14 }),
    notes: fc.record({ abroad: opt(anyText), vehicle: opt(anyText), vehicleOperation: opt(anyText), reception: opt(anyText) }),
    procurementKeys: fc.subarray(['goods', 'works', 'services', 'sme', 'smeSmall']),
    asOf: opt(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    vehicles: fc.dictionary(fc.constantFrom(...VEHICLE_TYPES), count, { maxKeys: 3 }),
    performance: opt(
      fc.record({
        projectCount: opt(count),
        preAssessment: opt(fc.record({ count, projects: opt(fc.array(text, { maxLength: 3 })) })),
        selfEvaluation: opt(fc.record({ count, projects: opt(fc.array(text, { maxLength: 2 })), funds: fc.boolean() })),
        departmentEvaluation: opt(fc.constantFrom(true, false, '是', '否', 'yes')),
      }),
    ),
    otherMatters: opt(fc.array(text, { maxLength: 2 })),
    prior: fc.array(fc.tuple(fc.constantFrom(...moneyConcepts, ...countConcepts), dimSuffix, count), { maxLength: 5 }),
    reasons: fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...moneyConcepts), dimSuffix, text), { maxLength: 4 }),
  })
  .map((g) => {
    const unit: '元' | '万元' = g.unit ?? '万元';
    let ai = 0;
    const money = () => spell(g.a[ai++ % g.a.length]!, unit);
    const signedMoney = () => spell(g.a[ai++ % g.a.length]!, unit, true);
    const signedBalances = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, k === 'nonFiscal' ? signedMoney() : money()]));
    const pick = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, money()]));
    const c = (i: number) => g.counts[i];
    const raw: Raw = compact({
      format: 'juesuan-dataset/1',
      year: g.year % 2 === 0 ? g.year : String(g.year),
      moneyUnit: g.unit,
      profile: g.profile,
      reportDate: g.reportDate,
      unit: {
        name: g.name,
        shortName: g.shortName,
        region: compact(g.region),
        level: g.level,
        kind: g.kind,
        duties: g.duties,
        organisation: compact({
          internal: g.internal,
          note: g.orgNote,
          subordinates: g.subordinates?.map(compact),
          managed: g.managed,
        }),
        staffing: compact({ authorized: g.authorized, actual: g.actual, retired: g.retired, note: g.staffNote }),
      },
      income: pick(g.incomeKeys),
      useOfNonFiscalBalance: g.year % 3 === 0 ? money() : undefined,
      openingBalance: g.fundKeys.length > 0 || g.year % 5 === 0 ? signedBalances(g.fundKeys) : undefined,
      // One row per code × fund (a second one is refused).
      expenditure: g.lines
        .filter((l, i) => g.lines.findIndex((o) => o.code === l.code && (o.fund ?? 'generalBudget') === (l.fund ?? 'generalBudget')) === i)
        .map((l) => compact({ code: l.code, fund: l.fund, ...pick(l.fields), note: l.note })),
      balanceDistribution: g.year % 4 === 0 ? signedMoney() : undefined,
      closingBalance: signedBalances(g.closingKeys),
      basicExpense: compact({
        personnel: g.year % 2 === 0 ? money() : undefined,
        public: g.year % 3 === 1 ? money() : undefined,
        items: g.items?.map((it) => compact({ code: it.code, amount: it.hasAmount ? money() : undefined })),
      }),
      sangong: {
        budget: pick(g.sangongKeys.filter((k) => !k.startsWith('reception') || k === 'reception')),
        actual: pick(g.sangongKeys.filter((k) => k !== 'reception')),
        abroad: compact({ groups: c(0), people: c(1) }),
        vehicles: compact({ purchased: c(2), held: c(3) }),
        reception: { domestic: compact({ batches: c(4), people: c(5) }), foreign: compact({ batches: c(6), people: c(7) }) },
        notes: compact(g.notes),
      },
      operatingCost: g.year % 2 === 1 ? money() : undefined,
      procurement: pick(g.procurementKeys),
      assets: compact({ asOf: g.asOf, vehicles: g.vehicles, generalEquipment500k: c(8), specialEquipment1m: c(9) }),
      performance: g.performance
        ? compact({
            projectCount: g.performance.projectCount,
            preAssessment: g.performance.preAssessment ? compact(g.performance.preAssessment) : undefined,
            targets: c(10) !== undefined ? { count: c(10) } : undefined,
            monitoring: c(11) !== undefined ? { count: c(11), projects: [] } : undefined,
            selfEvaluation: g.performance.selfEvaluation
              ? compact({ count: g.performance.selfEvaluation.count, projects: g.performance.selfEvaluation.projects, funds: g.performance.selfEvaluation.funds ? money() : undefined })
              : undefined,
            departmentEvaluation: g.performance.departmentEvaluation,
          })
        : undefined,
      otherMatters: g.otherMatters,
      prior: Object.fromEntries(
        g.prior.map(([id, dim, n]) => [`${id}${dim}`, moneyConcepts.includes(id) ? (id.startsWith('balance.') && id !== 'balance.use_non_fiscal' ? signedMoney() : money()) : n]),
      ),
      reasons: {
        vsPrior: Object.fromEntries(g.reasons.filter(([b]) => b).map(([, id, dim, t]) => [`${id}${dim}`, t])),
        vsBudget: Object.fromEntries(g.reasons.filter(([b]) => !b).map(([, id, dim, t]) => [`${id}${dim}`, t])),
      },
    });
    return raw;
  });

/** Valid datasets: the generated authoring form, read by parseDataset. */
export const arbitraryDataset: fc.Arbitrary<Dataset> = arbitraryRawDataset.map((raw) => parseDataset(JSON.stringify(raw), 'generated.json'));
