/**
 * 绩效自评 (performance self-evaluation) as published: reports ("…绩效自评报告")
 * and forms ("…绩效自评表"), whose cells come one per line from Word and PDF
 * conversion. A report and a form about the same project become one Evaluation
 * (the dataset schema's shape); spans of the cells are kept for findings.
 */
import { parseAmount, type Amount, type MoneyUnit } from '../../money/index.js';
import type { Evaluation, EvaluationFundSource } from '../../model/schema.js';
import type { Segment } from '../text/segments.js';
import type { EvaluationBlock, NarrativeFigure, Span } from '../types.js';

const REPORT_TITLE = /(?:自评报告|绩效评价报告|自评情况报告|绩效报告)\s*$/;
const FORM_TITLE = /(?:自评表|绩效目标自评|评价表)(?:[（(]\d{4}年度?[）)])?\s*$/;
const LEVEL1 = /^(产出指标|效益指标|满意度指标|完成指标|投入指标|过程指标|效果指标)$/;
const LEVEL2 = /^(数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|服务对象满意度指标|满意度指标|经济成本指标|社会成本指标|生态环境成本指标)$/;
const FUND_ROWS: [RegExp, EvaluationFundSource][] = [
  [/^年度资金总额|^资金总额|^总额/, 'total'],
  [/财政拨款(?:小计)?$|^其中[：:]?财政拨款$|当年财政拨款|本年财政拨款/, 'fiscal'],
  [/一般公共预算$/, 'generalBudget'],
  [/政府性基金(?:预算)?$/, 'govFund'],
  [/国有资本经营(?:预算)?$/, 'stateCapital'],
  [/社保基金$|社会保险基金$/, 'socialFund'],
  [/上年结转(?:资金)?$/, 'carryover'],
  [/其他资金$/, 'other'],
];
const COLUMNS: [RegExp, 'initial' | 'annual' | 'executed' | 'rate' | 'weight' | 'score'][] = [
  [/^年初预算数?/, 'initial'],
  [/^(?:全年|调整后?)预算数?|^预算数[：:]?$/, 'annual'],
  [/^(?:全年)?执行数[：:]?$|^预算执行数/, 'executed'],
  [/^(?:预算)?执行率/, 'rate'],
  [/^分值/, 'weight'],
  [/^得分/, 'score'],
];

const SPACE = /\s/;
// Most cells hold no white space: those are returned as they are.
const norm = (s: string) => (SPACE.test(s) ? s.replace(/\s+/g, '') : s);
const CLOSING_BRACKET = /[）)]$/;
const AMOUNT = /^-?\d+(?:\.\d+)?(?:万元|元)?$/;

interface Cell extends Span {
  text: string;
  blank: boolean;
}

/** A cell with its text's whitespace removed (computed once: the form reader looks at each cell many times). */
interface NormCell extends Cell {
  norm: string;
}

/** One cell per line (Word/PDF conversion), or "| a | b |" rows (text renderings of tables). */
function cellsOf(lines: Segment[]): Cell[] {
  return lines.flatMap((l): Cell[] => {
    const lead = l.text.length - l.text.trimStart().length;
    const text = l.text.trim();
    if (text.startsWith('|') && text.endsWith('|') && text.length > 1) {
      const out: Cell[] = [];
      let at = l.start + lead + 1;
      for (const raw of text.slice(1, -1).split('|')) {
        const inner = raw.replace(/\s*[（(]跨\d+列[）)]\s*$/, '');
        const pad = raw.length - raw.trimStart().length;
        const t = inner.trim();
        out.push({ start: at + pad, end: at + pad + t.length, text: t, blank: t === '' });
        at += raw.length + 1;
      }
      return out;
    }
    return [{ start: l.start + lead, end: l.start + lead + text.length, text, blank: text === '' }];
  });
}

const JOINED_LABEL = /^(?:[一二三]级指标|整体目标|年度总体目标完成情况|年度绩效指标完成情况|项目预算执行情况[（(]万元[）)])$/;

