import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { importXlsx } from '../../src/parse/xlsx/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { buildReport } from '../../src/report/build.js';
import { EXAMPLES, loadExample } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';
import { arbitraryDataset } from './arbitraryDataset.js';

describe('import(export(d)) == d through the "数据" sheet', () => {
  it.each(EXAMPLES)('%s', async (name) => {
    const d = loadExample(name);
    const tree = buildReport(d, findProfile(d.profile ?? 'sichuan')!);
    const r = await importXlsx(await renderXlsx(tree, d), { file: `${name}.xlsx` });
    expect(r.source).toBe('data-sheet');
    expect(r.missing).toEqual([]);
    expect(r.dataset).toEqual(d);
    // The YAML it offers is the same dataset.
    expect(parseDataset(r.yaml, `${name}.yaml`)).toEqual(d);
  });

  it('for generated datasets, including text Excel cannot hold as is (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryDataset, async (d) => {
        const r = await importXlsx(await renderXlsx(sampleTree, d), { file: 'generated.xlsx' });
        expect(r.dataset).toEqual(d);
      }),
      { numRuns: 30 },
    );
  });
});
