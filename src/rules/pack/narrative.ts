// The report itself: sections per profile, empty tables explained, nothing left to fill in (ST1; design.md §5).
import type { Rule } from '../types.js';

export const narrativeRules: Rule[] = [
  {
    id: 'ST1-sections', kind: 'narrative', check: 'sections', severity: 'error', scope: 'narrative',
    title: '模板要求的各部分齐全、顺序正确',
    why: '决算公开“不得少公开”，各部分按目录顺序排列（domain.md §1.1、§2.11 ST1）。',
    message: '“{section}”一节{problem}',
    hint: '按模板补齐或调整该节。',
  },
  {
    id: 'ST1-empty-table', kind: 'narrative', check: 'emptyTableNote', severity: 'error', scope: 'narrative',
    title: '空表附说明',
    why: '没有数据的表也要公开，并说明原因（domain.md §1.1）。',
    message: '《{table}》没有数据，但没有说明原因',
    hint: '为空表加上说明（例如“本单位无此项收支，故本表为空表”）。',
  },
  {
    id: 'ST2-todo', kind: 'narrative', check: 'todo', severity: 'warning', scope: 'narrative',
    title: '报告中没有待补充的内容',
    why: '缺少的数据和原因在报告中以【待补充】标出，公开前应当补齐。',
    message: '报告中“{what}”尚待补充',
    hint: '在数据文件的对应位置补齐后重新生成。',
  },
];
