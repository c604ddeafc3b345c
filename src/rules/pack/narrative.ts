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
    id: 'ST2-todo', kind: 'narrative', check: 'todo', severity: 'error', scope: 'narrative',
    title: '报告中没有待补充的内容',
    why: '缺少的数据和原因在报告中以【待补充】标出；正式报告不得留有待补充的内容，补齐前只能生成标明“草稿”的报告。',
    message: '报告中“{what}”尚待补充',
    hint: '在数据文件的对应位置补齐后重新生成。',
  },
  {
    id: 'ST3-readback', kind: 'narrative', check: 'readBack', severity: 'error', scope: 'narrative',
    title: '生成的报告经审读没有确定的矛盾',
    why: '公开的是报告全文，其中也有单位自己写的文字（工作总结、自评报告、说明）。把生成的报告当作已公开的报告审读（juesuan audit 的同一套规则），确定的矛盾（序号断号、年度写错、模板遗留、数字对不上）在生成正式报告之前就要改正。只在其他规则都通过时运行。',
    message: '审读生成的报告：[{rule}] {message}',
    hint: '按提示修改数据文件中对应的文字或数字后重新审核。',
  },
];
