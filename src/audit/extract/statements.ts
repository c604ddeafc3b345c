/**
 * Sentence grammar: each figure gets a subject (the concept phrase in front
 * of it, or the subject of the figure before it in the same sentence), a
 * measure (level, 增加/减少 change, 增长/下降 rate, 占 share, 完成预算 rate),
 * a year and a scenario. A figure whose subject is not certain becomes an
 * UncertainFigure, never a guessed claim.
 */
import type { Claim, ClaimMeasure, ClaimScenario, Span, UncertainFigure } from '../types.js';
import { allMatches } from '../text/matches.js';
import { scanNumbers, type NumberToken } from '../text/numbers.js';
import type { Segment } from '../text/segments.js';
import { findPhrases, LEXICON, type LexiconMatch } from './lexicon.js';
import { classByName, classNamePattern, codeFromCodes, codeFromTriple } from './functional.js';
import { concept } from '../../model/concepts.js';

export interface Breakdown {
  /** Index into claims (or -1 when the whole is not a claim). */
  parent: number;
  parts: number[];
  span: Span;
}

export interface SentenceContext {
  year: number | undefined;
  section: string | undefined;
  /** Concept a functional-classification line belongs to (from the heading). */
  sectionConcept: string | undefined;
  claims: Claim[];
  uncertain: UncertainFigure[];
  breakdowns: Breakdown[];
  /** Last level figure of the paragraph so far (claim index, or -1 for an uncertain one). */
  lastLevel?: { claim: number; scenario: ClaimScenario; concept?: string; fund?: string };
  /** The budget a line opens with ("（二）政府性基金预算。收入：…"): its 收入总计/支出总计 are that budget's. */
  lineFund?: 'gov_fund' | 'state_capital';
  /** A "其中：" that ended the previous line: its whole. */
  openBreakdown?: Breakdown;
  nextStatement: number;
  /**
   * The subject of the last sentence of the line so far, when its last figure was its 决算 level: a next sentence of
   * the same line that opens with a comparison and names no subject ("3.事业收入45.29万元，为……收入。较上年度决算数增加
   * 14.33万元，增长46.29%") speaks of it. Cleared at each line.
   */
  carrySubject?: Subject;
  /** Where the line starts speaking of next year's budget ("2022年度“三公”经费预算较2021年度增加…" in a 2021 决算): changes after it are against it. */
  nextYearBudgetFrom?: number;
}

const MONEY_UNITS = new Set(['万元', '元', '亿元']);
/** The reason an amount or rate of change against a budget is not read as a change on last year. */
export const AGAINST_BUDGET = '与预算数相比的增减，不是与上年决算数相比';
/** The reason a change in a line about next year's budget is not read. */
export const NEXT_YEAR_BUDGET = '说的是下一年度预算与本年的比较，不是本年决算的增减';
/** Phrases that qualify the phrase before them rather than name a subject of their own. */
const GENERIC = new Set(['expense.fiscal', 'income.fiscal', 'expense.total']);
const COMPARISON = /(?:与|和|同|(?<=[，,；;]))(上年|上一年度?|去年|(\d{4})年度?)(?:决算数?|同期)?(?:的?(-?[\d,.]+)(万元|元))?(?:决算数?)?相比|(?:比|相?较于?|相比于|同比)(上年|上一年度?|去年|(\d{4})年度?)(?:决算数?|同期)?(?:的?(-?[\d,.]+)(万元|元))?/g;
const OPENS_WITH_COMPARISON = /^\s*(?:(?:较|比|与|同)(?:上年|上一年度?|去年)(?:度)?(?:决算数?|同期)?(?:相比)?[，,]?(?:增加|减少|增长|下降)|同比(?:增加|减少|增长|下降))/;
const YEAR_LABEL = /(\d{4})年度?(?![\d月])/g;
const BREAKDOWN = /其中[：:]?|主要用于(?:以下方面)?[：:]?|主要包括[：:]?/g;
const FLAT = /持平|无变化|没有变化|未发生变化/g;
const FILLER = /决算数|决算|支出|数|金额|合计|共计|总计|累计|实际|全年|本年|当年|年度|财政拨款|为|是|达到|达|计|共|各|分别|约|了|的|：|:|\s/g;
const UP = /(?:增加|增长|上升|提高|多支出|超支|增支|增收|增幅(?:为|是|达)?|增长幅度(?:为|是)?|(?:^|[，,、\s])增)了?$/;
const DOWN = /(?:减少|下降|降低|节约|少支出|节支|减支|减收|降幅(?:为|是|达)?|下降幅度(?:为|是)?|(?:^|[，,、\s])减)了?$/;

/** The money a 其中's whole names, given to the 基本/项目支出 listed under it. */
const FUND_OF: Record<string, string> = { 'expense.fiscal': 'fiscal', 'expense.general_budget': 'general_budget', 'expense.gov_fund': 'gov_fund' };

const SHARE_PARENT: Record<string, string> = {
  'sangong.abroad': 'sangong.total', 'sangong.vehicle': 'sangong.total', 'sangong.reception': 'sangong.total',
  'expense.basic': 'expense.total', 'expense.project': 'expense.total', 'expense.remit': 'expense.total',
  'expense.operating': 'expense.total', 'expense.affiliate_subsidy': 'expense.total',
  'income.general_budget': 'income.total', 'income.gov_fund': 'income.total', 'income.state_capital': 'income.total',
  'income.superior_subsidy': 'income.total', 'income.business': 'income.total', 'income.operating': 'income.total',
  'income.affiliate': 'income.total', 'income.other': 'income.total',
  'procurement.goods': 'procurement.total', 'procurement.works': 'procurement.total', 'procurement.services': 'procurement.total',
  'procurement.sme': 'procurement.total',
};

interface Subject {
  concept?: string;
  dims?: Record<string, string>;
  /** Where the subject's words are (absolute). */
  at: number;
  statement: number;
  pair?: [string, string];
  /** Words when the concept is not known. */
  label?: string;
}

