/** The TB rules on tables written by hand: variants real reports use, rounding, and fail-closed cells. */
import { describe, expect, it } from 'vitest';
import { auditTables, parseCell, recognise, toGrid, type RawCell, type ReadTable } from '../../../src/audit/tables/index.js';
import type { Claim } from '../../../src/audit/types.js';

const ident = (s: { start: number; end: number }) => s;

/** A table from rows of cell texts ("text|colspan|rowspan" for merged cells); each cell gets a fake span. */
function table(context: string[], rows: string[][], headerRows?: number): ReadTable {
  let at = 0;
  const raw: RawCell[][] = rows.map((r) => r.map((c) => {
    const [text, cs, rs] = c.split('|');
    const span = { start: at, end: at + text!.length };
    at += text!.length + 1;
    return { text: text!, ...(cs ? { colSpan: Number(cs) } : {}), ...(rs ? { rowSpan: Number(rs) } : {}), span };
  }));
  const g = toGrid(raw, headerRows);
  return { source: 'html', context, header: g.header, rows: g.rows };
}

const claim = (concept: string, value: string, unit = '万元', extra: Partial<Claim> = {}): Claim => ({
  concept, value, unit, year: 2024, scenario: 'actual', measure: 'level', span: { start: 1000, end: 1010 }, sentence: { start: 990, end: 1020 }, statement: 0, ...extra,
});

describe('cells', () => {
  it('reads exact amounts, never floats', () => {
    expect(parseCell('1,234.56', '万元')).toMatchObject({ kind: 'amount', fen: 12_345_600_00n, ulp: 10_000n });
    expect(parseCell('０.１', '万元')).toMatchObject({ kind: 'amount', fen: 100_000n });
    expect(parseCell('4146701.19', '元')).toMatchObject({ kind: 'amount', fen: 414_670_119n, ulp: 1n });
    expect(parseCell('0.001', '元')).toMatchObject({ kind: 'text' });
    expect(parseCell('—', '万元').kind).toBe('dash');
    expect(parseCell('', '万元').kind).toBe('blank');
    expect(parseCell('12.3.4', '万元').kind).toBe('text');
  });
});

describe('支出决算表 in 元, one code column, columns in another order', () => {
  const rows = [
    ['科目编码', '科目名称', '基本支出', '项目支出', '本年支出合计'],
    ['', '合计', '300.00', '100.00', '400.00'],
    ['201', '一般公共服务支出', '300.00', '100.00', '400.00'],
    ['20101', '人大事务', '300.00', '100.00', '400.00'],
    ['2010101', '行政运行', '200.00', '0.00', '200.00'],
    ['2010102', '一般行政管理事务', '100.00', '100.00', '200.00'],
  ];
  it('is recognised by its title, 元 from the unit line', () => {
    const r = recognise(table(['2024年度支出决算表', '编制单位：某局', '单位：元'], rows));
    expect(r).toMatchObject({ kind: 'expense', unit: '元', unitStated: true, byTitle: true });
  });
  it('audits clean', () => {
    const r = auditTables({ tables: [table(['支出决算表', '单位：元'], rows)], claims: [], toText: ident });
    expect(r.findings).toEqual([]);
    expect(r.checks.pass).toBeGreaterThan(8);
    expect(r.outcomes['TB-tree']).toBe('pass');
  });
  it('finds a 款 that is not the sum of its 项, quoting the cells', () => {
    const bad = rows.map((r) => [...r]);
    bad[3]![2] = '310.00';
    bad[3]![4] = '410.00';
    const t = table(['支出决算表', '单位：元'], bad);
    const r = auditTables({ tables: [t], claims: [], toText: ident });
    const tree = r.findings.filter((f) => f.rule === 'TB-tree');
    expect(tree.length).toBeGreaterThan(0);
    expect(tree[0]).toMatchObject({ severity: 'error', unit: '元' });
    expect(tree.some((f) => f.stated === '310.00' && f.expected === '300.00')).toBe(true);
    expect(tree[0]!.message).toMatch(/支出决算表/);
  });
  it('a blank or garbage cell is unjudged, never a finding', () => {
    const bad = rows.map((r) => [...r]);
    bad[4]![2] = '';
    bad[5]![2] = '1OO.00';
    const r = auditTables({ tables: [table(['支出决算表', '单位：元'], bad)], claims: [], toText: ident });
    expect(r.findings).toEqual([]);
    expect(r.checks.insufficient).toBeGreaterThan(0);
  });
});

