import { describe, expect, it } from 'vitest';
import { wan as w } from '../money/index.js';
import { changeRuns } from './phrases.js';
import { inlineText } from './tree.js';

// The change wording every generated comparison uses (design.md §3).
const say = (current: string, base: string) => inlineText(changeRuns('x', w(current), w(base), { year: 2022 }));

describe('change wording', () => {
  it('an increase', () => {
    expect(say('1193.39', '577.74')).toBe('增加615.65万元，增长106.56%');
  });
  it('a decrease', () => {
    expect(say('9.84', '10.38')).toBe('减少0.54万元，下降5.20%');
    expect(say('1652.54', '2160.32')).toBe('减少507.78万元，下降23.50%');
  });
  it('no change is 持平', () => {
    expect(say('5', '5')).toBe('持平');
  });
  it('a zero base gives no percentage', () => {
    expect(say('9.84', '0')).toBe('增加9.84万元（上年无此项）');
  });
});
