// 附件: for each evaluation its 自评报告 (generated from the 自评表 data) and the 自评表, in the profile's order.
import type { Dataset, Evaluation } from '../../model/index.js';
import { scoreEvaluationOnce } from '../../performance/evaluate.js';
import { orderedParts, type Profile } from '../../profiles/index.js';
import type { SectionWriter } from '../context.js';
import { projectTitle } from '../evaluations/figures.js';
import { evaluationReport } from '../evaluations/report.js';
import { evaluationTable } from '../evaluations/table.js';
import { numberLabel } from '../numbering.js';
import type { Block } from '../tree.js';

export interface AnnexItem {
  /** “附件1” … in printed order. */
  number: string;
  /** The 自评报告's title as printed after the number. */
  title: string;
  ev: Evaluation;
  /** Position in the dataset's `evaluations` (for paths). */
  index: number;
}

/** The 附件 in the profile's order (by kind, then the dataset's order), numbered and titled as printed. */
export function annexItems(d: Dataset, profile: Profile): AnnexItem[] {
  const rank = (ev: Evaluation) => {
    const r = profile.annexOrder.indexOf(ev.kind);
    return r < 0 ? profile.annexOrder.length : r;
  };
  return d.evaluations
    .map((ev, index) => ({ ev, index }))
    .sort((x, y) => rank(x.ev) - rank(y.ev) || x.index - y.index)
    .map(({ ev, index }, i) => {
      const year = ev.year ?? d.year;
      const title = ev.kind === 'department' ? `${ev.name}${year}年度部门整体支出绩效自评报告` : `${projectTitle(ev)}${year}年度绩效自评报告`;
      return { number: `附件${i + 1}`, title, ev, index };
    });
}

/** “第四部分” — the number of the part holding the 附件, or undefined when the profile has none. */
export function annexPartNumber(d: Dataset, profile: Profile): string | undefined {
  const parts = orderedParts(profile, { evaluations: d.evaluations.length > 0 });
  const at = parts.findIndex((p) => p.section === 'annex.evaluations');
  return at < 0 ? undefined : numberLabel(1, at + 1);
}

export const annexSection: SectionWriter = (ctx) => {
  const blocks: Block[] = [];
  annexItems(ctx.d, ctx.profile).forEach(({ number, title, ev, index }, i) => {
    const path = `evaluations[${index}]`;
    const year = ev.year ?? ctx.year;
    const s = scoreEvaluationOnce(ev, ctx.profile.evaluationForm);
    const report = evaluationReport(ev, year, s, path);
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level: 2, numbering: `${number}：`, text: title });
    blocks.push(...report.opening);
    report.sections.forEach((sec, k) => {
      // 一、二、 inside each 附件, as the seeds number them, so the unit's own （一）（二） sit below.
      blocks.push({ kind: 'heading', level: 3, numbering: numberLabel(2, k + 1), text: sec.title });
      blocks.push(...sec.blocks);
    });
    blocks.push({ kind: 'pageBreak' }, evaluationTable(ev, year, ctx.profile.evaluationForm, ctx.d.unit.name));
  });
  return { blocks };
};
