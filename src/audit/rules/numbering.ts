// Heading and list numbers run without gaps or repeats (一、二、四 is a gap).
import { numberingProblems } from '../extract/sections.js';
import type { Heading } from '../types.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** The same-level heading before `h` in its sequence (undefined at a sequence's start). */
function previousSibling(headings: readonly Heading[], h: Heading): Heading | undefined {
  const i = headings.indexOf(h);
  for (let j = i - 1; j >= 0; j--) {
    const o = headings[j]!;
    if (o.level < h.level) return undefined;
    if (o.level === h.level) return o;
  }
  return undefined;
}

/** How the missing label would be written, in the heading's own style. */
function missingLabel(h: Heading, k: number): RegExp | undefined {
  const cn = CN[k];
  switch (h.style) {
    case 'cn': return cn ? new RegExp(`(?:^|\\s)${cn}\\s*[、.．]`) : undefined;
    case 'paren-cn': return cn ? new RegExp(`[（(]\\s*${cn}\\s*[）)]`) : undefined;
    case 'arabic': case 'arabic-dun': return new RegExp(`(?:^|\\s)${k}\\s*[、.．](?!\\d)`);
    case 'paren-arabic': return new RegExp(`[（(]\\s*${k}\\s*[）)]`);
    default: return undefined;
  }
}

/** A title that lost its number: short, no sentence inside, no figure, and no number of its own in front. */
const unnumberedTitle = (line: string) => {
  const t = line.trim();
  return t.length >= 4 && t.length <= 40 && !/[。；，,：:]/.test(t) && !/\d+(?:\.\d+)?\s*(?:万元|元|%)/.test(t) && !/^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]/.test(t);
};

export const numbering: TextRule = {
  id: 'TX-numbering',
  title: '标题序号连续、不重复',
  run({ x }) {
    const problems = numberingProblems(x.sections).filter((p) => {
      if (p.kind !== 'gap') return true;
      const prev = previousSibling(x.sections, p.heading);
      // From after the previous heading's own number: a line may hold two headings ("六、…表 七、…表").
      const between = x.masked.slice(prev ? prev.span.start + prev.numbering.length : 0, p.heading.span.start);
      // The missing number is there, on a line with another heading ("六、…表 七、…表" run together): no gap.
      const label = missingLabel(p.heading, p.expected);
      if (label && prev && label.test(between)) return false;
      // A part missing from the body that the 目录 lists (the 决算表 published as attachments): not a gap.
      if (p.heading.style === 'part' && new RegExp(`第\\s*${CN[p.expected]}\\s*部分`).test(x.masked.slice(0, p.heading.span.start))) return false;
      return true;
    });
    const findings = problems.map((p) => {
      const n = (k: number) => (p.heading.style === 'cn' || p.heading.style === 'paren-cn' || p.heading.level <= 3 ? CN[k] ?? String(k) : String(k));
      // Headings between the two numbers that lost theirs ("三、…" then three unnumbered titles, then "七、…").
      const prev = p.kind === 'gap' ? previousSibling(x.sections, p.heading) : undefined;
      const lost = prev ? x.lines.filter((l) => l.start >= prev.span.end && l.start < p.heading.span.start && unnumberedTitle(l.text)) : [];
      if (prev && lost.length === p.heading.number - p.expected) {
        return finding('TX-numbering', 'error', `标题“${p.heading.numbering}${p.heading.text.slice(0, 20)}”之前的${lost.length}个标题缺少序号（应为“${n(p.expected)}”起）`,
          [...lost.map((l) => ({ start: l.start + (l.text.length - l.text.trimStart().length), end: l.start + l.text.trimEnd().length })), { start: p.heading.span.start, end: p.heading.span.start + p.heading.numbering.length }],
          { expected: n(p.expected), stated: p.heading.numbering });
      }
      return finding('TX-numbering', 'error',
        p.kind === 'gap'
          ? `标题“${p.heading.numbering}${p.heading.text.slice(0, 20)}”前缺少序号“${n(p.expected)}”，序号不连续`
          : `标题“${p.heading.numbering}${p.heading.text.slice(0, 20)}”的序号与前一项重复或倒序，应为“${n(p.expected)}”`,
        [{ start: p.heading.span.start, end: Math.min(p.heading.span.end, p.heading.span.start + p.heading.numbering.length + 20) }],
        { expected: n(p.expected), stated: p.heading.numbering });
    });
    // A heading whose number was lost (a Word list converted without its numbers): "、一般公共预算…决算表", "部分：名词解释".
    // Consecutive such lines are one finding (a whole list lost its numbers).
    let run: { kind: string; spans: { start: number; end: number }[]; first: string; lastLine: number } | undefined;
    const flush = () => {
      if (!run) return;
      const part = run.kind === '部分';
      findings.push(finding('TX-numbering', 'error',
        `标题“${run.first}”${run.spans.length > 1 ? `等${run.spans.length}个标题` : ''}缺少序号${part ? '（应为“第X部分”）' : '（“、”前没有数字）'}`,
        run.spans, { stated: part ? '部分' : '、' }));
      run = undefined;
    };
    x.lines.forEach((line, li) => {
      const t = line.text.trim();
      if (t === '') return;
      const m = /^(、|部分\s*[:：]?)\s*([\u4e00-\u9fff“\d][^。；]{1,40})$/.exec(t);
      if (!m || (m[1]!.startsWith('部分') && !/名词解释|附件|附表|决算|概况|说明|情况/.test(m[2]!))) return;
      const kind = m[1]!.startsWith('部分') ? '部分' : '、';
      // A heading names something: "、613.39人次" is a figure, not a heading.
      if (kind === "、" && (!/^[\u4e00-\u9fff“]/.test(m[2]!) || /\d+(?:\.\d+)?\s*(?:万元|元|%|人次|人|次|个|辆|批次)/.test(m[2]!))) return;
      const at = line.start + (line.text.length - line.text.trimStart().length);
      const span = { start: at, end: at + Math.min(t.length, 24) };
      const adjacent = run && run.kind === kind && x.lines.slice(run.lastLine + 1, li).every((l) => l.text.trim() === '' || /^(?:、|部分)/.test(l.text.trim()) || l.text.trim().length < 40);
      if (!adjacent) flush();
      if (run) {
        run.spans.push(span);
        run.lastLine = li;
      } else run = { kind, spans: [span], first: t.slice(0, 24), lastLine: li };
    });
    flush();
    return result(findings, x.sections.length > 0);
  },
};
