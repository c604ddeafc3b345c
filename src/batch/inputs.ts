/** Batch inputs: named files as they are, folders searched (recursively) for datasets. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Dataset files found in folders; hidden files (our own .tmp files among them) are skipped. */
export const DATASET = /^[^.].*\.(ya?ml|json)$/i;
/** Published reports `audit` reads from folders. */
export const REPORT = /^[^.].*\.(txt|docx|pdf|html?)$/i;

/** What a folder is searched for, as the messages say it. */
export function patternLabel(pattern: RegExp): string {
  return pattern === REPORT ? '报告文件（.txt、.docx、.pdf、.html）' : '数据文件（.yaml、.yml、.json）';
}

/** Nothing to do: every input was a folder and none of them holds a file of the kind asked for. */
export class NothingFoundError extends Error {
  constructor(
    readonly folders: readonly string[],
    pattern: RegExp,
  ) {
    super(`文件夹 ${folders.join('、')} 中没有找到${patternLabel(pattern)}，没有可处理的文件`);
    this.name = 'NothingFoundError';
  }
}

export interface ExpandedInputs {
  files: string[];
  /** Folders given that hold no file of the kind searched for. */
  emptyFolders: string[];
}

/**
 * The files to process, in a stable order: each named file as given (even a
 * missing one, so the batch reports it), then the datasets under each folder,
 * sorted. A file named twice is processed once. Throws NothingFoundError when
 * the folders given hold nothing and no file was named.
 */
export function expandInputs(paths: readonly string[], pattern: RegExp = DATASET): string[] {
  return expandInputsWithEmpty(paths, pattern).files;
}

/** expandInputs, also naming the folders that held nothing (when other inputs did). */
export function expandInputsWithEmpty(paths: readonly string[], pattern: RegExp = DATASET): ExpandedInputs {
  const out: string[] = [];
  const emptyFolders: string[] = [];
  for (const p of paths) {
    let folder = false;
    try {
      folder = statSync(p).isDirectory();
    } catch {
      // Missing: kept, and reported as unreadable by the task.
    }
    if (folder) {
      const found = filesUnder(p, pattern);
      if (found.length === 0) emptyFolders.push(p);
      out.push(...found);
    } else out.push(p);
  }
  if (out.length === 0 && emptyFolders.length > 0) throw new NothingFoundError(emptyFolders, pattern);
  return { files: [...new Set(out)], emptyFolders };
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
