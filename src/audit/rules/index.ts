/** The text rules, in the order findings are reported. */
import { change } from './change.js';
import { completion } from './completion.js';
import { copiedText, projectName } from './copiedText.js';
import { duplicateFigure } from './duplicateFigure.js';
import { evaluationFunds } from './evaluationFunds.js';
import { evaluationScore } from './evaluationScore.js';
import { namedList } from './namedList.js';
import { numbering } from './numbering.js';
import { parts } from './parts.js';
import { rate } from './rate.js';
import { requiredSections } from './requiredSections.js';
import { share } from './share.js';
import { templateLeftover } from './templateLeftover.js';
import type { TextRule } from './types.js';
import { yearLabel } from './yearLabel.js';

export const TEXT_RULES: readonly TextRule[] = [
  duplicateFigure, yearLabel, share, change, rate, completion, parts, namedList,
  numbering, requiredSections, templateLeftover, copiedText, projectName, evaluationFunds, evaluationScore,
];
export type { TextRule } from './types.js';
