/**
 * Every rule of the pack has a passing and a failing fixture. The fixtures
 * are built from each rule's own terms (so a rule whose terms cannot be
 * resolved fails here), then broken by one unit.
 */
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/model/facts.js';
import { runRules, RULE_PACK, type CheckInput, type Rule, type Term } from '../../src/rules/index.js';
import type { ReportTree } from '../../src/report/tree.js';
import { readBack } from '../../src/app/review.js';
import { selfEvaluationFixtures } from './selfEvaluationFixtures.js';

const Y = 2022;
let seq = 0;
function fact(t: Term, value: bigint): Fact {
  return {
    concept: t.concept, year: t.prior ? Y - 1 : Y, scenario: t.scenario ?? 'actual', dims: { ...(t.where ?? {}) },
    value, precision: 1n, source: { kind: 'dataset', path: `fixture.${seq++}` },
  };
}
const base = (facts: Fact[], extra: Partial<CheckInput> = {}): CheckInput => ({ facts, year: Y, unit: { kind: '行政', level: '单位' }, precision: 'exact', ...extra });
const tree = (blocks: ReportTree['blocks']): ReportTree => ({ title: ['t'], meta: { unitName: 'u', year: Y, profile: 'p' }, blocks });

/** [passing input, failing input] for a rule. */
function fixtures(rule: Rule): [CheckInput, CheckInput] {
  switch (rule.kind) {
    case 'identity': {
      const right = rule.right.map((t, i) => fact(t, BigInt((i + 1) * 1_000_000)));
      const rightSum = rule.right.reduce((s, t, i) => s + (t.sign === -1 ? -1n : 1n) * right[i]!.value, 0n);
      const others = rule.left.slice(1).map((t) => fact(t, 500_000n));
      const firstValue = rightSum - others.reduce((s, f) => s + f.value, 0n);
      const ok = [fact(rule.left[0]!, firstValue), ...others, ...right];
      const bad = [fact(rule.left[0]!, firstValue + 1n), ...others.map((f) => ({ ...f })), ...right.map((f) => ({ ...f }))];
      return [base(ok), base(bad)];
    }
    case 'bound': {
      const large = rule.large.map((t) => fact(t, 5_000_000n));
      return [base([...rule.small.map((t) => fact(t, 4_000_000n)), ...large]), base([...rule.small.map((t) => fact(t, 5_000_001n)), ...large])];
    }
    case 'rollup': {
      const [parent, kids] =
        rule.dim === 'functional' ? [{ functional: '201' }, ['20101', '20103']]
          : rule.dim === 'economic' ? [{}, ['30101', '30102']]
            : [{}, rule.dim === 'vehicleType' ? ['其他用车', '执法执勤用车'] : ['行政', '事业']];
      const children = kids.map((k, i) => fact({ concept: rule.concept, where: { [rule.dim]: k } }, BigInt(i + 2)));
      return [base([fact({ concept: rule.concept, where: parent }, 5n), ...children]), base([fact({ concept: rule.concept, where: parent }, 6n), ...children])];
    }
    case 'reference': {
      const [good, bad] = rule.dim === 'functional' ? ['2010101', '2019999'] : ['30101', '30198'];
      return [base([fact({ concept: 'expense.basic', where: { [rule.dim]: good } }, 1n)]), base([fact({ concept: 'expense.basic', where: { [rule.dim]: bad } }, 1n)])];
    }
    case 'reason': {
      const facts = rule.basis === 'vsPrior'
        ? [{ ...fact({ concept: 'operating_cost', prior: true }, 100n), source: { kind: 'dataset' as const, path: 'prior.operating_cost' } }, fact({ concept: 'operating_cost' }, 150n)]
        : [fact({ concept: 'sangong.reception', scenario: 'budget' }, 100n), fact({ concept: 'sangong.reception' }, 50n)];
      const key = rule.basis === 'vsPrior' ? 'operating_cost' : 'sangong.reception';
      const reasons = { vsPrior: {}, vsBudget: {}, [rule.basis]: { [key]: '人员增加' } };
      return [base(facts, { reasons }), base(facts.map((f) => ({ ...f })), { reasons: { vsPrior: {}, vsBudget: {} } })];
    }
    case 'required': {
      const all = rule.terms.map((x) => fact(x.term, 0n));
      return [base(all), base(all.slice(1))];
    }
    case 'countVsList': {
      const list = { key: 'targets', label: '编制绩效目标', path: 'performance.targets', names: ['甲', '乙'] };
      return [base([], { lists: [{ ...list, count: 2 }] }), base([], { lists: [{ ...list, count: 1 }] })];
    }
    case 'selfEvaluation':
      return selfEvaluationFixtures(rule.check);
    case 'narrative': {
      if (rule.check === 'sections') {
        const t = tree([{ kind: 'heading', level: 1, numbering: '第一部分', text: '甲' }, { kind: 'heading', level: 2, numbering: '一、', text: '乙' }]);
        return [base([], { tree: t, requiredSections: ['甲', '乙'] }), base([], { tree: t, requiredSections: ['乙', '甲'] })];
      }
      if (rule.check === 'emptyTableNote') {
        const table = { kind: 'table' as const, id: 'x', title: '空表', unitName: 'u', moneyUnit: '万元', header: [[{ content: ['项目'] }, { content: ['金额'] }]], body: [[{ content: ['合计'] }, { content: ['0.00'] }]] };
        return [base([], { tree: tree([{ ...table, note: ['本单位无此项收支，故本表为空表。'] }]) }), base([], { tree: tree([table]) })];
      }
      if (rule.check === 'readBack') {
        // The real reader (the audit of the text rendering): a template leftover in the unit's own words is certain.
        return [
          base([], { tree: tree([{ kind: 'paragraph', content: ['本单位按时完成年度工作任务。'], stated: true }]), readBack }),
          base([], { tree: tree([{ kind: 'paragraph', content: ['本单位（此处填写项目名称）按时完成年度工作任务。'], stated: true }]), readBack }),
        ];
      }
      return [
        base([], { tree: tree([{ kind: 'paragraph', content: ['齐全。'] }]) }),
        base([], { tree: tree([{ kind: 'paragraph', content: [{ kind: 'todo', what: '变动原因', path: 'reasons.vsPrior.x' }] }]) }),
      ];
    }
  }
}

