// 附件: for each evaluation its 自评报告 (generated from the 自评表 data) and the 自评表.
import { scoreEvaluationOnce } from '../../performance/evaluate.js';
import type { SectionWriter } from '../context.js';
import { projectTitle } from '../evaluations/figures.js';
import { evaluationReport } from '../evaluations/report.js';
import { evaluationTable } from '../evaluations/table.js';
import { numberLabel } from '../numbering.js';
import type { Block } from '../tree.js';

export const annexSection: SectionWriter = (ctx) => {
  const blocks: Block[] = [];
  ctx.d.evaluations.forEach((ev, i) => {
    const path = `evaluations[${i}]`;
    const year = ev.year ?? ctx.year;
    const s = scoreEvaluationOnce(ev, ctx.profile.evaluationForm);
    const title = ev.kind === 'department' ? `${ev.name}${year}年度部门整体支出绩效自评报告` : `${projectTitle(ev)}${year}年度绩效自评报告`;
    const report = evaluationReport(ev, year, s, path);
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level: 2, numbering: `附件${i + 1}：`, text: title });
    blocks.push(...report.opening);
    report.sections.forEach((sec, k) => {
      // 一、二、 inside each 附件, as the seeds number them, so the unit's own （一）（二） sit below.
      blocks.push({ kind: 'heading', level: 3, numbering: numberLabel(2, k + 1), text: sec.title });
      blocks.push(...sec.blocks);
    });
    blocks.push({ kind: 'pageBreak' }, evaluationTable(ev, year, ctx.profile.evaluationForm, ctx.d.unit.name, path));
  });
  return { blocks };
};
