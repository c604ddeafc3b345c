/**
 * The live check, the one place the browser reaches the rule pack: the dataset's
 * JSON is read exactly as the server reads it (parseDataset) and checked with the
 * profile the dataset names (src/check: the report tree and the rule pack; the
 * server's verdict adds a read-back of the rendered text, so it can say more).
 * Everything in web/ calls `liveCheck`.
 */
import { parseDataset, DatasetError, type DatasetIssue } from '../../src/model/index.js';
import { checkDatasetWithReport } from '../../src/check/index.js';
import { findProfile } from '../../src/profiles/index.js';
import type { StoredFinding } from '../../src/api/contract.js';

export interface LiveCheck {
  /** The schema's problems (the dataset cannot be read): path → message. */
  issues: DatasetIssue[];
  /** The rule pack's findings (empty while `issues` is not). */
  findings: StoredFinding[];
  ms: number;
}

export function liveCheck(data: unknown): LiveCheck {
  const t = performance.now();
  let d;
  try {
    d = parseDataset(JSON.stringify(data), 'x.yaml');
  } catch (e) {
    if (e instanceof DatasetError) return { issues: e.issues, findings: [], ms: performance.now() - t };
    return { issues: [{ path: '', message: `无法读取数据：${(e as Error).message}` }], findings: [], ms: performance.now() - t };
  }
  const id = d.profile ?? 'sichuan';
  const profile = findProfile(id);
  if (!profile) return { issues: [{ path: 'profile', message: `未知的模板“${id}”` }], findings: [], ms: performance.now() - t };
  try {
    const { report } = checkDatasetWithReport(d, profile);
    const findings: StoredFinding[] = report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      location: f.location,
      hint: f.hint,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.stated !== undefined ? { stated: f.stated } : {}),
      ...(f.difference !== undefined ? { difference: f.difference } : {}),
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.related !== undefined ? { related: f.related } : {}),
    }));
    return { issues: [], findings, ms: performance.now() - t };
  } catch (e) {
    return { issues: [{ path: '', message: `审核规则运行出错：${(e as Error).message}` }], findings: [], ms: performance.now() - t };
  }
}
