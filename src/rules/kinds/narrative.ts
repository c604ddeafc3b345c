// narrative: the report follows its profile — sections present and in order, empty tables explained, no gaps left.
import { inlineText, type Inline, type ReportTree, type TableBlock } from '../../report/tree.js';
import { fill } from '../format.js';
import type { CheckInput, NarrativeRule, ReportOutline } from '../types.js';
import { combine, finding, notApplicable, type Evaluation } from './evaluation.js';

const tableIsEmpty = (t: TableBlock) =>
  t.body.length === 0 || t.body.every((row) => row.slice(1).every((c) => /^(—|-|0(\.0+)?)?$/.test(inlineText(c.content).trim())));

const outlines = new WeakMap<ReportTree, ReportOutline>();

/** What the narrative rules read of a report tree (once per tree). */
export function outlineOfTree(tree: ReportTree): ReportOutline {
  let o = outlines.get(tree);
  if (o) return o;
  const headings: string[] = [];
  const tables: ReportOutline['tables'] = [];
  const gaps: ReportOutline['gaps'] = [];
  // Plain loops: this walks every cell of every table of the report.
  const visit = (runs: Inline[]) => {
    for (const r of runs) if (typeof r === 'object' && r.kind === 'todo') gaps.push({ what: r.what, path: r.path });
  };
  for (const b of tree.blocks) {
    if (b.kind === 'heading') headings.push(b.text);
    if (b.kind === 'paragraph' || b.kind === 'note') visit(b.content);
    if (b.kind === 'table') {
      tables.push({ title: b.title, unexplainedEmpty: tableIsEmpty(b) && !(b.note && inlineText(b.note).trim() !== '') });
      for (const rows of [b.header, b.body]) for (const row of rows) for (const c of row) visit(c.content);
    }
  }
  o = { headings, tables, gaps };
  outlines.set(tree, o);
  return o;
}

export function evaluateNarrative(rule: NarrativeRule, input: CheckInput): Evaluation {
  const tree = input.tree;
  if (rule.check === 'readBack') {
    if (!tree || !input.readBack) return notApplicable;
    const found = input.readBack(tree);
    if (found.length === 0) return { outcome: 'pass', findings: [] };
    return {
      outcome: 'fail',
      findings: found.map((f) => finding(rule, {
        message: fill(rule.message, { rule: f.rule, message: f.message }),
        location: f.quote ? `report:「${f.quote}」` : 'report',
      })),
    };
  }
  const outline = input.outline ?? (tree && outlineOfTree(tree));
  if (!outline) return notApplicable;
  switch (rule.check) {
    case 'sections': {
      const required = input.requiredSections ?? [];
      if (required.length === 0) return notApplicable;
      const headings = outline.headings;
      let pos = 0;
      const parts = required.map((title): Evaluation => {
        const at = headings.indexOf(title, pos);
        if (at >= 0) {
          pos = at + 1;
          return { outcome: 'pass', findings: [] };
        }
        const anywhere = headings.includes(title);
        return {
          outcome: 'fail',
          findings: [finding(rule, { message: fill(rule.message, { section: title, problem: anywhere ? '顺序不对' : '缺失' }), location: `report:${title}` })],
        };
      });
      return combine(parts);
    }
    case 'emptyTableNote': {
      const tables = outline.tables;
      if (tables.length === 0) return notApplicable;
      return combine(
        tables.map((t): Evaluation =>
          !t.unexplainedEmpty
            ? { outcome: 'pass', findings: [] }
            : { outcome: 'fail', findings: [finding(rule, { message: fill(rule.message, { table: t.title }), location: `report:${t.title}` })] },
        ),
      );
    }
    case 'todo': {
      const gaps = outline.gaps;
      if (gaps.length === 0) return { outcome: 'pass', findings: [] };
      const unique = [...new Map(gaps.map((g) => [`${g.what}|${g.path}`, g])).values()];
      return {
        outcome: 'fail',
        findings: unique.map((g) => finding(rule, { message: fill(rule.message, { what: g.what }), location: g.path })),
      };
    }
  }
}
