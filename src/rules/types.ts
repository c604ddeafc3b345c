/**
 * 审核 rules as data. A rule is a plain object: a stable id, severity, scope,
 * when it applies, a Chinese message template and a fix hint, plus the
 * parameters of its kind. The engine (engine.ts) runs the same pack on facts
 * from a dataset and, later, on facts extracted from a published report.
 */
import type { Fact, Scenario } from '../model/facts.js';
import type { Evaluation } from '../model/schema.js';
import type { ReportTree } from '../report/tree.js';

export type Severity = 'error' | 'warning' | 'info';
export type Scope = 'field' | 'table' | 'cross-table' | 'narrative' | 'cross-year';
export type Outcome = 'pass' | 'fail' | 'not_applicable' | 'insufficient_data';

/** A reference to a figure: one stated fact, or the sum of its detail facts. */
export interface Term {
  concept: string;
  /** true: last year's figure (year − 1). */
  prior?: boolean;
  scenario?: Scenario;
  /** Dimensions the figure must have, e.g. { fund: 'general_budget' }. */
  where?: Record<string, string>;
  /** −1 to subtract the term. */
  sign?: -1;
}

export interface Condition {
  /** Only for these unit kinds (行政 / 参公 / 事业). */
  unitKind?: string[];
}

interface RuleBase {
  id: string;
  severity: Severity;
  scope: Scope;
  /** What the rule checks, in Chinese (docs/rules.md). */
  title: string;
  /** Why it holds: the identity's source or reasoning (docs/rules.md). */
  why: string;
  /** Message template; placeholders: {stated} {expected} {difference} {tolerance} {unit} and kind-specific ones. */
  message: string;
  /** What the user should do. */
  hint: string;
  when?: Condition;
}

/** left (the stated total) = right (its parts). */
export interface IdentityRule extends RuleBase {
  kind: 'identity';
  left: Term[];
  right: Term[];
}

/** Σ small ≤ Σ large. */
export interface BoundRule extends RuleBase {
  kind: 'bound';
  small: Term[];
  large: Term[];
}

/** Each stated node of a code tree equals the sum of its children (类 = Σ款 = Σ项). */
export interface RollupRule extends RuleBase {
  kind: 'rollup';
  concept: string;
  dim: 'functional' | 'economic' | 'vehicleType' | 'staffKind';
  scenario?: Scenario;
}

/** Every code used exists in the year's classification edition (and its stated name matches). */
export interface ReferenceRule extends RuleBase {
  kind: 'reference';
  dim: 'functional' | 'economic';
}

/** A change beyond the threshold needs a stated reason. */
export interface ReasonRule extends RuleBase {
  kind: 'reason';
  basis: 'vsPrior' | 'vsBudget';
}

/** Figures a required section needs. */
export interface RequiredRule extends RuleBase {
  kind: 'required';
  terms: { term: Term; label: string; path: string }[];
}

/** A count must not be below the number of items the report lists by name. */
export interface CountVsListRule extends RuleBase {
  kind: 'countVsList';
}

/** The report tree follows its profile: every section present, in order; empty tables carry a note; no gaps left. */
export interface NarrativeRule extends RuleBase {
  kind: 'narrative';
  check: 'sections' | 'emptyTableNote' | 'todo' | 'readBack';
}

/** Checks on the 绩效自评表 of each evaluation (src/rules/kinds/selfEvaluation). */
export type SelfEvaluationCheck =
  | 'funds' | 'overspend' | 'executionReason' | 'cost' | 'deviation' | 'notation' | 'weights' | 'score'
  | 'narrative' | 'narrativeIndicator' | 'copied' | 'projectFunds' | 'departmentFunds' | 'year';

export interface SelfEvaluationRule extends RuleBase {
  kind: 'selfEvaluation';
  check: SelfEvaluationCheck;
}

export type Rule = SelfEvaluationRule | IdentityRule | BoundRule | RollupRule | ReferenceRule | ReasonRule | RequiredRule | CountVsListRule | NarrativeRule;

export interface RulePack {
  version: string;
  rules: Rule[];
}

/** A named list stated next to its count, e.g. 对……等18个项目开展了事前绩效评估. */
export interface CountedList {
  key: string;
  label: string;
  count: number;
  names: string[];
  path: string;
}

/** A certain contradiction found by reading the generated report back. */
export interface ReadBackFinding {
  /** The reader's rule id (e.g. TX-numbering). */
  rule: string;
  message: string;
  /** The words of the report it concerns. */
  quote?: string;
}

/** A 【待补充】 the report leaves: what is missing and the dataset path to fill in. */
export interface ReportGap {
  what: string;
  path: string;
}

/**
 * What the narrative rules read of a report: its headings in order, its
 * tables, its gaps. From a tree (outlineOfTree), or — for a dataset — from the
 * dataset without building the tree (src/check/outline.ts).
 */
export interface ReportOutline {
  headings: string[];
  /** Each table by title; `unexplainedEmpty`: no data and no note saying why. */
  tables: { title: string; unexplainedEmpty: boolean }[];
  gaps: ReportGap[];
}

/** Everything the rules look at. */
export interface CheckInput {
  facts: Fact[];
  year: number;
  unit?: { kind?: string; level?: string };
  reasons?: { vsPrior: Record<string, string>; vsBudget: Record<string, string> };
  /** Which budget a completion rate is measured against. */
  completionBasis?: 'adjusted' | 'initial';
  /** Change (in 0.01%) beyond which a reason is required; default 10.00%. */
  changeThreshold?: bigint;
  lists?: CountedList[];
  /** Classification codes the input refers to without a figure (e.g. 基本支出 items listed by name only). */
  codes?: { dim: 'functional' | 'economic'; code: string; year: number; path: string }[];
  /** 绩效自评表 (dataset `evaluations`, or read from a published report); locations are `evaluations[i]…`. */
  evaluations?: Evaluation[];
  /** 预算执行率 rule of the profile: national, or 四川 (a reason below 90 %). */
  evaluationVariant?: 'national' | 'sichuan';
  /** The generated (or read) report: what the narrative rules read of it, and the read-back. */
  tree?: ReportTree;
  /** What the narrative rules read of the report, when there is no tree (or to spare reading it again). */
  outline?: ReportOutline;
  /** Section titles the profile requires, in order (for the sections rule). */
  requiredSections?: string[];
  /**
   * Reads the generated report back as a reader of published reports would
   * (the app passes the audit of its text rendering) and returns its certain
   * contradictions. Absent: the read-back rule is not applicable.
   */
  readBack?: (tree: ReportTree) => ReadBackFinding[];
  /**
   * 'exact': figures are the books (a dataset), no tolerance. 'stated':
   * figures are known only to their stated precision (a published report),
   * half a unit of tolerance per figure (XBRL calculation 1.1).
   */
  precision: 'exact' | 'stated';
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Exact decimal strings in `unit` (万元 for money); absent where the rule compares no figures. */
  expected?: string;
  stated?: string;
  difference?: string;
  tolerance?: string;
  unit?: string;
  /** The dataset path (later: sheet/cell or text span) of the figure to fix. */
  location: string;
  /** Other places involved. */
  related?: string[];
  hint: string;
}

export interface RuleResult {
  rule: string;
  outcome: Outcome;
  /** Dataset paths of the figures a passing or failing identity compared (for coverage). */
  paths?: string[];
}

export interface CheckReport {
  rulesVersion: string;
  results: RuleResult[];
  findings: Finding[];
  summary: { rules: number; pass: number; fail: number; notApplicable: number; insufficientData: number };
}
