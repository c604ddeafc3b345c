// An evaluation report copied from another project's: it names the other project, or shares its paragraphs.
import { fill } from '../../format.js';
import type { SelfEvaluationRule } from '../../types.js';
import { combine, finding, notApplicable, type Evaluation as RuleEvaluation } from '../evaluation.js';
import { nameOf, type EvaluationContext } from './context.js';

/** The distinctive part of a project name: quotes and generic endings (项目, 经费, 费用 …) removed. */
export function coreName(name: string): string {
  let core = name.replace(/[“”"‘’'《》]/gu, '').trim();
  for (let prev = ''; prev !== core; ) {
    prev = core;
    core = core.replace(/(项目|经费|费用|资金|专项|支出|工作)$/u, '');
  }
  return core;
}

interface Paragraph { key: string; text: string }

/** The opening formula (前言) is the same boilerplate in every report; a wrong name left in it is caught by the name check. */
const OPENING = /^(前言|引言|开头)$/u;

function paragraphs(ctx: EvaluationContext): Paragraph[] {
  return Object.entries(ctx.ev.report).flatMap(([key, text]) =>
    text.split(/\n+/u).map((t) => ({ key, text: t.trim() })).filter((p) => p.text.length > 0));
}

const SHINGLE = 4;
function shingles(text: string): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + SHINGLE <= text.length; i++) s.add(text.slice(i, i + SHINGLE));
  return s;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common || 1);
}

/** Paragraphs long enough to be project-specific; shorter ones are headings and set phrases. */
const MIN_LENGTH = 60;
/** Share of shared 4-character pieces above which two paragraphs are the same text with a few words changed. */
const SIMILAR = 0.6;

export function copiedText(rule: SelfEvaluationRule, all: EvaluationContext[]): RuleEvaluation {
  const projects = all.filter((c) => c.ev.kind === 'project');
  const parts: RuleEvaluation[] = [];
  const fail = (ctx: EvaluationContext, key: string, other: EvaluationContext, otherKey: string | undefined, how: string): RuleEvaluation => ({
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), how }),
      location: `${ctx.path}.report.${key}`,
      related: [otherKey ? `${other.path}.report.${otherKey}` : `${other.path}.name`],
    })],
  });

  for (const c of all) {
    const g = c.ev.goals;
    if (!g || g.actual.trim().length < 20) continue;
    parts.push(g.actual.trim() === g.expected.trim()
      ? { outcome: 'fail', findings: [finding(rule, {
          message: fill(rule.message, { name: nameOf(c), how: '的年度总体目标中，“实际完成情况”与“预期目标”一字不差' }),
          location: `${c.path}.goals.actual`, related: [`${c.path}.goals.expected`],
        })] }
      : { outcome: 'pass', findings: [] });
  }
  if (projects.length < 2) return parts.length === 0 ? notApplicable : combine(parts);
  const mentions = (a: EvaluationContext, b: EvaluationContext) => {
    const theirs = coreName(b.ev.name);
    const own = coreName(a.ev.name);
    return theirs.length >= 4 && !own.includes(theirs) && !theirs.includes(own) && paragraphs(a).some((p) => p.text.includes(theirs));
  };

  for (const a of projects) {
    const own = coreName(a.ev.name);
    const mine = paragraphs(a);
    for (const b of projects) {
      if (a === b) continue;
      const theirs = coreName(b.ev.name);
      // Naming another project is only a copy sign when the names are distinct.
      if (theirs.length >= 4 && !own.includes(theirs) && !theirs.includes(own)) {
        const hit = mine.find((p) => p.text.includes(theirs));
        parts.push(hit ? fail(a, hit.key, b, undefined, `的自评报告提到了另一个项目“${theirs}”（${nameOf(b)}）`) : { outcome: 'pass', findings: [] });
      }
      // Each pair once; the copy is the report that names the other project (else the later one).
      const copyIsA = mentions(a, b) || (!mentions(b, a) && a.index > b.index);
      if (copyIsA) {
        // Compare with both project names blanked out, so a swapped name does not hide the copy.
        const strip = (t: string) => t.replaceAll(own, '').replaceAll(theirs, '');
        const other = paragraphs(b).filter((p) => p.text.length >= MIN_LENGTH && !OPENING.test(p.key)).map((p) => ({ ...p, sh: shingles(strip(p.text)) }));
        for (const p of mine.filter((x) => x.text.length >= MIN_LENGTH && !OPENING.test(x.key))) {
          const sh = shingles(strip(p.text));
          const twin = other.find((o) => jaccard(sh, o.sh) >= SIMILAR);
          parts.push(twin ? fail(a, p.key, b, twin.key, `的自评报告有段落与${nameOf(b)}报告“${twin.key}”中的段落几乎相同（“${p.text.slice(0, 24)}…”）`) : { outcome: 'pass', findings: [] });
        }
      }
    }
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}
