/** Chinese labels of the 自评表 fund rows, shared by the report tables and the rule messages. */
import type { EvaluationFundSource } from '../model/schema.js';

export const FUND_SOURCE_LABELS: Record<EvaluationFundSource, string> = {
  total: '年度资金总额',
  fiscal: '财政拨款',
  generalBudget: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  socialFund: '社保基金',
  carryover: '上年结转资金',
  other: '其他资金',
};
