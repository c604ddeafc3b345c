import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FigureRun, ReportTree, TableBlock, TableCell } from '../../src/report/tree.js';
import { DATA_SHEET_NAME, DATA_SHEET_NOTE, renderXlsx, xlsxRenderer } from '../../src/render/xlsx/index.js';
import { placeBand, sheetName } from '../../src/render/xlsx/layout.js';
import { loadExample } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';

const wan = (value: string, concept = 'income.general_budget'): FigureRun => ({
  kind: 'figure', text: value, concept, value, unit: '万元', year: 2022, scenario: 'actual',
});
const t = (s: string, extra: Partial<TableCell> = {}): TableCell => ({ content: [s], ...extra });
const n = (value: string, printed = value): TableCell => ({ content: [{ ...wan(value), text: printed }], align: 'right' });

/** A 公开01表-like two-sided table with a group header, figures and a note. */
const summary: TableBlock = {
  kind: 'table',
  id: 't01',
  number: '公开01表',
  title: '收入支出决算总表',
  unitName: '中共广元市昭化区委政法委员会',
  moneyUnit: '万元',
  orientation: 'landscape',
  header: [
    [t('收入', { colSpan: 2 }), t('支出', { colSpan: 2 })],
    [t('项目'), t('金额'), t('项目'), t('金额')],
  ],
  body: [
    [t('一、一般公共预算财政拨款收入'), n('1193.39'), t('一、一般公共服务支出'), n('555.67')],
    [t('二、政府性基金预算财政拨款收入'), n('0.00'), t('四、公共安全支出'), n('580.00')],
    [t('本年收入合计'), n('414.670119', '414.67'), t('本年支出合计'), { content: [{ kind: 'todo', what: '金额', path: 'x' }] }],
  ],
  note: ['注：本表金额单位为万元。'],
};