interface Range {
  start: number;
  end: number;
  baseYear: number | undefined;
  prior?: NumberToken;
  /** The comparison is with a budget (上年预算数, 年初预算), not with a year's 决算. */
  budget?: true;
}

function comparisons(sentence: string, year: number | undefined, offset: number, tokens: NumberToken[]): Range[] {
  const out: Range[] = [];
  for (const m of allMatches(COMPARISON, sentence)) {
    const yearWord = m[1] ?? m[5];
    const explicit = m[2] ?? m[6];
    const baseYear = explicit ? Number(explicit) : year !== undefined && yearWord ? year - 1 : undefined;
    const start = offset + m.index;
    const end = start + m[0].length;
    const prior = tokens.find((t) => t.start >= start && t.end <= end && MONEY_UNITS.has(t.unit));
    // "比上年预算数下降…", "较上年年初预算增加…": compared with a budget, not with last year's 决算.
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 8);
    out.push({ start, end, baseYear, ...(prior ? { prior } : {}), ...(/^(?:的)?(?:年初|调整后?|全年)?(?:批复)?预算/.test(after) ? { budget: true } : {}) });
  }
  return out;
}

/** Text of [a, b) with comparison phrases cut out (`ranges` are in text order and do not overlap; a ≥ offset). */
function cut(text: string, offset: number, a: number, b: number, ranges: Range[]): string {
  let s = '';
  let i = a;
  for (const r of ranges) {
    if (i >= b || r.start >= b) break;
    if (r.end <= i) continue;
    if (r.start > i) s += text.slice(i - offset, r.start - offset);
    i = Math.max(i, r.end);
  }
  if (i < b) s += text.slice(i - offset, b - offset);
  return s;
}

const scenarioFrom = (words: string): ClaimScenario | undefined =>
  /调整(?:后)?预算|全年预算|预算调整为/.test(words) ? 'budget_adjusted' : /年初[^，。；]{0,6}?预算|年初批复/.test(words) ? 'budget_initial' : /预算数|预算为|预算是|安排预算|预算(?:总计|合计|共计|总额|安排)|(?<!完成(?:年初|调整后?)?)预算\s*$|占(?:全?年)?计划\s*$/.test(words) ? 'budget' : undefined;

let classPatternCache: { year: number | undefined; re: RegExp } | undefined;
function classPattern(year: number | undefined): RegExp {
  if (!classPatternCache || classPatternCache.year !== year) classPatternCache = { year, re: classNamePattern(year) };
  return classPatternCache.re;
}

/** A functional-classification subject in `words` (class name, 类/款/项 triple, or codes). */
function functionalSubject(words: string, year: number | undefined): string | undefined {
  const head = words.replace(/^\s*(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[）)])\s*/, '');
  // "…主要用于以下方面:一般公共服务（类）支出" names the subject after the colon; "X（类）…（项）：支出决算为" before it.
  const colonAt = Math.max(head.lastIndexOf('：'), head.lastIndexOf(':'));
  const afterColon = colonAt >= 0 ? head.slice(colonAt + 1) : head;
  const subject = colonAt >= 0 && afterColon.replace(FILLER, '').length < 2 ? head.slice(0, colonAt) : afterColon;
  if (/\d{3}[\u4e00-\u9fff]/.test(subject)) return codeFromCodes(subject);
  if (/[（(]类[）)]/.test(subject) && /[（(]款[）)]/.test(subject)) return codeFromTriple(subject, year);
  const re = classPattern(year);
  re.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(subject); m; m = re.exec(subject)) {
    last = m;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (!last) return undefined;
  // The class name must end the words (nothing but filler after it).
  const rest = subject.slice(last.index + last[0].length).replace(FILLER, '');
  if (rest.length > 0) return undefined;
  return classByName(last[0], year)?.code;
}

