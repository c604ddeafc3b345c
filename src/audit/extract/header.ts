/** The unit's name and the report year, from the title and headings. */
import type { Segment } from '../text/segments.js';

const TITLE = /^(.{2,40}?)\s*(\d{4})年度?\s*(?:部门|单位)?决算/;
const YEAR_HEADING = /(\d{4})年度?\s*(?:部门|单位)决算(?:情况说明|公开|报告|表)?/;
/** A title of a stand-alone part ("XX局2022年度“三公”经费决算情况说明", "2022年一般公共预算“三公”经费决算执行情况说明"). */
const PART_TITLE = /(\d{4})年度?[^，。；\d]{0,30}?(?:决算|“三公”经费|三公经费|机关运行经费|政府采购)[^，。；\d]{0,20}?(?:情况(?:说明)?|说明|报告|公开|\s*$)/;
/** A year labelling a total of the accounts in a sentence ("2021年度收入总计", "2021年度财政拨款收、支总计"). */
const BODY_YEAR = /(\d{4})年度?(?:部门|单位)?(?:收入|支出|收、支|收支|财政拨款|一般公共预算财政拨款|年末结转|“三公”经费|三公经费)/g;
const ORG = /^(?:中共|中国共产党)?[\u4e00-\u9fff]{2,30}?(?:委员会|人民政府|政府|局|委|院|厅|办公室|中心|站|所|馆|学校|医院|学会|协会|总队|支队|大队)$/;

export function readHeader(lines: Segment[]): { unit?: string; year?: number } {
  let unit: string | undefined;
  let year: number | undefined;
  const head = lines.slice(0, 8).map((l) => l.text.trim()).filter((t) => t !== '');
  // "XX局2022年度部门决算" on one line, or the unit name on the line above "2022年度部门决算".
  for (let i = 0; i < head.length; i++) {
    const m = TITLE.exec(head[i]!);
    if (m) {
      year = Number(m[2]);
      const name = m[1]!.replace(/[“”"]/g, '').trim();
      if (ORG.test(name)) unit = name;
      else if (i > 0 && ORG.test(head[i - 1]!)) unit = head[i - 1];
      break;
    }
  }
  if (year === undefined) {
    // A stand-alone part names its year in its title line (one of the first lines, short, without a sentence's stop).
    for (const t of head.slice(0, 3)) {
      // The title may run into the body when the text came without a line break after it.
      const m = PART_TITLE.exec(t.slice(0, 60).split(/[。；]/)[0]!.replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)\s*/, ''));
      // A budget's title ("2022年“三公”经费预算安排情况") gives the budget year, not a 决算's.
      if (m && !(/预算/.test(m[0]) && !/决算/.test(m[0]))) {
        year = Number(m[1]);
        break;
      }
    }
  }
  if (year === undefined) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const m = YEAR_HEADING.exec(l.text);
      if (m && l.text.trim().length < 60) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (best) year = best[0];
  }
  if (year === undefined) {
    // No title (a page that starts at its first part): the year every figure of the body is labelled with
    // ("2021年度收入总计…", "本部门2021年度支出合计…"), when the body labels its totals with one year only, twice or more.
    const years = new Map<number, number>();
    for (const l of lines) {
      for (const m of l.text.matchAll(BODY_YEAR)) years.set(Number(m[1]), (years.get(Number(m[1])) ?? 0) + 1);
    }
    const only = years.size === 1 ? [...years][0]! : undefined;
    if (only && only[1] >= 2) year = only[0];
    else if (years.size === 2) {
      // Two years: a label that is a slip names one of them once ("2022年“三公”经费…" among "2023年…" twice or more);
      // the report year is the later one when it is also labelled more often.
      const [a, b] = [...years].sort((p, q) => q[0] - p[0]);
      if (a![0] === b![0] + 1 && a![1] >= 2 && a![1] > b![1]) year = a![0];
    }
  }
  if (unit === undefined) {
    // A line that is only an organisation's name (the signature or a report title above "关于…报告").
    const names = new Map<string, number>();
    for (const l of lines) {
      const t = l.text.trim();
      if (t.length >= 6 && t.length <= 30 && ORG.test(t)) names.set(t, (names.get(t) ?? 0) + 1);
    }
    const best = [...names].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0];
    if (best) unit = best[0];
  }
  return { ...(unit ? { unit } : {}), ...(year !== undefined ? { year } : {}) };
}
