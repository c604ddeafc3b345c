/**
 * Golden files: compare generated output with test/golden/<case>/<name>.
 * `UPDATE_GOLDEN=1 npx vitest run` rewrites them; on a mismatch the actual
 * output is written beside the golden file under __actual__/ for a diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(caseName: string, file: string, actual: string): void {
  const path = join(GOLDEN_DIR, caseName, file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI === 'true' && !existsSync(path)) throw new Error(`golden file missing in CI: ${path}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    const out = join(GOLDEN_DIR, caseName, '__actual__', file);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, actual);
  }
  expect(actual, `golden ${caseName}/${file} (actual written to __actual__/)`).toBe(expected);
}
