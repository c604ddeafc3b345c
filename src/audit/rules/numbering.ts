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
    return result(findings, x.sections.length > 0);
  },
};