/** Joins label cells a conversion wrapped ("满意度" + "指标", "社会效益" + "指标", "满意" + "度指标"). */
function joinLabels(cells: Cell[]): NormCell[] {
  const out: NormCell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const a = cells[i]!;
    const b = cells[i + 1];
    if (b && !a.blank && !b.blank) {
      const joined = norm(a.text + b.text);
      if ((LEVEL1.test(joined) || LEVEL2.test(joined) || JOINED_LABEL.test(joined)) && !LEVEL1.test(norm(a.text)) && !LEVEL2.test(norm(a.text))) {
        out.push({ start: a.start, end: b.end, text: joined, blank: false, norm: joined });
        i++;
        continue;
      }
    }
    const text = a.blank ? '' : a.text;
    out.push({ start: a.start, end: a.end, text, blank: a.blank, norm: norm(text) });
  }
  return out;
}

function amountOf(text: string, unit: MoneyUnit): Amount | undefined {
  const t = norm(text).replace(/,/g, '');
  if (!AMOUNT.test(t)) return undefined;
  try {
    return parseAmount(t, unit);
  } catch {
    return undefined;
  }
}

interface FormRead {
  name?: string;
  department?: string;
  implementer?: string;
  kind: 'department' | 'project';
  year?: number;
  funds: Evaluation['funds'];
  cells: Record<string, Span>;
  rates: Record<string, { value: string; span: Span }>;
  unitHeader?: { unit: string; span: Span };
  goals?: { expected: string; actual: string };
  indicators: Evaluation['indicators'];
  indicatorSpans: Span[];
  total?: { value: string; span: Span };
}

/** What of the title a form's reading depends on. */
const formKind = (title: string): 'department' | 'project' => (/部门整体|整体支出/.test(title) ? 'department' : 'project');

