/** The installed command runs as a program: `npx juesuan …` executes dist/cli/bin.js directly. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'cli', 'bin.js');

describe('dist/cli/bin.js', () => {
  // `npm ci` builds dist/ (prepare), so CI always has it; a checkout without a build has nothing to test.
  it.skipIf(!existsSync(bin) && process.env.CI !== 'true')('is executable and prints the help in Chinese', () => {
    const r = spawnSync(bin, ['--help'], { cwd: root, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('部门决算公开');
  });
});
