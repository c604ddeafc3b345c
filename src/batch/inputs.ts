/** Batch inputs: named files as they are, folders searched (recursively) for datasets. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Dataset files found in folders; hidden files (our own .tmp files among them) are skipped. */
export const DATASET = /^[^.].*\.(ya?ml|json)$/i;
/** Published reports `audit` reads from folders. */
export const REPORT = /^[^.].*\.(txt|docx|pdf|html?)$/i;

/**
 * The files to process, in a stable order: each named file as given (even a
 * missing one, so the batch reports it), then the datasets under each folder,
 * sorted. A file named twice is processed once.
 */
export function expandInputs(paths: readonly string[], pattern: RegExp = DATASET): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let folder = false;
    try {
      folder = statSync(p).isDirectory();
    } catch {
      // Missing: kept, and reported as unreadable by the task.
    }
    if (folder) out.push(...filesUnder(p, pattern));
    else out.push(p);
  }
  return [...new Set(out)];
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && pattern.test(e.name)) found.push(p);
    }
  };
  walk(dir);
  return found;
}
