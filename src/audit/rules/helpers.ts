/** Shared look-ups for the text rules. */
import { label } from '../../rules/format.js';
import type { Extraction } from '../extract/index.js';
import type { Claim, Span, TextFinding } from '../types.js';

export const sameDims = (a?: Record<string, string>, b?: Record<string, string>) => {
  const x = Object.entries(a ?? {}).sort();
  const y = Object.entries(b ?? {}).sort();
  return JSON.stringify(x) === JSON.stringify(y);
};

/** The Chinese name of a claim's subject, with its 功能分类 code when it has one. */
export function subjectName(c: Pick<Claim, 'concept' | 'dims'>): string {
  const code = c.dims?.functional;
  return `${label(c.concept)}${code ? `（科目${code}）` : ''}`;
}

/** The level this year of the same subject: in the same statement, else the nearest before it under the same heading. */
export function levelOf(x: Pick<Extraction, 'claims'>, c: Claim, excluded: ReadonlySet<number>): number {
  return levelIndex(x.claims, c, excluded);
}

export function levelIndex(claims: readonly Claim[], c: Claim, excluded: ReadonlySet<number>): number {
  const same = (l: Claim, i: number) => !excluded.has(i) && l.measure === 'level' && l.scenario === 'actual' && l.year === c.year && l.concept === c.concept && sameDims(l.dims, c.dims);
  const inStatement = claims.findIndex((l, i) => same(l, i) && l.statement === c.statement);
  if (inStatement >= 0) return inStatement;
  let best = -1;
  claims.forEach((l, i) => {
    if (same(l, i) && l.section === c.section && l.span.start < c.span.start && c.span.start - l.span.start < 400) best = i;
  });
  return best;
}

export const spanOf = (c: Claim): Span => c.span;

export function finding(rule: string, severity: 'error' | 'warning', message: string, spans: Span[], extra: Partial<TextFinding> = {}): TextFinding {
  return { rule, severity, message, spans, ...extra };
}

/** Decimals written in a value ("5.2" → 1). */
export const decimalsOf = (v: string) => (v.includes('.') ? v.split('.')[1]!.length : 0);
