/**
 * Scoring `juesuan audit` on the corpus of real published texts (test/fixtures/real): each text was
 * labelled by hand with the contradictions it holds, the statements verified as consistent, and its key
 * figures. Pure: the caller reads the files and audits them; here findings and claims are matched to the
 * labels by place (offsets in the text as read, so quotes are exact substrings of the file).
 */
import type { ClaimMeasure } from '../types.js';

export interface LabelQuote {
  quote: string;
  /** 0-based occurrence of the quote in the text when it is not unique. */
  occurrence?: number;
}

export interface RealLabel {
  id: string;
  file: string;
  source: { url: string; title: string; publisher: string; published: string | null; retrieved: string; via: string };
  province: string;
  year: number;
  level: string;
  completeness: 'complete' | 'partial';
  notes?: string;
  contradictions: (LabelQuote & { id: string; kind: string; arithmetic: string; severity?: 'error' | 'warning' })[];
  consistent: (LabelQuote & { arithmetic: string })[];
  keyFigures: (LabelQuote & { value: string; unit: string; concept: string; measure: ClaimMeasure; scenario?: string; against?: 'budget' })[];
  /**
   * Absent: the texts the audit was tuned on. "blind1" … "blind5": labelled blind after the tuning before them,
   * measured once as they were, then used for further fixes. "heldout": labelled blind and never tuned on.
   */
  set?: 'blind1' | 'blind2' | 'blind3' | 'blind4' | 'blind5' | 'heldout';
}

/** Raw-text offsets. */
export interface Range {
  start: number;
  end: number;
}

/** What the audit gave for one text, in raw offsets. */
export interface AuditedText {
  findings: { rule: string; severity: 'error' | 'warning'; message: string; ranges: Range[] }[];
  claims: { concept: string; value: string; unit: string; measure: ClaimMeasure; against?: 'budget'; range: Range }[];
  summary: { insufficientData: number; uncertain: number; notApplicable: number };
}

export interface Miss {
  text: string;
  province: string;
  what: string;
  detail: string;
}

export interface Tally {
  /** 确定 findings, and those on a labelled contradiction. */
  errors: number;
  errorsTrue: number;
  /** All findings (确定 and 疑似), and those on a labelled contradiction. */
  findings: number;
  findingsTrue: number;
  /** 确定 findings whose figure is a statement labelled consistent. */
  errorsOnConsistent: number;
  contradictions: number;
  contradictionsFound: number;
  keyFigures: number;
  keyFiguresRead: number;
}

export interface RealScore {
  all: Tally & { errorPrecision: number; findingPrecision: number; recall: number; extraction: number };
  byRule: Record<string, Pick<Tally, 'errors' | 'errorsTrue' | 'findings' | 'findingsTrue'>>;
  byProvince: Record<string, Tally>;
  texts: number;
  provinces: number;
  years: number;
  insufficientData: number;
  uncertain: number;
  falseErrors: Miss[];
  falseWarnings: Miss[];
  missed: Miss[];
  unread: Miss[];
}

const empty = (): Tally => ({ errors: 0, errorsTrue: 0, findings: 0, findingsTrue: 0, errorsOnConsistent: 0, contradictions: 0, contradictionsFound: 0, keyFigures: 0, keyFiguresRead: 0 });

