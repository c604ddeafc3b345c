/**
 * Open data (issue 14 part 4): the published figures, and nothing else.
 *
 * A published bundle carries its facts (`factsOfDataset`, computed by the
 * publish job and stored in the bundle's transaction). Anyone may read the
 * facts of current editions — never a draft, a submission or an approved but
 * unpublished version, which have no facts at all — as JSON or CSV, and the
 * list of published reports with their files' SHA-256.
 */
import { computeAccounts, concept, flatten, type Dataset } from '../model/index.js';
import type { NewFact } from '../store/types.js';

/** The unit stored with a fact: '万元' for money (its value in 分), else the count's own unit. */
export function factUnit(conceptId: string): string {
  const c = concept(conceptId);
  if (!c || c.kind === 'money') return '万元';
  return c.countUnit ?? (c.kind === 'people' ? '人' : c.kind === 'percent' ? '%' : '');
}

/** Every fact of the dataset (stated and derived totals), as the publish job stores them with the bundle. */
export function factsOfDataset(dataset: Dataset): NewFact[] {
  return flatten(dataset, computeAccounts(dataset)).map((f) => ({
    concept: f.concept,
    year: f.year,
    scenario: f.scenario,
    dims: f.dims,
    value: f.value,
    precision: f.precision,
    unit: factUnit(f.concept),
    derived: f.source.kind === 'derived',
    source: f.source.kind === 'dataset' ? f.source.path : f.source.from,
  }));
}
