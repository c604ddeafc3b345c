// "三公"经费: parts add up (budget, actual, last year) and cover the matching 302xx basic-expense lines (X4; domain.md §2.9).
import type { Scenario } from '../../model/facts.js';
import type { Rule } from '../types.js';

const variants: { suffix: string; label: string; scenario?: Scenario; prior?: boolean }[] = [
  { suffix: '', label: '决算数' },
  { suffix: '-budget', label: '预算数', scenario: 'budget' },
  { suffix: '-prior', label: '上年决算数', prior: true },
];

const term = (concept: string, v: (typeof variants)[number]) => ({
  concept, ...(v.scenario ? { scenario: v.scenario } : {}), ...(v.prior ? { prior: true } : {}),
});

const parts: Rule[] = variants.flatMap((v): Rule[] => [
  {
    id: `X4-total${v.suffix}`, kind: 'identity', severity: 'error', scope: 'table',
    title: `“三公”经费${v.label}：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费`,
    why: '财政拨款“三公”经费支出决算表的列关系（domain.md §2.9）。',
    message: `“三公”经费${v.label}合计{stated}万元，不等于三项之和{expected}万元，相差{difference}万元`,
    hint: '核对“三公”经费合计及三项金额。',
    left: [term('sangong.total', v)],
    right: [term('sangong.abroad', v), term('sangong.vehicle', v), term('sangong.reception', v)],
  },
  {
    id: `X4-vehicle${v.suffix}`, kind: 'identity', severity: 'error', scope: 'table',
    title: `公务用车购置及运行维护费${v.label} = 购置费 + 运行维护费`,
    why: '公务用车费用须分为购置费和运行维护费（domain.md §1.1, §2.9）。',
    message: `公务用车购置及运行维护费${v.label}{stated}万元，不等于购置费与运行维护费之和{expected}万元，相差{difference}万元`,
    hint: '核对公务用车购置费和运行维护费。',
    left: [term('sangong.vehicle', v)],
    right: [term('sangong.vehicle_purchase', v), term('sangong.vehicle_operation', v)],
  },
]);

const lowerBounds: [string, string, string, string][] = [
  ['30212', '因公出国（境）费用', 'sangong.abroad', '因公出国（境）费'],
  ['30217', '公务接待费', 'sangong.reception', '公务接待费'],
  ['30231', '公务用车运行维护费', 'sangong.vehicle_operation', '公务用车运行维护费'],
];

export const sangongRules: Rule[] = [
  ...parts,
  {
    id: 'X4-reception', kind: 'identity', severity: 'error', scope: 'table',
    title: '公务接待费 = 国内公务接待费 + 外事接待费',
    why: '公务接待费由国内公务接待和外事接待组成。',
    message: '公务接待费{stated}万元，不等于国内与外事接待费之和{expected}万元，相差{difference}万元',
    hint: '核对国内公务接待费和外事接待费。',
    left: [{ concept: 'sangong.reception' }],
    right: [{ concept: 'sangong.reception_domestic' }, { concept: 'sangong.reception_foreign' }],
  },
  ...lowerBounds.map(([code, econName, sangong, sangongName]): Rule => ({
    id: `X4-${code}`, kind: 'bound', severity: 'error', scope: 'cross-table',
    title: `基本支出${code} ${econName} ≤ “三公”${sangongName}决算数`,
    why: '“三公”经费含基本支出和项目支出，所以基本支出中的对应经济分类款不能超过“三公”决算数（domain.md §2.9；GovBudgetChecker OBL-CROSS-SAN-GONG-ECON）。',
    message: `基本支出中${econName}（${code}）{stated}万元，超过“三公”经费中的${sangongName}{expected}万元`,
    hint: `核对${econName}的经济分类明细和“三公”经费${sangongName}。`,
    small: [{ concept: 'basic.public', where: { economic: code } }],
    large: [{ concept: sangong }],
  })),
];
