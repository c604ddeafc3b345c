// reference: every classification code exists in the report year's edition, under the name stated.
import { lookup } from '../../classification/index.js';
import { fill } from '../format.js';
import { pathsOf } from '../resolve.js';
import type { CheckInput, ReferenceRule } from '../types.js';
import { combine, finding, notApplicable, type Evaluation } from './evaluation.js';

/** Names compare without regard to bracket width or spaces. */
const normalise = (s: string) => s.replace(/[()（）\s]/g, '');

export function evaluateReference(rule: ReferenceRule, input: CheckInput): Evaluation {
  const seen = new Set<string>();
  const parts: Evaluation[] = [];
  const uses = [
    ...input.facts.flatMap((f) => {
      const code = f.dims[rule.dim];
      return code === undefined || f.source.kind !== 'dataset' ? [] : [{ code, year: f.year, location: pathsOf([f])[0] ?? '', name: f.dims[`${rule.dim}Name`] }];
    }),
    ...(input.codes ?? []).filter((c) => c.dim === rule.dim).map((c) => ({ code: c.code, year: c.year, location: c.path, name: undefined })),
  ];
  for (const f of uses) {
    const code = f.code;
    const key = `${code}@${f.year}`;
    if (seen.has(key)) continue;
    seen.add(key);
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
