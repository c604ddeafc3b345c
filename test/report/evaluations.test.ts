/** 第四部分 附件: the 自评报告 and 自评表 of each evaluation, in both layouts (issue 6). */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type Block, type TableBlock, type TableCell } from '../../src/report/tree.js';
import { COMPLETE_EXAMPLE, loadExample, type ExampleName } from '../examples.js';

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
  const complete = loadExample(COMPLETE_EXAMPLE);
  // 四川: 6 columns, 8 when the unit's form states 分值/得分; national: 9 (its label column and 分值/得分 always).
  for (const [profile, name, width] of [
    ['sichuan', 'zhaohua-zfw-2022', 6], ['sichuan', 'miyi-zfw-2021', 6], ['sichuan', COMPLETE_EXAMPLE, 8],
    ['national', 'zhaohua-zfw-2022', 9], ['national', 'miyi-zfw-2021', 9], ['national', COMPLETE_EXAMPLE, 9],
  ] as const) {
    it(`${profile}, ${name}: every row spans exactly ${width} columns`, () => {
      for (const t of tables(buildReport(loadExample(name), PROFILES[profile]!).blocks)) {
        expect(rowWidths(t), `${name} ${t.title}`).toEqual(t.body.map(() => width));
      }
    });
  }
  it('national form: 分值 10 on 年度资金总额, the 执行率, and no score of ours', () => {
    const t = tables(buildReport(zhaohua, PROFILES.national!).blocks)[2]!;
    const total = t.body.find((r) => r.some((c) => cellText(c) === '年度资金总额'))!.map(cellText);
    expect(total).toEqual(['年度资金总额', '162.13', '162.13', '162.13', '10', '100.00%', '']);
  });
  it("prints the unit's own 分值, 得分 and 自评得分, never a recomputed score, 待评审 or a scoring note", () => {
    for (const [d, profile] of [[zhaohua, 'sichuan'], [zhaohua, 'national'], [loadExample('miyi-zfw-2021'), 'sichuan'], [complete, 'sichuan']] as const) {
      for (const t of tables(buildReport(d, PROFILES[profile]!).blocks)) {
        const all = t.body.flat().map(cellText).join('|');
        expect(all).not.toMatch(/待评审|等级：|评审人|单位不一致|无法比较|设定偏低|按评分规则/);
        expect(t.note).toBeUndefined();
      }
    }
    const [, , grid] = tables(buildReport(zhaohua, PROFILES.sichuan!).blocks).map((t) => t.body.map((r) => r.map(cellText)));
    expect(grid!.at(-1)).toEqual(['自评得分', '98']);
    const [nationalGrid] = tables(buildReport(zhaohua, PROFILES.national!).blocks).slice(2).map((t) => t.body.map((r) => r.map(cellText)));
    expect(nationalGrid!.at(-1)).toEqual(['总分', '100', '98', '']);
    // The complete example's form states 分值 and 得分: they are printed as stated.
    const ev = complete.evaluations[0]!;
    const rows = tables(buildReport(complete, PROFILES.sichuan!).blocks)[0]!.body.map((r) => r.map(cellText));
    const first = rows.find((r) => r.includes(ev.indicators[0]!.level3))!;
    expect(first.slice(-3)).toEqual([ev.indicators[0]!.weight, ev.indicators[0]!.score, '']);
  });
});

describe('自评报告', () => {
  const text = (name: ExampleName) =>
    buildReport(loadExample(name), PROFILES.sichuan!).blocks.map((b) => (b.kind === 'paragraph' ? inlineText(b.content) : '')).join('\n');
  it('computes the funds from the 自评表 and states the unit\'s own score and reasons, never ours', () => {
    const t = text('zhaohua-zfw-2022');
    expect(t).toContain('2022年度年初预算数162.13万元，全年预算数162.13万元，与年初预算一致；全年执行数162.13万元，预算执行率100.00%。');
    expect(t).toContain('“平安昭化建设、雪亮工程建设等运转类经费”指标值≤891.13万元，实际完成值926.25万元，偏差原因：增加司法救助资金。');
    expect(t).not.toMatch(/按评分规则|合计得分|等级为|需评审人判断|未完全达成|未说明偏差原因/);
    expect(t).toContain('自评得分为98分');
  });
  it('invents nothing: no 存在的问题 or 改进建议 the unit did not write', () => {
    const d = loadExample('zhaohua-zfw-2022');
    const bare = { ...d, evaluations: d.evaluations.map((e) => ({ ...e, problems: [], suggestions: [] })) };
    const t = buildReport(bare, PROFILES.sichuan!).blocks.map((b) => (b.kind === 'paragraph' ? inlineText(b.content) : '')).join('\n');
    expect(t).not.toMatch(/存在的问题：|改进建议：/);
  });
  it('leaves what the 自评表 lacks visible as gaps (a draft)', () => {
    const t = text('miyi-zfw-2021');
    expect(t).toContain('【待补充：自评表资金（年初预算数、全年预算数、全年执行数）】');
  });
});
