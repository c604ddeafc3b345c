/**
 * What a reader must give back from a rendered example: every heading and
 * every sentence of every paragraph of the report tree, normalised, in order.
 */
import { expect } from 'vitest';
import { normalizeText } from '../../../src/parse/document/index.js';
import { PROFILES } from '../../../src/profiles/index.js';
import { buildReport } from '../../../src/report/build.js';
import { inlineText, type ReportTree } from '../../../src/report/tree.js';
import { loadExample, type ExampleName } from '../../examples.js';

export function exampleTree(name: ExampleName): ReportTree {
  return buildReport(loadExample(name), PROFILES.sichuan!);
}

/**
 * Headings (without their numbering) and paragraph sentences, each
 * normalised. A paragraph's own line breaks split it too: a browser shows
 * them as spaces, Word as line breaks.
 */
export function keySentences(tree: ReportTree): string[] {
  const out: string[] = [];
  for (const b of tree.blocks) {
    if (b.kind === 'heading') out.push(b.text);
    if (b.kind === 'paragraph') out.push(...((b.label ?? '') + inlineText(b.content)).split(/(?<=。)|\n/));
  }
  return out.map((s) => normalizeText(s).text.trim()).filter((s) => s !== '');
}

/** Each needle occurs in `text`, each at or after the one before. */
export function expectInOrder(text: string, needles: readonly string[]): void {
  let pos = 0;
  for (const n of needles) {
    const at = text.indexOf(n, pos);
    expect(at, `"${n}" after position ${pos}: …${text.slice(pos, pos + 80)}…`).toBeGreaterThanOrEqual(0);
    pos = at;
  }
}

/** Key sentences of the two seed units that every format must carry, in this order. */
export const KEY_SENTENCES = {
  'zhaohua-zfw-2022': ['2022年度收、支总计1193.39万元。', '2022年本年收入合计1193.39万元，其中：一般公共预算财政拨款收入1193.39万元，占100.00%。', '基本支出613.39万元，占51.40%；项目支出580.00万元，占48.60%。'],
  'miyi-zfw-2021': ['2021年本年收入合计1652.54万元', '政府性基金预算财政拨款收入1037.88万元'],
} as const;
