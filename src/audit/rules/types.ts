/** A text rule: reads the extraction, gives findings and an outcome. */
import type { Fact } from '../../model/facts.js';
import type { Extraction } from '../extract/index.js';
import type { TextFinding } from '../types.js';

export type TextOutcome = 'pass' | 'fail' | 'not_applicable' | 'insufficient_data';

export interface TextRuleInput {
  x: Extraction;
  facts: Fact[];
  /** Claims that are not about the figure they seem to be (a mislabelled year, a copied figure): kept out of recomputation. */
  excluded: ReadonlySet<number>;
}

export interface TextRuleResult {
  outcome: TextOutcome;
  findings: TextFinding[];
}

export interface TextRule {
  id: string;
  /** What it checks, in Chinese. */
  title: string;
  run(input: TextRuleInput): TextRuleResult;
}

export const result = (findings: TextFinding[], checked: boolean): TextRuleResult => ({
  outcome: findings.length > 0 ? 'fail' : checked ? 'pass' : 'not_applicable',
  findings,
});