/** Count figures: the words before a count decide what it counts. */
function countSubject(tail: string, unit: string, prev: Subject | undefined, inBreakdown: boolean): { concept: string; dims?: Record<string, string> } | undefined {
  const t = tail.replace(/[，,、：:\s]/g, '').replace(/(?:共计|合计|共|为|是|达到|达|计)$/, '');
  if (unit === '批次') {
    if (/外事接待$/.test(t)) return { concept: 'reception_foreign.batches' };
    if (/公务接待$/.test(t)) return { concept: 'reception.batches' };
    return undefined;
  }
  // "国内公务接待批次为520个", "接待批次为1039次"; "接待人次为4200人".
  const foreign = /(?:外事|国[（(]境[）)]外|外宾)(?:公务)?接待(?:批次|人次)$/;
  if ((unit === '个' || unit === '次') && /(?:公务)?接待批次$/.test(t)) return { concept: foreign.test(t) ? 'reception_foreign.batches' : 'reception.batches' };
  if ((unit === '人' || unit === '人次') && /(?:公务)?接待人次$/.test(t)) {
    return { concept: foreign.test(t) || (prev?.concept === 'reception_foreign.batches' && !/国内/.test(t)) ? 'reception_foreign.people' : 'reception.people' };
  }
  if ((unit === '人次' || unit === '人') && t === '' && prev?.concept === 'reception.batches') return { concept: 'reception.people' };
  // "国内公务接待共312批次（其中外事接待0批次），4228人次": after a bracket closes, the people go with the batches outside it.
  if ((unit === '人次' || unit === '人') && t === '' && prev?.concept === 'reception_foreign.batches') return { concept: /[）)]/.test(tail) ? 'reception.people' : 'reception_foreign.people' };
  if ((unit === '人次' || unit === '人') && /(?:外事)?接待(?:人数|人次)?$/.test(t) && prev?.concept?.startsWith('reception')) {
    return { concept: prev.concept.startsWith('reception_foreign') ? 'reception_foreign.people' : 'reception.people' };
  }
  if ((unit === '个' || unit === '次') && /因公出国[（(]境[）)]团组$|出国[（(]境[）)]团组$/.test(t)) return { concept: 'abroad.groups' };
  if ((unit === '人' || unit === '人次') && /出国[（(]境[）)]$/.test(t)) return { concept: 'abroad.people' };
  if (unit === '辆') {
    // "购置车辆0辆" is the vehicles bought, not those held.
    if (/购置(?:公务用车|车辆)(?:数|数量)?$/.test(t)) return { concept: 'vehicles.purchased' };
    if (/(?:车辆|车辆总数)$/.test(t)) return { concept: 'vehicles.total' };
    if ((/(?:公务用车|公车)(?:保有量|保有|总数|实有)?$/.test(t) || (/(?:实际)?保有量$/.test(t) && /公务用车|公车/.test(tail))) && !/购置/.test(t) && !(inBreakdown && prev?.concept === 'vehicles.held' && /(?:^|其中)公务用车$/.test(t))) return { concept: 'vehicles.held' };
    if (/购置(?:公务用车)?$/.test(t)) return { concept: 'vehicles.purchased' };
    const body = /(轿车|越野车|载客汽车|客车|货车|皮卡车?|面包车|商务车|摩托车)$/.exec(t);
    if (body && inBreakdown && (prev?.concept === 'vehicles.held' || prev?.concept === 'vehicles.purchased' || prev?.concept === 'vehicles.total')) {
      return { concept: prev.concept, dims: { bodyType: body[1]! } };
    }
    const type = /(领导干部用车|机要通信用车|应急保障用车|执法执勤用车|执勤执法用车|特种专业技术用车|离退休干部服务用车|其他用车|一般公务用车)$/.exec(t);
    if (type && (prev?.concept === 'vehicles.total' || (prev?.concept === 'vehicles.held' && inBreakdown))) {
      return { concept: prev.concept, dims: { vehicleType: type[1] === '执勤执法用车' ? '执法执勤用车' : type[1]! } };
    }
    // "保有量38辆，其中：公务用车4辆，执勤执法用车34辆": under 其中, 公务用车 is one kind of the vehicles held.
    if (/(?:^|其中)公务用车$/.test(t) && prev?.concept === 'vehicles.held' && inBreakdown) return { concept: 'vehicles.held', dims: { vehicleType: '一般公务用车' } };
    return undefined;
  }
  if (unit === '名' || unit === '人') {
    // "参照公务员法管理事业编制39名" is 参公, not 事业 (it ends in 事业编制 too).
    if (/参照公务员(?:法)?管理(?:的)?(?:事业)?编制(?:数)?$|参公编制(?:数)?$/.test(t)) return { concept: 'staffing.authorized', dims: { staffKind: '参公' } };
    const kind = /(行政|事业|工勤)编制(?:数)?$/.exec(t);
    if (kind) return { concept: 'staffing.authorized', dims: { staffKind: kind[1]! } };
    if (/(?:共有|核定)?编制(?:数)?$/.test(t) && !/专项编制$/.test(t)) return { concept: 'staffing.authorized' };
    // "年末实有人数69人，其中在职人员69人，离休人员0人，退休人员21人": under a 实有人数 whole, the 在职, 离休 and 退休 people are
    // its parts (the 部门决算 form's 实有人数 counts all three).
    const lifeStage = /(?:^|其中|[，,、])(在职|离休|退休)(?:人员|人数)?$/.exec(t)?.[1];
    // (Marked lifeStage, not staffKind: they are not the 行政/事业 kinds the model's 实有在职人员 adds up.)
    if (lifeStage && inBreakdown && ((prev?.concept === 'staffing.actual' && (!prev.dims || prev.dims.lifeStage === '在职')) || (prev?.concept === 'staffing.retired' && prev.dims?.lifeStage))) {
      return lifeStage === '在职' ? { concept: 'staffing.actual', dims: { lifeStage } } : { concept: 'staffing.retired', dims: { lifeStage } };
    }
    if (/(?:离)?退休人员$/.test(t)) return { concept: 'staffing.retired' };
    if (/实有(?:在职)?(?:在编)?(?:人员|人数)?$|在职(?:在编)?(?:实有)?(?:人员)?$/.test(t) && !/其中$/.test(t)) return { concept: 'staffing.actual' };
    if ((prev?.concept === 'staffing.actual' || prev?.dims?.staffKind) && inBreakdown && !/[（(][^）)]*$/.test(tail)) {
      if (/(?:行政人员|公务员)$/.test(t)) return { concept: 'staffing.actual', dims: { staffKind: '行政' } };
      if (/参照公务员(?:法)?管理(?:的)?(?:事业)?人员$/.test(t)) return { concept: 'staffing.actual', dims: { staffKind: '参公' } };
      if (/事业人员$/.test(t)) return { concept: 'staffing.actual', dims: { staffKind: '事业' } };
      if (/工勤(?:人员)?$/.test(t)) return { concept: 'staffing.actual', dims: { staffKind: '工勤' } };
    }
  }
  return undefined;
}

/** The last element before a position (the arrays are in text order; binary search keeps long sentences linear). */
function lastBefore<T>(items: readonly T[], ok: (t: T) => boolean): T | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? items[lo - 1] : undefined;
}

