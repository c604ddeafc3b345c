/**
 * auditText: a published report's normalised text → claims → facts → the rule
 * pack (the same one that checks datasets) plus the text rules → findings,
 * each located by spans of the text. Figures that are not all stated leave a
 * rule not_applicable or insufficient_data, never a finding.
 */
import type { Fact } from '../model/facts.js';
import { EXECUTION_SOURCES } from '../performance/evaluate.js';
import { auditSeverity, RULE_PACK, runRules, type CountedList, type Finding, type Rule } from '../rules/index.js';
import { extract, type Extraction } from './extract/index.js';
import { LIST_CONCEPT } from './extract/lists.js';
import { claimFacts, claimPath } from './facts.js';
import { add, claimInterval, gap, MONEY_UNITS as MONEY, type Interval } from './quantity.js';
import { TEXT_RULES } from './rules/index.js';
import { isWholeReport } from './rules/requiredSections.js';
import type { AuditResult, Claim, Span, TextFinding } from './types.js';

const RULE_KIND = new Map<string, Rule['kind']>(RULE_PACK.rules.map((r) => [r.id, r.kind]));

/** Claims the text states outside sentences: counts next to named lists, figures in a 部门整体 自评表. */
function extraClaims(x: Extraction): void {
  x.lists.forEach((l) => {
    const concept = LIST_CONCEPT[l.key];
    if (!concept || x.year === undefined) return;
    x.claims.push({
      concept, value: String(l.count), unit: '个', year: x.year, scenario: 'actual', measure: 'level',
      span: l.countSpan, sentence: l.span, statement: 100_000 + x.claims.length,
    });
  });
  for (const b of x.evaluations) {
    if (b.evaluation.kind !== 'department') continue;
    b.evaluation.indicators.forEach((ind, k) => {
      // "机关运行经费 267.14万元" on the unit's own form is the unit's 机关运行经费.
      const m = /^(\d+(?:\.\d+)?)(万元|元)$/.exec(ind.actual.replace(/\s/g, ''));
      const span = b.indicatorSpans[k];
      if (ind.level3.replace(/\s/g, '') !== '机关运行经费' || !m || !span) return;
      const at = x.masked.indexOf(ind.actual.trim(), span.start);
      x.claims.push({
        concept: 'operating_cost', value: m[1]!, unit: m[2]!, year: b.evaluation.year ?? x.year, scenario: 'actual', measure: 'level',
        span: at >= 0 ? { start: at, end: at + ind.actual.trim().length } : span, sentence: span, section: '部门整体支出绩效自评表', statement: 200_000 + x.claims.length,
      } as Claim);
    });
  }
}

/** The evaluated projects' funds together, when every self-evaluated project's form is published. */
function selfEvaluationFunds(x: Extraction): Fact | undefined {
  const list = x.lists.find((l) => l.key === 'selfEvaluation');
  const projects = x.evaluations.filter((b) => b.evaluation.kind === 'project');
  if (!list || x.year === undefined || projects.length === 0 || projects.length !== list.count) return undefined;
  let value = 0n;
  let precision = 0n;
  const paths: string[] = [];
  for (const p of projects) {
    const row = EXECUTION_SOURCES.map((s) => p.evaluation.funds.find((f) => f.source === s)).find((f) => f?.executed);
    if (!row?.executed) return undefined;
    value += row.executed.fen;
    precision += row.executed.precision;
    paths.push(`evaluation:${x.evaluations.indexOf(p)}`);
  }
  return { concept: 'performance.self_evaluation_funds', year: x.year, scenario: 'actual', dims: {}, value, precision, source: { kind: 'derived', from: 'Σ 项目自评表全年执行数', paths } };
}

/**
 * 自评表 rules of the pack that a published form settles on its own (funds add up, executed within budget,
 * cost indicators vs funds, 部门整体 vs the accounts). The others judge the unit's data entry (readable cells,
 * weights, the computed score) or repeat a text rule (TX-copy, TX-year, PF-score, PM5), so they are not run here.
 */
const FORM_RULES = new Set(['PE1', 'PE2', 'PE4', 'PE12', 'PE14']);
const skipped = (rule: string) => RULE_KIND.get(rule) === 'selfEvaluation' && !FORM_RULES.has(rule);
/** The pack without the skipped rules: each rule is evaluated on its own, so leaving them out changes no other result. */
const AUDIT_PACK = { ...RULE_PACK, rules: RULE_PACK.rules.filter((r) => !skipped(r.id)) };
const SKIPPED_RULES = RULE_PACK.rules.length - AUDIT_PACK.rules.length;

