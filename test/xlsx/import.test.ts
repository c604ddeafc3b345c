import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { examplesDir } from '../../src/cli/demo.js';
import { computeAccounts, parseDataset } from '../../src/model/index.js';
import { importXlsx, parseMappingFile, XlsxImportError, type ImportResult } from '../../src/parse/xlsx/index.js';
import { tableKeyOf } from '../../src/parse/xlsx/reportSheets.js';
import { loadExample } from '../examples.js';
import { reportWorkbook, UNIT_NAME } from './reportWorkbook.js';

type Raw = Record<string, unknown>;

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function fill(ws: ExcelJS.Worksheet, rows: (string | number | null)[][], from = 1): void {
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(from + r, c + 1).value = v)));
}

async function importError(bytes: Uint8Array, mapping?: Parameters<typeof importXlsx>[1]['mapping']): Promise<XlsxImportError> {
  try {
    await importXlsx(bytes, { file: 'test.xlsx', ...(mapping ? { mapping } : {}) });
  } catch (e) {
    if (e instanceof XlsxImportError) return e;
    throw e;
  }
  throw new Error('expected an XlsxImportError');
}

describe('importing the reporting software export (Z01, Z04, Z05_1)', () => {
  let result: ImportResult;
  it('reads 昭化 income, expenditure by 项 and basic expenses exactly', async () => {
    result = await importXlsx(await reportWorkbook(), { file: '昭化.xlsx' });
    expect(result.source).toBe('report-sheets');
    expect(result.dataset).toBeUndefined();
    const raw = parseYaml(result.yaml, { schema: 'failsafe' }) as Raw;
    expect(raw).toMatchObject({ format: 'juesuan-dataset/1', year: '2022', moneyUnit: '万元', unit: { name: UNIT_NAME } });
    expect(raw.income).toEqual({ generalBudget: '11933900.00元' });
    expect(raw.openingBalance).toEqual({});
    expect(raw.closingBalance).toEqual({});
    expect(raw.expenditure).toEqual([
      { code: '2013150', fund: 'generalBudget', basic: '5556700.00元' },
      { code: '2040202', fund: 'generalBudget', project: '5800000.00元' },
      { code: '2080505', fund: 'generalBudget', basic: '268100.00元' },
      { code: '2101101', fund: 'generalBudget', basic: '100400.00元' },
      { code: '2210201', fund: 'generalBudget', basic: '208700.00元' },
    ]);
    const basic = raw.basicExpense as { personnel: string; public: string; items: { code: string; amount: string }[] };
    expect([basic.personnel, basic.public]).toEqual(['2517400.00元', '3616500.00元']);
    expect(basic.items.map((i) => i.code)).toEqual([
      '30101', '30102', '30103', '30107', '30108', '30113', '30201', '30211', '30217', '30228', '30299', '30302', '30305', '31002',
    ]);
    expect(basic.items.find((i) => i.code === '30217')!.amount).toBe('98400.00元');
    expect(result.warnings).toEqual([]);
  });

  it('lists what the workbook does not contain, in the result and in the YAML', () => {
    for (const p of ['unit.duties', 'unit.staffing', 'unit.kind', 'reasons', 'prior', 'sangong', 'procurement', 'performance']) {
      expect(result.missing).toContain(p);
    }
    expect(result.missing).not.toContain('income');
    expect(result.missing).not.toContain('expenditure');
    expect(result.yaml).toContain('#   - unit.duties：主要职责');
    expect(result.yaml).toContain('#   - reasons：增减变动原因');
  });

  it('once the missing parts are filled in, the figures are the example’s', () => {
    const imported = parseYaml(result.yaml, { schema: 'failsafe' }) as Raw;
    const example = parseYaml(readFileSync(join(examplesDir(), 'zhaohua-zfw-2022.yaml'), 'utf8'), { schema: 'failsafe' }) as Raw;
    const filled = { ...example, ...imported, unit: { ...(example.unit as Raw), ...(imported.unit as Raw) } };
    const d = parseDataset(JSON.stringify(filled), 'filled.json');
    const a = computeAccounts(d);
    const e = computeAccounts(loadExample('zhaohua-zfw-2022'));
    expect(a.incomeTotal).toBe(e.incomeTotal);
    expect(a.expense.basic).toBe(e.expense.basic);
    expect(a.expense.project).toBe(e.expense.project);
    expect(a.basicExpense).toEqual(e.basicExpense);
  });

  it('without Z04 and Z05_1, lists expenditure and basicExpense as missing', async () => {
    const r = await importXlsx(await reportWorkbook({ omit: ['Z04', 'Z05_1'] }), { file: 'z01.xlsx' });
    expect(r.missing).toEqual(expect.arrayContaining(['expenditure', 'basicExpense']));
    expect(r.yaml).toContain('generalBudget: 11933900.00元');
  });

  it('asks for the fund split of a non-zero carry-over instead of guessing it', async () => {
    const bytes = await reportWorkbook({
      tweak: (wb) => {
        const ws = wb.getWorksheet('Z01 收入支出决算总表(财决01表)')!;
        ws.getCell('C17').value = 100;
        ws.getCell('C18').value = 11934000;
        ws.getCell('F18').value = 11934000;
        ws.getCell('F17').value = 100;
      },
    });
    const r = await importXlsx(bytes, { file: 'z.xlsx' });
    expect(r.missing).toEqual(expect.arrayContaining(['openingBalance', 'closingBalance']));
    expect(r.warnings.join('\n')).toContain('年初结转和结余为 100.00元，但没有按资金来源');
    expect(parseYaml(r.yaml, { schema: 'failsafe' })).not.toHaveProperty('openingBalance');
  });
});

