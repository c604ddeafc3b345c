// The labeled set: faults planted in our rendered examples, the truth kept, precision and recall by fault kind.
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';
import { FAULT_KINDS, labeledSet, plantFault, scoreLabeled } from '../../src/audit/eval/labeled.js';
import { PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { renderText } from '../../src/render/text/index.js';
import { EXAMPLES, loadExample } from '../examples.js';

const texts = EXAMPLES.flatMap((n) => ['sichuan', 'national'].map((p) => ({ name: `${n}/${p}`, text: renderText(buildReport(loadExample(n), PROFILES[p]!)) })));

describe('labeled set', () => {
  it('plants each kind of fault where the text allows, and keeps the truth', () => {
    for (const kind of FAULT_KINDS) {
      const d = plantFault(texts[0]!.name, texts[0]!.text, kind, 1);
      expect(d, kind).toBeDefined();
      expect(d!.text).not.toBe(d!.clean);
      expect(d!.fault.kind).toBe(kind);
      expect(d!.fault.span.start).toBeLessThanOrEqual(d!.text.length);
    }
  });
  it('is deterministic', () => {
    expect(labeledSet(texts.slice(0, 1), 2).map((d) => d.text)).toEqual(labeledSet(texts.slice(0, 1), 2).map((d) => d.text));
  });
  it('scores a perfect and a blind auditor correctly', () => {
    const docs = labeledSet(texts.slice(0, 1), 1, ['share']);
    const blind = scoreLabeled(docs, () => ({ claims: [], evaluations: [], findings: [], summary: { claims: 0, rulesRun: 0, pass: 0, fail: 0, notApplicable: 0, insufficientData: 0, uncertain: 0, errors: 0, warnings: 0, partial: false } }));
    expect(blind.share.recall).toBe(0);
    const oracle = scoreLabeled(docs, (text) => ({
      claims: [], evaluations: [], summary: { claims: 0, rulesRun: 0, pass: 0, fail: 0, notApplicable: 0, insufficientData: 0, uncertain: 0, errors: 1, warnings: 0, partial: false },
      findings: docs.filter((d) => d.text === text).map((d) => ({ rule: 'TX-share', severity: 'error' as const, message: 'x', spans: [d.fault.span] })),
    }));
    expect(oracle.share).toMatchObject({ recall: 1, precision: 1 });
  });
  it('auditText finds the planted faults', () => {
    const s = scoreLabeled(labeledSet(texts, 2), auditText);
    const table = Object.entries(s).map(([k, v]) => `${k}: ${v.detected}/${v.planted} recall ${v.recall.toFixed(2)}, precision ${v.precision.toFixed(2)}`);
    console.log(table.join('\n'));
    expect(s.all.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.all.recall).toBeGreaterThanOrEqual(0.85);
    for (const k of ['total', 'share', 'changeRate', 'yearLabel', 'templateLeftover', 'missingSection'] as const) expect(s[k].recall, k).toBe(1);
  });
});
