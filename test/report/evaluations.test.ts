/** 第四部分 附件: the 自评报告 and 自评表 of each evaluation, in both layouts (issue 6). */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type Block, type TableBlock, type TableCell } from '../../src/report/tree.js';
import { loadExample } from '../examples.js';

const zhaohua = loadExample('zhaohua-zfw-2022');
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table' && b.id.startsWith('evaluation-'));
const cellText = (c: TableCell) => inlineText(c.content);

/** Every row fills exactly `width` grid columns once the row spans above it are counted. */
function rowWidths(t: TableBlock): number[] {
  const carried: number[] = []; // remaining rows each column is covered by a rowSpan from above
  return t.body.map((row) => {
    let col = 0;
    let used = 0;
    const next = carried.map((n) => Math.max(0, n - 1));
    for (const c of row) {
      while (carried[col]! > 0) { col++; used++; }
      const span = c.colSpan ?? 1;
      for (let k = 0; k < span; k++) if ((c.rowSpan ?? 1) > 1) next[col + k] = (c.rowSpan ?? 1) - 1;
      col += span;
      used += span;
    }
    while (carried[col]! > 0) { col++; used++; }
    carried.length = 0;
    carried.push(...next);
    return used;
  });
}

describe('附件', () => {
  it('follows 名词解释 and comes before 附表 (四川), numbered without a gap', () => {
    const parts = buildReport(zhaohua, PROFILES.sichuan!).blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.kind === 'heading' && `${b.numbering} ${b.text}`);
    expect(parts).toEqual(['第一部分 单位概况', '第二部分 2022年度单位决算情况说明', '第三部分 名词解释', '第四部分 附件', '第五部分 附表']);
  });
  it('is left out, with no gap in the numbering, when the dataset has no evaluations', () => {
    const parts = buildReport({ ...zhaohua, evaluations: [] }, PROFILES.sichuan!).blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.kind === 'heading' && b.numbering);
    expect(parts).toEqual(['第一部分', '第二部分', '第三部分', '第四部分']);
  });
  it('holds one 自评报告 and one 自评表 per evaluation', () => {
    const blocks = buildReport(zhaohua, PROFILES.sichuan!).blocks;
    const annexes = blocks.filter((b) => b.kind === 'heading' && b.numbering.startsWith('附件')).map((b) => b.kind === 'heading' && `${b.numbering}${b.text}`);
    expect(annexes).toEqual([
      '附件1：中共广元市昭化区委政法委员会2022年度部门整体支出绩效自评报告',
      '附件2：“雪亮工程”建设和运维费项目2022年度绩效自评报告',
      '附件3：网格化管理经费项目2022年度绩效自评报告',
    ]);
    expect(tables(blocks).map((t) => t.title)).toEqual([
      '中共广元市昭化区委政法委员会部门整体支出绩效自评表（2022年度）',
      '“雪亮工程”建设和运维费项目支出绩效自评表（2022年度）',
      '网格化管理经费项目支出绩效自评表（2022年度）',
    ]);
  });
});

describe('自评表 layouts', () => {
  for (const [profile, width] of [['sichuan', 8], ['national', 9]] as const) {
    it(`${profile}: every row spans exactly ${width} columns`, () => {
      for (const name of ['zhaohua-zfw-2022', 'miyi-zfw-2021'] as const) {
        for (const t of tables(buildReport(loadExample(name), PROFILES[profile]!).blocks)) {
          expect(rowWidths(t), `${name} ${t.title}`).toEqual(t.body.map(() => width));
        }
      }
    });
  }
  it('national form: 分值 10 on 年度资金总额 and the 得分 of the execution rate', () => {
    const t = tables(buildReport(zhaohua, PROFILES.national!).blocks)[2]!;
    const total = t.body.find((r) => r.some((c) => cellText(c) === '年度资金总额'))!.map(cellText);
    expect(total).toEqual(['年度资金总额', '162.13', '162.13', '162.13', '10.00', '100.00%', '10.00']);
  });
  it('prints the computed scores, the grade and the stated self-score', () => {
    const [dept, xueliang, grid] = tables(buildReport(zhaohua, PROFILES.sichuan!).blocks).map((t) => t.body.map((r) => r.map(cellText)));
    const row = (rows: string[][], first: string) => rows.find((r) => r[0] === first)!;
    expect(row(grid!, '总分')).toEqual(['总分', '100.00', '100.00', '等级：优']);
    expect(row(grid!, '自评得分')).toEqual(['自评得分', '98']);
    expect(row(xueliang!, '总分')).toEqual(['总分', '100.00', '84.91', '等级：良（待评审1项，最高99.91分）']);
    expect(row(dept!, '总分')).toEqual(['总分', '100.00', '78.29', '等级：中（待评审3项，最高99.73分）']);
    // an unmet strict target keeps its points but is flagged, a far-exceeded one waits for the reviewer
    expect(xueliang!.find((r) => r.includes('协助破案'))).toContain('待评审');
  });
});

describe('自评报告', () => {
  const text = (name: 'zhaohua-zfw-2022' | 'miyi-zfw-2021') =>
    buildReport(loadExample(name), PROFILES.sichuan!).blocks.map((b) => (b.kind === 'paragraph' && !b.stated ? inlineText(b.content) : '')).join('\n');
  it('computes the funds and the score sentences from the 自评表', () => {
    const t = text('zhaohua-zfw-2022');
    expect(t).toContain('2022年度年初预算数162.13万元，全年预算数162.13万元，与年初预算一致；全年执行数162.13万元，预算执行率100.00%。');
    expect(t).toContain('按评分规则计算，预算执行率得分10.00分，合计得分100.00分，等级为“优”；自评得分为98分。');
    expect(t).toContain('“平台及其设备维护完好率”指标值＞80%，完成值80%，未说明偏差原因。');
  });
  it('says so when the 自评表 has no indicators or funds, and leaves the gaps visible', () => {
    const t = text('miyi-zfw-2021');
    expect(t).toContain('自评表未列绩效指标，无法按评分规则计算得分；自评得分为95分（未能复核）。');
    expect(t).toContain('【待补充：自评表资金（年初预算数、全年预算数、全年执行数）】');
  });
});
