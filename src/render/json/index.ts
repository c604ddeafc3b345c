/**
 * The open-data form: `{dataset, facts, findings}`. Amounts are exact decimal
 * strings in 万元 (never floats); field names are a stable contract.
 */
import { concept } from '../../model/concepts.js';
import { flatten, type Dataset, type Fact } from '../../model/index.js';
import { exactDecimal, type Amount } from '../../money/index.js';
import type { Finding } from '../../rules/index.js';

export const JSON_FORMAT = 'juesuan-open-data/1';

const isAmount = (v: unknown): v is Amount =>
  typeof v === 'object' && v !== null && typeof (v as Amount).fen === 'bigint' && typeof (v as Amount).precision === 'bigint';

/** The dataset with every amount as an exact 万元 decimal string. */
export function datasetToJsonValue(value: unknown): unknown {
  if (isAmount(value)) return exactDecimal(value.fen, '万元');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(datasetToJsonValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'moneyUnit' ? '万元' : datasetToJsonValue(v)]));
  }
  return value;
}

export interface OpenFact {
  concept: string;
  label: string;
  year: number;
  scenario: string;
  dimensions: Record<string, string>;
  value: string;
  unit: string;
  /** The dataset path it was stated at, or "derived". */
  source: string;
}

export function openFact(f: Fact): OpenFact {
  const c = concept(f.concept);
  const money = !c || c.kind === 'money';
  return {
    concept: f.concept,
    label: c?.label ?? f.concept,
    year: f.year,
    scenario: f.scenario,
    dimensions: f.dims,
    value: money ? exactDecimal(f.value, '万元') : f.value.toString(),
    unit: money ? '万元' : c?.countUnit ?? '',
    source: f.source.kind === 'dataset' ? f.source.path : 'derived',
  };
}

export function renderJson(d: Dataset, findings: readonly Finding[], facts: Fact[] = flatten(d)): string {
  return `${JSON.stringify(
    { format: JSON_FORMAT, dataset: datasetToJsonValue(d), facts: facts.map(openFact), findings },
    null,
    1,
  )}\n`;
}
