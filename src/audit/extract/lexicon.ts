/**
 * Concept phrases: the words a report puts in front of a figure, mapped to
 * concept ids. Longer phrases win over the phrases they contain
 * (一般公共预算财政拨款收入 over 财政拨款收入). An entry may need the sentence
 * to mention something (工程支出 only in a sentence about 政府采购).
 */

import { allMatches } from '../text/matches.js';

export interface LexiconEntry {
  concept: string;
  pattern: RegExp;
  dims?: Record<string, string>;
  /** The sentence must match this for the entry to apply. */
  requires?: RegExp;
  /** "收、支总计各是A、B万元": two values for two concepts. */
  pair?: [string, string];
}

const Q = '[“"‘\'「]?';
const QE = '[”"’\'」]?';
const PAREN = (s: string) => `[（(]${s}[）)]`;

const e = (concept: string, source: string, extra: Partial<LexiconEntry> = {}): LexiconEntry => ({ concept, pattern: new RegExp(source, 'g'), ...extra });
const PROCUREMENT = /政府采购/;
const NOT_FISCAL = /^(?![^]*拨款)/;

export const LEXICON: readonly LexiconEntry[] = [
  // "财政拨款收入总计A万元(…)，支出总计A万元": both halves are the 财政拨款 total. The look-behind comes after 支出总计
  // (the same matches): in front of it, it was tried backwards over up to 80 characters at every position of the text.
  e('fiscal.total', '财政拨款收、?支总计|财政拨款收入支出总计|财政拨款收入总计|支出总计(?<=财政拨款收入总计[^。；;]{0,80}支出总计)'),
  e('total.income_expense', '收、?支总计|收入、?支出总计', { pair: ['total.income', 'total.expense'] }),
  // "收支较上年决算数增加1995.90万元，增长14.18%": 收入总计 and 支出总计 are one figure (the table balances), read as 收入总计.
  e('total.income', '收入总计|(?<![、和及与])收支(?=(?:总计)?(?:较|比|与|同比))'),
  e('total.expense', '支出总计'),
  // "本部门2021年度收入合计10911万元": a year's 收入合计 is its 本年收入合计 (收入总计 adds the carry-over).
  // "2019年收入决算43187160.08元，上年收入决算39312554.51元": a year's 收入决算 is its 本年收入合计.
  e('income.total', '本年收入合计|本年收入|(?<=\\d{4}年度?)收入合计|(?<=(?:\\d{3,4}年度?|上年度?|本年度?)\\s?)收入决算(?:数)?(?=\\s?(?:为|是)?\\s?\\d)'),
  e('expense.total', '本年支出合计|本年支出|(?<=\\d{4}年度?)支出合计|(?<=(?:\\d{3,4}年度?|上年度?|本年度?)\\s?)支出决算(?:数)?(?=\\s?(?:为|是)?\\s?\\d)'),
  // The carry-over of all money, only in a sentence that does not speak of 财政拨款 (whose own carry-over is another
  // figure: "政府性基金预算财政拨款收入…，支出…，年末结转和结余85.68万元").
  e('balance.opening', '(?:年初|上年)结转和?结余', { requires: NOT_FISCAL }),
  e('balance.closing', '年末结转和?结余', { requires: NOT_FISCAL }),
  e('balance.distribution', '结余分配', { requires: NOT_FISCAL }),
  // "一般公共预算收入…", "地方一般公共预算收入…": a unit's 一般公共预算 money received, or a government's revenue of that
  // budget (财政决算) — one concept either way, as 一般公共预算支出 is.
  e('income.general_budget', '一般公共(?:预算)?(?:财政)?拨款(?:（补助）)?收入|(?<!一般)公共预算财政拨款收入|(?:地方)?一般公共预算(?:本级)?收入(?!决算表|总计|合计)'),
  e('income.gov_fund', '政府性基金预算(?:财政)?拨款收入'),
  e('income.state_capital', '国有资本经营预算(?:财政)?拨款收入'),
  e('income.fiscal', '财政拨款收入'),
  e('income.superior_subsidy', '上级补助收入'),
  e('income.business', '事业收入'),
  e('income.operating', '(?<!国有资本)经营收入'),
  e('income.affiliate', '附属单位上缴收入'),
  e('income.other', '其他收入'),
  e('expense.basic', '一般公共预算财政拨款基本支出', { dims: { fund: 'general_budget' } }),
  e('expense.project', '一般公共预算财政拨款项目支出', { dims: { fund: 'general_budget' } }),
  e('expense.basic', '基本支出'),
  e('expense.project', '项目支出'),
  e('expense.remit', '上缴上级支出'),
  e('expense.operating', '(?<!国有资本)经营支出'),
  e('expense.affiliate_subsidy', '对附属单位补助支出'),
  e('expense.general_budget', '一般公共(?:预算)?(?:财政)?拨款支出|一般公共预算支出|(?<!一般)公共预算财政拨款支出'),
  e('expense.gov_fund', '政府性基金预算(?:财政)?拨款支出|政府性基金(?:预算)?支出'),
  e('expense.state_capital', '国有资本经营预算(?:财政)?拨款支出|国有资本经营(?:预算)?支出'),
  e('expense.fiscal', '财政拨款支出'),
  e('basic.personnel', '人员经费|人员支出'),
  e('basic.public', '(?<!日常)公用经费'),
  e('sangong.total', `${Q}三公${QE}经费`),
  e('sangong.abroad', `因公出国(?:${PAREN('境')})?(?:经费|费用|费)`),
  e('sangong.vehicle', '(?:公务用车|公车)购置及运行(?:维护)?费'),
  e('sangong.vehicle_purchase', '公务用车购置(?:费|支出)?'),
  e('sangong.vehicle_operation', '(?:公务用车|公车)运行(?:维护)?(?:费用?|支出)|公务车辆运行(?:维护)?(?:费用?|支出)?'),
  // "车辆运行费28.91万元" in a 三公 text is the 公务用车运行维护费.
  e('sangong.vehicle_operation', '(?<![务用公])车辆运行(?:维护)?费', { requires: /三公|公务用车|公车/ }),
  e('sangong.reception', '(?<!国内|外事)公务接待(?:费|(?=支出|[0-9]|为|共计|合计))'),
  e('sangong.reception_domestic', '国内公务接待(?:费|支出)'),
  e('sangong.reception_foreign', '外事接待(?:费|支出)'),
  e('operating_cost', '机关运行经费'),
  e('procurement.total', '政府采购(?:支出)?总额|政府采购金额'),
  e('procurement.goods', '(?:政府采购)?货物(?:类)?(?:采购)?支出', { requires: PROCUREMENT }),
  e('procurement.works', '(?:政府采购)?工程(?:类)?(?:采购)?支出', { requires: PROCUREMENT }),
  e('procurement.services', '(?:政府采购)?服务(?:类)?(?:采购)?支出', { requires: PROCUREMENT }),
  e('procurement.sme', '(?:授予)?中小企业(?:的)?合同金额'),
  e('procurement.sme_small', '(?:授予)?小微企业(?:的)?合同金额'),
];

