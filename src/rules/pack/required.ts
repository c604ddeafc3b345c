// The figures each required section needs (domain.md §1.4): missing ones would print as 【待补充】.
import type { Rule, Term } from '../types.js';

const MESSAGE = '缺少“{label}”，报告中该处将显示【待补充】';
const item = (concept: string, label: string, path: string, extra: Partial<Term> = {}) => ({ term: { concept, ...extra }, label, path });

export const requiredRules: Rule[] = [
  {
    id: 'Q-sangong', kind: 'required', severity: 'warning', scope: 'field',
    title: '“三公”经费说明所需数据齐全', why: '“三公”经费须分项对照预算说明，并说明出国团组、车辆购置和保有、接待批次人次（domain.md §1.4）。',
    message: MESSAGE, hint: '在 sangong 中补齐该项；确无发生的填 0。',
    terms: [
      item('sangong.abroad', '因公出国（境）费决算数', 'sangong.actual.abroad'),
      item('sangong.vehicle_purchase', '公务用车购置费决算数', 'sangong.actual.vehiclePurchase'),
      item('sangong.vehicle_operation', '公务用车运行维护费决算数', 'sangong.actual.vehicleOperation'),
      item('sangong.reception_domestic', '国内公务接待费决算数', 'sangong.actual.receptionDomestic'),
      item('sangong.reception_foreign', '外事接待费决算数', 'sangong.actual.receptionForeign'),
      item('sangong.abroad', '因公出国（境）费预算数', 'sangong.budget.abroad', { scenario: 'budget' }),
      item('sangong.vehicle_purchase', '公务用车购置费预算数', 'sangong.budget.vehiclePurchase', { scenario: 'budget' }),
      item('sangong.vehicle_operation', '公务用车运行维护费预算数', 'sangong.budget.vehicleOperation', { scenario: 'budget' }),
      item('sangong.reception', '公务接待费预算数', 'sangong.budget.reception', { scenario: 'budget' }),
      item('abroad.groups', '因公出国（境）团组数', 'sangong.abroad.groups'),
      item('abroad.people', '因公出国（境）人次', 'sangong.abroad.people'),
      item('vehicles.purchased', '购置公务用车数', 'sangong.vehicles.purchased'),
      item('vehicles.held', '公务用车保有量', 'sangong.vehicles.held'),
      item('reception.batches', '国内公务接待批次', 'sangong.reception.domestic.batches'),
      item('reception.people', '国内公务接待人次', 'sangong.reception.domestic.people'),
      item('reception_foreign.batches', '外事接待批次', 'sangong.reception.foreign.batches'),
      item('reception_foreign.people', '外事接待人次', 'sangong.reception.foreign.people'),
    ],
  },
  {
    id: 'Q-operating-cost', kind: 'required', severity: 'warning', scope: 'field', when: { unitKind: ['行政', '参公'] },
    title: '行政、参公单位说明机关运行经费', why: '预算法第十四条要求说明机关运行经费的安排和使用（domain.md §1.1）。',
    message: MESSAGE, hint: '填写 operatingCost。',
    terms: [item('operating_cost', '机关运行经费', 'operatingCost')],
  },
  {
    id: 'Q-procurement', kind: 'required', severity: 'warning', scope: 'field',
    title: '政府采购说明所需数据齐全', why: '须公开政府采购总额、货物/工程/服务金额及授予中小企业、小微企业的合同金额和占比（domain.md §1.4）。',
    message: MESSAGE, hint: '在 procurement 中补齐该项；确无发生的填 0。',
    terms: [
      item('procurement.goods', '政府采购货物支出', 'procurement.goods'),
      item('procurement.works', '政府采购工程支出', 'procurement.works'),
      item('procurement.services', '政府采购服务支出', 'procurement.services'),
      item('procurement.sme', '授予中小企业合同金额', 'procurement.sme'),
      item('procurement.sme_small', '授予小微企业合同金额', 'procurement.smeSmall'),
    ],
  },
  {
    id: 'Q-assets', kind: 'required', severity: 'warning', scope: 'field',
    title: '国有资产占有使用情况所需数据齐全', why: '国有资产占有使用情况说明车辆和大额设备（domain.md §1.4）。',
    message: MESSAGE, hint: '在 assets 中补齐该项；没有的填 0。',
    terms: [
      item('equipment.general_500k', '单价50万元以上通用设备数', 'assets.generalEquipment500k'),
      item('equipment.special_1m', '单价100万元以上专用设备数', 'assets.specialEquipment1m'),
    ],
  },
  {
    id: 'Q-performance', kind: 'required', severity: 'warning', scope: 'field',
    title: '预算绩效管理情况所需数据齐全', why: '决算公开说明绩效目标管理、绩效监控和绩效自评的开展情况（domain.md §1.4）。',
    message: MESSAGE, hint: '在 performance 中补齐该项。',
    terms: [
      item('performance.pre_assessment', '开展事前绩效评估的项目数', 'performance.preAssessment.count'),
      item('performance.targets', '编制绩效目标的项目数', 'performance.targets.count'),
      item('performance.monitoring', '开展绩效监控的项目数', 'performance.monitoring.count'),
      item('performance.self_evaluation', '开展绩效自评的项目数', 'performance.selfEvaluation.count'),
    ],
  },
  {
    id: 'Q-staffing', kind: 'required', severity: 'warning', scope: 'field',
    title: '人员情况所需数据齐全', why: '概况部分说明编制、实有人数和离退休人员。',
    message: MESSAGE, hint: '在 unit.staffing 中补齐该项。',
    terms: [
      item('staffing.authorized', '编制数', 'unit.staffing.authorized'),
      item('staffing.actual', '实有在职人员数', 'unit.staffing.actual'),
      item('staffing.retired', '离退休人员数', 'unit.staffing.retired'),
    ],
  },
];