/** Spans of a dataset-style path into an evaluation read from the text: evaluations[i].indicators[j]…, .funds[k].field, .selfScore. */
function evaluationSpans(x: Extraction, path: string, quote?: string): Span[] | undefined {
  const m = /^evaluations\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?(?:\.(\w+))?)?/.exec(path);
  if (!m) return undefined;
  const b = x.evaluations[Number(m[1])];
  if (!b) return [];
  const [, , part, index, field] = m;
  if (part === 'indicators' && index !== undefined && b.indicatorSpans[Number(index)]) return [b.indicatorSpans[Number(index)]!];
  if (part === 'funds' && index !== undefined && field) {
    const row = b.evaluation.funds[Number(index)];
    const cell = row && b.cells[`${row.source}.${field}`];
    if (cell) return [cell];
  }
  if (part === 'selfScore' && b.scoreSpan) return [b.scoreSpan];
  if (part === 'report' && quote) {
    // The report's own words, quoted in the message: found again inside the evaluation's block.
    const at = x.masked.indexOf(quote, b.span.start);
    if (at >= 0 && at < b.span.end) return [{ start: at, end: at + quote.length }];
  }
  return [b.formSpan ?? b.titleSpan];
}

function spansOfPath(x: Extraction, path: string, quote?: string): Span[] {
  const inEvaluation = evaluationSpans(x, path, quote);
  if (inEvaluation) return inEvaluation;
  const [kind, n] = path.split(':');
  const i = Number(n);
  if (kind === 'claim' && x.claims[i]) return [x.claims[i]!.span];
  if (kind === 'list' && x.lists[i]) return [x.lists[i]!.countSpan, x.lists[i]!.span];
  if (kind === 'evaluation' && x.evaluations[i]) {
    const b = x.evaluations[i]!;
    const cell = EXECUTION_SOURCES.map((s) => b.cells[`${s}.executed`]).find((c) => c);
    return [cell ?? b.titleSpan];
  }
  return [];
}

function fromEngine(x: Extraction, f: Finding): TextFinding {
  const quote = /写“([^”]+)”/u.exec(f.message)?.[1];
  const spans = [f.location, ...(f.related ?? [])].flatMap((p) => spansOfPath(x, p, quote));
  // A report's text may list only some 功能分类 classes ("主要用于以下方面：…"): their sum against the total is a lead, not 确定.
  const partialList = /^X2-/.test(f.rule);
  return {
    rule: f.rule, severity: f.severity === 'error' && !partialList ? 'error' : 'warning', message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}), ...(f.stated !== undefined ? { stated: f.stated } : {}),
    ...(f.tolerance !== undefined ? { tolerance: f.tolerance } : {}), ...(f.unit !== undefined ? { unit: f.unit } : {}),
    spans,
  };
}

/**
 * A whole whose 其中 also lists figures the reader could not name ("公务用车购置及运行维护费11167万元（其中，公务用车购置费255万元，
 * 公务用车运行维护费7922万元，其他交通工具购置144万元，其他交通费用2846万元）") is defined more widely than the model's identity:
 * when all its listed parts add up to it, the text's own arithmetic holds and the identity's failure is no finding
 * ('drop'); when they do not, the failure is a lead, not certain ('lead'). Undefined: no such unread part.
 */
function widerWhole(x: Extraction, f: Finding): 'drop' | 'lead' | undefined {
  for (const path of [f.location, ...(f.related ?? [])]) {
    const m = /^claim:(\d+)$/.exec(path);
    if (!m) continue;
    const i = Number(m[1]);
    const b = x.breakdowns.find((d) => d.parent === i && d.parts.length > 0);
    const whole = x.claims[i];
    if (!b || !whole || !MONEY.has(whole.unit)) continue;
    const after = x.claims[b.parts[0]!]!.span.start;
    // An unread figure that restates a total ("…共计支出9.84万元") is no further part.
    const unread = x.uncertain.filter((u) => MONEY.has(u.unit) && (u.measure ?? 'level') === 'level' && u.span.start > after && u.span.end <= b.span.end
      && !/共计|合计|总计|累计|小计|总额|总数/.test(u.context));
    if (unread.length === 0) continue;
    let sum: Interval = { lo: 0n, hi: 0n };
    for (const q of [...b.parts.map((p) => x.claims[p]!).filter((c) => c.measure === 'level' && MONEY.has(c.unit)), ...unread]) {
      const I = claimInterval(q);
      if (!I) return 'lead';
      sum = add(sum, I);
    }
    const W = claimInterval(whole);
    return W && gap(W, sum) === 0n ? 'drop' : 'lead';
  }
  return undefined;
}

