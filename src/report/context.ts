import type { Fen } from '../money/index.js';
import type { Accounts, Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import type { NumberingLevel } from './numbering.js';
import { numberLabel } from './numbering.js';
import { todo, type FigureOptions } from './phrases.js';
import type { ChartId } from './charts.js';
import type { Block, ChartBlock, Inline, ParagraphBlock } from './tree.js';

/** What a section writer gets: the data, the computed view and where it sits. */
export interface SectionContext {
  d: Dataset;
  a: Accounts;
  profile: Profile;
  year: number;
  priorYear: number;
  /** Figure options for this year's actual figures. */
  fig: FigureOptions;
  /** How the unit refers to itself: 本部门 or 本单位. */
  self: string;
  /** Numbering level of lists inside this section's body. */
  listLevel: NumberingLevel;
  /** The report's charts, built once; a section places the ones it explains. */
  charts: Record<ChartId, ChartBlock | undefined>;
}

export interface SectionOutput {
  blocks: Block[];
  /** Fixed sub-headings (e.g. 五（一）（二）（三）); numbered by the builder. */
  subsections?: { title: string; blocks: Block[] }[];
}

export type SectionWriter = (ctx: SectionContext) => SectionOutput;

export function makeContext(
  d: Dataset, a: Accounts, profile: Profile, listLevel: NumberingLevel, charts: Record<ChartId, ChartBlock | undefined>,
): SectionContext {
  return {
    d, a, profile, year: d.year, priorYear: d.year - 1, charts,
    fig: { year: d.year },
    self: d.unit.level === '部门' ? '本部门' : '本单位',
    listLevel,
  };
}

/** The context for a subsection body, one numbering level deeper. */
export function deeper(ctx: SectionContext): SectionContext {
  return { ...ctx, listLevel: Math.min(5, ctx.listLevel + 1) as NumberingLevel };
}

export function para(...content: Inline[]): ParagraphBlock {
  return { kind: 'paragraph', content };
}

/** Numbered list items at the section's list level. */
export function listItems(ctx: SectionContext, items: Inline[][]): ParagraphBlock[] {
  return items.map((content, i) => ({ kind: 'paragraph', label: numberLabel(ctx.listLevel, i + 1), content }));
}

/** The stated reason for a change, or a visible 【待补充：变动原因】. */
export function reason(ctx: SectionContext, kind: 'vsPrior' | 'vsBudget', key: string): Inline {
  const r = ctx.d.reasons[kind][key];
  return r ?? todo('变动原因', `reasons.${kind}.${key}`);
}

/** Prior-year money figure, if the dataset states it. */
export function priorMoney(ctx: SectionContext, key: string): Fen | undefined {
  const v = ctx.d.prior[key];
  return typeof v === 'object' ? v.fen : undefined;
}

/**
 * "与2021年相比，<subject>增加…，增长…%。主要变动原因是…。" — or a visible gap
 * when the prior-year figure is missing. `subject` may be empty.
 */
export function priorComparison(
  ctx: SectionContext,
  key: string,
  current: Fen,
  subject: string,
  change: (current: Fen, base: Fen) => Inline[],
): Inline[] {
  const base = priorMoney(ctx, key);
  if (base === undefined) return [`与${ctx.priorYear}年相比，${subject}变动情况`, todo('上年决算数', `prior.${key}`), '。'];
  // "收、支总计各增加…" reads well, "各持平" does not: drop 各 when nothing changed.
  if (current === base) return [`与${ctx.priorYear}年相比，${subject.replace(/各$/, '')}`, ...change(current, base), '。'];
  return [`与${ctx.priorYear}年相比，${subject}`, ...change(current, base), '。主要变动原因是', reason(ctx, 'vsPrior', key), '。'];
}

/** The chart a section shows, if the data makes one. */
export function chart(ctx: SectionContext, id: ChartId): Block[] {
  const c = ctx.charts[id];
  return c ? [c] : [];
}
