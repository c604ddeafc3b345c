/**
 * Passing and failing inputs for each selfEvaluation check: a consistent set
 * of evaluations (two projects and the department, every score computable by
 * hand: execution 100 % → 10, every indicator met → 100), then one thing broken.
 */
import type { Fact } from '../../src/model/facts.js';
import type { Evaluation } from '../../src/model/schema.js';
import { parseAmount } from '../../src/money/index.js';
import type { CheckInput, SelfEvaluationCheck } from '../../src/rules/index.js';

const Y = 2022;
const wan = (s: string) => parseAmount(s, '万元');

function evaluation(kind: Evaluation['kind'], name: string, budget: string, text: string): Evaluation {
  const row = (source: Evaluation['funds'][number]['source']) => ({ source, initial: wan(budget), annual: wan(budget), executed: wan(budget) });
  return {
    kind, name, department: '某某局', implementer: '某某局', year: Y,
    funds: [row('total'), row('fiscal'), row('generalBudget')],
    goals: { expected: `${name}全年计划完成十个点位的建设并保持稳定运行，群众满意。`, actual: `${name}全年实际建成十二个点位，运行稳定，群众满意度达到百分之九十五。` },
    indicators: [
      { level1: '产出指标', level2: '数量指标', level3: '建成点位', target: '≥10个', actual: '12' },
      { level1: '产出指标', level2: '成本指标', level3: '项目成本', target: `≤${budget}万元`, actual: `${budget}万元` },
      { level1: '效益指标', level2: '社会效益指标', level3: '社会治理水平', target: '优良中差', actual: '优' },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', target: '≥90%', actual: '95%' },
    ],
    selfScore: '100',
    problems: [], suggestions: [],
    stated: { budget: wan(budget), executed: wan(budget), completionRate: '100%' },
    report: { 项目绩效情况: text },
  };
}

const GOOD: Evaluation[] = [
  evaluation('project', '城区绿化养护项目', '100', '城区绿化养护项目全年完成行道树修剪三千余株，补植苗木八百株，绿地病虫害防治覆盖全部公园和街头游园，市民对城市绿化的满意度明显提升。'),
  evaluation('project', '农村饮水安全工程', '200', '农村饮水安全工程新建集中供水站两座，改造管网四十公里，解决了山区六个村两千余人的季节性缺水问题，水质检测合格率保持在百分之百。'),
  evaluation('department', '某某局', '1000', '本局全年履行职责，完成年度重点工作任务，部门整体支出控制在预算以内，各项管理制度健全，预决算信息按时公开，未发现违规问题，单位运转保障有力有序。'),
];

const FACTS: Fact[] = [
  { concept: 'expense.project', year: Y, scenario: 'actual', dims: {}, value: wan('300').fen, precision: 1n, source: { kind: 'dataset', path: 'expenditure' } },
  { concept: 'expense.total', year: Y, scenario: 'actual', dims: {}, value: wan('1000').fen, precision: 1n, source: { kind: 'dataset', path: 'expenditure' } },
];

const input = (evaluations: Evaluation[], extra: Partial<CheckInput> = {}): CheckInput => ({
  facts: FACTS, year: Y, unit: { kind: '行政', level: '单位' }, precision: 'exact', evaluations, evaluationVariant: 'national', ...extra,
});

/** A copy of the good set with the first evaluation changed. */
function breakFirst(change: (e: Evaluation) => void): Evaluation[] {
  const copy = structuredClone(GOOD);
  change(copy[0]!);
  return copy;
}

export function selfEvaluationFixtures(check: SelfEvaluationCheck): [CheckInput, CheckInput] {
  const good = input(GOOD);
  switch (check) {
    case 'funds':
      return [good, input(breakFirst((e) => (e.funds[0]!.annual = wan('120'))))];
    case 'overspend':
      return [good, input(breakFirst((e) => e.funds.forEach((f) => (f.executed = wan('110')))))];
    case 'executionReason':
      return [input(GOOD, { evaluationVariant: 'sichuan' }), input(breakFirst((e) => e.funds.forEach((f) => (f.executed = wan('80')))), { evaluationVariant: 'sichuan' })];
    case 'cost':
      return [good, input(breakFirst((e) => (e.indicators[1]!.actual = '120万元')))];
    case 'deviation':
      return [
        input(breakFirst((e) => Object.assign(e.indicators[0]!, { actual: '8', deviation: '两个点位因征地未完成顺延至次年建设' }))),
        input(breakFirst((e) => (e.indicators[0]!.actual = '8'))),
      ];
    case 'notation':
      return [good, input(breakFirst((e) => (e.indicators[0]!.target = '')))];
    case 'weights':
      return [good, input(breakFirst((e) => (e.indicators[0]!.level1 = '投入指标')))];
    case 'score':
      return [good, input(breakFirst((e) => (e.selfScore = '90')))];
    case 'narrative':
      return [good, input(breakFirst((e) => (e.stated.executed = wan('90'))))];
    case 'narrativeIndicator':
      return [
        input(breakFirst((e) => (e.report = { 项目绩效情况: '全年共建成点位12个，运行稳定。' }))),
        input(breakFirst((e) => (e.report = { 项目绩效情况: '全年共建成点位15个，运行稳定。' }))),
      ];
    case 'copied':
      return [good, input(breakFirst((e) => (e.report = { 项目绩效情况: GOOD[1]!.report['项目绩效情况']!.replace('农村饮水安全工程', '城区绿化养护项目') })))];
    case 'projectFunds':
      return [good, input(GOOD, { facts: [{ ...FACTS[0]!, value: wan('250').fen }, FACTS[1]!] })];
    case 'departmentFunds':
      return [good, input(GOOD, { facts: [FACTS[0]!, { ...FACTS[1]!, value: wan('999').fen }] })];
    case 'year':
      return [good, input(breakFirst((e) => (e.year = Y - 1)))];
  }
}
