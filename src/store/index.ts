/**
 * The store: PostgreSQL behind the `Store` interface (types.ts), embedded
 * (PGlite, a data folder or memory) by default, or a server when
 * `databaseUrl` is given. Opening it applies any pending migrations.
 *
 * @example
 *   const store = await openStore({ dataDir: './data' });          // PGlite
 *   const store = await openStore({ databaseUrl: process.env.DATABASE_URL }); // a server
 */
import { bundleMethods } from './bundles.js';
import { datasetMethods } from './datasets.js';
import { openPglite, openPostgres, type Db } from './db.js';
import { factMethods } from './facts.js';
import { jobMethods } from './jobs.js';
import { migrate } from './migrate.js';
import { organisationMethods } from './organisations.js';
import { reviewMethods } from './reviews.js';
import type { Store, StoreOptions } from './types.js';
import { userMethods } from './users.js';
import { workflowMethods } from './workflow.js';

export * from './types.js';
export { NotFound } from './rows.js';

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const schema = opts.schema ?? 'public';
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, schema) : await openPglite(opts.dataDir, schema);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return storeOn(db);
}

/** The Store's methods over an open, migrated database. */
export function storeOn(db: Db): Store {
  return {
    engine: db.engine,
    close: () => db.close(),
    ...organisationMethods(db),
    ...userMethods(db),
    ...datasetMethods(db),
    ...workflowMethods(db),
    ...bundleMethods(db),
    ...factMethods(db),
    ...jobMethods(db),
    ...reviewMethods(db),
  };
}
