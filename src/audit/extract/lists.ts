/**
 * Named lists next to a count: "对A、B、C等18个项目开展了预算事前绩效评估",
 * "对“雪亮工程”建设及运维费用和网格化管理经费两个项目开展了绩效自评".
 * Quoted names are counted by their quotes; unquoted ones are split at 、和及.
 */
import { cnNumber, CN_NUM_CLASS } from '../text/cnNumber.js';
import type { Segment } from '../text/segments.js';
import type { NamedList } from '../types.js';

const STEPS: [RegExp, string, string, string][] = [
  [/事前(?:绩效)?评估/, 'preAssessment', '开展预算事前绩效评估', 'performance.pre_assessment'],
  [/绩效目标/, 'targets', '编制绩效目标', 'performance.targets'],
  [/绩效监控|绩效运行监控/, 'monitoring', '开展绩效监控', 'performance.monitoring'],
  [/绩效自评|自评/, 'selfEvaluation', '开展绩效自评', 'performance.self_evaluation'],
];
export const LIST_CONCEPT: Record<string, string> = Object.fromEntries(STEPS.map(([, k, , c]) => [k, c]));

const COUNT = new RegExp(`(对|选取|选择|组织对)?([^，。；]{0,4}?)(等|共)?(\\d{1,4}|${CN_NUM_CLASS})个(?:重点)?项目([^，。；]{0,30})`, 'g');

/** Splits the names part: quoted names by their outer quotes, else at 、 和 及. */
export function splitNames(s: string): string[] {
  const t = s.trim();
  if (t === '') return [];
  const quoted: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of t) {
    if (ch === '“' || (ch === '"' && depth === 0)) {
      if (depth === 0) cur = '';
      else cur += ch;
      depth++;
    } else if (ch === '”' || (ch === '"' && depth > 0)) {
      depth--;
      if (depth === 0) quoted.push(cur);
      else cur += ch;
    } else if (depth > 0) cur += ch;
  }
  // Quoted names count by their quotes only when nothing but separators stands outside them.
  const outside = t.replace(/“[^“”]*(?:“[^“”]*”[^“”]*)*”/g, '').replace(/[、，,和及与\s"]/g, '');
  if (quoted.length > 0 && depth === 0 && outside === '') return quoted.map((q) => q.trim()).filter((q) => q !== '');
  return t.split('、').map((x) => x.trim()).filter((x) => x !== '');
}

/** 、-separated names; when they fall short of the count, 和/及 may separate the last ones ("A和B两个项目"). */
export function namesFor(s: string, count: number): string[] {
  const names = splitNames(s);
  const quotedOnly = /^“/.test(s.trim()) && s.replace(/“[^“”]*(?:“[^“”]*”[^“”]*)*”/g, '').replace(/[、，,和及与\s"]|等|共/g, '') === '';
  if (names.length >= count || quotedOnly) return names;
  for (const sep of ['和', '及', '与']) {
    const finer = names.flatMap((n) => (n.startsWith('“') && n.endsWith('”') ? [n] : n.split(sep)));
    if (finer.length === count) return finer.map((x) => x.trim());
  }
  return names;
}

export function readLists(line: Segment): NamedList[] {
  const out: NamedList[] = [];
  const text = line.text;
  // Every match has "个项目" or "个重点项目" in it: most lines have neither, and the regex need not run.
  if (!text.includes('个项目') && !text.includes('个重点项目')) return out;
  for (const m of text.matchAll(COUNT)) {
    const after = m[5] ?? '';
    const step = STEPS.find(([re]) => re.test(after));
    if (!step) continue;
    const count = /\d/.test(m[4]!) ? Number(m[4]) : cnNumber(m[4]!);
    if (count === undefined) continue;
    // Names run back from the count to the 对 that opens the clause.
    const countAt = m.index + (m[1]?.length ?? 0) + (m[2]?.length ?? 0) + (m[3]?.length ?? 0);
    const clauseStart = Math.max(text.lastIndexOf('，', m.index), text.lastIndexOf('。', m.index), text.lastIndexOf('；', m.index), -1) + 1;
    const head = text.slice(clauseStart, countAt);
    const dui = head.search(/(?:组织)?对/);
    let names: string[] = [];
    let partial = m[3] === '等';
    if (dui >= 0) {
      let namesText = head.slice(dui).replace(/^(?:组织)?对/, '');
      // A long quoted list may contain 、 and ， inside; take it from the line when the clause cut it.
      if (/[”"]\s*(?:等|共)?\s*$/.test(namesText) && !/^“/.test(namesText)) {
        const back = text.slice(0, countAt);
        const open = back.lastIndexOf('对“');
        if (open >= 0) namesText = back.slice(open + 1);
      }
      namesText = namesText.replace(/(?:等|共)\s*$/, '');
      if (/^(?:等|共)/.test(text.slice(countAt - 1))) partial = m[3] === '等';
      names = namesFor(namesText, count);
    }
    const countStart = line.start + m.index + m[0].indexOf(m[4]!, (m[1]?.length ?? 0) + (m[2]?.length ?? 0));
    out.push({
      key: step[1], label: step[2], count, names, partial,
      span: { start: line.start + clauseStart, end: line.start + m.index + m[0].length },
      countSpan: { start: countStart, end: countStart + m[4]!.length },
    });
  }
  return out;
}
