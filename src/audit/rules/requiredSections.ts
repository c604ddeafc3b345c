// The explanations a 决算 report must give (预算法第十四条; 财预〔2016〕143号; domain.md §1.3–1.4).
import type { Extraction } from '../extract/index.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const TOPICS: { name: string; heading: RegExp; mention: RegExp; core: boolean }[] = [
  { name: '收入支出决算总体情况说明', heading: /收入支出(?:决算)?总体|收支(?:决算)?总体/, mention: /收、?支总计|收入总计/, core: true },
  { name: '收入决算情况说明', heading: /^收入决算/, mention: /本年收入合计/, core: true },
  { name: '支出决算情况说明', heading: /^支出决算/, mention: /本年支出合计/, core: true },
  { name: '财政拨款收入支出决算总体情况说明', heading: /财政拨款收入支出/, mention: /财政拨款收、?支总计/, core: true },
  { name: '一般公共预算财政拨款支出决算情况说明', heading: /一般公共预算财政拨款支出/, mention: /一般公共预算财政拨款支出/, core: true },
  { name: '一般公共预算财政拨款基本支出决算情况说明', heading: /基本支出/, mention: /人员经费/, core: true },
  { name: '“三公”经费财政拨款支出决算情况说明', heading: /三公/, mention: /公务接待/, core: true },
  { name: '政府性基金预算财政拨款支出决算情况说明', heading: /政府性基金/, mention: /政府性基金预算财政拨款/, core: false },
  { name: '国有资本经营预算财政拨款支出决算情况说明', heading: /国有资本经营/, mention: /国有资本经营预算财政拨款/, core: false },
  { name: '机关运行经费支出情况', heading: /机关运行经费/, mention: /机关运行经费支出/, core: true },
  { name: '政府采购支出情况', heading: /政府采购/, mention: /政府采购支出总额|政府采购支出/, core: true },
  { name: '国有资产占用情况', heading: /国有资产/, mention: /单价50万元以上|共有车辆/, core: false },
  { name: '名词解释', heading: /名词解释/, mention: /名词解释/, core: false },
];

/**
 * Whether a text is a whole report: most of its explanations are there with text under them, and it runs on to
 * its end (名词解释, 附件 or 附表 after them). An excerpt, a stand-alone part or a page's beginning is not.
 */
export function isWholeReport(x: Pick<Extraction, 'sections' | 'masked'>): boolean {
  return wholeness(x).whole;
}

/** Computed once per extraction (TX-sections and the audit's summary both ask). */
const WHOLENESS = new WeakMap<object, { whole: boolean }>();
function wholeness(x: Pick<Extraction, 'sections' | 'masked'>) {
  const known = WHOLENESS.get(x);
  if (known) return known;
  const w = measureWholeness(x);
  WHOLENESS.set(x, w);
  return w;
}

function measureWholeness(x: Pick<Extraction, 'sections' | 'masked'>) {
  const withContent = x.sections.filter((h, i) => {
    const next = x.sections[i + 1];
    const body = x.masked.slice(h.span.end, next ? next.span.start : Math.min(x.masked.length, h.span.end + 400));
    return /\d+(?:\.\d+)?\s*(?:万元|元|%)/.test(body) || body.replace(/\s/g, '').length > 30;
  });
  const explained = TOPICS.filter((t) => withContent.some((h) => t.heading.test(h.text)));
  // It runs on past its explanations: a 名词解释, 附件 or 附表 comes after the sixth topic explained (not after the last
  // heading that names a topic — the 附表's table titles name them too, and a title cut over two lines does not end in 表).
  const seen = new Set<string>();
  let sixthAt = Infinity;
  for (const h of withContent) {
    const t = TOPICS.find((topic) => topic.name !== '名词解释' && topic.heading.test(h.text));
    if (!t || /表$/.test(h.text.trim())) continue;
    seen.add(t.name);
    if (seen.size === 6) {
      sixthAt = h.span.start;
      break;
    }
  }
  const reachesEnd = x.sections.some((h) => h.span.start > sixthAt && /名词解释|附件|附表|决算表|公开表/.test(h.text));
  return { whole: explained.length >= 6 && reachesEnd };
}

export const requiredSections: TextRule = {
  id: 'TX-sections',
  title: '决算情况说明的各部分齐全',
  run({ x }) {
    const present = TOPICS.filter((t) => x.sections.some((h) => t.heading.test(h.text)));
    if (!wholeness(x).whole) return { outcome: 'not_applicable', findings: [] };
    const anchor = x.sections.find((h) => /决算情况说明|决算说明/.test(h.text)) ?? x.sections[0]!;
    const findings = TOPICS.filter((t) => !present.includes(t)).map((t) => {
      const mentioned = t.mention.test(x.masked);
      return finding('TX-sections', t.core && !mentioned ? 'error' : 'warning',
        mentioned ? `报告没有“${t.name}”一节（相关内容散见于其他部分）` : `报告缺少“${t.name}”`,
        [anchor.span], { expected: t.name });
    });
    return result(findings, true);
  },
};
