/**
 * The format-neutral report tree. Section writers build it from the model;
 * renderers (html, docx, later pdf/xlsx) only walk it. Every figure that
 * appears in generated text is a `FigureRun`, so renderers can carry the
 * machine-readable value (data-concept, data-value …) alongside the text.
 */

/** A stated figure inside running text. `text` is exactly what is printed. */
export interface FigureRun {
  kind: 'figure';
  /** What is printed, e.g. "1193.39" (the unit follows as plain text). */
  text: string;
  /** Concept id, e.g. "income.general_budget" or "share.expense.basic". */
  concept: string;
  /** Exact value as a decimal string in `unit`, e.g. "1193.39" or "51.40". */
  value: string;
  unit: FigureUnit;
  year: number;
  scenario: Scenario;
  /** Dimensions such as functional code or fund source. */
  dims?: Record<string, string>;
}

export type FigureUnit = '万元' | '元' | '%' | '人' | '辆' | '个' | '批次' | '人次' | '次' | '台（套）' | '名' | '分';
/** Same scenarios as facts: actual, budget (三公 预算数), year-opening or adjusted budget. */
export type { Scenario } from '../model/facts.js';
import type { Scenario } from '../model/facts.js';

/** A gap the data did not fill, e.g. 【待补充：变动原因】. Kept visible on purpose. */
export interface TodoRun {
  kind: 'todo';
  /** What is missing, e.g. "变动原因". Printed as 【待补充：…】. */
  what: string;
  /** The dataset path where the user should fill it in. */
  path: string;
}

export interface EmphasisRun {
  kind: 'strong';
  text: string;
}

export type Inline = string | FigureRun | TodoRun | EmphasisRun;

export interface HeadingBlock {
  kind: 'heading';
  /** 1 = part (第一部分), 2 = 一、, 3 = （一）, 4 = 1., 5 = （1）. */
  level: 1 | 2 | 3 | 4 | 5;
  /** Generated numbering, e.g. "第一部分", "一、", "（一）". Empty when unnumbered. */
  numbering: string;
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Generated list label printed before the text (e.g. "1."、"（一）"), if any. */
  label?: string;
  content: Inline[];
  /** Right-aligned (dates, signatures) or centred (titles inside attachments). */
  align?: 'left' | 'center' | 'right';
  /** Text the dataset states as written (a unit's own 自评报告 prose), not generated from figures. */
  stated?: true;
}

export interface TableCell {
  content: Inline[];
  colSpan?: number;
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableBlock {
  kind: 'table';
  id: string;
  title: string;
  /** 公开XX表 number, when the table is one of the standard set. */
  number?: string;
  /** Unit name printed above the table (编制单位). */
  unitName: string;
  /** 金额单位, e.g. "万元". */
  moneyUnit: string;
  /** Header rows (rendered as <thead>, repeated on each printed page). */
  header: TableCell[][];
  body: TableCell[][];
  /** Shown under the table; an empty table carries its reason here. */
  note?: Inline[];
  /** Wide tables print on a landscape page. */
  orientation?: 'portrait' | 'landscape';
}

/** A chart described as data; renderers draw it (SVG in HTML/PDF, PNG in DOCX). */
export interface ChartSpec {
  type: 'bar' | 'pie';
  /** Category labels: the x axis of a bar chart, the slices of a pie. */
  categories: string[];
  /** One series per bar group (a pie has exactly one); values are exact decimal strings in `unit`. */
  series: { name: string; values: string[] }[];
  unit: string;
}

export interface ChartBlock {
  kind: 'chart';
  id: string;
  title: string;
  chart: ChartSpec;
}

export interface NoteBlock {
  kind: 'note';
  content: Inline[];
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | ChartBlock | NoteBlock | PageBreakBlock;

export interface ReportMeta {
  unitName: string;
  year: number;
  profile: string;
  /** Draft marker printed on every page, e.g. 草稿（未通过审核/待补充）. */
  draftMark?: string;
  /** Report date as an input (never read from the clock inside the core). */
  date?: string;
}

export interface ReportTree {
  /** Title lines of the cover/title block, e.g. ["中共广元市昭化区委政法委员会", "2022年度单位决算"]. */
  title: string[];
  meta: ReportMeta;
  /** The body as a flat list of blocks in reading order (headings carry the hierarchy). */
  blocks: Block[];
}

/** Plain text of inline runs, exactly as printed. */
export function inlineText(runs: readonly Inline[]): string {
  return runs.map(runText).join('');
}

export function runText(run: Inline): string {
  if (typeof run === 'string') return run;
  switch (run.kind) {
    case 'figure':
      return run.text;
    case 'todo':
      return `【待补充：${run.what}】`;
    case 'strong':
      return run.text;
  }
}
