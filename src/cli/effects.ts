/**
 * What commands do to the outside world, passed in so tests can record it:
 * reading inputs, writing outputs (atomically) and printing.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export interface Effects {
  readText(path: string): string;
  /** Writes the whole file or nothing: a failure leaves no partial file. */
  writeFile(path: string, data: Uint8Array | string): void;
  out(line: string): void;
  err(line: string): void;
}

export function writeAtomically(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export const nodeEffects: Effects = {
  readText: (path) => readFileSync(path, 'utf8'),
  writeFile: writeAtomically,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A user-facing failure: printed as is (no stack), with an exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
