import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEffects, UserError, type Effects } from '../../src/app/effects.js';
import { importCommand } from '../../src/cli/import.js';
import { importXlsx, XlsxImportError } from '../../src/parse/xlsx/index.js';
import { DATA_SHEET_NAME, renderXlsx } from '../../src/render/xlsx/index.js';
import { loadExample } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';
import { reportWorkbook, Z01, Z04 } from './reportWorkbook.js';
import { buildZip, deflatedZeros, minimalXlsx, sheetXml } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'juesuan-xlsx-'));

function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

/** Imports, expecting a refusal; returns its message and how long it took. */
async function refuse(bytes: Uint8Array): Promise<{ message: string; ms: number }> {
  const t0 = performance.now();
  try {
    await importXlsx(bytes, { file: 'hostile.xlsx' });
  } catch (e) {
    const ms = performance.now() - t0;
    expect(e).toBeInstanceOf(XlsxImportError);
    const message = (e as Error).message;
    // Chinese, one message, no stack trace.
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).not.toMatch(/\n\s+at /);
    return { message, ms };
  }
  throw new Error('expected the import to be refused');
}

/** Through the CLI: exit code 2 as a UserError, and no output file. */
async function cliRefuses(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = join(dir, `${name}.yaml`);
  const fx = recording();
  const err = await importCommand(file, { out }, fx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).exitCode).toBe(2);
  expect(existsSync(out)).toBe(false);
  expect(fx.outLines).toEqual([]);
  return (err as UserError).message;
}

let bomb600: Buffer;
beforeAll(async () => {
  bomb600 = await deflatedZeros(600);
});

