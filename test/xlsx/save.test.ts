import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { datasetToEntries, datasetToYaml, entriesToRaw, formatAmount, parseEntryKey } from '../../src/model/save.js';
import { parseAmount } from '../../src/money/index.js';
import { EXAMPLES, loadExample } from '../examples.js';
import { arbitraryDataset } from './arbitraryDataset.js';

describe('formatAmount keeps the exact value and the stated precision', () => {
  it.each([
    ['580', '万元', { fen: 580_000_000n, precision: 1_000_000n }, '580'],
    ['580.00', '万元', { fen: 580_000_000n, precision: 10_000n }, '580.00'],
    ['4146701.19元', '万元', { fen: 414_670_119n, precision: 1n }, '4146701.19元'],
    ['299000.00元', '万元', { fen: 29_900_000n, precision: 1n }, '299000.00元'],
    // Finer than 0.01 万元: written in 元 (a dataset states 万元 to two decimals at most).
    ['12.34567', '万元', { fen: 12_345_670n, precision: 10n }, '123456.7元'],
    ['414.6701', '万元', { fen: 414_670_100n, precision: 100n }, '4146701元'],
    ['-0.5', '万元', { fen: -500_000n, precision: 100_000n }, '-0.5'],
    ['4146701.19', '元', { fen: 414_670_119n, precision: 1n }, '4146701.19'],
    ['580万元', '元', { fen: 580_000_000n, precision: 1_000_000n }, '580万元'],
    ['119.339万元', '元', { fen: 119_339_000n, precision: 1_000n }, '119.339万元'],
  ] as const)('%s in a %s dataset', (typed, unit, amount, written) => {
    const a = parseAmount(typed, unit);
    expect(a).toEqual(amount);
    expect(formatAmount(a, unit)).toBe(written);
    expect(parseAmount(written, unit)).toEqual(a);
  });
});

describe('datasetToYaml', () => {
  it.each(EXAMPLES)('writes %s back so that it reads the same', (name) => {
    const d = loadExample(name);
    const yaml = datasetToYaml(d);
    expect(parseDataset(yaml, `${name}.yaml`)).toEqual(d);
    expect(yaml).toContain('code: "2210201"');
  });
  it('writes the hand-written forms: 元 amounts with their suffix, codes quoted, lines on one line', () => {
    const yaml = datasetToYaml(loadExample('miyi-zfw-2021'));
    expect(yaml).toContain('  generalBudget: 6146676.19元\n');
    expect(yaml).toContain('  - { code: "2080505", fund: generalBudget, basic: 46.30, adjustedBudget: 46.30 }\n');
    expect(yaml).toContain('  operating_cost: 30.63\n');
    const zh = datasetToYaml(loadExample('zhaohua-zfw-2022'));
    expect(zh).toContain('  - { code: "2040202", fund: generalBudget, project: 580, adjustedBudget: 580 }\n');
    expect(zh).toContain('  total.income: 577.74\n');
  });
  it('puts a header comment first', () => {
    const yaml = datasetToYaml(loadExample('zhaohua-zfw-2022'), { header: ['第一行', '', '第三行'] });
    expect(yaml.startsWith('# 第一行\n#\n# 第三行\nformat: juesuan-dataset/1\n')).toBe(true);
  });
  it('round-trips generated datasets (property)', () => {
    fc.assert(
      fc.property(arbitraryDataset, (d) => {
        expect(parseDataset(datasetToYaml(d), 'generated.yaml')).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the flat key/value form', () => {
  it('keys read like paths', () => {
    const keys = datasetToEntries(loadExample('zhaohua-zfw-2022')).map((e) => e.key);
    expect(keys).toContain('unit.duties[0]');
    expect(keys).toContain('expenditure[4].project');
    expect(keys).toContain('prior["total.income"]');
    expect(keys).toContain('unit.staffing.authorized.行政');
    expect(keys).toContain('openingBalance');
  });
  it('parses quoted keys, including quotes and backslashes inside', () => {
    expect(parseEntryKey('prior["a.b@\\\\"]')).toEqual(['prior', 'a.b@\\']);
    expect(parseEntryKey('reasons.vsPrior["x\\"]y"]')).toEqual(['reasons', 'vsPrior', 'x"]y']);
    expect(parseEntryKey('expenditure[2].basic')).toEqual(['expenditure', 2, 'basic']);
    expect(() => parseEntryKey('a[01]')).toThrow('序号无效');
    expect(() => parseEntryKey('a..b')).toThrow('格式不对');
  });
  it('refuses list indexes that skip ahead and prototype keys do not leak', () => {
    expect(() => entriesToRaw([{ key: 'a[1]', value: 'x', type: 'text' }])).toThrow('序号不连续');
    const raw = entriesToRaw([{ key: '["__proto__"].polluted', value: 'yes', type: 'text' }]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(raw)).toEqual(['__proto__']);
  });
  it('round-trips generated datasets (property)', () => {
    fc.assert(
      fc.property(arbitraryDataset, (d) => {
        expect(parseDataset(JSON.stringify(entriesToRaw(datasetToEntries(d))), 'flat.json')).toEqual(d);
      }),
      { numRuns: 200 },
    );
  });
});
