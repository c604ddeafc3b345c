/**
 * Building blocks of generated sentences. Every figure is a FigureRun made
 * from an exact value here, so no section writer formats a number by hand.
 */
import {
  amountVerb, changeOf, exactDecimal, formatPercent, formatWan, percentOf, rateVerb, type Fen, type Percent,
} from '../money/index.js';
import type { FigureRun, FigureUnit, Inline, Scenario, TodoRun } from './tree.js';

export interface FigureOptions {
  year: number;
  scenario?: Scenario;
  dims?: Record<string, string>;
}

/** An amount printed in 万元 with two decimals (四舍五入); data-value keeps the exact amount. */
export function wanFig(concept: string, fen: Fen, o: FigureOptions): FigureRun {
  return figure(concept, formatWan(fen), exactDecimal(fen, '万元'), '万元', o);
}

export function pctFig(concept: string, p: Percent, o: FigureOptions): FigureRun {
  const s = formatPercent(p);
  return figure(concept, s, s, '%', o);
}

export function countFig(concept: string, n: number | bigint, unit: FigureUnit, o: FigureOptions): FigureRun {
  const s = String(n);
  return figure(concept, s, s, unit, o);
}

function figure(concept: string, text: string, value: string, unit: FigureUnit, o: FigureOptions): FigureRun {
  return {
    kind: 'figure', text, concept, value, unit, year: o.year, scenario: o.scenario ?? 'actual',
    ...(o.dims && Object.keys(o.dims).length > 0 ? { dims: o.dims } : {}),
  };
}

export function todo(what: string, path: string): TodoRun {
  return { kind: 'todo', what, path };
}

/** "1193.39万元" as runs. */
export function wan(concept: string, fen: Fen, o: FigureOptions): Inline[] {
  return [wanFig(concept, fen, o), '万元'];
}

/** "占51.40%" as runs; a zero whole gives no share. */
export function shareOf(concept: string, part: Fen, whole: Fen, o: FigureOptions, precomputed?: Percent): Inline[] {
  const p = precomputed ?? percentOf(part, whole);
  if (p === null) return [];
  return ['占', pctFig(`share.${concept}`, p, o), '%'];
}

/**
 * The change of a figure against a base, e.g. "增加615.65万元，增长106.56%",
 * "减少0.54万元，下降5.20%", "持平", "增加9.84万元（上年无此项）".
 */
export function changeRuns(concept: string, current: Fen, base: Fen, o: FigureOptions): Inline[] {
  const c = changeOf(current, base);
  if (c.direction === 'flat') return ['持平'];
  const runs: Inline[] = [amountVerb(c.direction), wanFig(`change.${concept}`, c.amount, o), '万元'];
  if (c.percent === null) runs.push('（上年无此项）');
  else runs.push('，', rateVerb(c.direction), pctFig(`change_pct.${concept}`, c.percent, o), '%');
  return runs;
}

/** "完成预算96.00%" / "年初未安排预算" for an actual against its budget. */
export function completionRuns(concept: string, actual: Fen, budget: Fen | undefined, o: FigureOptions, budgetPath: string): Inline[] {
  if (budget === undefined) return ['完成预算', todo('预算数', budgetPath)];
  const p = percentOf(actual, budget);
  if (p === null) return ['年初未安排预算'];
  return ['完成预算', pctFig(`completion.${concept}`, p, o), '%'];
}

/** "决算数等于预算数" / "决算数大于预算数的主要原因是…". */
export function budgetGapRuns(actual: Fen, budget: Fen, reason: Inline): Inline[] {
  if (actual === budget) return ['决算数等于预算数'];
  return [actual > budget ? '决算数大于预算数的主要原因是' : '决算数小于预算数的主要原因是', reason];
}

/** Joins inline groups with a separator, e.g. "；". */
export function joinRuns(groups: Inline[][], sep: string): Inline[] {
  const out: Inline[] = [];
  groups.forEach((g, i) => {
    if (i > 0) out.push(sep);
    out.push(...g);
  });
  return out;
}

/** Chinese list: 甲、乙和丙 → here 甲、乙、丙 (the form reports use). */
export function listNames(names: readonly string[]): string {
  return names.join('、');
}

/** Removes a final 。 or ； so generated text can add its own punctuation. */
export function trimEnd(s: string): string {
  return s.replace(/[。；;，,\s]+$/u, '');
}
