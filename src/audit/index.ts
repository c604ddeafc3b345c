/**
 * Audit of published reports (部门决算公开 text): extractClaims reads what a
 * report states, auditText checks it with the rule pack and the text rules.
 * Input is the normalised text (src/parse/document); spans are offsets into it.
 */
export type {
  AuditResult, AuditSummary, Claim, ClaimMeasure, ClaimScenario, EvaluationBlock, ExtractResult, Heading,
  NamedList, Span, TextFinding, UncertainFigure,
} from './types.js';
export { extractClaims } from './extract/index.js';
export { auditText } from './audit.js';
export { claimFacts } from './facts.js';
export { TEXT_RULES } from './rules/index.js';
