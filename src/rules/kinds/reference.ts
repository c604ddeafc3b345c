// reference: every classification code exists in the report year's edition, under the name stated.
import { lookup } from '../../classification/index.js';
import { fill } from '../format.js';
import type { CheckInput, ReferenceRule } from '../types.js';
import { combine, finding, notApplicable, type Evaluation } from './evaluation.js';

/** Names compare without regard to bracket width or spaces. */
const normalise = (s: string) => s.replace(/[()（）\s]/g, '');

export function evaluateReference(rule: ReferenceRule, input: CheckInput): Evaluation {
  const seen = new Set<string>();
  const parts: Evaluation[] = [];
  const nameDim = `${rule.dim}Name`;
  const uses: { code: string; year: number; location: string; name: string | undefined }[] = [];
  // Plain loop, and each code once: facts repeat a code many times (every fund, scenario and year).
  for (const f of input.facts) {
    const code = f.dims[rule.dim];
    if (code === undefined || f.source.kind !== 'dataset') continue;
    const key = `${code}@${f.year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    uses.push({ code, year: f.year, location: f.source.path, name: f.dims[nameDim] });
  }
  for (const c of input.codes ?? []) {
    if (c.dim !== rule.dim) continue;
    const key = `${c.code}@${c.year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    uses.push({ code: c.code, year: c.year, location: c.path, name: undefined });
  }
  for (const f of uses) {
    const code = f.code;
    const entry = lookup(rule.dim, code, f.year);
    const location = f.location;
    if (!entry) {
      parts.push({ outcome: 'fail', findings: [finding(rule, { message: fill(rule.message, { code, year: f.year }), location })] });
      continue;
    }
    const statedName = f.name;
    if (statedName !== undefined && normalise(statedName) !== normalise(entry.name)) {
      parts.push({
        outcome: 'fail',
        findings: [finding(rule, {
          message: `科目编码${code}在${f.year}年版中的名称是“${entry.name}”，但写作“${statedName}”`,
          expected: entry.name, stated: statedName, location,
        })],
      });
      continue;
    }
    parts.push({ outcome: 'pass', findings: [] });
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}
