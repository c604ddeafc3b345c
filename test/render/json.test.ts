import { describe, expect, it } from 'vitest';
import { computeAccounts, parseDataset } from '../../src/model/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { renderJson } from '../../src/render/json/index.js';
import { checkDataset } from '../../src/app/check.js';
import { EXAMPLES, loadExample } from '../examples.js';

describe('JSON export (open data)', () => {
  for (const name of EXAMPLES) {
    it(`${name}: {dataset, facts, findings} with exact decimal strings and stable field names`, () => {
      const d = loadExample(name);
      const json = JSON.parse(renderJson(d, checkDataset(d, PROFILES.sichuan!).findings));
      expect(Object.keys(json)).toEqual(['format', 'dataset', 'facts', 'findings']);
      for (const f of json.facts) {
        expect(Object.keys(f)).toEqual(['concept', 'label', 'year', 'scenario', 'dimensions', 'value', 'unit', 'source']);
        expect(typeof f.value).toBe('string');
        expect(f.value).toMatch(/^-?\d+(\.\d+)?$/);
      }
      const total = json.facts.find((f: { concept: string; source: string }) => f.concept === 'total.income' && f.source === 'derived');
      expect(total.value).toBe(name === 'zhaohua-zfw-2022' ? '1193.39' : '1652.544873');
    });
    it(`${name}: the exported dataset reads back with the same exact amounts`, () => {
      const d = loadExample(name);
      const json = JSON.parse(renderJson(d, []));
      const back = parseDataset(JSON.stringify(json.dataset), 'export.json');
      const a = computeAccounts(d);
      const b = computeAccounts(back);
      expect(b.grandIncome).toBe(a.grandIncome);
      expect(b.expense).toEqual(a.expense);
      expect(back.expenditure.map((l) => [l.code, l.basic?.fen, l.project?.fen])).toEqual(d.expenditure.map((l) => [l.code, l.basic?.fen, l.project?.fen]));
    });
  }
});
