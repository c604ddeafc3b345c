// One severity per checked fact: every audit text rule has one, and a rule that checks a pack rule's fact takes that rule's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditText, TEXT_RULES } from '../../src/audit/index.js';
import { TABLE_RULES } from '../../src/audit/tables/index.js';
import { auditSeverity, RULE_PACK, severityOf, TEXT_RULE_SEVERITIES } from '../../src/rules/index.js';

describe('the severity table', () => {
  it('gives every audit text rule a severity, and every sameAs names a pack rule', () => {
    for (const r of [...TEXT_RULES, ...TABLE_RULES]) expect(() => severityOf(r.id), r.id).not.toThrow();
    for (const [id, t] of Object.entries(TEXT_RULE_SEVERITIES)) {
      if (t.sameAs) expect(RULE_PACK.rules.map((r) => r.id), id).toContain(t.sameAs);
      expect(['error', 'warning', 'info']).toContain(severityOf(id));
    }
  });
  it('a text rule checking a warning fact of the pack is never 确定, however certain the reading', () => {
    expect(severityOf('PE10')).toBe('warning');
    expect(auditSeverity('TX-copy', true)).toBe('warning');
    expect(auditSeverity('TX-rate', true)).toBe('error');
    expect(auditSeverity('TX-rate', false)).toBe('warning');
    // A text rule whose own severity is warning (TX-numbering since issue 15) is never 确定 either.
    expect(auditSeverity('TX-numbering', true)).toBe('warning');
    expect(() => severityOf('TX-no-such-rule')).toThrow(/no severity/);
  });
  it('an audit finding carries the table’s severity: the 昭化 seed’s copied 自评 text is 疑似, its wrong year labels 确定', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/seeds/zhaohua-zfw-2022.txt', import.meta.url)), 'utf8');
    const findings = auditText(text).findings;
    const copied = findings.filter((f) => f.rule === 'TX-copy' || f.rule === 'TX-project-name');
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.some((f) => f.rule === 'TX-year' && f.severity === 'error')).toBe(true);
  });
});