describe('other layouts the reader accepts', () => {
  it('万元 sheets, one code column, a fund column, fund rows under the balances, a wide 05-1 sheet', async () => {
    const bytes = await workbook((wb) => {
      fill(wb.addWorksheet('收入支出决算总表(财决01表)'), [
        ['2021年度收入支出决算总表'],
        ['编制单位：中共米易县委政法委员会', null, '单位：万元'],
        ['项目', '决算数', '项目', '决算数'],
        ['1.一般公共预算财政拨款收入', 614.67, '本年支出合计', '1,652.55'],
        ['2.政府性基金预算财政拨款收入', '1037.88', '结余分配', null],
        ['本年收入合计', 1652.55, '年末结转和结余', 0],
        ['年初结转和结余', 1.5],
        ['其中：一般公共预算财政拨款', 1],
        ['　　　非财政拨款', 0.5],
      ]);
      fill(wb.addWorksheet('Z04 支出决算表'), [
        ['支出决算表'],
        ['编制单位：中共米易县委政法委员会', null, null, '金额单位：万元'],
        ['功能分类科目编码', '科目名称', '资金来源', '合计', '基本支出', '项目支出'],
        ['合计', null, null, 1652.55, 414.67, 1237.88],
        ['2040201', '行政运行', '一般公共预算', 308.83, 308.83, null],
        ['2040202', '一般行政管理事务', '一般公共预算', 200, null, 200],
        ['2080505 机关事业单位基本养老保险缴费支出', null, '一般公共预算', 46.3, 46.3, null],
        [2101101, '行政单位医疗', '一般公共预算', 21.8, 21.8, null],
        ['2210201', '住房公积金', '一般公共预算', 37.74, 37.74, null],
        ['2120801', '征地和拆迁补偿支出', '政府性基金', 1037.88, null, 1037.88],
      ]);
      fill(wb.addWorksheet('Z05_1 基本支出决算明细表'), [
        ['基本支出决算明细表'],
        ['金额单位：万元'],
        ['科目名称', '合计', '30101 基本工资', '30102 津贴补贴', '30201 办公费', '30211 差旅费'],
        ['合计', 414.67, 300, 84.77, 20, 9.9],
        ['2040201 行政运行', 308.83, 200, 84.77, 15, 9.06],
      ]);
    });
    const r = await importXlsx(bytes, { file: 'miyi.xlsx' });
    const raw = parseYaml(r.yaml, { schema: 'failsafe' }) as Raw;
    expect(raw).toMatchObject({ year: '2021', unit: { name: '中共米易县委政法委员会' } });
    expect(raw.income).toEqual({ generalBudget: '614.67', govFund: '1037.88' });
    expect(raw.openingBalance).toEqual({ generalBudget: '1.00', nonFiscal: '0.50' });
    expect(raw.expenditure).toEqual([
      { code: '2040201', fund: 'generalBudget', basic: '308.83' },
      { code: '2040202', fund: 'generalBudget', project: '200.00' },
      { code: '2080505', fund: 'generalBudget', basic: '46.30' },
      { code: '2101101', fund: 'generalBudget', basic: '21.80' },
      { code: '2210201', fund: 'generalBudget', basic: '37.74' },
      { code: '2120801', fund: 'govFund', project: '1037.88' },
    ]);
    expect(raw.basicExpense).toEqual({
      personnel: '384.77',
      public: '29.90',
      items: [
        { code: '30101', amount: '300.00' },
        { code: '30102', amount: '84.77' },
        { code: '30201', amount: '20.00' },
        { code: '30211', amount: '9.90' },
      ],
    });
    // Z05_1 covers every fund; with other income the user is told to check it.
    expect(r.warnings.join('\n')).toContain('请核对 basicExpense');
  });

  it('a mapping file reads sheets the reader would not recognise', async () => {
    const bytes = await workbook((wb) => {
      fill(wb.addWorksheet('收支总表'), [
        ['收支总表'],
        ['项目', '本年决算'],
        ['一般公共预算财政拨款收入', 1193.39],
        ['本年收入合计', 1193.39],
      ]);
      fill(wb.addWorksheet('支出表'), [
        ['支出'],
        ['代码', '名字', '人员和公用', '专项'],
        ['2013150', '事业运行', 613.39, null],
        ['2040202', '一般行政管理事务', null, 580],
      ]);
    });
    const e = await importError(bytes);
    expect(e.message).toContain('工作簿中的工作表：“收支总表”、“支出表”');
    const mapping = parseMappingFile(
      JSON.stringify({
        unitName: '测试单位',
        year: 2022,
        summary: { sheet: '^收支总表$', moneyUnit: '万元', amountColumns: ['B'] },
        expenditure: { sheet: '^支出表$', moneyUnit: '万元', headerRow: 2, columns: { code: 'A', basic: 'C', project: 'D' } },
      }),
      'mapping.json',
    );
    const r = await importXlsx(bytes, { file: 'odd.xlsx', mapping });
    const raw = parseYaml(r.yaml, { schema: 'failsafe' }) as Raw;
    expect(raw).toMatchObject({ year: '2022', unit: { name: '测试单位' }, income: { generalBudget: '1193.39' } });
    expect(raw.expenditure).toEqual([
      { code: '2013150', fund: 'generalBudget', basic: '613.39' },
      { code: '2040202', fund: 'generalBudget', project: '580.00' },
    ]);
  });

  it('mapping files are checked, with Chinese messages', () => {
    expect(() => parseMappingFile('{', 'm.json')).toThrow('映射文件 m.json 不是有效的 JSON');
    expect(() => parseMappingFile('{"summary":{"amountColumns":["3"]}}', 'm.json')).toThrow('列应为字母');
    expect(() => parseMappingFile('{"expenditure":{"sheet":"("}}', 'm.json')).toThrow('不是有效的正则表达式');
    expect(() => parseMappingFile('{"color":"red"}', 'm.json')).toThrow('映射文件 m.json 有误');
  });

  it('recognises sheets by code prefix or 财决 tag, and refuses contradictory names', () => {
    expect(tableKeyOf('Z01 收入支出决算总表(财决01表)')).toBe('01');
    expect(tableKeyOf('Z05_1 基本支出决算明细表')).toBe('05_1');
    expect(tableKeyOf('基本支出决算明细表(财决05-1表)')).toBe('05_1');
    expect(tableKeyOf('F01 预算支出相关信息表(财决附01表)')).toBeUndefined();
    expect(tableKeyOf('Z010 其他')).toBeUndefined();
    expect(() => tableKeyOf('Z01 支出决算表(财决04表)')).toThrow('表号不一致');
  });
});