describe('rounding: the tolerance follows the stated digits', () => {
  it('10.00 = 3.33 + 3.33 + 3.33 within the rounding of four figures', () => {
    const t = table(['一般公共预算财政拨款“三公”经费支出决算表', '单位：万元'], [
      ['项目', '合计', '因公出国（境）费', '公务用车购置及运行维护费|3', '公务接待费'],
      ['', '', '', '小计', '购置费', '运行维护费', ''],
      ['决算数', '10.00', '3.33', '3.33', '1.66', '1.67', '3.33'],
    ], 2);
    const r = auditTables({ tables: [t], claims: [], toText: ident });
    expect(r.findings).toEqual([]);
    expect(r.checks.pass).toBe(2);
  });
  it('but not 10.00 = 3.33 + 3.33 + 3.30', () => {
    const t = table(['财政拨款“三公”经费支出决算表', '金额单位：万元'], [
      ['项目|1|2', '合计|1|2', '因公出国（境）费|1|2', '公务用车购置及运行费|3', '公务接待费|1|2'],
      ['小计', '公务用车购置费', '公务用车运行费'],
      ['预算数', '10.00', '3.33', '3.33', '1.66', '1.67', '3.30'],
    ]);
    const r = auditTables({ tables: [t], claims: [], toText: ident });
    expect(r.findings.map((f) => f.rule)).toEqual(['TB-row']);
    expect(r.findings[0]).toMatchObject({ stated: '10.00', expected: '9.96', tolerance: '0.02' });
  });
});

describe('总表 (two-sided) and the narrative', () => {
  const rows = [
    ['收入|3', '支出|3'],
    ['项目', '行次', '金额', '项目', '行次', '金额'],
    ['一、一般公共预算财政拨款收入', '1', '100.00', '一般公共服务支出', '9', '90.00'],
    ['二、事业收入', '2', '20.00', '住房保障支出', '10', '25.00'],
    ['本年收入合计', '3', '120.00', '本年支出合计', '11', '115.00'],
    ['使用非财政拨款结余', '4', '0.00', '结余分配', '12', '0.00'],
    ['年初结转和结余', '5', '5.00', '年末结转和结余', '13', '10.00'],
    ['总计', '6', '125.00', '总计', '14', '125.00'],
  ];
  const t = () => table(['收入支出决算总表', '金额单位：万元'], rows);
  it('audits clean and matches the narrative', () => {
    const r = auditTables({ tables: [t()], claims: [claim('income.total', '120.00'), claim('total.income_expense', '125')], toText: ident, year: 2024 });
    expect(r.findings).toEqual([]);
    expect(r.outcomes['TB-total']).toBe('pass');
    expect(r.outcomes['TB-text']).toBe('pass');
  });
  it('a narrative figure other than the cell is a finding quoting both', () => {
    const r = auditTables({ tables: [t()], claims: [claim('expense.total', '116.00')], toText: ident, year: 2024 });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'TB-text', severity: 'error', stated: '116.00', expected: '115.00' });
    expect(r.findings[0]!.spans).toHaveLength(2);
  });
  it('a figure stated to fewer digits is compared to its own rounding (125万元 ≈ 125.00)', () => {
    const r = auditTables({ tables: [t()], claims: [claim('total.income_expense', '125.4')], toText: ident, year: 2024 });
    expect(r.findings.map((f) => f.rule)).toEqual(['TB-text']);
    const ok = auditTables({ tables: [t()], claims: [claim('total.income_expense', '125')], toText: ident, year: 2024 });
    expect(ok.findings).toEqual([]);
  });
  it('an unknown line between 合计 and 总计 leaves 总计 unjudged', () => {
    const odd = rows.map((r) => [...r]);
    odd[5]![0] = '某项调整';
    odd[5]![2] = '3.00';
    const r = auditTables({ tables: [table(['收入支出决算总表', '金额单位：万元'], odd)], claims: [], toText: ident });
    expect(r.findings).toEqual([]);
    expect(r.checks.insufficient).toBeGreaterThan(0);
  });
  it('without a stated unit the narrative is not compared', () => {
    const r = auditTables({ tables: [table(['收入支出决算总表'], rows)], claims: [claim('expense.total', '116.00')], toText: ident, year: 2024 });
    expect(r.findings).toEqual([]);
  });
});

describe('基本支出表 (人员经费 and 公用经费 side by side)', () => {
  it('类 = Σ款 and 合计 = Σ类 per panel', () => {
    const t = table(['一般公共预算财政拨款基本支出决算表', '单位：万元'], [
      ['人员经费|3', '公用经费|3'],
      ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
      ['301', '工资福利支出', '80.00', '302', '商品和服务支出', '20.00'],
      ['30101', '基本工资', '50.00', '30201', '办公费', '12.00'],
      ['30102', '津贴补贴', '30.00', '30211', '差旅费', '9.00'],
      ['人员经费合计|2', '80.00', '公用经费合计|2', '20.00'],
    ]);
    const r = auditTables({ tables: [t], claims: [claim('basic.public', '20.00')], toText: ident, year: 2024 });
    expect(r.findings.map((f) => [f.rule, f.stated])).toEqual([['TB-basic', '20.00']]);
    expect(r.checks.pass).toBeGreaterThanOrEqual(4);
  });
});