/** Reads one sentence's figures into ctx.claims / ctx.uncertain. */
export function readSentence(sentence: Segment, ctx: SentenceContext): void {
  const tokens = scanNumbers(sentence);
  const text = sentence.text;
  const off = sentence.start;
  const Y = ctx.year;
  const ranges = comparisons(text, Y, off, tokens);
  const phrases: LexiconMatch[] = findPhrases(text, text).map((p) => ({ ...p, start: p.start + off, end: p.end + off }));
  const yearLabels = allMatches(YEAR_LABEL, text)
    .map((m) => ({ at: off + m.index, end: off + m.index + m[0].length, year: Number(m[1]) }))
    .filter((l) => !ranges.some((r) => l.at >= r.start && l.at < r.end));
  const mentionsReportYear = Y !== undefined && yearLabels.some((l) => l.year === Y);
  const breakdownAt = allMatches(BREAKDOWN, text).map((m) => off + m.index);
  const sentenceSpan = { start: sentence.start, end: sentence.end };

  // A sentence that opens with a comparison ("较上年度决算数增加…") continues the line's last subject.
  let subject: Subject | undefined = ctx.carrySubject && OPENS_WITH_COMPARISON.test(text) ? ctx.carrySubject : undefined;
  ctx.carrySubject = undefined;
  let lastMoneyUnit = tokens.find((t) => MONEY_UNITS.has(t.unit))?.unit;
  let prevEnd = off;
  let lastWasLevel = false;
  /** Level figure before each 其中 (claim index or -1) with its scenario. */
  const parents = new Map<number, { claim: number; scenario: ClaimScenario; concept?: string }>();
  let pendingPrior: { token: NumberToken; baseYear: number | undefined } | undefined;
  /** End of the last change read as against a budget (its rate follows it). */
  let budgetChangeEnd: number | undefined;
  /** End of the last level figure that could not be read, and of the last figure read for a subject. */
  let lastUnreadEnd: number | undefined;
  let subjectEnd: number | undefined;
  let pp = 0;
  let bp = 0;
  const newStatement = () => ctx.nextStatement++;

  const parentFor = (at: number) => {
    // The innermost 其中 before the figure, unless a "；" closed it since ("…，其中：购置费A，运行费B；公务接待费C"):
    // then the one around it. The outermost 其中's own list is often written with "；".
    let k = breakdownAt.length - 1;
    while (k >= 0 && breakdownAt[k]! >= at) k--;
    while (k > 0 && /[；;]/.test(text.slice(breakdownAt[k]! - off, at - off))) {
      // Only out of a 其中 nested in another: its whole is itself one of the outer whole's parts.
      const inner = parents.get(breakdownAt[k]!)?.concept;
      const outer = parents.get(breakdownAt[k - 1]!)?.concept;
      if (!inner || !outer || SHARE_PARENT[inner] !== outer) break;
      k--;
    }
    if (k < 0) return undefined;
    const b = breakdownAt[k]!;
    if (parents.has(b)) return parents.get(b);
    return undefined;
  };
  /**
   * The whole a 其中 lists the parts of: the last level figure, but when that is a budget stated beside the
   * 决算 of the same subject ("公务用车…支出0万元，年初预算为0.95万元，其中：…"), the 决算 figure before it — the
   * figure in front of 年初预算/预算数 in a clause is the 决算, and its parts are 决算 figures too.
   */
  const wholeFor = (last: NonNullable<SentenceContext['lastLevel']>): NonNullable<SentenceContext['lastLevel']> => {
    if (last.scenario === 'actual' || last.claim < 0) return last;
    const c = ctx.claims[last.claim]!;
    for (let j = last.claim - 1; j >= 0 && j >= last.claim - 20; j--) {
      const o = ctx.claims[j]!;
      if (o.statement !== c.statement) break;
      if (o.measure === 'level' && o.scenario === 'actual' && o.concept === c.concept) return { claim: j, scenario: 'actual', concept: o.concept };
    }
    return last;
  };
  const uncertain = (t: NumberToken, reason: string, context: string, measure?: ClaimMeasure, direction?: 'up' | 'down' | 'flat') => {
    ctx.uncertain.push({
      value: t.value, unit: t.unit, span: { start: t.start, end: t.end }, context: context.slice(-30), reason,
      ...(measure ? { measure } : {}), ...(direction ? { direction } : {}), statement: subject?.statement ?? newStatement(),
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // Record the whole of each 其中 that lies before this figure.
    while (bp < breakdownAt.length && breakdownAt[bp]! < t.start) {
      const b = breakdownAt[bp]!;
      if (b >= prevEnd && !parents.has(b) && ctx.lastLevel) parents.set(b, wholeFor(ctx.lastLevel));
      bp++;
    }
    if (t.dash) {
      prevEnd = t.end;
      continue;
    }
    const inComparison = ranges.find((r) => t.start >= r.start && t.end <= r.end);
    if (inComparison) {
      if (inComparison.prior === t) pendingPrior = { token: t, baseYear: inComparison.baseYear };
      prevEnd = t.end;
      continue;
    }
    const regionText = text.slice(Math.max(prevEnd - off, t.start - off - 400), t.start - off);
    // Look-behinds use a bounded window so a huge sentence stays linear.
    const before = text.slice(Math.max(0, t.start - off - 200), t.start - off);
    while (pp < phrases.length && phrases[pp]!.end <= t.start) pp++;
    const lastPhrase = phrases[pp - 1];
    let phrase = lastPhrase && lastPhrase.start >= prevEnd && lastPhrase.end <= t.start ? lastPhrase : undefined;
    // "“三公”经费财政拨款支出": a generic phrase right after a specific one qualifies it.
    if (phrase && GENERIC.has(phrase.entry.concept)) {
      const qualifier = phrases[pp - 2];
      // "“三公”经费公共财政拨款支出": 公共 / 一般公共预算 between them qualifies the money, not the subject.
      const gapWords = qualifier ? text.slice(qualifier.end - off, phrase.start - off) : '';
      if (qualifier && (phrase.start - qualifier.end <= 1 || /^(?:一般)?公共(?:预算)?$/.test(gapWords)) && qualifier.start >= prevEnd) phrase = qualifier;
    }
    const afterPhrase = phrase ? cut(text, off, phrase.end, t.start, ranges) : cut(text, off, prevEnd, t.start, ranges);
    const words = afterPhrase.replace(/\s/g, '');
    let unit = t.unit;
    let unitInferred = false;
    if (!unit) {
      // A bare number right after a change verb or a money phrase takes the sentence's money unit.
      if (lastMoneyUnit && (UP.test(words) || DOWN.test(words) || (phrase && words.replace(FILLER, '') === ''))) {
        unit = lastMoneyUnit;
        unitInferred = true;
      } else {
        prevEnd = t.end;
        continue;
      }
    }
    if (MONEY_UNITS.has(unit)) lastMoneyUnit = unit;
    const isPercent = unit === '%';
    const isMoney = MONEY_UNITS.has(unit);

    // Measure from the words between the subject and the figure.
    let measure: ClaimMeasure = 'level';
    let direction: 'up' | 'down' | undefined;
    let base: { concept: string; dims?: Record<string, string> } | undefined;
    // Only a region with 占 in it can match (most have none).
    const shareMatch = regionText.includes('占') ? /占(.{0,30}?)(?:的)?(?:比重|比例)?(?:为|是)?$/.exec(regionText.replace(/\s/g, '')) : null;
    // "占调整预算100.1%", "占年计划100500万元的112.29%": a share of the budget is how much of it was done.
    const ofPlan = isPercent && (shareMatch ? /^(?:年初|调整后?的?|全年|年)?(?:预算|计划)(?:数)?$/.test(shareMatch[1]!)
      : i > 0 && prevEnd === tokens[i - 1]!.end && /^的?$/.test(words)
        && /占(?:年初|调整后?的?|全年|年)?(?:预算|计划)(?:数)?$/.test(text.slice(Math.max(0, tokens[i - 1]!.start - off - 16), tokens[i - 1]!.start - off).replace(/\s/g, '')));
    if (ofPlan) {
      measure = 'completionRate';
    } else if (isPercent && shareMatch) {
      measure = 'share';
      const inner = shareMatch[1]!;
      const bp = findPhrases(inner, text)[0];
      if (bp) base = { concept: bp.entry.concept, ...(bp.entry.dims ? { dims: bp.entry.dims } : {}) };
    } else if (isPercent && /(?:完成(?:年初|调整|全年)?(?:后)?(?:的)?(?:预算|计划)(?:数)?(?:的)?|预算完成率(?:为)?|执行率(?:为)?|完成率(?:为)?)$/.test(words)) {
      measure = 'completionRate';
    } else if (UP.test(words) || DOWN.test(words)) {
      direction = UP.test(words) ? 'up' : 'down';
      measure = isPercent ? 'changeRate' : 'change';
    } else if (isPercent) {
      // A bare % right after a level in a list of shares ("公共安全支出508.83万元，82.78%").
      if (lastWasLevel && words.replace(/[，,]/g, '') === '' && (/占/.test(text) || breakdownAt.length > 0)) measure = 'share';
      else {
        uncertain(t, '百分比前没有“占”“完成预算”“增长”等字样，无法确定含义', regionText);
        prevEnd = t.end;
        continue;
      }
    }

    // A change or rate against a budget ("比年初预算增加…", "比上年预算数下降…") is not a change on last year's
    // 决算: it is read as what it is (against: 'budget'), and only the rules for budget comparisons use it.
    let againstBudget = false;
    if (measure === 'change' || measure === 'changeRate') {
      const cmpBefore = lastBefore(ranges, (r) => r.end <= t.start);
      // The clause in front of the figure, back to the last comma (figures inside it included: "较预算数1237万元减少").
      const clauses = text.slice(Math.max(0, t.start - off - 60), t.start - off).split(/[，,；;。]/);
      // "与2021年度预算相比，减少0.28万元": the comparison may stand in its own clause just before.
      const clause = (clauses.length > 1 && /^(?:与|和|同|较|比)[^，,；;。]{0,16}预算(?:数)?(?:相比|比较)$/.test(clauses[clauses.length - 2]!.trim()) ? clauses[clauses.length - 2]! : '') + (clauses.pop() ?? '');
      // A rate right after a change against a budget ("较年初预算数减少10.93万元，下降54.65%") is against it too.
      const followsBudgetChange = measure === 'changeRate' && budgetChangeEnd !== undefined && !ranges.some((r) => r.start >= budgetChangeEnd! && r.end <= t.start)
        && /^[，,、\s]*(?:增长|下降|上升|降低|减少|增加)了?\s*$/.test(text.slice(budgetChangeEnd - off, t.start - off));
      if (ctx.nextYearBudgetFrom !== undefined && t.start > ctx.nextYearBudgetFrom) {
        uncertain(t, NEXT_YEAR_BUDGET, regionText, measure, direction);
        prevEnd = t.end;
        lastWasLevel = false;
        continue;
      }
      if ((cmpBefore?.budget && cmpBefore.start >= prevEnd) || /(?:比|较|与|同|相比)[^，,；;。]{0,16}预算/.test(clause) || followsBudgetChange) {
        againstBudget = true;
        budgetChangeEnd = t.end;
      }
    }

    // Subject.
    let subj: Subject | undefined;
    const residue = words.replace(/(?:增幅|降幅|增长幅度|下降幅度)(?:为|是|达)?$|(?:增加|增长|上升|提高|减少|下降|降低|节约|减支|增支|减收|增收|持平|完成(?:年初|调整)?(?:后)?预算(?:数)?|预算完成率|执行率|完成率|占.*)$/, '').replace(FILLER, '');
    // A money phrase does not name a count ("公务用车购置费209万元…购置数为7辆"), nor a count phrase money.
    const phraseKind = phrase ? concept(phrase.entry.concept)?.kind : undefined;
    if (phrase && phraseKind !== undefined && (phraseKind === 'money') !== isMoney && !isPercent) phrase = undefined;
    // "减少了“三公”经费342.74万元": the verb before the subject makes the figure an amount of change.
    const verbBefore = phrase && measure === 'level' ? /(?:增加|增长|上升|提高|减少|下降|降低|节约|压减|节省)了?[^，,；;。\d]{0,4}$/.test(text.slice(Math.max(0, phrase.start - off - 8), phrase.start - off)) : false;
    if (verbBefore) {
      uncertain(t, '动词在指标名称之前（“减少了……X万元”），是增减额而非决算数', regionText, measure);
      prevEnd = t.end;
      lastWasLevel = false;
      continue;
    }
    if (phrase && (measure !== 'share' || !shareMatch || phrase.start < prevEnd + (regionText.indexOf('占') >= 0 ? regionText.indexOf('占') : Infinity))) {
      // "加上级补助收入、上年结余、动用预算稳定调节基金等1756.37万元": after a list closed by 等 the figure is the list's total.
      if ((residue.replace(/[，,；;、（）()]/g, '').length > 3 && !/预算/.test(residue)) || /、[^，,；;。]*等$/.test(residue)) {
        uncertain(t, `指标名称与数字之间有其他文字（“${residue.slice(0, 12)}”）`, regionText, measure, direction);
        prevEnd = t.end;
        lastWasLevel = false;
        continue;
      }
      // "区直财政拨款资金安排“三公”经费": a narrower scope than the report's own is another subject.
      const scope = /(区直|州直|市直|县直|省直|旗直|行政单位|事业单位|地方本级|地方)[^，,；;。\d]{0,12}$/.exec(text.slice(Math.max(0, phrase.start - off - 20), phrase.start - off))?.[1];
      // "全区政府性基金预算收入完成127516万元，…，收入总计184919万元": in a sentence that opens with another budget's money
      // (a government's 财政决算), the totals are that budget's.
      const opening = /^[^，,；;。\d]{0,12}?(?:\d{4}年度?)?[^，,；;。\d]{0,6}?(政府性基金|国有资本经营)/.exec(text)?.[1];
      const fund = /^total\.(income|expense)$/.test(phrase.entry.concept) ? (opening ? (opening === '政府性基金' ? 'gov_fund' : 'state_capital')
        : ctx.lineFund ?? (ctx.sectionConcept === 'expense.gov_fund' ? 'gov_fund' : ctx.sectionConcept === 'expense.state_capital' ? 'state_capital' : undefined)) : undefined;
      const dims = scope || fund ? { ...(phrase.entry.dims ?? {}), ...(scope ? { scope } : {}), ...(fund ? { fund } : {}) } : phrase.entry.dims;
      subj = { concept: phrase.entry.concept, ...(dims ? { dims } : {}), at: phrase.start, statement: newStatement(), ...(phrase.entry.pair ? { pair: phrase.entry.pair } : {}) };
    } else if (!isPercent && !isMoney) {
      const c = countSubject(regionText, unit, subject, breakdownAt.some((b) => b < t.start));
      if (c) subj = { concept: c.concept, ...(c.dims ? { dims: c.dims } : {}), at: t.start, statement: newStatement() };
    } else if (isMoney || isPercent) {
      // Functional classification lines: the figure's subject is a 类/款/项, the concept comes from the heading or the 其中 whole.
      const parent = parentFor(t.start);
      const governing = parent?.concept && /^expense\.(general_budget|gov_fund|state_capital)$/.test(parent.concept) ? parent.concept : ctx.sectionConcept;
      const code = measure === 'level' || !subject ? functionalSubject(regionText.length > 2 ? regionText : before, Y) : undefined;
      if (code && governing && (measure === 'level' || !subject)) {
        subj = { concept: governing, dims: { functional: code }, at: t.start, statement: newStatement() };
      }
    }
    if (!subj) {
      // Same subject as the figure before (rate after change, share or completion after level).
      // "支出预算为A万元，支出决算为B万元": the 决算 of the same subject, said right after its budget.
      const actualAfterBudget = isMoney && subject !== undefined && ctx.lastLevel?.scenario !== undefined && ctx.lastLevel.scenario !== 'actual'
        && /^[，,]?(?:支出)?决算(?:支出)?(?:数)?(?:为|是)?$|^[，,]?实际支出(?:数)?(?:为|是)?$/.test(words);
      // Other words in between name another subject the lexicon does not know ("…会议费减少87.51万元，培训费增加4.66万"):
      // the figure is not the previous subject's.
      const otherWords = residue.replace(/(?:与|和|同|较|比|相较于?)[^，,；;。]{0,16}?预算(?:数)?(?:相比|比较)?/g, '').replace(/[，,；;、（）()“”"\s]|同比|环比|相比|相较|比较|其中|分别|各|主要|共|了|预算|年初|调整后?|全年|决算|批复|实际|完成|的|占|年?计划/g, '');
      // A share, rate or completion right after a figure that could not be read belongs to that figure, not to the
      // subject before it ("…拨款收入413.34万元，占97.79%；政府性基金预算财政拨款3.95万元，占0.93%").
      const afterUnread = measure !== 'level' && ctx.lastLevel?.claim === -1 && lastUnreadEnd !== undefined && lastUnreadEnd > (subjectEnd ?? -1);
      const compatible = subject && otherWords.length < 2 && !afterUnread && (measure !== 'level' || (isMoney && unitInferred) || actualAfterBudget || (scenarioFrom(regionText) !== undefined && residue.replace(/[，,；;、]|年初|调整后?|全年|预算/g, '').length <= 2));
      if (compatible && subject) subj = subject;
    }
    if (!subj || !subj.concept) {
      if (!isPercent && measure === 'level' && !isMoney) {
        prevEnd = t.end;
        continue; // counts of things we do not model (台套, 件, 份…) are not figures of the accounts
      }
      uncertain(t, againstBudget ? AGAINST_BUDGET : '无法确定该数字对应的指标', regionText, measure, direction);
      // An unread figure inside a bracket is an aside ("收入完成78.14亿元（县本级60.4亿元，高新区17.74亿元），完成调整预算的
      // 102.72%"): what follows the bracket still speaks of the subject before it.
      const aside = /[（(][^（）()]*$/.test(text.slice(Math.max(0, t.start - off - 60), t.start - off));
      if (measure === 'level' && !aside) lastUnreadEnd = t.end;
      if (measure === 'level' && !aside) ctx.lastLevel = { claim: -1, scenario: scenarioFrom(text.slice(Math.max(prevEnd - off, t.start - off - 200), t.start - off).split(/[；;]/).pop() ?? '') ?? 'actual' };
      prevEnd = t.end;
      lastWasLevel = measure === 'level';
      continue;
    }
    subject = subj;

    // Scenario: budget words in front of the figure, or the 其中 whole's scenario.
    const parent = parentFor(t.start);
    // "财政拨款支出3611.81万元，主要用于：基本支出3455.91万元" is the 基本支出 of that money, not of all money.
    if (measure === 'level' && parent?.concept && FUND_OF[parent.concept] && (subj.concept === 'expense.basic' || subj.concept === 'expense.project') && !subj.dims?.fund) {
      subj = { ...subj, dims: { ...(subj.dims ?? {}), fund: FUND_OF[parent.concept]! } };
      subject = subj;
    }
    // Budget words since the figure before ("支出预算为1102万元，支出决算为769.70万元": the second is the 决算).
    const ownWords = phrase && phrase.end > prevEnd ? afterPhrase : cut(text, off, prevEnd, t.start, ranges);
    let scenario: ClaimScenario = /决算(?:数)?(?:为|是)?$/.test(ownWords.replace(/\s/g, '')) ? 'actual' : scenarioFrom(ownWords) ?? 'actual';
    if (scenario === 'actual' && parent && parent.scenario !== 'actual' && measure === 'level') scenario = parent.scenario;
    // Under a heading about the budget ("一、2018年年初预算"), the parts of a budget's 其中 are budget figures, whatever
    // words a copied sentence gives them ("预算54万元，其中：因公出国（境）费支出决算0万元；…").
    if (parent && parent.scenario !== 'actual' && measure === 'level' && ctx.section && /预算/.test(ctx.section) && !/决算/.test(ctx.section)) scenario = parent.scenario;
    if (scenario === 'actual' && measure === 'level' && /年初.{0,12}预算[^，。；]{0,6}[（(]其中[：:]?[^（）()]*$/.test(before)) scenario = 'budget_initial';

    // Year: "上年X" is last year's; a label before the subject states the year.
    // A year in a reason clause ("主要是2016年开展公车改革，车辆减少；公务接待费430万元") dates an event: it labels no
    // figure after the clause ends.
    const label = lastBefore(yearLabels, (l) => l.end <= (phrase ? phrase.start : t.start) + 1
      && !(/(?:主要|原因|由于|因为)[^，,；;。]{0,6}$/.test(text.slice(Math.max(0, l.at - off - 10), l.at - off)) && /[；;。]/.test(text.slice(l.end - off, (phrase ? phrase.start : t.start) - off))));
    const lastYearWord = /(?:上年|上一年度|去年)(?:度)?(?:的)?$/.test(text.slice(Math.max(0, (phrase ? phrase.start : t.start) - off - 20), (phrase ? phrase.start : t.start) - off));
    let year = Y;
    let statedYear: number | undefined;
    if (lastYearWord && Y !== undefined) year = Y - 1;
    else if (label && Y !== undefined && label.year !== Y) {
      statedYear = label.year;
      // A last-year label is taken as written only when the sentence also speaks of the report year.
      year = label.year === Y - 1 && !mentionsReportYear && measure === 'level' ? Y : label.year;
      if (label.year === Y - 1 && measure !== 'level') year = Y;
    }
    const cmp = lastBefore(ranges, (r) => r.end <= t.start);
    const baseYear = measure === 'change' || measure === 'changeRate' ? cmp?.baseYear ?? (Y !== undefined ? Y - 1 : undefined) : undefined;
    if (base === undefined && measure === 'share') {
      if (parent?.concept && parent.claim >= 0) base = { concept: ctx.claims[parent.claim]!.concept, ...(ctx.claims[parent.claim]!.dims ? { dims: ctx.claims[parent.claim]!.dims } : {}) };
      else if (subj.dims?.functional && subj.concept) base = { concept: subj.concept };
      else if (subj.concept && SHARE_PARENT[subj.concept]) base = { concept: SHARE_PARENT[subj.concept]! };
    }

    const push = (concept: string, value: string, span: Span, extra: Partial<Claim> = {}) => {
      ctx.claims.push({
        concept, value, unit, scenario, measure,
        ...(year !== undefined ? { year } : {}),
        ...(direction ? { direction } : {}),
        ...(subj!.dims ? { dims: subj!.dims } : {}),
        span, sentence: sentenceSpan,
        ...(ctx.section ? { section: ctx.section } : {}),
        ...(base ? { base } : {}),
        ...(againstBudget ? { against: 'budget' as const } : baseYear !== undefined ? { baseYear } : {}),
        ...(statedYear !== undefined ? { statedYear } : {}),
        ...(unitInferred ? { unitInferred: true as const } : {}),
        statement: subj!.statement,
        ...extra,
      });
      return ctx.claims.length - 1;
    };

    // "收、支总计各是A、B万元": two values, two concepts.
    const next = tokens[i + 1];
    // … and their changes: "收、支总计各减少A,B万元，各下降X%、Y%".
    if (subj.pair && next && /^[、和及与,，]$/.test(text.slice(t.end - off, next.start - off).trim()) && /(?:各|分别)(?:是|为|增加|减少|增长|下降|上升|降低)?了?$/.test(words)
      && (measure === 'level' || measure === 'change' || measure === 'changeRate')) {
      const nextUnit = next.unit || unit;
      push(subj.pair[0], t.value, { start: t.start, end: t.end }, { unit: nextUnit });
      unit = nextUnit;
      push(subj.pair[1], next.value, { start: next.start, end: next.end }, { unit: nextUnit });
      i++;
      prevEnd = next.end;
      lastWasLevel = measure === 'level';
      continue;
    }
    subjectEnd = t.end;
    const idx = push(subj.concept!, t.value, { start: t.start, end: t.end });
    if (measure === 'level') {
      ctx.lastLevel = { claim: idx, scenario, concept: subj.concept };
      if (parent && parent.claim !== idx) {
        const key = `${parent.claim}`;
        const lastBd = ctx.breakdowns[ctx.breakdowns.length - 1];
        let bd = lastBd && `${lastBd.parent}` === key && lastBd.span.end >= sentence.start ? lastBd : undefined;
        if (!bd) {
          bd = { parent: parent.claim, parts: [], span: { start: sentence.start, end: sentence.end } };
          ctx.breakdowns.push(bd);
        }
        // "其中：…公务用车购置及运行维护费21万元（公务用车购置费0万元、运行维护费21万元），…": figures in brackets
        // opened after the 其中 are the parts of the part before them, not of the whole.
        const sinceBreakdown = text.slice(Math.max(0, (lastBefore(breakdownAt, (p) => p < t.start) ?? off) - off), t.start - off);
        const open = (sinceBreakdown.match(/[（(]/g) ?? []).length - (sinceBreakdown.match(/[）)]/g) ?? []).length;
        if (open <= 0) bd.parts.push(idx);
        bd.span.end = Math.max(bd.span.end, t.end);
      } else if (ctx.openBreakdown && !parent) {
        ctx.openBreakdown.parts.push(idx);
        ctx.openBreakdown.span.end = t.end;
      }
    }
    if (pendingPrior && measure !== 'level') {
      // "与2020年1734.79万元相比，X减少…": the figure compared with is last year's level of the same subject.
      const p = pendingPrior.token;
      const py = pendingPrior.baseYear;
      ctx.claims.push({
        concept: subj.concept!, value: p.value, unit: p.unit || unit, scenario: 'actual', measure: 'level',
        ...(py !== undefined ? { year: py } : {}), ...(subj.dims ? { dims: subj.dims } : {}),
        span: { start: p.start, end: p.end }, sentence: sentenceSpan, ...(ctx.section ? { section: ctx.section } : {}), statement: subj.statement,
      });
      pendingPrior = undefined;
    }
    lastWasLevel = measure === 'level';
    prevEnd = t.end;
  }
  // A comparison after the subject ("机关运行经费支出29.9万元，比2020年30.63万元减少…") whose change came first is handled above;
  // one whose subject was before it and no change followed stays unused.
  if (pendingPrior && subject?.concept) {
    const p = pendingPrior.token;
    ctx.claims.push({
      concept: subject.concept, value: p.value, unit: p.unit, scenario: 'actual', measure: 'level',
      ...(pendingPrior.baseYear !== undefined ? { year: pendingPrior.baseYear } : {}), ...(subject.dims ? { dims: subject.dims } : {}),
      span: { start: p.start, end: p.end }, sentence: sentenceSpan, ...(ctx.section ? { section: ctx.section } : {}), statement: subject.statement,
    });
  }

  // 持平 / 无变化 / 决算数等于预算数: statements without a figure.
  if (subject?.concept) {
    const last = lastBefore(ctx.claims, () => true) && findLastLevel(ctx.claims, subject.statement, Y);
    for (const m of allMatches(FLAT, text)) {
      if (!last) break;
      const at = off + m.index;
      // The 持平 is said of the figure just before it: only when that figure is this subject's.
      const before = lastBefore(tokens, (tk) => tk.end <= at);
      if (before && !ctx.claims.some((c) => c.statement === subject!.statement && c.span.start === before.start)) continue;
      const cmp = [...ranges].reverse().find((r) => r.end <= at + m[0].length + 8);
      ctx.claims.push({
        concept: subject.concept, value: '0', unit: last.unit, scenario: 'actual', measure: 'change', direction: 'flat',
        ...(Y !== undefined ? { year: Y } : {}), ...(subject.dims ? { dims: subject.dims } : {}),
        span: { start: at, end: at + m[0].length }, sentence: sentenceSpan, ...(ctx.section ? { section: ctx.section } : {}),
        ...(cmp?.baseYear !== undefined ? { baseYear: cmp.baseYear } : Y !== undefined ? { baseYear: Y - 1 } : {}),
        statement: subject.statement,
      });
    }
    const eq = /决算数等于预算数|预算数等于决算数|决算数与预算数(?:一致|相等|持平)/.exec(text);
    if (eq && last && !ctx.claims.slice(-20).some((c) => c.statement === subject!.statement && c.scenario !== 'actual' && c.measure === 'level')) {
      ctx.claims.push({ ...last, scenario: 'budget', span: { start: off + eq.index, end: off + eq.index + eq[0].length }, sentence: sentenceSpan, value: last.value });
    }
  }
  // Carried to the next sentence only when this one ended on its 决算 level ("事业收入45.29万元，为……。").
  const lastClaim = ctx.claims[ctx.claims.length - 1];
  // Not after a 其中 list: a comparison after it speaks of the whole, not of the last part ("…其中：行政人员8人，事业人员10人。比上年增加2人").
  if (subject?.concept && !subject.pair && lastClaim && lastClaim.statement === subject.statement && lastClaim.measure === 'level' && lastClaim.scenario === 'actual'
    && MONEY_UNITS.has(lastClaim.unit) && breakdownAt.length === 0) {
    ctx.carrySubject = subject;
  }
  // "…，其中：" at the end of a line: its parts follow on the next lines.
  if (/其中[：:]?\s*$/.test(text) && ctx.lastLevel && ctx.lastLevel.claim >= 0) {
    ctx.openBreakdown = { parent: ctx.lastLevel.claim, parts: [], span: { start: sentence.start, end: sentence.end } };
    ctx.breakdowns.push(ctx.openBreakdown);
  }
}

/** The last level of a statement among the most recent claims (a statement's claims are adjacent). */
function findLastLevel(claims: readonly Claim[], statement: number, Y: number | undefined): Claim | undefined {
  for (let i = claims.length - 1; i >= 0 && i >= claims.length - 50; i--) {
    const c = claims[i]!;
    if (c.statement === statement && c.measure === 'level' && c.scenario === 'actual' && (c.year === Y || c.year === undefined)) return c;
  }
  return undefined;
}

export { LEXICON };