function readForm(title: string, lines: Segment[]): FormRead {
  const cells = joinLabels(cellsOf(lines));
  const kind = formKind(title);
  const form: FormRead = { kind, funds: [], cells: {}, rates: {}, indicators: [], indicatorSpans: [] };
  let unit: MoneyUnit = '万元';
  let columns: string[] = [];
  let i = 0;
  const next = (from: number) => {
    let j = from;
    while (j < cells.length && cells[j]!.blank) j++;
    return j;
  };
  const nonBlankAfter = (from: number) => cells[next(from)];
  for (; i < cells.length; i++) {
    const c = cells[i]!;
    const t = c.norm;
    if (c.blank) continue;
    const year = /^[（(](\d{4})年度?[）)]$/.exec(t);
    if (year) form.year = Number(year[1]);
    if (/^项目[）)]?名称$/.test(t)) form.name = nonBlankAfter(i + 1)?.text.trim();
    else if (/^主管部门(?:及代码)?$/.test(t)) form.department = nonBlankAfter(i + 1)?.text.trim();
    else if (/^实施单位/.test(t)) form.implementer = nonBlankAfter(i + 1)?.text.trim();
    else {
      // The money header, possibly wrapped over up to three cells ("项目预算 / 执行情况 / （万元）").
      for (let w = 1; w <= 3; w++) {
        // cells[i … end): the cells before its last were looked at for the smaller groups (this one is not blank).
        const end = Math.min(i + w, cells.length);
        if (cells[end - 1]!.blank) break;
        // The header ends in a bracket: a group whose last cell does not cannot be one.
        if (!CLOSING_BRACKET.test(cells[end - 1]!.norm)) continue;
        const group = cells.slice(i, end);
        const joined = norm(group.map((g) => g.text).join(''));
        if (/资金[（(](万元|元)[）)]$|执行情况[（(](万元|元)[）)]$/.test(joined)) {
          const u = /[（(](万元|元)[）)]$/.exec(joined)![1] as MoneyUnit;
          unit = u;
          form.unitHeader = { unit: u, span: { start: c.start, end: group[group.length - 1]!.end } };
          break;
        }
      }
    }
  }
  // Funds: header columns, then row label + one cell per column (blank cells count).
  for (i = 0; i < cells.length; i++) {
    const t = cells[i]!.norm;
    const col = COLUMNS.find(([re]) => re.test(t));
    if (col && !columns.includes(col[1])) {
      columns.push(col[1]);
      continue;
    }
    const unnumbered = t.replace(/^[（(][一二三四五六七八九十][）)]|^\d[.．]/, '');
    const row = FUND_ROWS.find(([re]) => re.test(unnumbered));
    if (!row || columns.length === 0) continue;
    const source = row[1];
    if (form.funds.some((f) => f.source === source)) continue;
    const fund: Evaluation['funds'][number] = { source };
    // The 四川 "预算数：/执行数：" layout pairs a label with each value; the national one gives a row of cells.
    const paired = columns.includes('annual') && columns.includes('executed') && columns.length <= 2;
    const values = paired ? [cells[i + 1]] : cells.slice(i + 1, i + 1 + columns.length);
    values.forEach((v, k) => {
      if (!v || v.blank) return;
      const colName = paired ? (fund.annual ? 'executed' : 'annual') : columns[k]!;
      const vt = v.norm;
      if (colName === 'rate') {
        if (/^\d+(?:\.\d+)?%?$/.test(vt)) form.rates[source] = { value: vt.replace('%', ''), span: { start: v.start, end: v.end } };
        return;
      }
      if (colName === 'weight' || colName === 'score') return;
      const a = amountOf(vt, unit);
      if (!a) return;
      (fund as Record<string, unknown>)[colName] = a;
      form.cells[`${source}.${colName}`] = { start: v.start, end: v.end };
    });
    if (paired && source !== 'total') {
      // Second occurrence of the same row label on the right half: the executed value.
      const label = t.replace(/^其中[：:]?/, '');
      const again = cells.findIndex((x, j) => j > i + 1 && (x.norm.startsWith('其中') ? x.norm.replace(/^其中[：:]?/, '') : x.norm) === label);
      const v = again >= 0 ? cells[again + 1] : undefined;
      const a = v && !v.blank ? amountOf(v.norm, unit) : undefined;
      if (a && v) {
        fund.executed = a;
        form.cells[`${source}.executed`] = { start: v.start, end: v.end };
      }
    }
    if (fund.initial || fund.annual || fund.executed) form.funds.push(fund);
  }
  // The 四川 layout: "预算数：" and "执行数：" each followed by the total.
  if (!form.funds.some((f) => f.source === 'total')) {
    const total: Evaluation['funds'][number] = { source: 'total' };
    cells.forEach((c, k) => {
      const t = c.norm;
      const col = /^预算数[：:]$/.test(t) ? 'annual' : /^执行数[：:]$/.test(t) ? 'executed' : undefined;
      const v = cells[k + 1];
      const a = col && v && !v.blank ? amountOf(v.norm, unit) : undefined;
      if (col && a && v && !total[col]) {
        total[col] = a;
        form.cells[`total.${col}`] = { start: v.start, end: v.end };
      }
    });
    if (total.annual || total.executed) form.funds.unshift(total);
  }
  // Goals: the two long cells after 预期目标 / 年度目标.
  const g = cells.findIndex((c) => /^(?:预期目标|年度目标)$/.test(c.norm));
  if (g >= 0) {
    const long = cells.slice(g + 1).filter((c) => !c.blank && !/完成情况$/.test(c.norm)).slice(0, 2);
    if (long.length === 2) form.goals = { expected: long[0]!.text, actual: long[1]!.text };
  }
  // Indicators: after the 三级指标 header.
  const h = cells.findIndex((c) => /^三级指标$/.test(c.norm));
  if (h >= 0) {
    const header = cells.slice(h, h + 8).map((c) => c.norm);
    const hasWeight = header.some((x) => /^分值/.test(x));
    const hasScore = header.some((x) => /^得分/.test(x));
    let k = h + 1;
    while (k < cells.length && !cells[k]!.blank && !LEVEL1.test(cells[k]!.norm)) k++;
    let level1 = '';
    let level2 = '';
    while (k < cells.length) {
      const c = cells[k]!;
      const t = c.norm;
      if (c.blank) {
        k++;
        continue;
      }
      // 总分 (national form) or the 四川 form's closing 自评得分 row: the form's own total.
      if (/^总分|^合计|^自评得分$/.test(t)) {
        const vals = cells.slice(k + 1, k + 4).filter((x) => !x.blank && /^\d+(?:\.\d+)?$/.test(x.norm));
        const last = vals[vals.length - 1];
        if (last && /^\d+(?:\.\d+)?$/.test(last.norm)) form.total = { value: last.norm, span: { start: last.start, end: last.end } };
        break;
      }
      if (LEVEL1.test(t) && !(t === level1 && LEVEL2.test(t))) {
        level1 = t;
        k++;
        continue;
      }
      if (LEVEL2.test(t)) {
        level2 = t;
        k++;
        continue;
      }
      if (!level1 || !level2) break;
      // One row: [指标N：] name, target, actual, [weight], [score], [deviation].
      let nameCell = c;
      let name = c.text.trim();
      const label = /^指标\s*\d+\s*[：:]\s*(.*)$/.exec(name);
      let j = k + 1;
      if (label) {
        if (label[1]) name = label[1];
        else {
          j = next(k + 1);
          nameCell = cells[j] ?? c;
          name = nameCell.text.trim();
          j++;
        }
      }
      const take = () => {
        const cell = cells[j];
        j++;
        return cell && !cell.blank && !LEVEL1.test(cell.norm) && !LEVEL2.test(cell.norm) && !/^指标\s*\d+\s*[：:]/.test(cell.text.trim()) ? cell : undefined;
      };
      const target = take();
      const actual = take();
      const weight = hasWeight ? take() : undefined;
      const score = hasScore ? take() : undefined;
      const dev = take();
      const ind: Evaluation['indicators'][number] = {
        level1, level2, level3: name, target: target?.text.trim() ?? '', actual: actual?.text.trim() ?? '',
        ...(weight ? { weight: weight.norm } : {}), ...(score ? { score: score.norm } : {}),
        ...(dev ? { deviation: dev.text.trim() } : {}),
      };
      form.indicators.push(ind);
      form.indicatorSpans.push({ start: c.start, end: (dev ?? score ?? weight ?? actual ?? target ?? nameCell).end });
      if (!dev) j--; // the cell after the row was not ours
      k = Math.max(j, k + 1);
    }
  }
  if (!form.name && kind === 'project' && form.department && !CN_ORG.test(form.department)) form.name = form.department;
  return form;
}

