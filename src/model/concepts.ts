/**
 * The vocabulary: every figure a report states is a fact about one of these
 * concepts. Ids are stable (they appear in JSON output, HTML data attributes
 * and the audit contract); labels are the Chinese terms used in reports.
 */

export type ConceptKind = 'money' | 'count' | 'people' | 'percent' | 'score';

/** Dimensions a fact of the concept may carry. */
export type Dimension = 'functional' | 'economic' | 'fund' | 'nature' | 'staffKind' | 'vehicleType' | 'project';

export interface Concept {
  id: string;
  label: string;
  kind: ConceptKind;
  dims?: readonly Dimension[];
  /** Unit printed after counts (人, 辆, 个 …). */
  countUnit?: string;
}

const money = (id: string, label: string, dims?: Dimension[]): Concept => ({ id, label, kind: 'money', ...(dims ? { dims } : {}) });
const count = (id: string, label: string, countUnit: string, dims?: Dimension[]): Concept => ({
  id, label, kind: 'count', countUnit, ...(dims ? { dims } : {}),
});

export const CONCEPTS: readonly Concept[] = [
  // 收入支出决算总表
  money('total.income', '收入总计'),
  money('total.expense', '支出总计'),
  money('total.income_expense', '收、支总计'),
  money('income.total', '本年收入合计'),
  money('income.fiscal', '财政拨款收入'),
  money('income.general_budget', '一般公共预算财政拨款收入'),
  money('income.gov_fund', '政府性基金预算财政拨款收入'),
  money('income.state_capital', '国有资本经营预算财政拨款收入'),
  money('income.superior_subsidy', '上级补助收入'),
  money('income.business', '事业收入'),
  money('income.operating', '经营收入'),
  money('income.affiliate', '附属单位上缴收入'),
  money('income.other', '其他收入'),
  money('balance.use_non_fiscal', '使用非财政拨款结余'),
  money('balance.opening', '年初结转和结余', ['fund']),
  money('balance.distribution', '结余分配'),
  money('balance.closing', '年末结转和结余', ['fund']),
  money('expense.total', '本年支出合计', ['functional']),
  money('expense.basic', '基本支出', ['functional', 'fund']),
  money('expense.project', '项目支出', ['functional', 'fund']),
  money('expense.remit', '上缴上级支出', ['functional']),
  money('expense.operating', '经营支出', ['functional']),
  money('expense.affiliate_subsidy', '对附属单位补助支出', ['functional']),
  money('expense.fiscal', '财政拨款支出', ['functional']),
  money('expense.general_budget', '一般公共预算财政拨款支出', ['functional', 'nature']),
  money('expense.gov_fund', '政府性基金预算财政拨款支出', ['functional', 'nature']),
  money('expense.state_capital', '国有资本经营预算财政拨款支出', ['functional', 'nature']),
  money('fiscal.total', '财政拨款收、支总计'),
  money('basic.personnel', '人员经费', ['economic']),
  money('basic.public', '公用经费', ['economic']),
  // "三公"经费
  money('sangong.total', '“三公”经费'),
  money('sangong.abroad', '因公出国（境）费'),
  money('sangong.vehicle', '公务用车购置及运行维护费'),
  money('sangong.vehicle_purchase', '公务用车购置费'),
  money('sangong.vehicle_operation', '公务用车运行维护费'),
  money('sangong.reception', '公务接待费'),
  money('sangong.reception_domestic', '国内公务接待费'),
  money('sangong.reception_foreign', '外事接待费'),
  count('abroad.groups', '因公出国（境）团组', '个'),
  count('abroad.people', '因公出国（境）人次', '人次'),
  count('vehicles.purchased', '购置公务用车', '辆'),
  count('vehicles.held', '公务用车保有量', '辆'),
  count('reception.batches', '国内公务接待批次', '批次'),
  count('reception.people', '国内公务接待人次', '人次'),
  count('reception_foreign.batches', '外事接待批次', '批次'),
  count('reception_foreign.people', '外事接待人次', '人次'),
  // 其他重要事项
  money('operating_cost', '机关运行经费'),
  money('procurement.total', '政府采购支出总额'),
  money('procurement.goods', '政府采购货物支出'),
  money('procurement.works', '政府采购工程支出'),
  money('procurement.services', '政府采购服务支出'),
  money('procurement.sme', '授予中小企业合同金额'),
  money('procurement.sme_small', '授予小微企业合同金额'),
  count('vehicles.total', '车辆', '辆', ['vehicleType']),
  count('equipment.general_500k', '单价50万元以上通用设备', '台（套）'),
  count('equipment.special_1m', '单价100万元以上专用设备', '台（套）'),
  // 机构和人员
  count('organisation.subordinates', '下属单位', '个'),
  { id: 'staffing.authorized', label: '编制数', kind: 'people', dims: ['staffKind'], countUnit: '名' },
  { id: 'staffing.actual', label: '实有在职人员', kind: 'people', dims: ['staffKind'], countUnit: '人' },
  { id: 'staffing.retired', label: '离退休人员', kind: 'people', countUnit: '人' },
  // 预算绩效管理
  count('performance.projects', '项目支出项目', '个'),
  money('performance.self_evaluation_funds', '开展绩效自评的项目资金'),
  count('performance.pre_assessment', '开展事前绩效评估的项目', '个'),
  count('performance.targets', '编制绩效目标的项目', '个'),
  count('performance.monitoring', '开展绩效监控的项目', '个'),
  count('performance.self_evaluation', '开展绩效自评的项目', '个'),
  // 绩效自评表 (one evaluated project or the department as a whole: dims.project)
  money('evaluation.funds', '自评项目资金', ['project', 'fund']),
  { id: 'evaluation.execution_rate', label: '预算执行率', kind: 'percent', dims: ['project'] },
  { id: 'evaluation.score', label: '绩效自评得分', kind: 'score', dims: ['project'] },
  { id: 'evaluation.weight', label: '指标分值', kind: 'score', dims: ['project'] },
];

const BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));

export function concept(id: string): Concept | undefined {
  return BY_ID.get(id);
}

export function isConceptId(id: string): boolean {
  return BY_ID.has(id);
}
