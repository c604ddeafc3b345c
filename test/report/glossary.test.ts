/** 名词解释: every 功能分类 code a table of the report lists is explained (issue “Publishable reports”, item 7). */
import { describe, expect, it } from 'vitest';
import { lookupFunctional } from '../../src/classification/index.js';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { findProfile, PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type Block, type Inline } from '../../src/report/tree.js';
import { synthYaml } from '../../src/synth/index.js';
import { EXAMPLES, loadExample } from '../examples.js';

/** Every 功能分类 code (类, 款 or 项) a figure in a table of the report carries. */
function tableCodes(blocks: Block[]): Set<string> {
  const codes = new Set<string>();
  const visit = (runs: Inline[]) => {
    for (const r of runs) if (typeof r === 'object' && r.kind === 'figure' && r.dims?.functional) codes.add(r.dims.functional);
  };
  for (const b of blocks) if (b.kind === 'table') for (const row of b.body) for (const c of row) visit(c.content);
  return codes;
}

/** The glossary entries as printed: the term before the first “：”, and the whole entry. */
function glossary(blocks: Block[]): { term: string; text: string }[] {
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.text === '名词解释');
  expect(at, 'the report has a 名词解释 part').toBeGreaterThan(0);
  const out: { term: string; text: string }[] = [];
  for (const b of blocks.slice(at + 1)) {
    if (b.kind === 'heading') break;
    if (b.kind !== 'paragraph') continue;
    const text = inlineText(b.content);
    out.push({ term: text.slice(0, text.indexOf('：')), text });
  }
  return out;
}

/** Codes in the tables that no glossary entry explains; a 类 or 款 counts when a 项 entry under it names it. */
function unexplained(d: Dataset, profile = findProfile(d.profile ?? 'sichuan')!): string[] {
  const tree = buildReport(d, profile);
  const entries = glossary(tree.blocks);
  const missing: string[] = [];
  for (const code of tableCodes(tree.blocks)) {
    const e = lookupFunctional(code, d.year);
    if (!e) {
      // An unknown code is listed under its number, with the gap marked.
      if (!entries.some((x) => x.term === code && x.text.includes('【待补充'))) missing.push(code);
      continue;
    }
    const named = `${e.name}（${e.level}）`;
    const ok = entries.some((x) => x.term.includes(named) && (e.level !== '项' || x.term.endsWith(named)) && x.text.length > x.term.length + 5);
    if (!ok) missing.push(code);
  }
  return missing;
}

describe('名词解释 explains every 功能分类 code the tables use', () => {
  for (const name of EXAMPLES) {
    for (const profile of Object.keys(PROFILES)) {
      it(`${name} (${profile})`, () => {
        expect(unexplained(loadExample(name), PROFILES[profile]!)).toEqual([]);
      });
    }
  }

  it('the 项 a line covers without a split are explained too (the seeds name them; 6 across the two)', () => {
    const terms = (name: (typeof EXAMPLES)[number]) => glossary(buildReport(loadExample(name), PROFILES.sichuan!).blocks).map((e) => e.term);
    const miyi = terms('miyi-zfw-2021');
    for (const item of ['公安（款）事业运行（项）', '未归口管理的行政单位离退休（项）', '事业单位医疗（项）', '公务员医疗补助（项）', '土地开发支出（项）']) {
      expect(miyi.some((t) => t.endsWith(item)), item).toBe(true);
    }
    const zhaohua = terms('zhaohua-zfw-2022');
    for (const item of ['其他社会保障和就业支出（款）其他社会保障和就业支出（项）', '事业单位医疗（项）']) {
      expect(zhaohua.some((t) => t.endsWith(item)), item).toBe(true);
    }
  });

  it('a code without an official explanation in the data is placed in the classification, not given invented text', () => {
    // 2040219 信息化建设 has no description in functional.json.
    expect(lookupFunctional('2040219', 2021)?.description).toBeUndefined();
    const d = structuredClone(loadExample('miyi-zfw-2021'));
    d.expenditure.push({ ...d.expenditure[1]!, code: '2040219' });
    const entries = glossary(buildReport(d, PROFILES.sichuan!).blocks);
    expect(entries.find((e) => e.term === '公共安全支出（类）公安（款）信息化建设（项）')?.text)
      .toBe('公共安全支出（类）公安（款）信息化建设（项）：支出功能分类公共安全支出（类）公安（款）下的项级科目。');
    expect(unexplained(d)).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('synthetic unit, seed %i', (seed) => {
    for (let i = 0; i < 3; i++) {
      const d = parseDataset(synthYaml(seed, i), `synth-${seed}-${i}.yaml`);
      expect(unexplained(d), `unit ${i + 1}`).toEqual([]);
    }
  });
});
