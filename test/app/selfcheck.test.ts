// The whole chain on a few units, through the same script as `npm run selfcheck`: check exit 0 ⇔ the final
// report is produced ⇔ its audit (html, docx, pdf, txt) has no 确定 finding, and the figures read back equal
// the dataset's; corrupted units are refused, and their drafts audit as not publishable.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('selfcheck', () => {
  it('examples and 6 synthetic units (3 corrupted, one each way) keep the one verdict in every format', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/selfcheck.ts', '-n', '6', '-s', '11', '--corrupt', '3'], { cwd: root, maxBuffer: 1 << 24 });
    expect(stdout).toContain('全部一致');
    // 3 examples + 6 units: the complete example and 3 clean units final; 2 seed drafts and the check-corrupted unit
    // drafted; 2 unreadable. Each final and each draft audited in 4 formats.
    expect(stdout).toMatch(/正式报告 4 份，草稿 3 份，无法读取 2 个；审读 28 个文件/);
    const compared = Number(/核对读回的数字 (\d+) 个/.exec(stdout)?.[1]);
    expect(compared).toBeGreaterThan(4 * 4 * 30);
  });
});
