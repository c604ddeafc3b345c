/**
 * A labeled set for measuring the audit: take clean report texts (our own
 * renderings of the examples), plant one known fault per copy, keep the
 * truth, and score auditText's findings by fault kind (precision, recall).
 * Pure functions; the caller renders the texts (any format's text will do).
 */
import type { AuditResult, Span, TextFinding } from '../types.js';

export const FAULT_KINDS = [
  'total', 'share', 'changeRate', 'yearLabel', 'countList', 'duplicateParagraph', 'templateLeftover', 'missingSection', 'scoreMismatch',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlantedFault {
  kind: FaultKind;
  /** Where the fault is in the faulty text (a removed section: the point of removal). */
  span: Span;
  description: string;
}

export interface LabeledDoc {
  name: string;
  /** The clean text the fault was planted in (its own findings are the baseline). */
  clean: string;
  text: string;
  fault: PlantedFault;
}

/** Rules that may report each kind of fault (a finding of another rule at the fault does not count). */
export const DETECTORS: Record<FaultKind, readonly string[]> = {
  total: ['TX-share', 'TX-parts', 'TX-duplicate', 'TX-change', 'TX-rate', 'TX-completion', 'T1-1', 'T1-1a', 'T1-1b', 'T1-2', 'T1-2b', 'T3-1', 'X2-general_budget', 'X2-gb-classes', 'X2-gb-nature', 'X3', 'X4-total', 'X4-vehicle', 'X4-reception'],
  share: ['TX-share'],
  changeRate: ['TX-rate'],
  yearLabel: ['TX-year', 'TX-template'],
  countList: ['TX-list', 'PM1'],
  duplicateParagraph: ['TX-copy', 'TX-project-name'],
  templateLeftover: ['TX-template'],
  missingSection: ['TX-sections', 'TX-numbering'],
  scoreMismatch: ['PF-score', 'PF-score-rules', 'PF-rate', 'PF-funds'],
};

/** A deterministic choice among candidates. */
const choose = <T>(items: readonly T[], seed: number): T | undefined => (items.length === 0 ? undefined : items[Math.abs(seed) % items.length]);

function replaceAt(text: string, start: number, end: number, by: string, kind: FaultKind, description: string): { text: string; fault: PlantedFault } {
  return { text: text.slice(0, start) + by + text.slice(end), fault: { kind, span: { start, end: start + by.length }, description } };
}

const addHundredths = (v: string, delta: number): string => {
  const [w, f = ''] = v.split('.');
  const dec = Math.max(2, f.length);
  const n = BigInt(w! + f.padEnd(dec, '0')) + BigInt(delta) * 10n ** BigInt(dec - 2);
  const s = n.toString().padStart(dec + 1, '0');
  return `${s.slice(0, -dec)}.${s.slice(-dec)}`;
};

/** The part of a report before its 附件 / 附表 (where the narrative figures are). */
function narrativeEnd(text: string): number {
  const m = /\n第.部分 (?:附件|附表|名词解释)/.exec(text);
  return m ? m.index : text.length;
}

type Planter = (text: string, seed: number) => { text: string; fault: PlantedFault } | undefined;

const PLANTERS: Record<FaultKind, Planter> = {
  total(text, seed) {
    const end = narrativeEnd(text);
    const cands = [...text.slice(0, end).matchAll(/(?:本年收入合计|本年支出合计|基本支出|“三公”经费财政拨款支出决算为)(\d+\.\d{2})万元/g)];
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + m[0].length - m[1]!.length - 2;
    return replaceAt(text, at, at + m[1]!.length, addHundredths(m[1]!, 10_000), 'total', `${m[0]} 改为多 100.00万元`);
  },
  share(text, seed) {
    const cands = [...text.slice(0, narrativeEnd(text)).matchAll(/占(?:[^，。；]{0,12}的)?(\d+\.\d{2})%/g)].filter((m) => Number(m[1]) > 5 && Number(m[1]) < 95);
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + m[0].length - m[1]!.length - 1;
    return replaceAt(text, at, at + m[1]!.length, addHundredths(m[1]!, 300), 'share', `占比 ${m[1]}% 改为多 3 个百分点`);
  },
  changeRate(text, seed) {
    const cands = [...text.slice(0, narrativeEnd(text)).matchAll(/(?:增长|下降)(\d+\.\d{2})%/g)];
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + 2;
    return replaceAt(text, at, at + m[1]!.length, addHundredths(m[1]!, 200), 'changeRate', `变动率 ${m[1]}% 改为多 2 个百分点`);
  },
  yearLabel(text, seed) {
    const cands = [...text.slice(0, narrativeEnd(text)).matchAll(/(?:^|\n)(\d{4})年(?:度)?(?:本年收入合计|本年支出合计|一般公共预算财政拨款基本支出|“三公”经费财政拨款支出决算)/g)];
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + m[0].indexOf(m[1]!);
    return replaceAt(text, at, at + 4, String(Number(m[1]) - 1), 'yearLabel', `本年数字标为 ${Number(m[1]) - 1}年`);
  },
  countList(text, seed) {
    const cands = [...text.matchAll(/”(等|共)(\d+)个项目/g)].filter((m) => Number(m[2]) >= 2);
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + 2;
    const n = Number(m[2]);
    // An exact list (共) off by one either way; a partial one (等) below the names listed.
    const wrong = m[1] === '共' ? n + 1 : Math.max(1, n - 5);
    if (m[1] === '等') {
      const names = (text.slice(Math.max(0, m.index - 3000), m.index + 1).split(/对“|，|。/).pop() ?? '').match(/“/g)?.length ?? 0;
      if (names + 1 <= wrong) return undefined;
    }
    return replaceAt(text, at, at + m[2]!.length, String(wrong), 'countList', `项目个数 ${n} 改为 ${wrong}`);
  },
  duplicateParagraph(text, seed) {
    // A long paragraph of one evaluation report copied into another's.
    const starts = [...text.matchAll(/\n(附件\d+[：:][^\n]{2,60}(?:自评报告|评价报告))\n/g)].map((m) => m.index + 1);
    if (starts.length < 2) return undefined;
    const bounds = starts.map((s, i) => [s, starts[i + 1] ?? narrativeEndAfter(text, s)] as const);
    const paragraphs = (k: number) => text.slice(bounds[k]![0], bounds[k]![1]).split('\n').filter((l) => l.length >= 120 && !l.startsWith('|'));
    const from = Math.abs(seed) % bounds.length;
    const to = (from + 1) % bounds.length;
    const p = choose(paragraphs(from), seed);
    if (!p) return undefined;
    const insertAt = text.indexOf('\n', bounds[to]![0]) + 1;
    return replaceAt(text, insertAt, insertAt, `${p}\n`, 'duplicateParagraph', '把一个自评报告的长段落抄入另一个');
  },
  templateLeftover(text, seed) {
    const cands = [...text.slice(0, narrativeEnd(text)).matchAll(/主要(?:变动)?原因是/g)];
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const leftover = choose(['XX', '（此处填写原因）', '××'], seed)!;
    return replaceAt(text, at, at, leftover, 'templateLeftover', `插入模板遗留“${leftover}”`);
  },
  missingSection(text, seed) {
    const end = narrativeEnd(text);
    const heads = [...text.slice(0, end).matchAll(/\n((?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)[^\n]*(?:政府采购|机关运行经费|国有资产|三公|基本支出)[^\n]*)\n/g)];
    const m = choose(heads, seed);
    if (!m) return undefined;
    const start = m.index + 1;
    const next = /\n\n|\n(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|第.部分)/.exec(text.slice(start + m[1]!.length));
    const stop = next ? start + m[1]!.length + next.index + 1 : end;
    return { text: text.slice(0, start) + text.slice(stop), fault: { kind: 'missingSection', span: { start, end: start }, description: `删除“${m[1]}”一节` } };
  },
  scoreMismatch(text, seed) {
    // The 自评报告 states a 自评得分 other than its 自评表's (the form prints the unit's own score).
    const cands = [...text.matchAll(/自评得分为?(\d+(?:\.\d+)?)分/g)];
    const m = choose(cands, seed);
    if (!m) return undefined;
    const at = m.index + m[0].indexOf(m[1]!, 4);
    const changed = String(Number(m[1]!.split('.')[0]) - 3);
    return replaceAt(text, at, at + m[1]!.length, changed, 'scoreMismatch', `自评报告的自评得分 ${m[1]} 改为 ${changed}`);
  },
};

function narrativeEndAfter(text: string, from: number): number {
  const m = /\n第.部分 /.exec(text.slice(from));
  return m ? from + m.index : text.length;
}

/** One faulty copy of `clean` for `kind`, or undefined when the text has nothing to plant it in. */
export function plantFault(name: string, clean: string, kind: FaultKind, seed = 0): LabeledDoc | undefined {
  const r = PLANTERS[kind](clean, seed);
  return r ? { name: `${name}#${kind}#${seed}`, clean, text: r.text, fault: r.fault } : undefined;
}

/** Every kind × `copies` seeds for each clean text. */
export function labeledSet(texts: readonly { name: string; text: string }[], copies = 2, kinds: readonly FaultKind[] = FAULT_KINDS): LabeledDoc[] {
  return texts.flatMap((t) => kinds.flatMap((k) => Array.from({ length: copies }, (_, s) => plantFault(t.name, t.text, k, s * 7 + 1)).filter((d): d is LabeledDoc => d !== undefined)));
}

export interface KindScore {
  planted: number;
  detected: number;
  /** New findings (not in the clean text's audit) that match no planted fault. */
  falsePositives: number;
  precision: number;
  recall: number;
}

const near = (a: Span, b: Span, slack: number) => a.start <= b.end + slack && b.start <= a.end + slack;
const keyOf = (f: TextFinding) => `${f.rule}|${f.message}`;

/**
 * Precision and recall by fault kind. A finding detects the fault when its rule
 * is one of the kind's detectors and one of its spans lies at the fault (a
 * missing section: anywhere). Findings the clean text already has are ignored.
 */
export function scoreLabeled(docs: readonly LabeledDoc[], audit: (text: string) => AuditResult): Record<FaultKind | 'all', KindScore> {
  const baseline = new Map<string, Map<string, number>>();
  const tally = Object.fromEntries([...FAULT_KINDS, 'all'].map((k) => [k, { planted: 0, detected: 0, truePositives: 0, falsePositives: 0 }])) as Record<string, { planted: number; detected: number; truePositives: number; falsePositives: number }>;
  for (const d of docs) {
    let base = baseline.get(d.clean);
    if (!base) {
      base = new Map();
      for (const f of audit(d.clean).findings) base.set(keyOf(f), (base.get(keyOf(f)) ?? 0) + 1);
      baseline.set(d.clean, base);
    }
    const inside = (s: Span) => s.start >= d.fault.span.start && s.end <= d.fault.span.end && d.fault.span.end > d.fault.span.start;
    const matches = (f: TextFinding) =>
      f.spans.some(inside) ||
      (DETECTORS[d.fault.kind].includes(f.rule) && (d.fault.kind === 'missingSection' || f.spans.some((s) => near(s, d.fault.span, d.fault.kind === 'total' ? 400 : 60))));
    // New findings: beyond the clean text's count of the same rule and message (findings away from the fault are matched to the clean ones first).
    const left = new Map(base);
    const all = audit(d.text).findings;
    const ordered = [...all.filter((f) => !matches(f)), ...all.filter(matches)];
    const fresh = ordered.filter((f) => {
      const n = left.get(keyOf(f)) ?? 0;
      if (n > 0) left.set(keyOf(f), n - 1);
      return n === 0;
    });
    const hits = fresh.filter(matches);
    for (const k of [d.fault.kind, 'all']) {
      tally[k]!.planted++;
      if (hits.length > 0) tally[k]!.detected++;
      tally[k]!.truePositives += hits.length;
      tally[k]!.falsePositives += fresh.length - hits.length;
    }
  }
  const out = {} as Record<FaultKind | 'all', KindScore>;
  for (const [k, t] of Object.entries(tally)) {
    const flagged = t.truePositives + t.falsePositives;
    out[k as FaultKind | 'all'] = {
      planted: t.planted, detected: t.detected, falsePositives: t.falsePositives,
      precision: flagged === 0 ? 1 : t.truePositives / flagged,
      recall: t.planted === 0 ? 1 : t.detected / t.planted,
    };
  }
  return out;
}
