import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, flattenJson, type Json } from '../../src/app/diff.js';

const json: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Json>(null, true, false, 0, 1, '', 'a', '580.00'),
    fc.integer(),
    fc.string(),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('a', 'b', 'income', 'x.y', '0', 'expense@204', '[1]', ''), fc.string()), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const sorted = (m: Map<string, Json>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('diffJson', () => {
  it('names the changed, added and removed leaves by path', () => {
    const before = { year: 2024, income: { generalBudget: '10.00' }, expenditure: [{ code: '2010101' }], prior: { 'expense.total': '1' } };
    const after = { year: 2024, income: { generalBudget: '12.00', other: '1.00' }, expenditure: [], prior: { 'expense.total': '2' } };
    expect(diffJson(before, after)).toEqual([
      { path: 'income.generalBudget', before: '10.00', after: '12.00' },
      { path: 'expenditure[0].code', before: '2010101', after: null },
      { path: 'prior["expense.total"]', before: '1', after: '2' },
      { path: 'income.other', before: null, after: '1.00' },
      { path: 'expenditure', before: null, after: [] },
    ]);
  });

  it('paths are unique: a key with a dot never collides with a nested key', () => {
    const flat = flattenJson({ 'a.b': 1, a: { b: 2 } });
    expect([...flat.keys()]).toEqual(['["a.b"]', 'a.b']);
  });

  it('is empty exactly when the two values are deep-equal', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const equal = JSON.stringify(sorted(flattenJson(a))) === JSON.stringify(sorted(flattenJson(b)));
        expect(diffJson(a, b).length === 0).toBe(equal);
        expect(diffJson(a, a)).toEqual([]);
      }),
    );
  });

  it('turns the flat form of the first value into the flat form of the second', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const fa = flattenJson(a);
        const fb = flattenJson(b);
        const changes = diffJson(a, b);
        const out = new Map(fa);
        for (const c of changes) {
          if (!fb.has(c.path)) {
            expect(fa.has(c.path)).toBe(true);
            out.delete(c.path);
          } else {
            out.set(c.path, c.after);
          }
        }
        expect(sorted(out)).toEqual(sorted(fb));
        // Each change's before is the first value's leaf (or null where it had none).
        for (const c of changes) expect(c.before).toEqual(fa.has(c.path) ? fa.get(c.path) : null);
      }),
    );
  });
});
