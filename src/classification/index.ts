/**
 * 政府收支分类科目: 支出功能分类 (functional) and 部门预算支出经济分类 (economic),
 * stored per edition year in ./data/*.json.
 *
 * Pure module: no Node imports, so it can run in a browser. Lookups never throw;
 * an unknown or malformed code gives `undefined` (the checker turns that into a finding).
 */
import functionalData from './data/functional.json' with { type: 'json' };
import economicData from './data/economic.json' with { type: 'json' };

export type ClassificationKind = 'functional' | 'economic';
export type Level = '类' | '款' | '项';
export type Confidence = 'V' | 'P' | 'K';

export interface ClassificationEntry {
  kind: ClassificationKind;
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  /** First edition year (inclusive) in which this name is valid; null = open-ended. */
  validFrom: number | null;
  /** Last edition year (inclusive) in which this name is valid; null = open-ended. */
  validTo: number | null;
  /** V = verified in a source, P = partly verified / seen in practice, K = background knowledge. */
  confidence: Confidence;
  /** Official "反映…" explanation, used verbatim in the generated glossary. */
  description?: string;
  note?: string;
}

/** Shape of one entry in the JSON data files (kind is implied by the file). */
interface RawEntry {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  validFrom: number | null;
  validTo: number | null;
  confidence: string;
  description?: string;
  note?: string;
}

interface RawFile {
  source: string;
  entries: RawEntry[];
}

/** Source line of each data file. */
export const sources: Readonly<Record<ClassificationKind, string>> = {
  functional: (functionalData as RawFile).source,
  economic: (economicData as RawFile).source,
};

const CODE_LENGTHS: Readonly<Record<ClassificationKind, readonly number[]>> = {
  functional: [3, 5, 7],
  economic: [3, 5],
};
const LEVELS: readonly Level[] = ['类', '款', '项'];
const DIGITS = /^[0-9]+$/;

interface Index {
  all: readonly ClassificationEntry[];
  /** code → entries (all editions), sorted by validFrom */
  byCode: Map<string, ClassificationEntry[]>;
  /** parent code → child entries (all editions), sorted by code */
  byParent: Map<string, ClassificationEntry[]>;
}

const indexes: Partial<Record<ClassificationKind, Index>> = {};

function toEntry(kind: ClassificationKind, raw: RawEntry): ClassificationEntry {
  const entry: ClassificationEntry = {
    kind,
    code: raw.code,
    name: raw.name,
    level: raw.level as Level,
    parent: raw.parent,
    validFrom: raw.validFrom,
    validTo: raw.validTo,
    confidence: raw.confidence as Confidence,
  };
  if (raw.description !== undefined) entry.description = raw.description;
  if (raw.note !== undefined) entry.note = raw.note;
  return Object.freeze(entry);
}

function isKind(kind: unknown): kind is ClassificationKind {
  return kind === 'functional' || kind === 'economic';
}

function getIndex(kind: ClassificationKind): Index {
  const cached = indexes[kind];
  if (cached) return cached;
  const raw = (kind === 'functional' ? functionalData : economicData) as RawFile;
  const all = Object.freeze(raw.entries.map((r) => toEntry(kind, r)));
  const byCode = new Map<string, ClassificationEntry[]>();
  const byParent = new Map<string, ClassificationEntry[]>();
  for (const entry of all) {
    pushTo(byCode, entry.code, entry);
    if (entry.parent !== null) pushTo(byParent, entry.parent, entry);
  }
  for (const list of byCode.values()) list.sort((a, b) => (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity));
  for (const list of byParent.values()) {
    list.sort((a, b) => compareCodes(a.code, b.code) || (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity));
  }
  const index: Index = { all, byCode, byParent };
  indexes[kind] = index;
  return index;
}

function pushTo(map: Map<string, ClassificationEntry[]>, key: string, entry: ClassificationEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the entry's name is the one valid in the given edition year. */
export function isValidIn(entry: Pick<ClassificationEntry, 'validFrom' | 'validTo'>, year: number): boolean {
  return (entry.validFrom === null || entry.validFrom <= year) && (entry.validTo === null || year <= entry.validTo);
}

function isYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year);
}

/** All entries of a classification, every edition, in data-file order. */
export function allEntries(kind: ClassificationKind): readonly ClassificationEntry[] {
  if (!isKind(kind)) return [];
  return getIndex(kind).all;
}

/** Level implied by the code's length (functional 3/5/7, economic 3/5); undefined if malformed. */
export function levelOf(kind: ClassificationKind, code: string): Level | undefined {
  if (!isKind(kind) || typeof code !== 'string' || !DIGITS.test(code)) return undefined;
  const i = CODE_LENGTHS[kind].indexOf(code.length);
  return i < 0 ? undefined : LEVELS[i];
}

/** Parent code by length (functional 7→5→3, economic 5→3); null for a 类 or a malformed code. */
export function parentCode(kind: ClassificationKind, code: string): string | null {
  const level = levelOf(kind, code);
  if (level === undefined || level === '类') return null;
  return code.slice(0, code.length - 2);
}

/** The entry valid in edition `year` for `code`, or undefined. */
export function lookup(kind: ClassificationKind, code: string, year: number): ClassificationEntry | undefined {
  if (levelOf(kind, code) === undefined || !isYear(year)) return undefined;
  const list = getIndex(kind).byCode.get(code);
  if (!list) return undefined;
  for (const entry of list) if (isValidIn(entry, year)) return entry;
  return undefined;
}

export function lookupFunctional(code: string, year: number): ClassificationEntry | undefined {
  return lookup('functional', code, year);
}

export function lookupEconomic(code: string, year: number): ClassificationEntry | undefined {
  return lookup('economic', code, year);
}

/** 类 → 款 → 项 chain for a code (each level looked up for the same year); undefined if any level is unknown. */
export function ancestry(kind: ClassificationKind, code: string, year: number): ClassificationEntry[] | undefined {
  const chain: ClassificationEntry[] = [];
  let current: string | null = code;
  while (current !== null) {
    const entry = lookup(kind, current, year);
    if (!entry) return undefined;
    chain.unshift(entry);
    current = parentCode(kind, current);
  }
  return chain;
}

/** Direct children of a code valid in `year`, sorted by code; [] if none or unknown. */
export function childrenOf(kind: ClassificationKind, code: string, year: number): ClassificationEntry[] {
  if (levelOf(kind, code) === undefined || !isYear(year)) return [];
  const list = getIndex(kind).byParent.get(code);
  if (!list) return [];
  return list.filter((entry) => isValidIn(entry, year));
}

/**
 * Phrase used in narrative, e.g.
 * "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）".
 * A 款 code gives "…（类）…（款）", a 类 code "…（类）".
 */
export function functionalPhrase(code: string, year: number): string | undefined {
  const chain = ancestry('functional', code, year);
  if (!chain) return undefined;
  return chain.map((entry) => `${entry.name}（${entry.level}）`).join('');
}