describe('each rule of the pack passes its good fixture and fails its broken one', () => {
  for (const rule of RULE_PACK.rules) {
    it(`${rule.id}: ${rule.title}`, () => {
      const [ok, bad] = fixtures(rule);
      const pack = { version: 'test', rules: [rule] };
      const good = runRules(pack, ok);
      expect(good.results[0]!.outcome, JSON.stringify(good.findings)).toBe('pass');
      expect(good.findings).toEqual([]);
      const broken = runRules(pack, bad);
      expect(broken.results[0]!.outcome).toBe('fail');
      expect(broken.findings.length).toBeGreaterThan(0);
      for (const f of broken.findings) {
        expect(f.rule).toBe(rule.id);
        expect(f.severity).toBe(rule.severity);
        expect(f.message).not.toMatch(/\{\w+\}/); // every placeholder filled
        expect(f.location).not.toBe('');
      }
    });
  }
  it('rule ids are unique', () => {
    const ids = RULE_PACK.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('outcomes besides pass and fail', () => {
  const identity = RULE_PACK.rules.find((r) => r.id === 'T1-1')!;
  it('a missing figure is insufficient_data, never a finding', () => {
    const r = runRules({ version: 't', rules: [identity] }, base([fact({ concept: 'total.income' }, 1n)]));
    expect(r.results[0]!.outcome).toBe('insufficient_data');
    expect(r.findings).toEqual([]);
  });
  it('a rule for other unit kinds is not_applicable', () => {
    const x5 = RULE_PACK.rules.find((r) => r.id === 'X5')!;
    const [, bad] = fixtures(x5);
    expect(runRules({ version: 't', rules: [x5] }, { ...bad, unit: { kind: '事业' } }).results[0]!.outcome).toBe('not_applicable');
  });
  it('a total derived from the very figures it is compared with checks nothing: not_applicable', () => {
    const parts = [fact({ concept: 'income.general_budget' }, 5n)];
    const total: Fact = { ...fact({ concept: 'income.fiscal' }, 5n), source: { kind: 'derived', from: 'Σ', paths: [parts[0]!.source.kind === 'dataset' ? parts[0]!.source.path : ''] } };
    const rule = RULE_PACK.rules.find((r) => r.id === 'X2-fiscal-income')!;
    const input = base([total, ...parts, fact({ concept: 'income.gov_fund' }, 0n), fact({ concept: 'income.state_capital' }, 0n)]);
    expect(runRules({ version: 't', rules: [rule] }, input).results[0]!.outcome).toBe('pass');
    const tautology = base([total, parts[0]!]);
    const self = { ...rule, right: [{ concept: 'income.general_budget' }] } as Rule;
    expect(runRules({ version: 't', rules: [self] }, tautology).results[0]!.outcome).toBe('not_applicable');
  });
});
