import { annexPart, glossaryPart, overviewPart, tableExplanations } from './commonParts.js';
import type { Profile } from './profile.js';

/**
 * 四川 单位/部门决算 layout, following the two seed reports (广元昭化 2022,
 * 攀枝花米易 2021): 概况 → 决算情况说明 一 to 十一 → 名词解释 (→ 附件, → 附表).
 */
export const sichuanProfile: Profile = {
  id: 'sichuan',
  name: '四川省部门（单位）决算公开模板',
  titleSuffix: '{year}年度{level}决算',
  evaluationForm: 'sichuan',
  // 附件: 部门整体 first, then the projects, as in both seeds (米易 2021, 昭化 2022).
  annexOrder: ['department', 'project'],
  completionBasis: 'adjusted',
  // The tables come last in 四川 reports (domain.md §1.2 C); 米易 2021 uses the 15-table set.
  tables: { set: 'sichuan-13', title: '附表', position: 'last' },
  parts: [
    overviewPart,
    {
      title: '{year}年度{level}决算情况说明',
      children: [
        ...tableExplanations,
        { section: 'explain.sangong', title: '“三公”经费财政拨款支出决算情况说明' },
        { section: 'explain.govFund', title: '政府性基金预算支出决算情况说明' },
        { section: 'explain.stateCapital', title: '国有资本经营预算支出决算情况说明' },
        { section: 'explain.performance', title: '预算绩效管理情况' },
        {
          group: '其他重要事项的情况说明',
          children: [
            { section: 'explain.operatingCost', title: '机关运行经费支出情况' },
            { section: 'explain.procurement', title: '政府采购支出情况' },
            { section: 'explain.assets', title: '国有资产占有使用情况' },
          ],
        },
      ],
    },
    glossaryPart,
    annexPart,
  ],
};
