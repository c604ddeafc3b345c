/** Batch `audit` / `extract`: each published report read, its facts extracted and (audit) checked; a result per file. */
import { auditDocument, auditJson, auditLines, extractJson, extractLines, readReport } from '../../app/audit.js';
import type { BatchTask, FileOutcome } from '../task.js';
import { failure } from './outcome.js';

export interface AuditTaskOptions {
  json?: boolean;
  /** Facts only (`juesuan extract`). */
  extract?: boolean;
}

export const auditTask: BatchTask = (options) => {
  const o = options as AuditTaskOptions;
  return {
    async run(file): Promise<FileOutcome> {
      try {
        const r = auditDocument(await readReport(file));
        if (o.extract) return { exitCode: 0, out: o.json ? [extractJson(r)] : extractLines(r), counts: { facts: r.facts.length } };
        const counts = { facts: r.facts.length, error: r.summary.errors, warning: r.summary.warnings, insufficient: r.summary.insufficientData };
        const out = o.json ? [auditJson(r)] : auditLines(r);
        if (r.summary.errors === 0) return { exitCode: 0, out, counts };
        const first = r.findings.find((f) => f.severity === 'error')!;
        return { exitCode: 1, reason: `确定问题 ${r.summary.errors} 项，如 [${first.rule}] ${first.message}`, out, counts };
      } catch (e) {
        return failure(e);
      }
    },
    async close() {},
  };
};