describe('hostile or unusable files are refused with a clear Chinese message, quickly, writing nothing', () => {
  const cases: [string, () => Uint8Array | Promise<Uint8Array>, RegExp][] = [
    ['an empty file', () => new Uint8Array(), /文件为空/],
    ['random bytes', () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251), /无法识别的文件格式/],
    ['a legacy .xls (OLE2) file', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2000)]), /\.xls.*另存为/s],
    ['an HTML table saved as .xls', () => Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>'), /网页或 XML 格式.*另存为/s],
    ['a zip that is not a workbook', () => buildZip([{ name: 'hello.txt', data: '你好' }]), /不是 Excel 工作簿（缺少 xl\/workbook.xml）/],
    ['a Word document', () => buildZip([{ name: '[Content_Types].xml', data: '<x/>' }, { name: 'word/document.xml', data: '<x/>' }]), /Word 文档/],
    ['an encrypted zip entry', () => buildZip([{ name: 'xl/workbook.xml', data: '<x/>', flags: 1 }]), /已加密/],
    ['a truncated workbook', async () => (await reportWorkbook()).subarray(0, 3000), /损坏|不完整/],
    [
      'a zip bomb: one entry that inflates to 600 MB from ~600 KB',
      () => buildZip([...minimalXlsx(sheetXml('')), { name: 'xl/media/image1.png', compressed: bomb600, size: 600 * 1024 * 1024 }]),
      /解压后过大.*zip 炸弹/s,
    ],
    [
      'a zip bomb whose directory lies about the size (claims 1 KB, inflates to 600 MB)',
      () => buildZip([...minimalXlsx(sheetXml('')), { name: 'xl/media/image1.png', compressed: bomb600, size: 1000 }]),
      /比声明的大小.*更大.*zip 炸弹/s,
    ],
    [
      'a zip bomb of overlapping entries (a few KB claiming 600 MB)',
      () => {
        const kernel = deflateRawSync(Buffer.alloc(1024 * 1024));
        const entries = minimalXlsx(sheetXml(''));
        const first = entries.length;
        entries.push({ name: 'xl/media/k0.bin', compressed: kernel, size: 1024 * 1024 });
        for (let i = 1; i < 600; i++) entries.push({ name: `xl/media/k${i}.bin`, compressed: kernel, size: 1024 * 1024, sameDataAs: first });
        return buildZip(entries);
      },
      /解压后过大.*zip 炸弹/s,
    ],
    [
      'a sheet over the row limit (100,001 rows)',
      () => {
        let rows = '';
        for (let r = 1; r <= 100_001; r++) rows += `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
        return buildZip(minimalXlsx(sheetXml(rows), '大表'));
      },
      /工作表“大表”有 100001 行，超过上限 100000 行/,
    ],
    [
      'a merged range over the whole sheet (exceljs would create every cell)',
      () => buildZip(minimalXlsx(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))),
      /合并单元格的范围过大/,
    ],
    [
      'a workbook with 201 sheets',
      () => {
        const parts = minimalXlsx(sheetXml(''));
        parts[2] = { name: 'xl/workbook.xml', data: `<workbook><sheets>${Array.from({ length: 201 }, (_, i) => `<sheet name="s${i}" sheetId="${i + 1}"/>`).join('')}</sheets></workbook>` };
        return buildZip(parts);
      },
      /工作表过多（201 个）/,
    ],
  ];

  it.each(cases)('%s', async (name, make, expected) => {
    const bytes = await make();
    const { message, ms } = await refuse(bytes);
    expect(message).toMatch(expected);
    expect(ms).toBeLessThan(3000);
    expect(await cliRefuses(`${cases.findIndex((c) => c[0] === name)}.xlsx`, bytes)).toContain('无法导入');
  });

  it('a file over 20 MB is refused before it is read', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    expect((await refuse(big)).message).toContain('文件过大（20 MB），上限为 20 MB');
    expect(await cliRefuses('big.xlsx', big)).toContain('文件过大');
  });

  it('a workbook without any sheet we know names what it has', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '随便什么';
    wb.addWorksheet('收入').getCell('B2').value = 12;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { message } = await refuse(bytes);
    expect(message).toContain('既没有 juesuan 导出的“数据”工作表，也没有决算报表软件导出的 Z01/Z04/Z05_1 工作表');
    expect(message).toContain('工作簿中的工作表：“Sheet1”、“收入”');
  });
});

describe('unreadable cells name the sheet and the cell; nothing is guessed', () => {
  it('text in a number cell', async () => {
    const bytes = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z01)!.getCell('C7').value = '一千') });
    expect((await refuse(bytes)).message).toBe('工作表“Z01 收入支出决算总表(财决01表)”单元格 C7：应为数字，实际为“一千”');
    expect(await cliRefuses('text.xlsx', bytes)).toBe('无法导入 ' + join(dir, 'text.xlsx') + '：工作表“Z01 收入支出决算总表(财决01表)”单元格 C7：应为数字，实际为“一千”');
  });

  it('an amount cell merged with its neighbour (a shifted merge)', async () => {
    const bytes = await reportWorkbook({ tweak: (wb) => wb.getWorksheet(Z04)!.mergeCells('F10:G10') });
    expect((await refuse(bytes)).message).toBe(
      '工作表“Z04 支出决算表(财决04表)”单元格 F10：是合并单元格（F10:G10）的一部分，无法确定金额属于哪一行、哪一列；请取消合并，让每个金额单独占一个单元格。',
    );
  });

  it('a value shifted into the wrong column breaks the roll-up and is reported there', async () => {
    const bytes = await reportWorkbook({
      tweak: (wb) => {
        const ws = wb.getWorksheet(Z04)!;
        ws.getCell('H13').value = ws.getCell('G13').value;
        ws.getCell('G13').value = null;
      },
    });
    expect((await refuse(bytes)).message).toBe(
      '工作表“Z04 支出决算表(财决04表)”单元格 G11：科目 204 的项目支出 5800000.00元 与所属项级科目之和 0.00元 不符；请检查是否有行列错位或合并单元格。',
    );
  });

  it('an amount in a row without a code, a bad code, a formula without its result, an error value', async () => {
    const stray = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z04)!.getCell('F24').value = 5) });
    expect((await refuse(stray)).message).toBe('工作表“Z04 支出决算表(财决04表)”单元格 F24：第24行有金额，但没有可识别的科目编码。');
    const badCode = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z04)!.getCell('C22').value = '011') });
    expect((await refuse(badCode)).message).toContain('单元格 A22：科目编码“22102011”位数不对');
    const formula = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z01)!.getCell('C7').value = { formula: 'F7*2', date1904: false } as ExcelJS.CellFormulaValue) });
    expect((await refuse(formula)).message).toContain('单元格 C7：是公式，但文件中没有保存计算结果');
    const error = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z01)!.getCell('C7').value = { error: '#REF!' } as ExcelJS.CellErrorValue) });
    expect((await refuse(error)).message).toContain('单元格 C7：是错误值 #REF!');
  });

  it('two sheets claiming to be the same table', async () => {
    const bytes = await reportWorkbook({ tweak: (wb) => wb.addWorksheet('收入支出决算总表(财决01表)') });
    expect((await refuse(bytes)).message).toContain('有两个工作表都像是收入支出决算总表');
  });

  it('an amount more precise than 分 and a missing money unit', async () => {
    const precise = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z01)!.getCell('C7').value = 11933900.123) });
    expect((await refuse(precise)).message).toContain('单元格 C7：数值 11933900.123 超出可识别的范围或精度（元最多2位小数）');
    const noUnit = await reportWorkbook({ tweak: (wb) => (wb.getWorksheet(Z01)!.getCell('F3').value = null) });
    expect((await refuse(noUnit)).message).toBe('工作表“Z01 收入支出决算总表(财决01表)”：表头中没有找到金额单位（如“金额单位：元”）；请在表头写明，或在映射文件中用 moneyUnit 指定。');
  });

  it('a hand-edited "数据" sheet names the cell', async () => {
    const bytes = await renderXlsx(sampleTree, loadExample('zhaohua-zfw-2022'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === 'income.generalBudget') row = n;
    });
    ws.getCell(row, 2).value = 1193.39;
    const edited = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await refuse(edited)).message).toBe(`工作表“数据”单元格 B${row}：应为文本，实际为数字（此工作表由程序生成，不应手工修改）。`);
    ws.getCell(row, 2).value = '一千';
    const wrong = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await refuse(wrong)).message).toContain('income.generalBudget：无法识别金额“一千”');
  });
});

describe('juesuan import (CLI)', () => {
  it('writes the YAML atomically and lists the missing fields; exit 0', async () => {
    const file = join(dir, '昭化.xlsx');
    writeFileSync(file, await reportWorkbook());
    const out = join(dir, 'out', '昭化.yaml');
    const fx = recording();
    expect(await importCommand(file, { out }, fx)).toBe(0);
    expect(fx.outLines).toEqual([out]);
    expect(readFileSync(out, 'utf8')).toContain('generalBudget: 11933900.00元');
    expect(fx.errLines[0]).toMatch(/^已从 .* 读入工作簿中的数据；以下 \d+ 项工作簿中没有/);
    expect(fx.errLines).toContain('  - unit.duties：主要职责');
  });

  it('prints the YAML when no output file is given; our own export is complete', async () => {
    const d = loadExample('miyi-zfw-2021');
    const file = join(dir, 'miyi.xlsx');
    writeFileSync(file, await renderXlsx(sampleTree, d));
    const fx = recording();
    expect(await importCommand(file, {}, fx)).toBe(0);
    expect(fx.outLines.join('\n')).toContain('generalBudget: 6146676.19元');
    expect(fx.errLines).toEqual([`已从 ${file} 读入完整的数据。`]);
  });

  it('a missing file, a folder, a missing mapping file: clear errors', async () => {
    const fx = recording();
    await expect(importCommand(join(dir, 'nope.xlsx'), {}, fx)).rejects.toThrow(`无法读取 ${join(dir, 'nope.xlsx')}：文件不存在`);
    await expect(importCommand(dir, {}, fx)).rejects.toThrow('这是一个文件夹');
    const file = join(dir, 'z.xlsx');
    writeFileSync(file, await reportWorkbook());
    await expect(importCommand(file, { mapping: join(dir, 'm.json') }, fx)).rejects.toThrow('无法读取映射文件');
    writeFileSync(join(dir, 'm.json'), '{"summary": 1}');
    await expect(importCommand(file, { mapping: join(dir, 'm.json') }, fx)).rejects.toThrow('映射文件');
  });
});