/** Where a text that stops mid-sentence (its last line ends without 。！？) begins its last line: the cut end. */
function cutTail(x: Extraction): number | undefined {
  const last = [...x.lines].reverse().find((l) => l.text.trim() !== '');
  if (!last || /[。！？!?]\s*$/.test(last.text)) return undefined;
  return last.start;
}

export function auditExtraction(x: Extraction): AuditResult {
  extraClaims(x);
  const excluded = new Set<number>();
  const facts = claimFacts(x.claims, x.year, excluded);
  const funds = selfEvaluationFunds(x);
  if (funds) facts.push(funds);
  const counts = { pass: 0, fail: 0, notApplicable: 0, insufficientData: 0, rules: 0 };
  const tally = (o: string) => {
    counts.rules++;
    if (o === 'pass') counts.pass++;
    else if (o === 'fail') counts.fail++;
    else if (o === 'not_applicable') counts.notApplicable++;
    else counts.insufficientData++;
  };
  const findings: TextFinding[] = [];
  if (x.year !== undefined) {
    const counted: CountedList[] = x.lists.flatMap((l, i) => (l.partial && l.names.length > 0 ? [{ key: l.key, label: l.label, count: l.count, names: l.names, path: `list:${i}` }] : []));
    const operatingCostStated = x.claims.some((c) => c.concept === 'operating_cost');
    const report = runRules(AUDIT_PACK, {
      facts, year: x.year, precision: 'stated', lists: counted,
      evaluations: x.evaluations.map((b) => b.evaluation), evaluationVariant: 'national',
      // 机关运行经费 is reported by 行政 and 参公 units only, so a report that states it is one of theirs.
      ...(operatingCostStated ? { unit: { kind: '行政' } } : {}),
    });
    // The skipped rules count as not applicable.
    for (let i = 0; i < SKIPPED_RULES; i++) tally('not_applicable');
    for (const r of report.results) {
      const kind = RULE_KIND.get(r.rule);
      // A figure the text does not state is not missing from the books: required rules are only data coverage here.
      if (kind === 'required' && r.outcome === 'fail') tally('insufficient_data');
      else tally(r.outcome);
    }
    const cut = cutTail(x);
    for (const f of report.findings) {
      if (RULE_KIND.get(f.rule) === 'required' || f.severity === 'info') continue;
      const wider = f.severity === 'error' ? widerWhole(x, f) : undefined;
      if (wider === 'drop') continue;
      const tf = fromEngine(x, f);
      if (wider === 'lead') tf.severity = 'warning';
      // A list of classes that runs into the cut end of a partial text may go on beyond it: its sum proves nothing.
      if (/^X2-/.test(f.rule) && cut !== undefined && tf.spans.some((s) => s.start >= cut)) continue;
      findings.push(tf);
    }
  } else {
    for (let i = 0; i < RULE_PACK.rules.length; i++) tally('insufficient_data');
  }
  for (const rule of TEXT_RULES) {
    const r = rule.run({ x, facts, excluded });
    tally(r.outcome);
    // A text rule says how certain its reading is; the one severity table says how much the fact weighs.
    for (const f of r.findings) findings.push({ ...f, severity: auditSeverity(f.rule, f.severity === 'error') });
  }
  findings.sort((a, b) => (a.severity === b.severity ? (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) : a.severity === 'error' ? -1 : 1));
  return {
    ...(x.unit ? { unit: x.unit } : {}),
    ...(x.year !== undefined ? { year: x.year } : {}),
    claims: x.claims,
    evaluations: x.evaluations.map((b) => b.evaluation),
    findings,
    summary: {
      claims: x.claims.length, rulesRun: counts.rules, pass: counts.pass, fail: counts.fail,
      notApplicable: counts.notApplicable, insufficientData: counts.insufficientData, uncertain: x.uncertain.length,
      errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length,
      partial: !isWholeReport(x),
    },
  };
}

export function auditText(text: string): AuditResult {
  return auditExtraction(extract(text));
}

export { claimPath };