describe('shares and the 基本支出 across tables', () => {
  const gbe = (basic: string) => table(['一般公共预算财政拨款支出决算表', '金额单位：万元'], [
    ['功能分类科目编码|3', '科目名称|1|2', '决算数|3'],
    ['类', '款', '项', '小计', '基本支出', '项目支出'],
    ['合计|4', '300.00', basic, (300 - Number(basic)).toFixed(2)],
    ['201', '', '', '一般公共服务支出', '200.00', '150.00', '50.00'],
    ['201', '01', '', '人大事务', '200.00', '150.00', '50.00'],
    ['208', '', '', '社会保障和就业支出', '100.00', '50.00', '50.00'],
    ['208', '05', '', '行政事业单位养老支出', '100.00', '50.00', '50.00'],
  ]);
  const basicTable = table(['一般公共预算财政拨款基本支出决算表', '单位：万元'], [
    ['人员经费|3', '公用经费|3'],
    ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
    ['人员经费合计|2', '150.00', '公用经费合计|2', '50.00'],
  ]);
  const share = (code: string, v: string) => claim('expense.general_budget', v, '%', { measure: 'share', dims: { functional: code }, base: { concept: 'expense.general_budget' } });
  it('class shares within one unit of the last digit pass (largest remainder), others are findings', () => {
    const ok = auditTables({ tables: [gbe('200.00')], claims: [share('201', '66.67'), share('208', '33.34')], toText: ident, year: 2024 });
    expect(ok.findings).toEqual([]);
    expect(ok.checks.pass).toBeGreaterThan(0);
    const bad = auditTables({ tables: [gbe('200.00')], claims: [share('201', '60.67')], toText: ident, year: 2024 });
    expect(bad.findings).toHaveLength(1);
    expect(bad.findings[0]).toMatchObject({ rule: 'TB-text', stated: '60.67', expected: '66.67', unit: '%' });
  });
  it('基本支出 of the 一般公共预算 table = 人员经费合计 + 公用经费合计', () => {
    expect(auditTables({ tables: [gbe('200.00'), basicTable], claims: [], toText: ident }).findings).toEqual([]);
    const bad = auditTables({ tables: [gbe('210.00'), basicTable], claims: [], toText: ident });
    expect(bad.findings.map((f) => [f.rule, f.stated, f.expected])).toContainEqual(['TB-basic', '210.00', '200.00']);
  });
});

describe('a table that writes zero as a blank (上海)', () => {
  const rows = (a: string) => [
    ['项目|1|3', '功能分类|3', '合计', '基本支出', '项目支出'],
    ['科目编码|3', '', '', ''],
    ['', '', ''],
    ['类', '款', '项', '合计', '30.00', '20.00', '10.00'],
    ['201', '', '', '一般公共服务支出', '30.00', '20.00', '10.00'],
    ['201', '06', '', '财政事务', '30.00', '20.00', '10.00'],
    ['201', '06', '01', '行政运行', a, '20.00', ''],
    ['201', '06', '02', '一般行政管理事务', '10.00', '', '10.00'],
  ];
  it('blank cells count as zero: the identities hold', () => {
    const r = auditTables({ tables: [table(['一般公共预算财政拨款支出决算表', '单位：万元'], rows('20.00'), 3)], claims: [], toText: ident });
    expect(r.findings).toEqual([]);
    expect(r.checks.pass).toBeGreaterThan(6);
  });
  it('a fault that rests on a blank read as zero is only 疑似', () => {
    const r = auditTables({ tables: [table(['一般公共预算财政拨款支出决算表', '单位：万元'], rows('21.00'), 3)], claims: [], toText: ident });
    const row = r.findings.filter((f) => f.rule === 'TB-row');
    expect(row).toHaveLength(1);
    expect(row[0]!.severity).toBe('warning');
    expect(row[0]!.message).toMatch(/空白单元格按零计/);
    // 款 20106 = Σ项 reads only printed figures in its 合计 column: 确定.
    expect(r.findings.some((f) => f.rule === 'TB-tree' && f.severity === 'error')).toBe(true);
  });
});

describe('the same figure in two tables (TB-cross)', () => {
  const totals = (spent: string) => table(['收入支出决算总表', '金额单位：万元'], [
    ['收入|2', '支出|2'],
    ['项目', '金额', '项目', '金额'],
    ['一、一般公共预算财政拨款收入', '100.00', '一般公共服务支出', spent],
    ['本年收入合计', '100.00', '本年支出合计', spent],
  ]);
  const expense = table(['支出决算表', '金额单位：万元'], [
    ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'],
    ['', '合计', '100.00', '60.00', '40.00'],
    ['201', '一般公共服务支出', '100.00', '60.00', '40.00'],
  ]);
  it('表1 本年支出合计 = 表3 合计', () => {
    const ok = auditTables({ tables: [totals('100.00'), expense], claims: [], toText: ident });
    expect(ok.findings).toEqual([]);
    expect(ok.outcomes['TB-cross']).toBe('pass');
    const bad = auditTables({ tables: [totals('90.00'), expense], claims: [], toText: ident });
    const cross = bad.findings.filter((f) => f.rule === 'TB-cross');
    expect(cross).toHaveLength(1);
    expect(cross[0]).toMatchObject({ severity: 'error', stated: '90.00', expected: '100.00' });
    expect(cross[0]!.message).toMatch(/收入支出决算总表.*支出决算表/);
  });
});
