// The year-on-year comparison of a 收、支总计 pair, shared by 一 (收入支出总体) and 四 (财政拨款总体).
import type { Fen } from '../../money/index.js';
import { priorComparison, priorMoney, reason, type SectionContext } from '../context.js';
import { changeRuns, joinRuns, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

interface Side {
  /** Prior-year key and concept (the same id). */
  key: string;
  label: string;
  value: Fen;
}

export interface Pair {
  /** 总计 on both sides (收、支总计), compared as one figure when equal. */
  total: { key: string; label: string; income: Fen; expense: Fen };
  /** Fallback when only last year's 本年收入/支出 are known (as many reports compare). */
  income: Side;
  expense: Side;
}

/**
 * "与2021年相比，收、支总计各增加…" when last year's 总计 is known; otherwise
 * compares 本年收入 and 本年支出 separately; otherwise leaves a visible gap.
 */
export function pairComparison(ctx: SectionContext, p: Pair): Inline[] {
  const change = (concept: string) => (cur: Fen, base: Fen) => changeRuns(concept, cur, base, ctx.fig);
  const { total } = p;
  const same = total.income === total.expense;
  if (priorMoney(ctx, total.key) !== undefined && same) {
    return priorComparison(ctx, total.key, total.income, `${total.label}各`, change(total.key));
  }
  const sides = [p.income, p.expense].filter((s) => priorMoney(ctx, s.key) !== undefined);
  if (sides.length === 0) return priorComparison(ctx, total.key, total.income, total.label, change(total.key));
  const parts: Inline[][] = [];
  const reasons: Inline[] = [];
  for (const s of sides) {
    const base = priorMoney(ctx, s.key)!;
    parts.push([s.label, ...wan(s.key, s.value, ctx.fig), `，与${ctx.priorYear}年相比`, ...change(s.key)(s.value, base)]);
    if (s.value !== base) {
      const r = reason(ctx, 'vsPrior', s.key);
      if (!reasons.some((x) => JSON.stringify(x) === JSON.stringify(r))) reasons.push(r);
    }
  }
  const out: Inline[] = [...joinRuns(parts, '；'), '。'];
  if (reasons.length > 0) out.push('主要变动原因是', ...joinRuns(reasons.map((r) => [r]), '；'), '。');
  return out;
}
