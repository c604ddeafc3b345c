// Template leftovers: XX, ××, 某某, "（此处填写", "【待补充", alternatives left unresolved ("增加/减少"), a title of another year.
import type { TextFinding } from '../types.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const PATTERNS: [RegExp, string][] = [
  [/[XＸ]{2,}|[×]{2,}|[x]{3,}|[＊*]{3,}/g, '占位符'],
  // "部门（单位）名称概况" (a heading left as the template has it); "部门（单位）名称：XX中心" is a form's field label.
  [/某某|某单位|某部门|某项目|部门[（(]单位[）)]名称(?=概况|职责|基本情况|决算|主要)/g, '占位符'],
  // "部门（单位）职责", "2022年度部门（单位）决算公开表": the template's choice left unmade in a heading (while
  // "部门（单位）基本情况" is how the 部门整体绩效评价报告 template itself names its part).
  [/部门[（(]单位[）)](?=职责|决算|主要职能|机构设置)/g, '未选定的备选措辞'],
  // "占%": a share left blank; "（注：如无下属单位，应写明…）": the template's drafting note.
  [/占\s*[%％]|[（(]注[:：][^）)]{0,40}?(?:应写明|请填写|请注明|如无)[^）)]{0,40}[）)]?/g, '模板说明文字'],
  [/[（(](?:此处|请)?填写[^）)]{0,20}[）)]|[（(](?:项目|单位|部门)名称[）)]|[（(]可用表格形式反映[）)]|[（(]附相关评分表[）)]|[（(]如有[^）)]{0,10}[）)]/g, '模板说明文字'],
  // The template's drafting instructions left in a heading: "（需公开内设机构数量和下属单位数量及名称）", "（比照预算公开的内容格式）".
  [/[（(](?:需|须|应|请)(?:公开|说明|填写|列明|写明|注明|反映|列示)[^（）()]{0,30}[）)]|[（(](?:比照|参照)[^（）()]{0,20}(?:格式|内容|填写|编写)[^（）()]{0,10}[）)]/g, '模板说明文字'],
  // An alternative the template offers in brackets: "决算数小于预算数（或与预算数持平）的主要原因".
  [/[（(]或(?:与|和|同)?[^（）()]{0,8}(?:持平|增加|减少|增长|下降|高于|低于|大于|小于|等于)[）)]/g, '未选定的备选措辞'],
  [/【(?:待补充|待填|请填写|填写|此处|单位名称|项目名称|XX|××)[^】]{0,30}】/g, '未填写的内容'],
  // juesuan's own draft mark: a draft is not a report to publish.
  [/草稿（未通过审核[^）]{0,12}）/g, '草稿标记'],
  // Alternatives a template offers: "增加/减少", "增加（减少）", "增长(下降)". Written with 或 they are plain Chinese
  // ("较上年无增加或减少"), not a leftover.
  [/增加\s*[\/／]\s*减少|增长\s*[\/／]\s*下降|上升\s*[\/／]\s*下降|高于\s*[\/／]\s*低于|增加[（(]减少[）)]|增长[（(]下降[）)]|上升[（(]下降[）)]|增[（(]减[）)]/g, '未选定的备选措辞'],
];

export const templateLeftover: TextRule = {
  id: 'TX-template',
  title: '没有模板遗留文字',
  run({ x }) {
    const findings: TextFinding[] = [];
    // Leftovers of one kind on one line are one finding ("纳入XX部门…共计XX家，包括XX部门本级、XX、XX").
    const byLine = new Map<string, TextFinding>();
    for (const [re, what] of PATTERNS) {
      for (const m of x.masked.matchAll(re)) {
        // "GB/T", Roman numerals and the like are not placeholders.
        if (/^[x]+$/i.test(m[0]) && /[A-Za-z]/.test(x.masked[m.index - 1] ?? '')) continue;
        const lineStart = x.masked.lastIndexOf('\n', m.index) + 1;
        const key = `${what}|${lineStart}`;
        const span = { start: m.index, end: m.index + m[0].length };
        const same = byLine.get(key);
        if (same) {
          same.spans.push(span);
          same.message = `报告中留有${what}“${same.stated}”等${same.spans.length}处`;
          continue;
        }
        const f = finding('TX-template', 'error', `报告中留有${what}“${m[0]}”`, [span], { stated: m[0] });
        byLine.set(key, f);
        findings.push(f);
      }
    }
    // "2021年度部门决算" in a 2022 report.
    if (x.year !== undefined) {
      for (const m of x.masked.matchAll(/(\d{4})年度(?:部门|单位)决算/g)) {
        if (Number(m[1]) === x.year) continue;
        // A document cited by its title (《关于2021年度部门决算批复和公开工作的通知》) names its own year.
        const open = x.masked.lastIndexOf('《', m.index);
        if (open >= 0 && x.masked.lastIndexOf('》', m.index) < open && m.index - open < 60) continue;
        // A comparison names the year it compares with ("较2014年度部门决算公开“三公”经费合计16.08万元增加…").
        if (/(?:较|比|与|同|相较于?|对比)\s*$/.test(x.masked.slice(Math.max(0, m.index - 4), m.index))) continue;
        findings.push(finding('TX-template', 'error', `${x.year}年度报告中出现“${m[0]}”，疑为沿用其他年度的模板`, [{ start: m.index, end: m.index + m[0].length }], { expected: `${x.year}年度`, stated: m[0] }));
      }
    }
    // A table titled with another year ("红河县2017年“三公”经费决算统计表" in the 2018 note): a lead, the title may be right.
    if (x.year !== undefined) {
      for (const l of x.lines) {
        const t = l.text.trim();
        const m = /(\d{4})年度?[^，。；;\d]{0,20}决算[^，。；;\d]{0,8}表(?=\s*(?:(?:金额)?单位[:：]\s*(?:万元|元))?$)/.exec(t);
        if (!m || t.length > 50 || Number(m[1]) === x.year || /(?:较|比|与|同)\s*\d{4}年/.test(t)) continue;
        const at = l.start + l.text.indexOf(m[0]);
        findings.push(finding('TX-template', 'warning', `${x.year}年度报告中的表题写作“${m[0]}”，疑为沿用其他年度的表`, [{ start: at, end: at + m[0].length }], { expected: `${x.year}年`, stated: `${m[1]}年` }));
      }
    }
    return result(findings, true);
  },
};
