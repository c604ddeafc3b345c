// A 自评表 against the rest: narrative figures vs the table, evaluated funds vs the accounts, the form's year.
import type { Amount } from '../../../money/index.js';
import { abs, formatPercent } from '../../../money/index.js';
import { compareText, parseDecimal } from '../../../performance/decimal.js';
import { fill } from '../../format.js';
import type { CheckInput, SelfEvaluationRule } from '../../types.js';
import { combine, finding, insufficient, notApplicable, type Evaluation as RuleEvaluation } from '../evaluation.js';
import { nameOf, toleranceOf, wan, type EvaluationContext } from './context.js';

const pass: RuleEvaluation = { outcome: 'pass', findings: [] };

export function narrativeVsTable(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const { stated } = ctx.ev;
  const e = ctx.score.execution;
  const row = e && ctx.ev.funds.find((f) => f.source === e.source);
  if (!e || !row) return notApplicable;
  const parts: RuleEvaluation[] = [];
  const money = (what: 'budget' | 'executed', label: string, table: Amount | undefined) => {
    const s = stated[what];
    if (!s || !table) return;
    if (abs(s.fen - table.fen) <= toleranceOf(input, [s, table])) return void parts.push(pass);
    parts.push({
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), what: label, stated: `${wan(s.fen)}万元`, expected: `${wan(table.fen)}万元` }),
        stated: wan(s.fen), expected: wan(table.fen), difference: wan(s.fen - table.fen), unit: '万元',
        location: `${ctx.path}.stated.${what}`, related: [`${ctx.path}.funds`],
      })],
    });
  };
  money('budget', '预算数', row.annual);
  money('executed', '执行数', row.executed);
  const rate = stated.completionRate?.trim().replace(/[%％]$/u, '');
  if (rate !== undefined && e.rate !== null) {
    const d = parseDecimal(rate);
    if (!d) {
      parts.push(insufficient);
    } else {
      // |stated − 100 × executed / budget| ≤ half a unit of the stated last digit, on exact integers.
      const scale = 10n ** BigInt(d.scale);
      const ok = abs(2n * d.units * e.budget - 200n * e.executed * scale) <= abs(e.budget);
      parts.push(ok ? pass : {
        outcome: 'fail',
        findings: [finding(rule, {
          message: fill(rule.message, { name: nameOf(ctx), what: '预算执行率', stated: `${rate}%`, expected: `${formatPercent(e.rate)}%` }),
          stated: rate, expected: formatPercent(e.rate), unit: '%', location: `${ctx.path}.stated.completionRate`, related: [`${ctx.path}.funds`],
        })],
      });
    }
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}

function unitFigure(input: CheckInput, concept: string): bigint | undefined {
  return input.facts.find((f) => f.concept === concept && f.year === input.year && f.scenario === 'actual' && Object.keys(f.dims).length === 0)?.value;
}

/** Σ 全年执行数 of the evaluated projects ≤ the unit's 项目支出 (evaluated once for the whole dataset). */
export function projectFunds(rule: SelfEvaluationRule, input: CheckInput, all: EvaluationContext[]): RuleEvaluation {
  const projects = all.filter((c) => c.ev.kind === 'project' && c.score.execution);
  if (projects.length === 0) return notApplicable;
  const expense = unitFigure(input, 'expense.project');
  if (expense === undefined) return insufficient;
  const sum = projects.reduce((t, c) => t + c.score.execution!.executed, 0n);
  if (sum <= expense) return pass;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { count: projects.length, stated: wan(sum), expected: wan(expense) }),
      stated: wan(sum), expected: `≤ ${wan(expense)}`, difference: wan(sum - expense), unit: '万元',
      location: `${projects[0]!.path}.funds`, related: projects.slice(1).map((c) => `${c.path}.funds`),
    })],
  };
}

/** 部门整体 执行数 = the unit's 本年支出合计, or its 财政拨款 / 一般公共预算财政拨款 支出 (forms use either). */
export function departmentFunds(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const e = ctx.score.execution;
  if (ctx.ev.kind !== 'department' || !e) return notApplicable;
  const candidates = ['expense.total', 'expense.fiscal', 'expense.general_budget'].map((c) => unitFigure(input, c)).filter((v): v is bigint => v !== undefined);
  if (candidates.length === 0) return insufficient;
  const row = ctx.ev.funds.find((f) => f.source === e.source)!;
  const tolerance = toleranceOf(input, [row.executed]);
  if (candidates.some((v) => abs(v - e.executed) <= tolerance)) return pass;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), stated: wan(e.executed), expected: wan(candidates[0]!) }),
      stated: wan(e.executed), expected: wan(candidates[0]!), difference: wan(e.executed - candidates[0]!), unit: '万元',
      location: `${ctx.path}.funds`,
    })],
  };
}

export function formYear(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const y = ctx.ev.year;
  if (y === undefined) return notApplicable;
  if (y === input.year) return pass;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), stated: y, expected: input.year }),
      stated: String(y), expected: String(input.year), location: `${ctx.path}.year`,
    })],
  };
}

/** `needle`'s characters appear in `hay` in order ("协助破案" in "协助公安机关侦破各类案件"). */
function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (ch === needle[i]) i++;
  return i === needle.length;
}

/** How far before a figure the indicator's name may be spread out in the report's sentence. */
const WINDOW = 16;

/**
 * A figure the report text states for an indicator ("全年累计协助公安机关侦破各类案件53件") against the
 * indicator's 实际完成值 on the form (协助破案 21件): the name's characters in order shortly before a
 * number with the indicator's unit. One agreeing mention is enough to pass.
 */
export function narrativeIndicators(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const texts = Object.entries(ctx.ev.report);
  if (texts.length === 0) return notApplicable;
  const parts: RuleEvaluation[] = [];
  for (const s of ctx.score.indicators) {
    const a = s.actual;
    const name = s.indicator.level3.replace(/[\s“”"‘’（）()、，,：:]/gu, '');
    if (a.kind !== 'quantity' || a.comparator !== '=' || a.unit === '' || /^(年|月|日|天|%)$/u.test(a.unit) || name.length < 2) continue;
    const unit = a.unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const figure = new RegExp(`(\\d+(?:\\.\\d+)?)${unit}`, 'gu');
    const mentions: { key: string; value: string; quote: string }[] = [];
    for (const [key, text] of texts) {
      for (const m of text.matchAll(figure)) {
        const at = m.index ?? 0;
        const window = text.slice(Math.max(0, at - WINDOW), at).replace(/[\s“”"]/gu, '');
        if (subsequence(name, window)) mentions.push({ key, value: m[1]!, quote: text.slice(Math.max(0, at - WINDOW), at + m[0].length) });
      }
    }
    if (mentions.length === 0) continue;
    const equal = (v: string) => compareText(v, a.value) === 0;
    if (mentions.some((m) => equal(m.value))) {
      parts.push(pass);
      continue;
    }
    const m = mentions[0]!;
    parts.push({
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), quote: m.quote.trim(), indicator: s.indicator.level3, actual: `${a.value}${a.unit}` }),
        stated: m.value, expected: a.value, unit: a.unit,
        location: `${ctx.path}.report.${m.key}`, related: [`${ctx.path}.indicators[${s.index}].actual`],
      })],
    });
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}
