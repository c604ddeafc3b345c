// Year labels that contradict the report year: a 2022 report describing its own figures as 2021's.
import type { TextFinding } from '../types.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

export const yearLabel: TextRule = {
  id: 'TX-year',
  title: '年度标注与报告年度一致',
  run({ x }) {
    const Y = x.year;
    if (Y === undefined) return { outcome: 'insufficient_data', findings: [] };
    const findings: TextFinding[] = [];
    const seen = new Set<number>();
    for (const c of x.claims) {
      if (c.statedYear !== Y - 1 || c.year !== Y || seen.has(c.sentence.start)) continue;
      seen.add(c.sentence.start);
      const sentence = x.masked.slice(c.sentence.start, c.sentence.end);
      const at = sentence.indexOf(`${Y - 1}年`);
      const span = at >= 0 ? { start: c.sentence.start + at, end: c.sentence.start + at + String(Y - 1).length + 1 } : c.span;
      const selfCompare = new RegExp(`(?:比|较|与)${Y - 1}年`).test(sentence);
      findings.push(finding('TX-year', 'error',
        selfCompare
          ? `${Y}年度报告把本年数字标为“${Y - 1}年”，同一句又与${Y - 1}年比较，年度标注错误`
          : `${Y}年度报告在说明本年决算时写作“${Y - 1}年”，年度标注与报告年度不一致`,
        [span, c.span], { expected: `${Y}年`, stated: `${Y - 1}年` }));
    }
    // Titles and headings naming another year ("黄石港区政数局2022年部门决算表" in a 2023 report; a 目录 entry
    // "关于2020年度预算绩效情况的说明"): a line that is only a title, in a report whose year the text states more often.
    const counts = new Map<number, number>();
    const count = (y: number) => {
      let n = counts.get(y);
      if (n === undefined) counts.set(y, (n = (x.masked.match(new RegExp(`${y}年`, 'g')) ?? []).length));
      return n;
    };
    for (const line of x.lines) {
      const t = line.text.trim();
      if (t.length < 6 || t.length > 40 || /[。；，,：:]$|[。；]/.test(t.slice(0, -1))) continue;
      const m = /(\d{4})年度?[^\d]{0,24}?(?:部门决算|单位决算|决算表|决算情况说明|决算公开|“三公”经费[^\d]{0,12}?(?:情况)?说明|预算绩效[^\d]{0,8}?说明)/.exec(t);
      if (!m) continue;
      const y = Number(m[1]);
      if (y === Y || y < Y - 3 || y > Y || count(Y) < count(y)) continue;
      if (/(?:比|较|与|同|上年|对比)/.test(t)) continue;
      const at = line.start + (line.text.length - line.text.trimStart().length) + m.index;
      findings.push(finding('TX-year', 'error', `${Y}年度报告中的标题写作“${t.slice(0, 30)}”，年度与报告年度不一致`, [{ start: at, end: at + m[0].length }], { expected: `${Y}年`, stated: `${y}年` }));
    }
    // "209年收入决算": a year with a digit missing.
    for (const m of x.masked.matchAll(/(?<![\d.])(20\d)年(?=度|收入|支出|决算|部门|单位|预算)/g)) {
      findings.push(finding('TX-year', 'error', `年度写作“${m[0]}”，缺少数字（报告年度为${Y}年）`, [{ start: m.index, end: m.index + m[0].length }], { expected: `${Y}年`, stated: m[0] }));
    }
    // "截至2021年12月31日" in a 2022 report: the year-end of the report year is meant.
    for (const m of x.masked.matchAll(/截[至止](\d{4})年(?:12月31日|12月底|底|末)/g)) {
      const y = Number(m[1]);
      if (y === Y || y > Y) continue;
      const start = m.index + m[0].indexOf(m[1]!);
      findings.push(finding('TX-year', 'error', `${Y}年度报告中写作“${m[0]}”，应为${Y}年末的数`, [{ start, end: start + 5 }], { expected: `${Y}年`, stated: `${y}年` }));
    }
    // Evaluation reports titled with another year ("关于2023年部门整体支出绩效自评报告" in a 2022 report).
    for (const e of x.evaluations) {
      const title = x.masked.slice(e.titleSpan.start, e.titleSpan.end);
      for (const m of title.matchAll(/(\d{4})年度?/g)) {
        const y = Number(m[1]);
        if (y === Y) continue;
        const start = e.titleSpan.start + m.index;
        findings.push(finding('TX-year', 'warning', `${Y}年度报告所附绩效自评报告的标题写作“${m[0]}”，与自评年度${e.evaluation.year ?? Y}年不一致`, [{ start, end: start + m[0].length }], { expected: `${e.evaluation.year ?? Y}年`, stated: m[0] }));
      }
    }
    return result(findings, true);
  },
};
