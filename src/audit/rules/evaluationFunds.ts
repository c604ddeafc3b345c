// 绩效自评表 funds: 执行率 = 执行数 / 全年预算数; the form's 年初/全年/执行 figures against the report's words; 金额单位.
import type { TextFinding } from '../types.js';
import { exactDecimal, formatWan, type Amount, type MoneyUnit } from '../../money/index.js';
import { EXECUTION_SOURCES } from '../../performance/evaluate.js';
import { amountInterval, claimInterval, formatPctMid, gap, moneyInterval, percentInterval } from '../quantity.js';
import type { EvaluationBlock } from '../types.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

const wan = (a: Amount) => formatWan(a.fen);
const mainRow = (b: EvaluationBlock) => EXECUTION_SOURCES.map((s) => b.evaluation.funds.find((f) => f.source === s)).find((f) => f);

export const evaluationFunds: TextRule = {
  id: 'PF-funds',
  title: '自评表资金执行率及与报告文字一致',
  run({ x }) {
    const findings: TextFinding[] = [];
    let checked = false;
    for (const b of x.evaluations) {
      // 执行率 stated on the form.
      for (const [source, r] of Object.entries(b.rates)) {
        const row = b.evaluation.funds.find((f) => f.source === source);
        if (!row?.annual || !row.executed) continue;
        const computed = percentInterval(amountInterval(row.executed), amountInterval(row.annual));
        const stated = claimInterval({ value: r.value, unit: '%' });
        if (!computed || !stated) continue;
        checked = true;
        if (gap(computed, stated) > 0n) {
          findings.push(finding('PF-rate', 'error', `“${b.evaluation.name}”自评表执行率写作${r.value}%，按全年执行数÷全年预算数应为${formatPctMid(computed)}%`,
            [r.span, ...[b.cells[`${source}.executed`], b.cells[`${source}.annual`]].filter((s) => s !== undefined)], { expected: formatPctMid(computed), stated: r.value, unit: '%' }));
        }
      }
      const row = mainRow(b);
      if (!row) continue;
      const source = row.source;
      const n = b.narrative;
      const compare = (fig: { value: string; unit: string; span: { start: number; end: number } } | undefined, amount: Amount | undefined, col: string, what: string, severity: 'error' | 'warning') => {
        if (!fig || !amount) return;
        const F = moneyInterval(fig.value, fig.unit);
        if (!F) return;
        checked = true;
        if (gap(F, amountInterval(amount)) === 0n) return;
        const cell = b.cells[`${source}.${col}`];
        const shown = cell ? x.masked.slice(cell.start, cell.end).trim() : `${wan(amount)}万元`;
        findings.push(finding('PF-funds', severity, `“${b.evaluation.name}”的自评报告写${what}${fig.value}${fig.unit}，自评表为${/元$/.test(shown) ? shown : `${shown}万元`}`,
          // expected in the unit the report wrote (moneyInterval accepted it, so it is 元 or 万元)
          [fig.span, ...(b.cells[`${source}.${col}`] ? [b.cells[`${source}.${col}`]!] : [])], { expected: exactDecimal(amount.fen, fig.unit as MoneyUnit), stated: fig.value, unit: fig.unit }));
      };
      compare(n.initial, row.initial, 'initial', '年初预算', 'error');
      compare(n.annual, row.annual ?? row.initial, 'annual', '全年预算', 'warning');
      for (const e of n.executed ?? []) compare(e, row.executed, 'executed', '执行（支出）', 'warning');
      // 金额单位: the header says 万元 while the cells are written in 元 (or the reverse).
      if (b.unitHeader) {
        const written = Object.values(b.cells).map((s) => x.masked.slice(s.start, s.end)).filter((t) => /[万]?元$/.test(t));
        const other = written.find((t) => (b.unitHeader!.unit === '万元' ? !/万元$/.test(t) : /万元$/.test(t)));
        if (other) {
          findings.push(finding('PF-funds', 'warning', `“${b.evaluation.name}”自评表表头金额单位为${b.unitHeader.unit}，表内金额却写作“${other}”`, [b.unitHeader.span], { expected: b.unitHeader.unit, stated: other }));
        }
      }
    }
    return result(findings, checked);
  },
};
