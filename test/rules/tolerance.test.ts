import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/model/facts.js';
import { runRules, RULE_PACK, type CheckInput } from '../../src/rules/index.js';

const rule = RULE_PACK.rules.find((r) => r.id === 'T1-1')!;
const wanCents = (n: number) => BigInt(n) * 10_000n; // 0.01 万元 steps in 分

function input(diffThousandths: number, precision: 'exact' | 'stated'): CheckInput {
  const f = (concept: string, value: bigint): Fact => ({
    concept, year: 2022, scenario: 'actual', dims: {}, value, precision: 10_000n, source: { kind: 'dataset', path: concept },
  });
  // diff in 0.001 万元 = 1000 分
  return { facts: [f('total.income', wanCents(100_000) + BigInt(diffThousandths) * 1_000n), f('total.expense', wanCents(100_000))], year: 2022, precision };
}

describe('tolerance from stated precision (XBRL calculation 1.1)', () => {
  // Two figures each known to 0.01 万元: half a unit each, 0.01 万元 in all.
  it.each([
    [9, 'pass'],
    [10, 'pass'],
    [11, 'fail'],
    [-10, 'pass'],
    [-11, 'fail'],
  ])('a difference of %i thousandths of a 万元 between figures stated to 0.01 万元: %s', (diff, outcome) => {
    const r = runRules({ version: 't', rules: [rule] }, input(diff, 'stated'));
    expect(r.results[0]!.outcome).toBe(outcome);
    if (outcome === 'fail') {
      expect(r.findings[0]!.tolerance).toBe('0.01');
      expect(r.findings[0]!.message).toContain('容差0.01万元');
    }
  });
  it('exact data (a dataset) has no tolerance: one 分 is a finding', () => {
    const f = (concept: string, value: bigint): Fact => ({ concept, year: 2022, scenario: 'actual', dims: {}, value, precision: 1n, source: { kind: 'dataset', path: concept } });
    const r = runRules({ version: 't', rules: [rule] }, { facts: [f('total.income', 101n), f('total.expense', 100n)], year: 2022, precision: 'exact' });
    expect(r.findings[0]).toMatchObject({ stated: '0.000101', expected: '0.0001', difference: '0.000001', tolerance: '0.00' });
  });
  it('the tolerance grows with the number of rounded figures', () => {
    const t12 = RULE_PACK.rules.find((r) => r.id === 'T1-2')!;
    const f = (concept: string, value: bigint): Fact => ({ concept, year: 2022, scenario: 'actual', dims: {}, value, precision: 10_000n, source: { kind: 'dataset', path: concept } });
    const sources = ['income.general_budget', 'income.gov_fund', 'income.state_capital', 'income.superior_subsidy', 'income.business', 'income.operating', 'income.affiliate', 'income.other'];
    // 9 figures at 0.01 万元: tolerance 0.045 万元
    const facts = [f('income.total', 44_000n), ...sources.map((c) => f(c, 0n))];
    expect(runRules({ version: 't', rules: [t12] }, { facts, year: 2022, precision: 'stated' }).results[0]!.outcome).toBe('pass');
    facts[0] = f('income.total', 46_000n);
    expect(runRules({ version: 't', rules: [t12] }, { facts, year: 2022, precision: 'stated' }).findings[0]!.tolerance).toBe('0.045');
  });
});
