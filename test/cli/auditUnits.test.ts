/** Audit findings print each figure with its unit once: “所述 2辆”, never “所述 2辆辆” (issue “Publishable reports”, item 9). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/audit/rules/helpers.js';
import { nodeEffects, type Effects } from '../../src/app/effects.js';
import { run } from '../../src/cli/main.js';

function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

const TEXT = [
  '某局2022年度部门决算',
  '',
  '第一部分 其他重要事项的情况说明',
  '',
  '截至2022年12月31日，本单位共有车辆1辆，其中：执法执勤用车1辆、特种专业技术用车1辆。',
  '',
  '2022年度一般公共预算财政拨款支出100.00万元，其中：基本支出80.00万元，项目支出30.00万元。',
  '',
  '2022年度政府性基金预算财政拨款支出1000000.00元，其中：基本支出800000.00元，项目支出300000.00元。',
].join('\n');

describe('audit findings state each unit once', () => {
  it('parts that add up to more than their whole: counts and money, 万元 and 元', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'audit-units-')), 'report.txt');
    writeFileSync(file, TEXT);
    const fx = recording();
    expect(await run(['audit', file], fx)).toBe(1);
    const out = fx.outLines.join('\n');
    expect(out).toContain('[确定][TX-parts] 车辆为1辆，其中所列各项合计2辆，超过总数\n      所述 2辆，应为 ≤ 1辆');
    expect(out).toContain('[确定][TX-parts] 一般公共预算财政拨款支出为100.00万元，其中所列各项合计110.00万元，超过总数\n      所述 110.00万元，应为 ≤ 100.00万元');
    // A whole in 元: the sum and the limit both in 万元, the unit the finding names.
    expect(out).toContain('[确定][TX-parts] 政府性基金预算财政拨款支出为1000000.00元，其中所列各项合计110.00万元，超过总数\n      所述 110.00万元，应为 ≤ 100.00万元');
    expect(out).not.toMatch(/(辆|万元|元|个|人|%)\1/);
  });
  it('a rule that writes the unit into a figure still prints it once', () => {
    const f = finding('X', 'error', 'm', [], { stated: '2辆', expected: '≤ 1辆', tolerance: '0.01万元', unit: '辆' });
    expect(f).toMatchObject({ stated: '2', expected: '≤ 1', tolerance: '0.01万元' });
    expect(finding('X', 'error', 'm', [], { stated: '2022年', unit: '年' }).stated).toBe('2022');
    // Only a unit after a figure is dropped: a word that merely ends like the unit stays.
    expect(finding('X', 'error', 'm', [], { stated: '持平', unit: '平' }).stated).toBe('持平');
  });
});
