import { concept } from '../model/concepts.js';
import { exactDecimal } from '../money/index.js';

/** Values in findings: money as exact 万元 decimals, counts as integers. */
export function formatValue(conceptId: string, v: bigint): { text: string; unit: string } {
  const c = concept(conceptId);
  if (!c || c.kind === 'money') return { text: exactDecimal(v, '万元'), unit: '万元' };
  return { text: v.toString(), unit: c.countUnit ?? '' };
}

/** Fills {name} placeholders of a message template. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function label(conceptId: string): string {
  return concept(conceptId)?.label ?? conceptId;
}
