// Evaluations of different projects: a long paragraph copied from one to another, or a report naming another project.
import type { TextFinding } from '../types.js';
import { similarNames } from '../extract/evaluations.js';
import type { EvaluationBlock } from '../types.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const MIN_COPY = 100;
/** Document names and numbers are shared legitimately; they do not count towards a copy. */
const strip = (s: string) => s.replace(/《[^》]{0,120}》|〔[^〕]{0,20}〕|[（(][^（）()]{0,40}号[）)]|\s/g, '');

/** Length of the longest common substring (bounded work: long inputs are cut). Two rows reused, no allocation per row. */
function longestCommon(a: string, b: string): number {
  const x = a.slice(0, 1500);
  const y = b.slice(0, 1500);
  let prev = new Uint16Array(y.length + 1);
  let cur = new Uint16Array(y.length + 1);
  let best = 0;
  for (let i = 1; i <= x.length; i++) {
    const c = x.charCodeAt(i - 1);
    for (let j = 1; j <= y.length; j++) {
      if (c === y.charCodeAt(j - 1)) {
        const v = prev[j - 1]! + 1;
        cur[j] = v;
        if (v > best) best = v;
      } else cur[j] = 0;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** Pieces of this length: a common run of MIN_COPY characters shares MIN_COPY − GRAM + 1 of them. */
const GRAM = 8;
function grams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + GRAM <= s.length; i++) out.add(s.slice(i, i + GRAM));
  return out;
}

/** The pieces of `s` in order, one per position (repeats kept). */
function gramList(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + GRAM <= s.length; i++) out.push(s.slice(i, i + GRAM));
  return out;
}

/** A cheap necessary condition for a common run of MIN_COPY characters, so the quadratic measure runs only on likely copies. */
function mayShareRun(aGrams: readonly string[], bGrams: Set<string>): boolean {
  let shared = 0;
  for (const g of aGrams) if (bGrams.has(g) && ++shared >= MIN_COPY - GRAM + 1) return true;
  return false;
}

const namesOf = (b: EvaluationBlock) => [...new Set([b.evaluation.name, b.titleName].filter((n): n is string => !!n && n.length >= 4))];
const sameProject = (a: EvaluationBlock, b: EvaluationBlock) => namesOf(a).some((n) => namesOf(b).some((m) => similarNames(n, m)));

export const copiedText: TextRule = {
  id: 'TX-copy',
  title: '不同项目的绩效自评报告没有互相照抄',
  run({ x }) {
    const blocks = x.evaluations.filter((b) => b.paragraphs.length > 0).slice(0, 30);
    const findings: TextFinding[] = [];
    const cache = new Map<number, { text: string; grams?: Set<string>; list?: string[] }>();
    /** A paragraph stripped once, its pieces made once when first needed. */
    const stripped = (p: { start: number; end: number }) => {
      let c = cache.get(p.start);
      if (!c) cache.set(p.start, (c = { text: strip(x.masked.slice(p.start, p.end)) }));
      return c;
    };
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const a = blocks[i]!;
        const b = blocks[j]!;
        if (sameProject(a, b) || (a.kindFromTitle === 'department' && b.kindFromTitle === 'department')) continue;
        for (const pa of a.paragraphs.slice(0, 60)) {
          const sa = stripped(pa);
          const ta = sa.text;
          if (ta.length < MIN_COPY) continue;
          const hit = b.paragraphs.slice(0, 60).find((pb) => {
            const tb = stripped(pb);
            if (tb.text.length < MIN_COPY || !mayShareRun((sa.list ??= gramList(ta)), (tb.grams ??= grams(tb.text)))) return false;
            const common = longestCommon(ta, tb.text);
            return common >= MIN_COPY && common * 10 >= Math.min(ta.length, tb.text.length) * 6;
          });
          if (hit) {
            findings.push(finding('TX-copy', 'error', `“${b.evaluation.name}”的自评报告中有一段与“${a.evaluation.name}”的自评报告基本相同，疑为照抄`, [hit, pa]));
          }
        }
      }
    }
    return result(findings, blocks.length > 1);
  },
};

export const projectName: TextRule = {
  id: 'TX-project-name',
  title: '项目自评报告只写本项目',
  run({ x }) {
    const findings: TextFinding[] = [];
    const blocks = x.evaluations;
    for (const b of blocks) {
      if (b.kindFromTitle !== 'project' || b.paragraphs.length === 0) continue;
      const own = namesOf(b);
      for (const other of blocks) {
        if (other === b || sameProject(other, b)) continue;
        for (const name of namesOf(other)) {
          if (other.kindFromTitle === 'department' || own.some((n) => n.includes(name) || similarNames(n, name))) continue;
          for (const p of b.paragraphs) {
            const at = x.masked.slice(p.start, p.end).indexOf(name);
            if (at < 0) continue;
            findings.push(finding('TX-project-name', 'error', `“${own[0] ?? b.evaluation.name}”的自评报告中写的是另一个项目“${name}”，疑为照抄其他项目的报告`,
              [{ start: p.start + at, end: p.start + at + name.length }, b.titleSpan], { expected: own[0] ?? '', stated: name }));
            break;
          }
        }
      }
    }
    return result(findings, blocks.length > 1);
  },
};
