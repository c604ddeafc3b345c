/**
 * Normalised report text → claims, headings, named lists, evaluations and
 * the figures we could not place. Pure: no I/O, runs in a browser.
 */
import { maskNoise } from '../text/mask.js';
import { lines as splitLines, sentences, type Segment } from '../text/segments.js';
import { claimInterval, gap } from '../quantity.js';
import type { Claim, ExtractResult, Heading } from '../types.js';
import { readEvaluations } from './evaluations.js';
import { readHeader } from './header.js';
import { findPhrases } from './lexicon.js';
import { readLists } from './lists.js';
import { readHeadings } from './sections.js';
import { readSentence, type Breakdown, type SentenceContext } from './statements.js';
import { readTextTables } from './textTables.js';

export interface Extraction extends ExtractResult {
  /** "其中" wholes and their parts (claim indexes). */
  breakdowns: Breakdown[];
  /** The masked text the offsets refer to (same length as the input). */
  masked: string;
  lines: Segment[];
}

/** The concept a heading is about ("一般公共预算财政拨款支出决算具体情况" → expense.general_budget). */
function headingConcept(text: string): string | undefined {
  if (/政府性基金/.test(text)) return 'expense.gov_fund';
  if (/国有资本经营/.test(text)) return 'expense.state_capital';
  const p = findPhrases(text, text).find((m) => /^expense\.(general_budget|gov_fund|state_capital)$/.test(m.entry.concept));
  return p?.entry.concept;
}

/**
 * A level labelled last year in a sentence that does not speak of the report year is first read as this
 * year's figure mislabelled (the seeds' “2021年政府性基金预算财政拨款支出0万元” in a 2022 report). When the text
 * also states this year's figure of the same subject, with another value, the label is meant: it is last
 * year's figure (“2021年的三公经费决算数合计为807.95万” after “2022年的…合计为1000.86万”).
 */
function priorYearLabels(claims: Claim[], Y: number | undefined, text: string): void {
  if (Y === undefined) return;
  const key = (c: Claim) => `${c.concept}|${JSON.stringify(Object.entries(c.dims ?? {}).sort())}`;
  const current = new Map<string, Claim[]>();
  for (const c of claims) {
    if (c.measure !== 'level' || c.scenario !== 'actual' || c.year !== Y || c.statedYear !== undefined) continue;
    const list = current.get(key(c)) ?? [];
    list.push(c);
    current.set(key(c), list);
  }
  // The same figure within the rounding of the digits stated ("580" and "580.00万元", 元 and 万元).
  const same = (a: Claim, b: Claim) => {
    const A = claimInterval(a);
    const B = claimInterval(b);
    return A !== undefined && B !== undefined && gap(A, B) === 0n;
  };
  const moved = new Set<number>();
  const comparesWithLastYear = new RegExp(`(?:比|较|与|同)\\s*(?:上年|上一年度?|去年|${Y - 1}年)`);
  for (const c of claims) {
    if (c.measure !== 'level' || c.statedYear !== Y - 1 || c.year !== Y) continue;
    const stated = current.get(key(c));
    if (!stated || stated.some((o) => same(o, c))) continue;
    // "2021年…支出X万元，比2021年增加…": compared with the year it is labelled, so the label is wrong.
    if (comparesWithLastYear.test(text.slice(c.sentence.start, c.sentence.end))) continue;
    moved.add(c.sentence.start);
  }
  // The whole sentence under that label is last year's: its other levels and its shares (“占…”) too.
  for (const c of claims) {
    if ((c.measure === 'level' || c.measure === 'share') && c.statedYear === Y - 1 && moved.has(c.sentence.start)) {
      c.year = Y - 1;
      delete c.statedYear;
    }
  }
}

export function extract(text: string): Extraction {
  const masked = maskNoise(text);
  const lines = splitLines(masked);
  const header = readHeader(lines);
  const evaluations = readEvaluations(lines, header.unit, header.year);
  const formSpans = evaluations.flatMap((e) => (e.formSpan ? [e.formSpan] : []));
  const sections = readHeadings(lines, formSpans);
  const headingAt = new Map<number, Heading>(sections.map((h) => [h.span.start, h]));
  const ctx: SentenceContext = {
    year: header.year, section: undefined, sectionConcept: undefined,
    claims: [], uncertain: [], breakdowns: [], nextStatement: 0,
  };
  const lists = [];
  let current: Heading | undefined;
  const nextYearBudget = header.year !== undefined ? new RegExp(`${header.year + 1}年度?[^。]{0,20}预算`) : undefined;
  // Tables written as text ("合计 | 2911.47 | 2706.86 |"): their cells are read by row and column, not as sentences.
  const tables = readTextTables(lines, header.year);
  let tp = 0;
  for (const line of lines) {
    if (formSpans.some((f) => line.start >= f.start && line.start < f.end)) continue;
    while (tp < tables.length && tables[tp]!.span.end < line.start) tp++;
    const table = tables[tp];
    if (table && line.start >= table.span.start && line.start <= table.span.end) {
      if (line.start === table.span.start) {
        const statementOf = new Map<number, number>();
        for (const row of table.rows) {
          const st = ctx.nextStatement++;
          for (const k of row) statementOf.set(k, st);
        }
        table.claims.forEach((c, k) => ctx.claims.push({ ...c, statement: statementOf.get(k)!, ...(ctx.section ? { section: ctx.section } : {}) }));
        ctx.lastLevel = undefined;
        ctx.openBreakdown = undefined;
      }
      continue;
    }
    const trimmedStart = line.start + (line.text.length - line.text.trimStart().length);
    const h = headingAt.get(trimmedStart);
    if (h && h.text.length <= 40 && !/[。]$/.test(h.text)) {
      current = h;
      ctx.section = `${h.numbering}${h.text}`;
      ctx.sectionConcept = headingConcept(h.text);
      ctx.lastLevel = undefined;
      ctx.openBreakdown = undefined;
      // A heading that also states figures ("（一）单位财政支出情况：2022年…") is read as text too.
      if (!/\d/.test(h.text)) continue;
    }
    ctx.carrySubject = undefined;
    const lineFund = /^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．])?\s*(政府性基金|国有资本经营)(?:预算)?[。：:]/.exec(line.text)?.[1];
    ctx.lineFund = lineFund === '政府性基金' ? 'gov_fund' : lineFund ? 'state_capital' : undefined;
    if (line.text.trim() === '') {
      ctx.openBreakdown = undefined;
      continue;
    }
    lists.push(...readLists(line));
    const nextBudget = nextYearBudget?.exec(line.text);
    ctx.nextYearBudgetFrom = nextBudget ? line.start + nextBudget.index : undefined;
    const keepOpen = ctx.openBreakdown;
    for (const s of sentences(line)) readSentence(s, ctx);
    if (keepOpen && ctx.openBreakdown === keepOpen && keepOpen.parts.length > 0 && !/其中[：:]?\s*$/.test(line.text)) {
      // Parts of a line-ending 其中 run until a line adds none.
    }
  }
  void current;
  priorYearLabels(ctx.claims, header.year, masked);
  return {
    ...header,
    claims: ctx.claims,
    sections,
    lists,
    evaluations,
    uncertain: ctx.uncertain,
    breakdowns: ctx.breakdowns,
    masked,
    lines,
  };
}

/** The public extraction: what the text states, with spans into it. */
export function extractClaims(text: string): ExtractResult {
  const { breakdowns: _b, masked: _m, lines: _l, ...rest } = extract(text);
  return rest;
}
