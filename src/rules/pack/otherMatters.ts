// 机关运行经费, 政府采购, 车辆与人员 (X5; domain.md §1.4, §2.10).
import type { Rule } from '../types.js';

export const otherMatterRules: Rule[] = [
  {
    id: 'X5', kind: 'bound', severity: 'warning', scope: 'cross-table', when: { unitKind: ['行政', '参公'] },
    title: '机关运行经费 ≤ 公用经费（行政、参公单位）',
    why: '机关运行经费是行政和参公单位用于购买货物和服务的运行经费，口径接近基本支出中的公用经费（domain.md §1.4、§3.4；X5）。',
    message: '机关运行经费{stated}万元，超过一般公共预算财政拨款公用经费{expected}万元',
    hint: '核对机关运行经费的统计口径：它不应包含人员经费和项目支出。',
    small: [{ concept: 'operating_cost' }], large: [{ concept: 'basic.public' }],
  },
  {
    id: 'P1', kind: 'identity', severity: 'error', scope: 'table',
    title: '政府采购支出总额 = 货物 + 工程 + 服务',
    why: '政府采购按货物、工程、服务分类公开（domain.md §1.4）。',
    message: '政府采购支出总额{stated}万元，不等于货物、工程、服务之和{expected}万元，相差{difference}万元',
    hint: '核对政府采购总额及三类金额。',
    left: [{ concept: 'procurement.total' }],
    right: [{ concept: 'procurement.goods' }, { concept: 'procurement.works' }, { concept: 'procurement.services' }],
  },
  {
    id: 'P2', kind: 'bound', severity: 'error', scope: 'field',
    title: '授予中小企业合同金额 ≤ 政府采购支出总额',
    why: '中小企业合同金额是采购总额的一部分（domain.md §1.4）。',
    message: '授予中小企业合同金额{stated}万元，超过政府采购支出总额{expected}万元',
    hint: '核对授予中小企业的合同金额。',
    small: [{ concept: 'procurement.sme' }], large: [{ concept: 'procurement.total' }],
  },
  {
    id: 'P3', kind: 'bound', severity: 'error', scope: 'field',
    title: '授予小微企业合同金额 ≤ 授予中小企业合同金额',
    why: '小微企业是中小企业的一部分（domain.md §1.4）。',
    message: '授予小微企业合同金额{stated}万元，超过授予中小企业合同金额{expected}万元',
    hint: '核对授予小微企业的合同金额。',
    small: [{ concept: 'procurement.sme_small' }], large: [{ concept: 'procurement.sme' }],
  },
  {
    id: 'A1', kind: 'rollup', severity: 'error', scope: 'field', concept: 'vehicles.total', dim: 'vehicleType',
    title: '车辆总数 = 按用途分类的车辆数之和',
    why: '国有资产占有使用情况中，车辆总数与各类车辆数必须一致。',
    message: '车辆总数{stated}辆，各类车辆合计{expected}辆',
    hint: '核对车辆总数和各类车辆数。',
  },
  {
    id: 'A2', kind: 'bound', severity: 'warning', scope: 'cross-table',
    title: '“三公”中的公务用车保有量 ≤ 国有资产中的车辆总数',
    why: '公务用车是单位车辆的一部分，两处说法应一致。',
    message: '“三公”经费说明中公务用车{stated}辆，多于国有资产中的车辆总数{expected}辆',
    hint: '核对“三公”经费说明和国有资产占有使用情况中的车辆数。',
    small: [{ concept: 'vehicles.held' }], large: [{ concept: 'vehicles.total' }],
  },
  {
    id: 'S1', kind: 'rollup', severity: 'error', scope: 'field', concept: 'staffing.actual', dim: 'staffKind',
    title: '实有人数 = 各类人员之和',
    why: '人员情况中总数与分类数必须一致。',
    message: '实有在职人员{stated}人，各类人员合计{expected}人',
    hint: '核对实有人数及各类人员数。',
  },
  {
    id: 'S2', kind: 'rollup', severity: 'error', scope: 'field', concept: 'staffing.authorized', dim: 'staffKind',
    title: '编制数 = 各类编制之和',
    why: '人员情况中编制总数与分类数必须一致。',
    message: '编制数{stated}名，各类编制合计{expected}名',
    hint: '核对编制总数及各类编制数。',
  },
];