const CN_ORG = /^(?:中共|中国共产党)?[\u4e00-\u9fff]{2,30}?(?:委员会|政法委|人民政府|局|委|院|厅|办公室|中心)$/;

/** "中共…政法委 / “雪亮工程”建设和运维项目支出绩效 / 自评报告" → "“雪亮工程”建设和运维项目". */
export function nameFromTitle(title: string[]): string {
  const lines = title.map((t) => t.trim()).filter((t) => t !== '');
  const body = lines.filter((t, i) => !(i < lines.length - 1 && CN_ORG.test(t))).join('');
  return body
    .replace(/^附件\s*\d*\s*[：:]?/, '')
    .replace(/^关于/, '')
    .replace(/\d{4}年度?/g, '')
    .replace(/(?:财政)?(?:项目)?(?:支出)?绩效(?:目标)?(?:自评|评价)(?:报告|表|情况报告)?$/, '')
    .replace(/^(?:中共)?[\u4e00-\u9fff]{2,12}?(?:委员会|政法委)/, (m) => (m.length < body.length - 2 ? '' : m))
    .replace(/的$/, '')
    .trim();
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

export function similarNames(a: string, b: string): boolean {
  const x = a.replace(/[“”"‘’\s]/g, '');
  const y = b.replace(/[“”"‘’\s]/g, '');
  if (x === '' || y === '') return false;
  return longestCommon(x, y) >= Math.min(5, x.length, y.length);
}

function narrativeFigures(lines: Segment[]): EvaluationBlock['narrative'] {
  const out: EvaluationBlock['narrative'] = {};
  const fig = (l: Segment, m: RegExpExecArray, g: number): NarrativeFigure => {
    const at = l.start + m.index + m[0].lastIndexOf(m[g]!);
    return { value: m[g]!.replace(/,/g, ''), unit: m[g + 1]!, span: { start: at, end: at + m[g]!.length + m[g + 1]!.length } };
  };
  for (const l of lines) {
    const initial = /年初[^，。；]{0,8}?(?:预算|批复)[^，。；（(]{0,8}?(\d[\d,]*(?:\.\d+)?)(万元|元)/.exec(l.text);
    if (initial && !out.initial) out.initial = fig(l, initial, 1);
    const annual = /(?:下达指标|全年预算|调整后预算|全年一般公共预算财政拨款总收入)[，,]?(?:共计|为)?(\d[\d,]*(?:\.\d+)?)(万元|元)/.exec(l.text);
    if (annual && !out.annual) out.annual = fig(l, annual, 1);
    for (const m of l.text.matchAll(/(?:实际支出|实际完成额|已申报并支付[^，。；]{0,8}?资金|执行数为?)(\d[\d,]*(?:\.\d+)?)(万元|元)/g)) {
      (out.executed ??= []).push(fig(l, m as RegExpExecArray, 1));
    }
  }
  return out;
}

/** Finds evaluation reports and forms in the lines and pairs them by project. */
export function readEvaluations(lines: Segment[], unitName: string | undefined, year: number | undefined): EvaluationBlock[] {
  const titles: { at: number; kind: 'report' | 'form'; lines: number[] }[] = [];
  lines.forEach((l, i) => {
    // A table title may run into its 编制单位 / 金额单位 line when a reader joins them.
    const trimmed = l.text.trim();
    const t0 = trimmed.startsWith('【表】') ? trimmed.slice(3) : trimmed;
    const t = t0.includes('编制单位') ? t0.replace(/\s*编制单位[:：].*$/u, '') : t0;
    if (t.length > 60 || /[。；]$/.test(t)) return;
    const kind = REPORT_TITLE.test(t) ? 'report' : FORM_TITLE.test(t) ? 'form' : undefined;
    if (!kind) return;
    // Title lines above: short lines without end punctuation (the unit name, the first half of a long title).
    const title = [i];
    for (let j = i - 1; j >= 0 && title.length < 3; j--) {
      const p = lines[j]!.text.trim();
      if (p === '') break;
      if (p.length > 30 || /[。；：:]$/.test(p) || /^第.{1,3}部分|^[一二三四五六七八九十]+、|^附件/.test(p)) break;
      title.unshift(j);
    }
    titles.push({ at: title[0]!, kind, lines: title });
  });
  // A numbered attachment title (附件1 …) met again further on was a 目录 entry: the later one is the attachment.
  // (Unnumbered form titles do repeat for real: one 财政项目支出绩效自评表 per project.)
  const keyOf = (t: { lines: number[] }) => lines[t.lines[t.lines.length - 1]!]!.text.trim();
  for (let k = titles.length - 1; k >= 0; k--) {
    const key = keyOf(titles[k]!);
    if (/^附件\s*\d/u.test(key) && titles.slice(k + 1).some((later) => keyOf(later) === key)) titles.splice(k, 1);
  }
  // A form ends where numbered headings start again (the report's own sections or a table list).
  const endOfForm = (from: number, to: number) => {
    for (let j = from + 1; j < to; j++) if (/^\s*(?:第.{1,3}部分|[一二三四五六七八九十]{1,3}、\S{3,})/.test(lines[j]!.text)) return j;
    return to;
  };
  type Part = { kind: 'report' | 'form'; name: string; dept: boolean; from: number; to: number; titleLines: number[] };
  const parts: Part[] = titles.map((t, k) => {
    const next = k + 1 < titles.length ? titles[k + 1]!.at : lines.length;
    const to = t.kind === 'form' ? endOfForm(t.lines[t.lines.length - 1]!, next) : next;
    const titleText = t.lines.map((j) => lines[j]!.text);
    const dept = /部门整体|整体支出|整体绩效/.test(titleText.join(''));
    return { kind: t.kind, name: nameFromTitle(titleText), dept, from: t.at, to, titleLines: t.lines };
  });
  const blocks: EvaluationBlock[] = [];
  const used = new Set<Part>();
  // A form is read once (its reading depends on the title's kind only): the same part is looked at when pairing and when it becomes a block.
  const forms = new Map<string, FormRead>();
  const formOf = (title: string, part: Part): FormRead => {
    const key = `${part.from}:${part.to}:${formKind(title)}`;
    let f = forms.get(key);
    if (!f) forms.set(key, (f = readForm(title, lines.slice(part.from, part.to))));
    return f;
  };
  const spanOf = (a: number, b: number): Span => ({ start: lines[a]!.start, end: lines[Math.max(a, b - 1)]!.end });
  for (const p of parts) {
    if (used.has(p)) continue;
    used.add(p);
    let report: Part | undefined = p.kind === 'report' ? p : undefined;
    let formPart: Part | undefined = p.kind === 'form' ? p : undefined;
    const form = formPart ? formOf(formPart.titleLines.map((j) => lines[j]!.text).join(''), formPart) : undefined;
    if (report) {
      // The form about the same project (the department's form for the department's report).
      const partner = parts.find((q) => !used.has(q) && q.kind === 'form' && (q.dept === report!.dept) && (report!.dept || similarNames(report!.name, formOf('', q).name ?? q.name)));
      if (partner) {
        used.add(partner);
        formPart = partner;
      }
    } else if (formPart) {
      const fname = form?.name ?? '';
      const partner = parts.find((q) => !used.has(q) && q.kind === 'report' && q.dept === formPart!.dept && (q.dept || similarNames(q.name, fname)));
      if (partner) {
        used.add(partner);
        report = partner;
      }
    }
    const f = formPart ? formOf(formPart.titleLines.map((j) => lines[j]!.text).join(''), formPart) : undefined;
    const reportLines = report ? lines.slice(report.to > report.from ? report.titleLines[report.titleLines.length - 1]! + 1 : report.from, report.to) : [];
    const dept = (report ?? formPart)!.dept;
    // The 四川 form puts the project's name in its 主管部门及代码 cell when it has no 项目名称 row.
    const formName = f?.name;
    const titleName = report ? report.name : undefined;
    const name = dept ? unitName ?? f?.department ?? titleName ?? '' : formName ?? titleName ?? '';
    const department = f?.department && CN_ORG.test(f.department) ? f.department : f?.implementer ?? unitName ?? '';
    const narrative = narrativeFigures(reportLines);
    const SCORE = /(?:自评|评价)(?:总)?得分(?:为|是)?(\d+(?:\.\d+)?)分/;
    const scoreLine = reportLines.find((l) => SCORE.test(l.text));
    const score = scoreLine ? SCORE.exec(scoreLine.text) : null;
    const paragraphs = reportLines.filter((l) => l.text.trim().length >= 40).map((l) => ({ start: l.start, end: l.end }));
    const evaluation: Evaluation = {
      kind: dept ? 'department' : 'project',
      name,
      department: department || unitName || '',
      implementer: f?.implementer ?? unitName ?? '',
      ...((f?.year ?? year) !== undefined ? { year: f?.year ?? year } : {}),
      funds: f?.funds ?? [],
      ...(f?.goals ? { goals: f.goals } : {}),
      indicators: f?.indicators ?? [],
      ...(score ? { selfScore: score[1]! } : {}),
      problems: [],
      suggestions: [],
      stated: {
        ...(narrative.annual ? { budget: parseAmount(narrative.annual.value, narrative.annual.unit as MoneyUnit) } : {}),
        ...(narrative.executed?.[0] ? { executed: parseAmount(narrative.executed[0].value, narrative.executed[0].unit as MoneyUnit) } : {}),
      },
      report: report ? { 全文: reportLines.map((l) => l.text).join('\n').trim() } : {},
    };
    const first = report ?? formPart!;
    const last = formPart && report ? (formPart.from > report.from ? formPart : report) : first;
    blocks.push({
      evaluation,
      span: spanOf(Math.min(first.from, (formPart ?? first).from), Math.max(last.to, first.to)),
      titleSpan: spanOf(first.titleLines[0]!, first.titleLines[first.titleLines.length - 1]! + 1),
      ...(titleName ? { titleName } : {}),
      cells: f?.cells ?? {},
      rates: f?.rates ?? {},
      ...(f?.unitHeader ? { unitHeader: f.unitHeader } : {}),
      paragraphs,
      narrative,
      indicatorSpans: f?.indicatorSpans ?? [],
      ...(scoreLine && score ? { scoreSpan: { start: scoreLine.start + scoreLine.text.indexOf(score[0]), end: scoreLine.start + scoreLine.text.indexOf(score[0]) + score[0].length } } : {}),
      ...(f?.total ? { formTotal: f.total } : {}),
      kindFromTitle: dept ? 'department' : 'project',
      ...(formPart ? { formSpan: spanOf(formPart.from, formPart.to) } : {}),
    });
  }
  return blocks;
}
