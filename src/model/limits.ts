/**
 * Size limits of dataset input, in a module of their own so that code that
 * only needs a limit (the file reader in app/effects.ts, which every command
 * loads) does not load the schema, zod and yaml with it.
 */

/** Largest dataset text accepted (a unit-year with long texts is well under 1 MB). */
export const MAX_DATASET_BYTES = 10 * 1024 * 1024;
