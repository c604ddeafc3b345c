import { annexPart, glossaryPart, overviewPart, tableExplanations } from './commonParts.js';
import type { Profile } from './profile.js';

/**
 * The national (中央部门 and the common "9 tables" local) layout, domain.md
 * §1.2 A and §1.3: 概况 → 决算情况说明 一 to 十三 → 预算绩效情况说明 → 名词解释.
 */
export const nationalProfile: Profile = {
  id: 'national',
  name: '全国通用部门决算公开模板',
  titleSuffix: '{year}年度{level}决算',
  evaluationForm: 'national',
  // 附件: 部门整体 first, then the projects: the seeds' order (no national source on this was seen).
  annexOrder: ['department', 'project'],
  completionBasis: 'initial',
  tables: { set: 'national-9', title: '{year}年度{level}决算表', position: 'afterOverview' },
  parts: [
    overviewPart,
    {
      title: '{year}年度{level}决算情况说明',
      children: [
        ...tableExplanations,
        { section: 'explain.govFund', title: '政府性基金预算财政拨款收入支出决算情况说明' },
        { section: 'explain.stateCapital', title: '国有资本经营预算财政拨款支出决算情况说明' },
        { section: 'explain.sangong', title: '财政拨款“三公”经费支出决算情况说明' },
        { section: 'explain.operatingCost', title: '机关运行经费支出情况说明' },
        { section: 'explain.procurement', title: '政府采购支出情况说明' },
        { section: 'explain.assets', title: '国有资产占用情况说明' },
        { section: 'explain.other', title: '其他需要说明的情况' },
      ],
    },
    { title: '预算绩效情况说明', section: 'explain.performance' },
    glossaryPart,
    annexPart,
  ],
};
