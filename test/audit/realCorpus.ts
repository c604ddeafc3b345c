/**
 * The corpus of real published texts (test/fixtures/real): its labels, each text read as `juesuan audit`
 * reads it, and the audit's findings and claims in offsets of the text as read. Used by the test and by
 * `npm run audit:eval`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditText } from '../../src/audit/index.js';
import type { AuditedText, RealLabel } from '../../src/audit/eval/real.js';
import { readDocumentBytes } from '../../src/parse/document/index.js';

export const REAL_DIR = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export function realLabels(): RealLabel[] {
  return readdirSync(join(REAL_DIR, 'labels')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(REAL_DIR, 'labels', f), 'utf8')) as RealLabel);
}

export async function auditReal(label: RealLabel): Promise<{ label: RealLabel; raw: string; audited: AuditedText }> {
  const bytes = readFileSync(join(REAL_DIR, label.file));
  const doc = await readDocumentBytes(bytes, label.file);
  const r = auditText(doc.text);
  return {
    label,
    raw: doc.raw,
    audited: {
      findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, ranges: f.spans.map((s) => doc.toRaw(s.start, s.end)) })),
      claims: r.claims.map((c) => ({ concept: c.concept, value: c.value, unit: c.unit, measure: c.measure, ...(c.against ? { against: c.against } : {}), range: doc.toRaw(c.span.start, c.span.end) })),
      summary: r.summary,
    },
  };
}
