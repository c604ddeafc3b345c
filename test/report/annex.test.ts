/** 附件: ordered as the profile defines, and pointed to from the narrative by their printed numbers and titles. */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type HeadingBlock } from '../../src/report/tree.js';
import { EXAMPLES, loadExample } from '../examples.js';

describe('附件 order and the narrative pointers', () => {
  for (const name of EXAMPLES) {
    for (const [id, profile] of Object.entries(PROFILES)) {
      it(`${name} (${id})`, () => {
        const d = loadExample(name);
        const tree = buildReport(d, profile);
        const annexes = tree.blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && /^附件\d+：$/.test(b.numbering));
        expect(annexes.map((h) => h.numbering)).toEqual(d.evaluations.map((_, i) => `附件${i + 1}：`));
        // The profile's order by kind: every 部门整体 report before every project report.
        const kinds = annexes.map((h) => (h.text.includes('部门整体支出绩效自评报告') ? 'department' : 'project'));
        const rank = (k: string) => profile.annexOrder.indexOf(k as 'department' | 'project');
        expect(kinds.map(rank)).toEqual([...kinds.map(rank)].sort((a, b) => a - b));
        expect(kinds.filter((k) => k === 'department')).toHaveLength(d.evaluations.filter((e) => e.kind === 'department').length);
        // The pointer names each 附件 by its number and title, in the same order, and the part that holds them.
        const part = tree.blocks.find((b): b is HeadingBlock => b.kind === 'heading' && b.level === 1 && b.text === '附件')!;
        const text = tree.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.content)] : [])).join('\n');
        const pointer = text.match(/绩效自评报告及自评表见(第.部分)附件：(.*)。/);
        expect(pointer?.[1]).toBe(part.numbering);
        expect(pointer?.[2]).toBe(annexes.map((h) => `${h.numbering.slice(0, -1)}《${h.text}》`).join('；'));
      });
    }
  }

  it('no evaluations: no 附件 part and no pointer', () => {
    const d = { ...loadExample('zhaohua-zfw-2022'), evaluations: [] };
    const tree = buildReport(d, PROFILES.sichuan!);
    expect(tree.blocks.some((b) => b.kind === 'heading' && b.level === 1 && b.text === '附件')).toBe(false);
    expect(tree.blocks.some((b) => b.kind === 'paragraph' && inlineText(b.content).includes('见第'))).toBe(false);
  });
});
