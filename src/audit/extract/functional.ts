/**
 * 支出功能分类 (functional classification) subjects as reports write them:
 * "一般公共服务（类）党委办公厅（室）及相关机构事务（款）事业运行（项）",
 * "公共安全支出（类）", "204公共安全支出，20402公安，2040201行政运行，…".
 * Gives the most specific code the words determine for sure; a name that does
 * not resolve (two items lumped together) falls back to its parent level.
 */
import { allEntries, isValidIn, type ClassificationEntry } from '../../classification/index.js';

const bare = (s: string) => s.replace(/[（）()\s“”"]/g, '').replace(/（?[类款项]）?$/u, '');
const stripExpense = (s: string) => s.replace(/支出$/u, '');

/** The entries valid in a year, filtered once per year (the classification data does not change). */
const entriesByYear = new Map<number | undefined, { all: readonly ClassificationEntry[]; valid: readonly ClassificationEntry[] }>();
function entries(year: number | undefined): readonly ClassificationEntry[] {
  const all = allEntries('functional');
  let e = entriesByYear.get(year);
  if (!e || e.all !== all) entriesByYear.set(year, (e = { all, valid: all.filter((x) => year === undefined || isValidIn(x, year)) }));
  return e.valid;
}

/** A class (类) written by name: "一般公共服务", "社会保障和就业支出", "公共安全（类）支出". */
export function classByName(name: string, year?: number): ClassificationEntry | undefined {
  const n = stripExpense(bare(name).replace(/类/g, ''));
  if (n.length < 2) return undefined;
  const found = entries(year).filter((e) => e.level === '类' && stripExpense(bare(e.name)) === n);
  return found.length === 1 ? found[0] : found.find((e) => e.validTo === null);
}

function childByName(parent: string, name: string, year?: number): ClassificationEntry | undefined {
  const n = bare(name);
  const found = entries(year).filter((e) => e.parent === parent && bare(e.name) === n);
  return found[0];
}

/** Every class name, longest first, as one alternation for finding class phrases in text. */
export function classNamePattern(year?: number): RegExp {
  const names = [...new Set(entries(year).filter((e) => e.level === '类').map((e) => stripExpense(e.name)))].sort((a, b) => b.length - a.length);
  const alt = names.map((n) => n.replace(/[()（）]/g, '[（(]?')).join('|');
  return new RegExp(`(?:${alt})(?:支出)?(?:[（(]类[）)])?(?:支出)?`, 'g');
}

/** "X（类）Y（款）Z（项）" → the deepest code the names determine. */
export function codeFromTriple(text: string, year?: number): string | undefined {
  const m = /^(.{2,30}?)[（(]类[）)](.{0,40}?)(?:[（(]款[）)](.{0,80}?)(?:[（(]项[）)])?)?$/u.exec(text.trim());
  if (!m) return undefined;
  const cls = classByName(m[1]!, year);
  if (!cls) return undefined;
  if (!m[3] && !m[2]) return cls.code;
  const kuan = m[2] ? childByName(cls.code, m[2], year) : undefined;
  if (!kuan) return cls.code;
  const xiang = m[3] ? childByName(kuan.code, m[3], year) : undefined;
  return xiang ? xiang.code : kuan.code;
}

/** Codes listed in a subject ("204公共安全支出，20402公安，2040201…"): their deepest common level. */
export function codeFromCodes(text: string): string | undefined {
  const all = [...text.matchAll(/(?<!\d)(\d{3}|\d{5}|\d{7})(?=[\u4e00-\u9fff])/g)].map((m) => m[1]!);
  if (all.length === 0) return undefined;
  // The deepest codes listed are the items the amount covers; shorter ones are their parents.
  const deepest = Math.max(...all.map((c) => c.length));
  const codes = all.filter((c) => c.length === deepest);
  if (!all.every((c) => c.startsWith(all[0]!.slice(0, 3)))) return undefined;
  let prefix = codes[0]!;
  for (const c of codes) {
    let i = 0;
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // The deepest full level (3, 5 or 7 digits) every code shares.
  const len = [7, 5, 3].find((l) => prefix.length >= l && codes.every((c) => c.length >= l));
  return len ? prefix.slice(0, len) : undefined;
}