export interface LexiconMatch {
  entry: LexiconEntry;
  start: number;
  end: number;
}

/**
 * Literal words a match of `source` must contain: for each top-level alternative, its longest run of
 * characters that are neither optional, nor in a class, group or look-around. A text containing none of
 * them cannot match, so the regex need not run (undefined when some alternative has no such run).
 */
export function requiredWords(source: string): string[] | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(source.slice(from));
  const words: string[] = [];
  for (const alt of alternatives) {
    let best = '';
    let run = '';
    const end = () => {
      if (run.length > best.length) best = run;
      run = '';
    };
    for (let i = 0; i < alt.length; i++) {
      const c = alt[i]!;
      if (c === '[' || c === '(') {
        // Skip the class or the group (with a quantifier after it, if any): it ends the run.
        end();
        if (c === '[') {
          i++;
          while (i < alt.length && alt[i] !== ']') i += alt[i] === '\\' ? 2 : 1;
        } else {
          let d = 1;
          let cls = false;
          while (++i < alt.length && d > 0) {
            const x = alt[i]!;
            if (x === '\\') i++;
            else if (cls) cls = x !== ']';
            else if (x === '[') cls = true;
            else if (x === '(') d++;
            else if (x === ')') d--;
          }
          i--;
        }
        continue;
      }
      if ('\\.^$?*+{}|)]'.includes(c)) {
        end();
        continue;
      }
      const q = alt[i + 1];
      if (q === '?' || q === '*' || q === '{') {
        end();
        continue;
      }
      run += c;
      if (q === '+') end();
    }
    end();
    if (best === '') return undefined;
    words.push(best);
  }
  return [...new Set(words)];
}

/** Entries whose regex needs no literal word (always run), and the required words by their first character. */
const ALWAYS: number[] = [];
const BY_FIRST = new Map<number, { word: string; entries: number[] }[]>();
/** 1 for the UTF-16 code units some required word starts with. */
const FIRST = new Uint8Array(0x10000);
LEXICON.forEach((entry, k) => {
  const words = requiredWords(entry.pattern.source);
  if (!words) {
    ALWAYS.push(k);
    return;
  }
  for (const word of words) {
    const first = word.charCodeAt(0);
    FIRST[first] = 1;
    const list = BY_FIRST.get(first) ?? [];
    BY_FIRST.set(first, list);
    const same = list.find((w) => w.word === word);
    if (same) same.entries.push(k);
    else list.push({ word, entries: [k] });
  }
});

/** Which entries may match `text`: those that need no word, and those one of whose words it contains. */
function candidates(text: string): boolean[] {
  const may = new Array<boolean>(LEXICON.length).fill(false);
  for (const k of ALWAYS) may[k] = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (FIRST[c] === 0) continue;
    for (const { word, entries } of BY_FIRST.get(c)!) if (text.startsWith(word, i)) for (const k of entries) may[k] = true;
  }
  return may;
}

/** All phrase matches in `text` (offsets relative to it), overlapping ones resolved to the longest. */
export function findPhrases(text: string, sentence: string): LexiconMatch[] {
  const all: LexiconMatch[] = [];
  // Cheap test first: a text without any of an entry's required words cannot match it.
  const may = candidates(text);
  const required = new Map<RegExp, boolean>();
  for (let k = 0; k < LEXICON.length; k++) {
    if (!may[k]) continue;
    const entry = LEXICON[k]!;
    if (entry.requires) {
      let ok = required.get(entry.requires);
      if (ok === undefined) required.set(entry.requires, (ok = entry.requires.test(sentence)));
      if (!ok) continue;
    }
    for (const m of allMatches(entry.pattern, text)) {
      if (m[0].length === 0) continue;
      all.push({ entry, start: m.index, end: m.index + m[0].length });
    }
  }
  if (all.length < 2) return all;
  // In text order; of two overlapping matches the longer stays (linear sweep).
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: LexiconMatch[] = [];
  for (const m of all) {
    const last = kept[kept.length - 1];
    if (!last || m.start >= last.end) kept.push(m);
    else if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
  }
  return kept;
}