const tree: ReportTree = {
  title: ['中共广元市昭化区委政法委员会', '2022年度单位决算'],
  meta: { unitName: '中共广元市昭化区委政法委员会', year: 2022, profile: 'sichuan' },
  blocks: [
    ...sampleTree.blocks,
    summary,
    { ...summary, id: 'dup', orientation: 'portrait' },
    { ...summary, id: 'long', number: '公开09表', title: '财政拨款“三公”经费支出决算表（一般公共预算财政拨款和政府性基金预算财政拨款）' },
    { ...summary, id: 'odd', number: undefined, title: "'A/B: C?[1]*\\'" },
    { ...summary, id: 'empty', number: '公开07表', title: '政府性基金预算财政拨款收入支出决算表', header: [[t('项目')]], body: [], note: ['本单位无政府性基金预算财政拨款收支，本表为空表。'] },
  ],
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('xlsx export: one sheet per table', () => {
  it('names sheets as Excel allows: ≤31 characters, no []:*?/\\, unique', async () => {
    const wb = await load(await renderXlsx(tree));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '“三公”经费财政拨款支出预算与决算',
      '公开01表 收入支出决算总表',
      '公开01表 收入支出决算总表(2)',
      // Too long: the bracketed part is dropped rather than cut in the middle.
      '公开09表 财政拨款“三公”经费支出决算表',
      'A B C 1',
      '公开07表 政府性基金预算财政拨款收入支出决算表',
    ]);
    for (const w of wb.worksheets) expect(w.name.length).toBeLessThanOrEqual(31);
  });

  it('lays out the title, unit row, merged header, amounts and note (golden cells)', async () => {
    const wb = await load(await renderXlsx(tree));
    const ws = wb.getWorksheet('公开01表 收入支出决算总表')!;
    const v = (a: string) => ws.getCell(a).value;
    expect(v('A1')).toBe('收入支出决算总表');
    expect(v('A2')).toBe('编制单位：中共广元市昭化区委政法委员会');
    expect(v('C2')).toBe('公开01表　金额单位：万元');
    expect([v('A3'), v('C3'), v('A4'), v('B4'), v('C4'), v('D4')]).toEqual(['收入', '支出', '项目', '金额', '项目', '金额']);
    expect([v('A5'), v('B5'), v('C5'), v('D5')]).toEqual(['一、一般公共预算财政拨款收入', 1193.39, '一、一般公共服务支出', 555.67]);
    // The exact value, not the printed text, is the number; the format shows two decimals.
    expect(v('B7')).toBe(414.670119);
    expect(v('D7')).toBe('【待补充：金额】');
    expect(v('A8')).toBe('注：本表金额单位为万元。');
    for (const a of ['B5', 'D5', 'B6', 'D6', 'B7']) expect(ws.getCell(a).numFmt).toBe('0.00');
    expect(ws.getCell('A5').numFmt ?? 'General').not.toBe('0.00');
    expect([...ws.model.merges].sort()).toEqual(['A1:D1', 'A2:B2', 'A3:B3', 'A8:D8', 'C2:D2', 'C3:D3']);
    expect(ws.getCell('B3').border?.right?.style).toBe('thin');
    expect(ws.getCell('D7').border?.bottom?.style).toBe('thin');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getCell('B5').alignment?.horizontal).toBe('right');
  });

  it('freezes below the header and prints A4, fitted to width, landscape when asked, header rows repeated', async () => {
    const wb = await load(await renderXlsx(tree));
    const ws = wb.getWorksheet('公开01表 收入支出决算总表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 0 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(wb.getWorksheet('公开01表 收入支出决算总表(2)')!.pageSetup.orientation).toBe('portrait');
    expect(ws.headerFooter.oddFooter).toContain('&P');
  });

  it('places rowSpan/colSpan header cells like the printed table (the 三公 table)', async () => {
    const wb = await load(await renderXlsx(tree));
    const ws = wb.worksheets[0]!;
    expect([...ws.model.merges].sort()).toEqual(['A1:G1', 'A2:D2', 'A3:A4', 'A7:G7', 'B3:B4', 'C3:C4', 'D3:F3', 'E2:G2', 'G3:G4']);
    expect(['A3', 'D3', 'G3', 'D4', 'E4', 'F4'].map((a) => ws.getCell(a).value)).toEqual(['项目', '公务用车购置及运行费', '公务接待费', '小计', '购置费', '运行费']);
    // Plain-text cells stay text: no guessing that "10.25" is a number.
    expect(ws.getCell('B5').value).toBe('10.25');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.pageSetup.orientation).toBe('portrait');
  });

  it('keeps an empty table with its note', async () => {
    const wb = await load(await renderXlsx(tree));
    const ws = wb.getWorksheet('公开07表 政府性基金预算财政拨款收入支出决算表')!;
    expect(ws.getCell('A3').value).toBe('项目');
    expect(ws.getCell('A4').value).toBe('本单位无政府性基金预算财政拨款收支，本表为空表。');
  });

  it('adds the "数据" sheet only when given the dataset, with its note row', async () => {
    const without = await load(await renderXlsx(tree));
    expect(without.getWorksheet(DATA_SHEET_NAME)).toBeUndefined();
    const wb = await load(await renderXlsx(tree, loadExample('miyi-zfw-2021')));
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    expect(wb.worksheets.at(-1)!.name).toBe(DATA_SHEET_NAME);
    expect(ws.getCell('A1').value).toBe(DATA_SHEET_NOTE);
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C2').value]).toEqual(['键', '值', '类型']);
    const rows: string[][] = [];
    ws.eachRow((row, r) => {
      if (r > 2) rows.push([1, 2, 3].map((c) => String(row.getCell(c).value ?? '')));
    });
    expect(rows).toContainEqual(['income.generalBudget', '6146676.19元', '金额']);
    expect(rows).toContainEqual(['expenditure[2].code', '2080505', '文本']);
    expect(rows).toContainEqual(['prior["sangong.total"]', '6.38', '金额']);
    expect(rows).toContainEqual(['openingBalance', '', '空对象']);
  });

  it('writes a readable workbook even without tables, and works through the renderer entry', async () => {
    const wb = await load(await xlsxRenderer.render({ ...tree, blocks: [] }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明']);
    expect(xlsxRenderer.extension).toBe('xlsx');
  });
});

describe('xlsx layout helpers', () => {
  it('places spans like an HTML table', () => {
    const band = placeBand([
      [t('a', { rowSpan: 2 }), t('b', { colSpan: 2 }), t('c', { rowSpan: 3 })],
      [t('d'), t('e')],
    ]);
    expect(band.cells.map((p) => [p.row, p.col, p.rowSpan, p.colSpan])).toEqual([
      [0, 0, 2, 1], [0, 1, 1, 2], [0, 3, 2, 1], [1, 1, 1, 1], [1, 2, 1, 1],
    ]);
    expect(band.width).toBe(4);
  });
  it('makes names unique case-insensitively and never empty', () => {
    const taken = new Set<string>();
    expect(sheetName('Sheet', taken)).toBe('Sheet');
    expect(sheetName('sheet', taken)).toBe('sheet(2)');
    expect(sheetName('???', taken, '表3')).toBe('表3');
    expect(sheetName('History', taken, '表4')).toBe('表4');
    expect(sheetName('😀'.repeat(20), taken)).toBe('😀'.repeat(15));
  });
});
