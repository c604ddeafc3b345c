/**
 * The audit service (`juesuan audit` and `juesuan extract`, the batch, the
 * server): published reports (txt, docx, pdf, html) → facts and findings. Spans found in the normalised text are mapped
 * back to the text as read, so every quote is an exact substring a reviewer
 * can search for; PDF quotes carry their page.
 */
import { auditText, type AuditResult, type Claim, type Span, type TextFinding } from '../audit/index.js';
import { auditTables, type TableAuditResult } from '../audit/tables/index.js';
import { DocumentError, readDocument, readDocumentBytes, type ReadDocument } from '../parse/document/index.js';
import { UserError } from './effects.js';
import type { ReadFigure } from './verify.js';

export { DocumentError };

export interface Quote {
  text: string;
  /** Offsets in the text as read from the file. */
  start: number;
  end: number;
  page?: number;
}

/** A figure read from a report (verify.ts's ReadFigure) with where it was read. */
export interface AuditedFact extends ReadFigure {
  quote: string;
  page?: number;
}

/** A finding of the audit with its places as quotes of the file instead of text spans. */
export interface AuditedFinding extends Omit<TextFinding, 'spans'> {
  quotes: string[];
  locations: Omit<Quote, 'text'>[];
}

export interface AuditFileResult {
  file: string;
  format: string;
  unit?: string;
  year?: number;
  facts: AuditedFact[];
  findings: AuditedFinding[];
  summary: AuditResult['summary'];
  /** What was read from the file's tables (absent for plain text): counts, and pages that could not be read. */
  tables?: { read: number; recognised: number; checks: TableAuditResult['checks']; notes: string[] };
}

/** A quote longer than this is cut around its middle (the whole span is still in `locations`). */
const MAX_QUOTE = 120;

function quoteOf(doc: ReadDocument, span: Span): Quote {
  const r = doc.toRaw(span.start, span.end);
  let { start, end } = r;
  if (end - start > MAX_QUOTE) end = start + MAX_QUOTE;
  const page = doc.pageAt(r.start);
  return { text: doc.raw.slice(start, end), start: r.start, end: r.end, ...(page !== undefined ? { page } : {}) };
}

/** The quote of a fact: its sentence when short enough, else the figure itself. */
function factQuote(doc: ReadDocument, c: Claim): Quote {
  const s = c.sentence && c.sentence.end - c.sentence.start <= MAX_QUOTE ? c.sentence : c.span;
  return quoteOf(doc, s);
}

/** A report file read from disk; unreadable → UserError (exit 2) with the Chinese reason. */
export async function readReport(file: string): Promise<ReadDocument> {
  try {
    return await readDocument(file);
  } catch (e) {
    if (e instanceof DocumentError) throw new UserError(e.message);
    throw e;
  }
}

/**
 * A report received as bytes (an upload), read and audited: `name` (the file
 * name) names it in messages and, with the content, decides the format.
 * Unreadable → DocumentError with the Chinese reason.
 */
export async function auditReport(bytes: Uint8Array, name: string): Promise<AuditFileResult> {
  return auditDocument(await readDocumentBytes(bytes, name));
}