/** Where a labelled quote is in the raw text (undefined when it is not there: a broken label). */
export function locate(raw: string, q: LabelQuote): Range | undefined {
  let at = -1;
  for (let k = 0; k <= (q.occurrence ?? 0); k++) {
    at = raw.indexOf(q.quote, at + 1);
    if (at < 0) return undefined;
  }
  return { start: at, end: at + q.quote.length };
}

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/** "273,702.10" and "273702.1" are the same figure. */
export function sameNumber(a: string, b: string): boolean {
  const norm = (v: string) => {
    let s = v.replace(/[,，\s]/g, '');
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return s.replace(/^(-?)0+(?=\d)/, '$1');
  };
  return norm(a) === norm(b);
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function scoreReal(items: { label: RealLabel; raw: string; audited: AuditedText }[]): RealScore {
  const all = empty();
  const byRule: RealScore['byRule'] = {};
  const byProvince: Record<string, Tally> = {};
  const falseErrors: Miss[] = [];
  const falseWarnings: Miss[] = [];
  const missed: Miss[] = [];
  const unread: Miss[] = [];
  let insufficientData = 0;
  let uncertain = 0;
  for (const { label, raw, audited } of items) {
    const p = (byProvince[label.province] ??= empty());
    const both = (f: (t: Tally) => void) => { f(all); f(p); };
    insufficientData += audited.summary.insufficientData;
    uncertain += audited.summary.uncertain;
    const place = (q: LabelQuote) => {
      const r = locate(raw, q);
      if (!r) throw new Error(`${label.id}: quote “${q.quote}” (occurrence ${q.occurrence ?? 0}) is not in ${label.file}`);
      return r;
    };
    const contradictions = label.contradictions.map((c) => ({ c, r: place(c) }));
    const consistent = label.consistent.map((c) => ({ c, r: place(c) }));
    for (const f of audited.findings) {
      const onContradiction = f.ranges.some((r) => contradictions.some((c) => overlaps(r, c.r)));
      const rule = (byRule[f.rule] ??= { errors: 0, errorsTrue: 0, findings: 0, findingsTrue: 0 });
      const quote = f.ranges.map((r) => raw.slice(r.start, r.end).slice(0, 40)).join(' | ');
      both((t) => { t.findings++; if (onContradiction) t.findingsTrue++; });
      rule.findings++;
      if (onContradiction) rule.findingsTrue++;
      if (f.severity === 'error') {
        rule.errors++;
        if (onContradiction) rule.errorsTrue++;
        both((t) => { t.errors++; if (onContradiction) t.errorsTrue++; });
        const first = f.ranges[0];
        const onConsistent = !onContradiction && first !== undefined && consistent.some((c) => overlaps(first, c.r));
        if (onConsistent) both((t) => t.errorsOnConsistent++);
        if (!onContradiction) falseErrors.push({ text: label.id, province: label.province, what: f.rule, detail: `${onConsistent ? '［标为无误的陈述］' : ''}${f.message}「${quote}」` });
      } else if (!onContradiction) {
        falseWarnings.push({ text: label.id, province: label.province, what: f.rule, detail: `${f.message}「${quote}」` });
      }
    }
    for (const { c, r } of contradictions) {
      const found = audited.findings.some((f) => f.ranges.some((x) => overlaps(x, r)));
      both((t) => { t.contradictions++; if (found) t.contradictionsFound++; });
      if (!found) missed.push({ text: label.id, province: label.province, what: c.kind, detail: `「${c.quote}」 ${c.arithmetic}` });
    }
    for (const k of label.keyFigures) {
      const r = place(k);
      // A change or rate labelled negative ("-34.26") is read as its amount with the direction 下降.
      const value = (k.measure === 'change' || k.measure === 'changeRate') ? k.value.replace(/^-/, '') : k.value;
      // "收、支总计各是A万元" states both totals in one claim.
      const sameConcept = (c: string) => c === k.concept || (c === 'total.income_expense' && (k.concept === 'total.income' || k.concept === 'total.expense'));
      const read = audited.claims.some((c) => overlaps(c.range, r) && sameConcept(c.concept) && c.measure === k.measure && sameNumber(c.value, value) && (c.unit === k.unit || (k.unit === '人' && c.unit === '名') || (k.unit === '人次' && c.unit === '人') || (k.unit === '批次' && (c.unit === '个' || c.unit === '次'))) && (k.against === undefined || c.against === k.against));
      both((t) => { t.keyFigures++; if (read) t.keyFiguresRead++; });
      if (!read) unread.push({ text: label.id, province: label.province, what: k.concept, detail: `「${k.quote}」 ${k.value}${k.unit} ${k.measure}` });
    }
  }
  return {
    all: {
      ...all,
      errorPrecision: ratio(all.errorsTrue, all.errors),
      findingPrecision: ratio(all.findingsTrue, all.findings),
      recall: ratio(all.contradictionsFound, all.contradictions),
      extraction: ratio(all.keyFiguresRead, all.keyFigures),
    },
    byRule, byProvince,
    texts: items.length,
    provinces: new Set(items.map((i) => i.label.province)).size,
    years: new Set(items.map((i) => i.label.year)).size,
    insufficientData, uncertain, falseErrors, falseWarnings, missed, unread,
  };
}
