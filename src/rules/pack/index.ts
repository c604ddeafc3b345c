import type { RulePack } from '../types.js';
import { basicRules } from './basic.js';
import { fundRules } from './funds.js';
import { narrativeRules } from './narrative.js';
import { otherMatterRules } from './otherMatters.js';
import { performanceRules } from './performance.js';
import { reasonRules } from './reasons.js';
import { referenceRules } from './reference.js';
import { requiredRules } from './required.js';
import { sangongRules } from './sangong.js';
import { selfEvaluationRules } from './selfEvaluation.js';
import { totalsRules } from './totals.js';

/** The rule pack. Bump the version whenever a rule is added, removed or changes meaning. */
export const RULE_PACK: RulePack = {
  version: '2026.11.2',
  rules: [
    ...totalsRules,
    ...fundRules,
    ...basicRules,
    ...sangongRules,
    ...otherMatterRules,
    ...performanceRules,
    ...selfEvaluationRules,
    ...referenceRules,
    ...reasonRules,
    ...requiredRules,
    ...narrativeRules,
  ],
};
