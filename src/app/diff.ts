/**
 * A flat diff of two JSON values (dataset versions): every leaf that differs,
 * by path. Paths read like the dataset's error paths (`income.total`,
 * `expenditure[3].code`); a key that is not a plain name is quoted
 * (`prior["expense.general_budget@204"]`), so two leaves never share a path.
 * Empty objects and arrays are leaves of their own. A side where the path does
 * not exist is `null`. Pure: no I/O.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Change {
  path: string;
  before: Json;
  after: Json;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/u;

export function keySegment(prefix: string, key: string): string {
  if (PLAIN_KEY.test(key)) return prefix === '' ? key : `${prefix}.${key}`;
  return `${prefix}[${JSON.stringify(key)}]`;
}

/** Leaf path → value, in document order. */
export function flattenJson(value: unknown, prefix = '', out = new Map<string, Json>()): Map<string, Json> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    value.forEach((v, i) => flattenJson(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.set(prefix, {});
    for (const [k, v] of entries) flattenJson(v, keySegment(prefix, k), out);
  } else if (value === undefined) {
    out.set(prefix, null);
  } else {
    out.set(prefix, value as Json);
  }
  return out;
}

function sameLeaf(a: Json, b: Json): boolean {
  if (a === b) return true;
  // Leaves that are containers are always empty ones.
  if (Array.isArray(a) && Array.isArray(b)) return true;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return true;
  return false;
}

/** The leaves that differ between `before` and `after`: changed, removed (after null) and added (before null), before's order first. */
export function diffJson(before: unknown, after: unknown): Change[] {
  const a = flattenJson(before);
  const b = flattenJson(after);
  const changes: Change[] = [];
  for (const [path, va] of a) {
    if (!b.has(path)) changes.push({ path, before: va, after: null });
    else if (!sameLeaf(va, b.get(path)!)) changes.push({ path, before: va, after: b.get(path)! });
  }
  for (const [path, vb] of b) if (!a.has(path)) changes.push({ path, before: null, after: vb });
  return changes;
}
