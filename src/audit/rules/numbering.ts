// Heading and list numbers run without gaps or repeats (一、二、四 is a gap).
import { numberingProblems } from '../extract/sections.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

export const numbering: TextRule = {
  id: 'TX-numbering',
  title: '标题序号连续、不重复',
  run({ x }) {
    const findings = numberingProblems(x.sections).map((p) => {
      const n = (k: number) => (p.heading.style === 'cn' || p.heading.style === 'paren-cn' || p.heading.level <= 3 ? CN[k] ?? String(k) : String(k));
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
