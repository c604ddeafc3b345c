/** Leaf-by-leaf differences between two datasets (for the conflict dialog). */
import { pathString, type Seg } from './paths.js';

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function diffData(a: unknown, b: unknown): Change[] {
  const out: Change[] = [];
  const walk = (x: unknown, y: unknown, p: Seg[]) => {
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(x[i], y[i], [...p, i]);
    } else if (isObj(x) && isObj(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], [...p, k]);
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      out.push({ path: pathString(p), before: x, after: y });
    }
  };
  walk(a, b, []);
  return out;
}

export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '（无）';
  if (typeof v === 'string') return v === '' ? '（空）' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
