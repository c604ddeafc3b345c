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

/** Claims grouped by subject (concept and dimensions), built once per claims array so look-ups stay linear overall. */
const SUBJECTS = new WeakMap<readonly Claim[], { size: number; map: Map<string, number[]> }>();
export const subjectKey = (c: Pick<Claim, 'concept' | 'dims'>) => `${c.concept}|${JSON.stringify(Object.entries(c.dims ?? {}).sort())}`;

/** Indexes of the claims about the same subject as `c` (any year, scenario, measure), in text order. */
export function sameSubject(claims: readonly Claim[], c: Pick<Claim, 'concept' | 'dims'>): number[] {
  let idx = SUBJECTS.get(claims);
  if (!idx || idx.size !== claims.length) {
    const map = new Map<string, number[]>();
    claims.forEach((l, i) => {
      const k = subjectKey(l);
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    });
    idx = { size: claims.length, map };
    SUBJECTS.set(claims, idx);
  }
  return idx.map.get(subjectKey(c)) ?? [];
}

export function levelIndex(claims: readonly Claim[], c: Claim, excluded: ReadonlySet<number>): number {
  const candidates = sameSubject(claims, c).filter((i) => {
    const l = claims[i]!;
    return !excluded.has(i) && l.measure === 'level' && l.scenario === 'actual' && l.year === c.year;
  });
  const inStatement = candidates.find((i) => claims[i]!.statement === c.statement);
  if (inStatement !== undefined) return inStatement;
  let best = -1;
  for (const i of candidates) {
    const l = claims[i]!;
    if (l.section === c.section && l.span.start < c.span.start && c.span.start - l.span.start < 400) best = i;
  }
  if (best >= 0) return best;
  // Further away: only a figure the text states one way wherever it states it (no other scope, no other value).
  const before = candidates.filter((i) => claims[i]!.span.start < c.span.start && claims[i]!.statedYear === undefined);
  const first = before[0] !== undefined ? claims[before[0]]! : undefined;
  if (first && before.length === candidates.length && before.every((i) => claims[i]!.value === first.value && claims[i]!.unit === first.unit)) return before[before.length - 1]!;
  return -1;
}

export const spanOf = (c: Claim): Span => c.span;

/**
 * A text rule's finding. `severity` here is the reading's certainty ('error' = unambiguous);
 * auditExtraction caps it by the rule's severity in src/rules/severity.ts.
 * `expected`, `stated` and `tolerance` are bare figures in `unit`, which readers append
 * (“所述 2辆”): a figure that already ends with the unit would print it twice (“2辆辆”),
 * so the unit written into one is dropped here, whichever rule built it.
 */
export function finding(rule: string, severity: 'error' | 'warning', message: string, spans: Span[], extra: Partial<TextFinding> = {}): TextFinding {
  const f: TextFinding = { rule, severity, message, spans, ...extra };
  const unit = f.unit;
  if (unit) {
    for (const k of ['expected', 'stated', 'tolerance'] as const) {
      const v = f[k];
      if (v !== undefined && v.endsWith(unit) && v.length > unit.length && /\d$/.test(v.slice(0, -unit.length))) f[k] = v.slice(0, -unit.length);
    }
  }
  return f;
}

/** Decimals written in a value ("5.2" → 1). */
export const decimalsOf = (v: string) => (v.includes('.') ? v.split('.')[1]!.length : 0);
