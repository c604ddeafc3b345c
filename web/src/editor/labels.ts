/** Chinese names of dataset paths, for the lists that show a path (findings, differences, comments). */
import { concept } from '../../../src/model/concepts.js';

const FIXED: Record<string, string> = {
  format: '文件格式', year: '年度', moneyUnit: '金额单位', profile: '报告模板', tableSet: '公开表套', reportDate: '报告日期',
  'unit.name': '单位名称', 'unit.shortName': '单位简称', 'unit.level': '部门/单位', 'unit.kind': '单位性质', 'unit.duties': '主要职责',
  'unit.region': '所在地区', 'unit.region.province': '省', 'unit.region.city': '市', 'unit.region.county': '县（区）', 'unit.region.code': '行政区划代码',
  'unit.keyWork': '重点工作', 'unit.keyWork.title': '重点工作标题', 'unit.keyWork.paragraphs': '重点工作完成情况',
  'unit.organisation.internal': '内设机构', 'unit.organisation.note': '机构说明', 'unit.organisation.managed': '代管单位', 'unit.organisation.subordinates': '下属单位',
  'unit.staffing.retired': '离退休人员', 'unit.staffing.note': '人员说明', otherMatters: '其他需要说明的情况',
  income: '收入', 'income.total': '收入合计', 'income.generalBudget': '一般公共预算财政拨款收入', 'income.govFund': '政府性基金预算财政拨款收入',
  'income.stateCapital': '国有资本经营预算财政拨款收入', 'income.superiorSubsidy': '上级补助收入', 'income.business': '事业收入',
  'income.operating': '经营收入', 'income.affiliate': '附属单位上缴收入', 'income.other': '其他收入',
  useOfNonFiscalBalance: '使用非财政拨款结余', balanceDistribution: '结余分配', openingBalance: '年初结转和结余', closingBalance: '年末结转和结余',
  expenditure: '支出明细', expenditureIncludes: '合并列示的科目',
  basicExpense: '基本支出', 'basicExpense.personnel': '人员经费', 'basicExpense.public': '公用经费', 'basicExpense.items': '基本支出经济分类科目',
  sangong: '“三公”经费', 'sangong.fund': '“三公”经费资金来源',
  'sangong.budget.abroad': '因公出国（境）费预算数', 'sangong.budget.vehiclePurchase': '公务用车购置费预算数',
  'sangong.budget.vehicleOperation': '公务用车运行维护费预算数', 'sangong.budget.reception': '公务接待费预算数',
  'sangong.actual.abroad': '因公出国（境）费', 'sangong.actual.vehiclePurchase': '公务用车购置费', 'sangong.actual.vehicleOperation': '公务用车运行维护费',
  'sangong.actual.receptionDomestic': '国内公务接待费', 'sangong.actual.receptionForeign': '外事接待费',
  'sangong.abroad.groups': '出国（境）团组数', 'sangong.abroad.people': '出国（境）人次',
  'sangong.vehicles.purchased': '购置公务用车', 'sangong.vehicles.held': '公务用车保有量', 'sangong.vehicles.heldByType': '公务用车保有量（按车型）',
  'sangong.reception.domestic.batches': '国内公务接待批次', 'sangong.reception.domestic.people': '国内公务接待人次',
  'sangong.reception.foreign.batches': '外事接待批次', 'sangong.reception.foreign.people': '外事接待人次',
  'sangong.notes.abroad': '因公出国（境）费说明', 'sangong.notes.vehicle': '公务用车购置费说明', 'sangong.notes.vehicleOperation': '公务用车运行维护费说明', 'sangong.notes.reception': '公务接待费说明',
  operatingCost: '机关运行经费',
  procurement: '政府采购', 'procurement.goods': '政府采购货物支出', 'procurement.works': '政府采购工程支出', 'procurement.services': '政府采购服务支出',
  'procurement.sme': '授予中小企业合同金额', 'procurement.smeSmall': '授予小微企业合同金额',
  assets: '国有资产', 'assets.asOf': '资产截至日期', 'assets.vehicles': '车辆', 'assets.generalEquipment500k': '单价50万元以上通用设备', 'assets.specialEquipment1m': '单价100万元以上专用设备',
  performance: '绩效管理情况', 'performance.projectCount': '项目支出项目个数', 'performance.departmentEvaluation': '是否开展部门整体支出绩效自评',
  'performance.selfEvaluation.funds': '自评项目资金合计', evaluations: '绩效自评表', prior: '上年决算数', reasons: '变动原因',
  'reasons.vsPrior': '与上年相比的变动原因', 'reasons.vsBudget': '与预算相比的差异原因',
};
const FUND = { generalBudget: '一般公共预算', govFund: '政府性基金预算', stateCapital: '国有资本经营预算', nonFiscal: '非财政拨款' } as Record<string, string>;
const STEP = { preAssessment: '事前绩效评估', targets: '编制绩效目标', monitoring: '绩效监控', selfEvaluation: '绩效自评' } as Record<string, string>;
const LINE = {
  code: '科目编码', fund: '资金来源', basic: '基本支出', project: '项目支出', remit: '上缴上级支出', operating: '经营支出', affiliateSubsidy: '对附属单位补助支出',
  initialBudget: '年初预算数', adjustedBudget: '调整预算数', note: '说明', amount: '金额', name: '名称', kind: '类型', accounting: '核算方式',
} as Record<string, string>;
const EVAL = {
  kind: '类型', name: '名称', code: '项目编码', department: '主管部门', implementer: '实施单位', year: '年度', funds: '预算执行情况', executionReason: '执行偏差原因',
  'goals.expected': '年度总体目标（预期）', 'goals.actual': '年度总体目标（实际）', indicators: '绩效指标', selfScore: '自评得分', conclusion: '自评结论',
  problems: '存在的问题', suggestions: '改进建议', 'stated.budget': '报告所述预算数', 'stated.executed': '报告所述执行数', 'stated.completionRate': '报告所述执行率', report: '自评报告',
} as Record<string, string>;
const INDICATOR = { level1: '一级指标', level2: '二级指标', level3: '三级指标', nature: '指标性质', target: '指标值', actual: '完成值', weight: '分值', score: '得分', deviation: '偏差原因' } as Record<string, string>;
const FUNDROW = { source: '资金来源', initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' } as Record<string, string>;

const conceptName = (key: string): string => {
  const [id, dim] = key.split('@');
  const c = concept(id!);
  return c ? `${c.label}${dim ? `（${dim}）` : ''}` : key;
};

/** “支出明细第3行·基本支出”, “上年决算数·机关运行经费”; the path itself when it has no name here. */
export function pathLabel(quoted: string): string {
  // The server's diff quotes keys that are not plain names: prior["total.income"] → prior.total.income.
  const path = quoted.replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_m, k: string) => {
    try {
      return `.${JSON.parse(`"${k}"`) as string}`;
    } catch {
      return `.${k}`;
    }
  });
  if (path === '') return '整份数据';
  if (FIXED[path]) return FIXED[path]!;
  let m: RegExpExecArray | null;
  if ((m = /^(openingBalance|closingBalance)\.(\w+)$/.exec(path))) return `${FIXED[m[1]!]}·${FUND[m[2]!] ?? m[2]}`;
  if ((m = /^unit\.staffing\.(authorized|actual)\.(.+)$/.exec(path))) return `${m[1] === 'authorized' ? '编制数' : '实有人数'}·${m[2]}`;
  if ((m = /^(unit\.duties|unit\.keyWork\.paragraphs|otherMatters|unit\.organisation\.(?:internal|managed))\[(\d+)\]$/.exec(path))) return `${FIXED[m[1]!]}第${Number(m[2]) + 1}项`;
  if ((m = /^(expenditure|basicExpense\.items|unit\.organisation\.subordinates)\[(\d+)\](?:\.(\w+))?$/.exec(path))) return `${FIXED[m[1]!]}第${Number(m[2]) + 1}行${m[3] ? `·${LINE[m[3]] ?? m[3]}` : ''}`;
  if ((m = /^expenditureIncludes\.(.+)$/.exec(path))) return `${FIXED['expenditureIncludes']}·${m[1]}`;
  if ((m = /^sangong\.vehicles\.heldByType\.(.+)$/.exec(path))) return `公务用车保有量·${m[1]}`;
  if ((m = /^assets\.vehicles\.(.+)$/.exec(path))) return `车辆·${m[1]}`;
  if ((m = /^performance\.(\w+)\.(count|projects|funds)(?:\[(\d+)\])?$/.exec(path))) return `${STEP[m[1]!] ?? m[1]}${m[2] === 'count' ? '项目数' : m[2] === 'funds' ? '资金' : '项目名称'}${m[3] ? `第${Number(m[3]) + 1}项` : ''}`;
  if ((m = /^prior\.(.+)$/.exec(path))) return `上年决算数·${conceptName(m[1]!)}`;
  if ((m = /^reasons\.(vsPrior|vsBudget)\.(.+)$/.exec(path))) return `${FIXED[`reasons.${m[1]}`]}·${conceptName(m[2]!)}`;
  if ((m = /^evaluations\[(\d+)\](?:\.(.+))?$/.exec(path))) {
    const head = `自评表${Number(m[1]) + 1}`;
    const rest = m[2];
    if (!rest) return head;
    let r: RegExpExecArray | null;
    if ((r = /^indicators\[(\d+)\](?:\.(\w+))?$/.exec(rest))) return `${head}·指标${Number(r[1]) + 1}${r[2] ? `·${INDICATOR[r[2]] ?? r[2]}` : ''}`;
    if ((r = /^funds\[(\d+)\](?:\.(\w+))?$/.exec(rest))) return `${head}·预算执行第${Number(r[1]) + 1}行${r[2] ? `·${FUNDROW[r[2]] ?? r[2]}` : ''}`;
    if ((r = /^report\.(.+)$/.exec(rest))) return `${head}·自评报告·${r[1]}`;
    if ((r = /^(problems|suggestions)\[(\d+)\]$/.exec(rest))) return `${head}·${EVAL[r[1]!]}第${Number(r[2]) + 1}条`;
    return `${head}·${EVAL[rest] ?? rest}`;
  }
  return path;
}

