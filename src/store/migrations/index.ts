/**
 * The migrations, in the order they are applied. A migration, once released,
 * is never edited: a change to the schema is a new file with the next number.
 */
import * as m001 from './001_initial.js';
import * as m002 from './002_published_facts.js';
import * as m003 from './003_review_uploads.js';
import * as m004 from './004_published_sums.js';
import * as m005 from './005_portal_figures.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...m001 },
  { version: 2, ...m002 },
  { version: 3, ...m003 },
  { version: 4, ...m004 },
  { version: 5, ...m005 },
];