/** A report as read → its facts (with quotes) and the findings of the audit. */
export function auditDocument(doc: ReadDocument): AuditFileResult {
  const r = withTables(doc, auditText(doc.text));
  return {
    file: doc.file,
    format: doc.format,
    ...(r.unit ? { unit: r.unit } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
    facts: r.claims.map((c) => {
      const q = factQuote(doc, c);
      return {
        concept: c.concept, value: c.value, unit: c.unit, ...(c.year !== undefined ? { year: c.year } : {}),
        scenario: c.scenario, measure: c.measure, ...(c.against ? { against: c.against } : {}), ...(c.dims && Object.keys(c.dims).length > 0 ? { dims: c.dims } : {}),
        quote: q.text, ...(q.page !== undefined ? { page: q.page } : {}),
      };
    }),
    findings: r.findings.map(({ spans, ...finding }) => {
      const quotes = spans.map((s) => quoteOf(doc, s));
      return {
        ...finding,
        quotes: quotes.map((q) => q.text),
        locations: quotes.map(({ text: _t, ...loc }) => loc),
      };
    }),
    summary: r.summary,
    ...(r.tables ? { tables: r.tables } : {}),
  };
}

/** The TB rules over the tables the reader found (PDF, DOCX, HTML), merged into the text audit's findings and counts. */
function withTables(doc: ReadDocument, r: AuditResult): AuditResult & { tables?: AuditFileResult['tables'] } {
  if (!doc.tables && !doc.unreadPages) return r;
  const t = auditTables({
    tables: doc.tables ?? [], claims: r.claims, ...(r.year !== undefined ? { year: r.year } : {}),
    toText: (s) => doc.fromRaw(s.start, s.end), ...(doc.unreadPages ? { unreadPages: doc.unreadPages } : {}),
  });
  const s = { ...r.summary };
  for (const o of Object.values(t.outcomes)) {
    s.rulesRun++;
    if (o === 'pass') s.pass++;
    else if (o === 'fail') s.fail++;
    else if (o === 'not_applicable') s.notApplicable++;
    else s.insufficientData++;
  }
  s.errors += t.findings.filter((f) => f.severity === 'error').length;
  s.warnings += t.findings.filter((f) => f.severity === 'warning').length;
  return {
    // 确定 before 疑似, as the text audit orders them.
    ...r, findings: [...r.findings, ...t.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)), summary: s,
    tables: { read: t.tables.read, recognised: t.tables.recognised, checks: t.checks, notes: t.notes },
  };
}

const SEVERITY = { error: '确定', warning: '疑似' } as const;

/** The human form: a header line, then each finding with its quotes (and pages). */
export function auditLines(r: AuditFileResult): string[] {
  const s = r.summary;
  const who = [r.unit, r.year !== undefined ? `${r.year}年度` : undefined].filter(Boolean).join(' ');
  const lines = [
    `${r.file}${who ? `（${who}）` : ''}：读出数字 ${r.facts.length} 个；确定 ${s.errors} 项，疑似 ${s.warnings} 项；` +
      `规则 ${s.rulesRun} 条（通过 ${s.pass}，不适用 ${s.notApplicable}，数据不足 ${s.insufficientData}）；无法确定含义的数字 ${s.uncertain} 个（不作判断）` +
      (s.partial ? '；非整本报告（节选或单独公开的部分），只审核其中所写内容，不检查缺少的部分' : ''),
  ];
  if (r.tables) {
    const c = r.tables.checks;
    lines.push(`  表格：读出 ${r.tables.read} 张，识别为标准决算表 ${r.tables.recognised} 张；核对 ${c.pass + c.fail} 处（不符 ${c.fail}），无法确定 ${c.insufficient} 处（不作判断）`);
    for (const n of r.tables.notes) lines.push(`  ${n}`);
  }
  for (const f of r.findings) {
    lines.push(`  [${SEVERITY[f.severity]}][${f.rule}] ${f.message}`);
    if (f.expected !== undefined || f.stated !== undefined) {
      const tol = f.tolerance !== undefined ? `，容差 ${f.tolerance}` : '';
      lines.push(`      所述 ${f.stated ?? '—'}${f.unit ?? ''}，应为 ${f.expected ?? '—'}${f.unit ?? ''}${tol}`);
    }
    f.quotes.forEach((q, i) => {
      const page = f.locations[i]?.page;
      lines.push(`      「${q.replace(/\s+/g, ' ').trim()}」${page !== undefined ? `（第${page}页）` : ''}`);
    });
  }
  return lines;
}

export function extractLines(r: AuditFileResult): string[] {
  return [
    `${r.file}：读出数字 ${r.facts.length} 个`,
    ...r.facts.map((f) => `  ${f.concept}${f.dims ? JSON.stringify(f.dims) : ''} ${f.measure} ${f.year ?? ''} ${f.scenario} = ${f.value}${f.unit}　「${f.quote.replace(/\s+/g, ' ').trim()}」${f.page !== undefined ? `（第${f.page}页）` : ''}`),
  ];
}

export function auditJson(r: AuditFileResult): string {
  const { format: _f, ...rest } = r;
  return JSON.stringify(rest);
}

export function extractJson(r: AuditFileResult): string {
  return JSON.stringify({ file: r.file, unit: r.unit, year: r.year, facts: r.facts });
}
