// Figures of one evaluation as FigureRuns: fund amounts, execution rate, points.
import type { Evaluation, EvaluationFundSource } from '../../model/schema.js';
import type { Fen, Percent } from '../../money/index.js';
import { pctFig, wanFig } from '../phrases.js';
import type { FigureRun, Scenario } from '../tree.js';

export type FundField = 'initial' | 'annual' | 'executed';
const SCENARIO: Record<FundField, Scenario> = { initial: 'budget_initial', annual: 'budget_adjusted', executed: 'actual' };

export function fundFig(ev: Evaluation, year: number, source: EvaluationFundSource, field: FundField, fen: Fen): FigureRun {
  return wanFig('evaluation.funds', fen, { year, scenario: SCENARIO[field], dims: { project: ev.name, fund: source } });
}

export function rateFig(ev: Evaluation, year: number, rate: Percent): FigureRun {
  return pctFig('evaluation.execution_rate', rate, { year, dims: { project: ev.name } });
}

/** Points with two decimals, as computed (a decimal string from src/performance). */
export function pointsFig(ev: Evaluation, year: number, points: string, concept: 'evaluation.score' | 'evaluation.weight' = 'evaluation.score'): FigureRun {
  return { kind: 'figure', text: points, concept, value: points, unit: '分', year, scenario: 'actual', dims: { project: ev.name } };
}

/** 项目 name in a title: "网格化管理经费项目", but never "……项目项目". */
export function projectTitle(ev: Evaluation): string {
  return /项目$/u.test(ev.name) ? ev.name : `${ev.name}项目`;
}
