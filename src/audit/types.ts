/**
 * The audit contract: what a published report's text yields (claims, sections,
 * lists, 绩效自评 evaluations) and what checking it gives (findings located by
 * spans of the normalised text). Spans are [start, end) offsets into that text;
 * the caller maps them back to the raw document.
 */
import type { Evaluation } from '../model/schema.js';

export interface Span {
  start: number;
  end: number;
}

export type ClaimScenario = 'actual' | 'budget' | 'budget_initial' | 'budget_adjusted';
export type ClaimMeasure = 'level' | 'change' | 'changeRate' | 'share' | 'completionRate';

export interface Claim {
  /** Concept id (src/model/concepts.ts). */
  concept: string;
  /** Exact decimal string as stated ("1193.39", "-5", "106.56"). */
  value: string;
  /** 元 | 万元 | % | 批次 | 人次 | 辆 | 个 | 人 … */
  unit: string;
  /** Year the figure is about (the report year unless the text says otherwise). */
  year?: number;
  scenario: ClaimScenario;
  measure: ClaimMeasure;
  /** For changes: the direction the words state (增加/增长 up, 减少/下降 down, 持平 flat). */
  direction?: 'up' | 'down' | 'flat';
  dims?: Record<string, string>;
  /** The figure itself (number and unit). */
  span: Span;
  /** The heading the claim sits under. */
  section?: string;
  /** The sentence the claim was read from. */
  sentence: Span;
  /** For shares: the whole the share is of. */
  base?: { concept: string; dims?: Record<string, string> };
  /** For changes and rates: the year compared with. */
  baseYear?: number;
  /** A change or rate against a budget ("比年初预算增加…"), not against last year's 决算. */
  against?: 'budget';
  /** The year label written in front of the figure, when it differs from `year`. */
  statedYear?: number;
  /** The unit was not written and was taken from the sentence (e.g. "减少507.78、下降23.5%"). */
  unitInferred?: true;
  /** Index of the statement (subject + its measures) the claim belongs to. */
  statement: number;
}

/** A figure whose concept could not be read with confidence: never a claim, it feeds insufficient_data. */
export interface UncertainFigure {
  value: string;
  unit: string;
  span: Span;
  /** The words in front of the figure, for a reviewer. */
  context: string;
  reason: string;
  measure?: ClaimMeasure;
  direction?: 'up' | 'down' | 'flat';
  /** Statement index, so local recomputations (change vs rate) can still use it. */
  statement: number;
}

export interface Heading {
  /** Numbering as written: "一、", "（二）", "1.", "第三部分", "9、". */
  numbering: string;
  /** Family of the numbering ("part", "cn", "paren-cn", "arabic", "paren-arabic", "arabic-dun"). */
  style: string;
  /** The number the label stands for (第3部分 → 3, 九、 → 9). */
  number: number;
  text: string;
  span: Span;
  /** Nesting level after resolving mixed styles (1 = 第N部分). */
  level: number;
}

export interface NamedList {
  key: string;
  label: string;
  count: number;
  names: string[];
  /** "等N个" (the list may be partial) versus an exact "共N个" / "A和B两个". */
  partial: boolean;
  span: Span;
  countSpan: Span;
}

/** A 绩效自评 evaluation as read from its report and 自评表, with where its parts sit. */
export interface EvaluationBlock {
  evaluation: Evaluation;
  /** The whole block (report and/or form). */
  span: Span;
  /** The title line(s). */
  titleSpan: Span;
  /** The project name as the title gives it. */
  titleName?: string;
  /** Spans of the form's funds cells, keyed "source.column" (e.g. "fiscal.initial"). */
  cells: Record<string, Span>;
  /** Stated 执行率 cells, keyed by source. */
  rates: Record<string, { value: string; span: Span }>;
  /** Header says 万元 while cells are written in 元 (or the reverse). */
  unitHeader?: { unit: string; span: Span };
  /** Paragraphs of the narrative part, for copy detection. */
  paragraphs: Span[];
  /** Narrative figures: 年初 budget, 全年 budget, executed; with spans. */
  narrative: { initial?: NarrativeFigure; annual?: NarrativeFigure; executed?: NarrativeFigure[] };
  /** Indicator rows with their spans (same order as evaluation.indicators). */
  indicatorSpans: Span[];
  /** Score stated in the narrative ("自评得分为98分"). */
  scoreSpan?: Span;
  /** Total score stated on the form. */
  formTotal?: { value: string; span: Span };
  kindFromTitle: 'department' | 'project';
  /** The form part alone (absent when only a report is published). */
  formSpan?: Span;
}

export interface NarrativeFigure {
  value: string;
  unit: string;
  span: Span;
}

export interface TextFinding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  expected?: string;
  stated?: string;
  tolerance?: string;
  unit?: string;
  spans: Span[];
}

export interface ExtractResult {
  unit?: string;
  year?: number;
  claims: Claim[];
  sections: Heading[];
  lists: NamedList[];
  evaluations: EvaluationBlock[];
  uncertain: UncertainFigure[];
}

export interface AuditSummary {
  claims: number;
  rulesRun: number;
  pass: number;
  fail: number;
  notApplicable: number;
  insufficientData: number;
  /** Figures whose concept could not be read with confidence: never findings, counted here. */
  uncertain: number;
  errors: number;
  warnings: number;
  /** The text is not a whole report (an excerpt, a stand-alone part, a page's beginning): audited for what it holds. */
  partial: boolean;
}

export interface AuditResult {
  unit?: string;
  year?: number;
  claims: Claim[];
  evaluations: Evaluation[];
  findings: TextFinding[];
  summary: AuditSummary;
}
