/**
 * The SpreadsheetML writer itself: the same input gives the same bytes, every
 * part is well-formed XML, and text the XML or a spreadsheet reader would
 * change (`_xHHHH_`, CR, characters XML cannot hold) is written so it reads
 * back as intended.
 */
import ExcelJS from 'exceljs';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { entryData, readCentralDirectory } from '../../src/parse/xlsx/zipGuard.js';
import { DATA_SHEET_NAME, renderXlsx } from '../../src/render/xlsx/index.js';
import type { FigureRun, FigureUnit, ReportTree, TableBlock, TableCell } from '../../src/report/tree.js';
import { loadExample } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';

const t = (s: string, extra: Partial<TableCell> = {}): TableCell => ({ content: [s], ...extra });
const figure = (value: string, text: string, unit: FigureUnit): FigureRun => ({ kind: 'figure', text, value, unit, concept: 'x', year: 2022, scenario: 'actual' });

const HOSTILE = ['_x0041_', '_x005F_x0041_', 'a_x00e9_b', 'l1\r\nl2\rl3', 'c\u0001d\u000be', 'lone\uD800x', 'é\uFFFE\uFFFF', ' lead', 'A & <B> "q"', '😀'];
/** What a reader gets back for each HOSTILE text. */
const READ_BACK = ['_x0041_', '_x005F_x0041_', 'a_x00e9_b', 'l1\nl2\nl3', 'cde', 'lonex', 'é', ' lead', 'A & <B> "q"', '😀'];

const hostile: TableBlock = {
  kind: 'table',
  id: 'hostile',
  number: '表1',
  title: "It's <a> & 'table'",
  unitName: '单位 & <名>',
  moneyUnit: '万元',
  orientation: 'portrait',
  header: [[t('文本'), t('数', { align: 'left' })]],
  body: HOSTILE.map((s, i) => [
    t(s),
    i === 0 ? { content: [figure('1.2345', '1.235', '%')], align: 'center' } : i === 1 ? { content: [figure('7', '7', '人')] } : t(''),
  ]),
};
/** The sheet name loses the title's closing apostrophe (Excel forbids one at either end). */
const SHEET = "表1 It's <a> & 'table";
const tree: ReportTree = { ...sampleTree, title: ['标题\u0001', '& 年度'], blocks: [...sampleTree.blocks, hostile] };

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Map(readCentralDirectory(buf).map((e) => [e.name, entryData(buf, e).toString('utf8')]));
}

/** Fails unless `xml` is one element, every tag closed explicitly in order, and only XML's own references and characters in it. */
function expectWellFormed(name: string, xml: string): void {
  expect(xml, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  expect(xml.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, ''), name).not.toContain('&');
  const stack: { tag: string; selfClosing: boolean }[] = [];
  let roots = 0;
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(tag) {
        if (stack.length === 0) roots++;
        stack.push({ tag, selfClosing: xml.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>') });
      },
      onclosetag(tag, implied) {
        // htmlparser2 closes an unclosed element "implicitly"; only <x/> may be closed that way.
        const open = stack.pop();
        if (open?.tag !== tag || implied !== open.selfClosing) problems.push(`</${tag}> closes <${open?.tag}>${implied ? ' implicitly' : ''}`);
      },
      ontext(text) {
        if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text}`);
        if (text.includes('<')) problems.push(`raw "<" in text: ${text}`);
      },
      onerror(e) {
        problems.push(e.message);
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(xml);
  parser.end();
  // Explicit end tags in the source must all have been matched (htmlparser2 drops stray ones silently).
  const closes = [...xml.matchAll(/<\/[^>]+>/g)].length;
  const selfClosing = [...xml.matchAll(/<[^>]*\/>/g)].length;
  expect(problems, name).toEqual([]);
  expect(stack, name).toEqual([]);
  expect(roots, name).toBe(1);
  expect(closes + selfClosing, name).toBe([...xml.matchAll(/<[A-Za-z][^>]*>/g)].length);
}

describe('xlsx writer', () => {
  it('gives the same bytes for the same tree and dataset', async () => {
    const d = loadExample('zhaohua-zfw-2022');
    const a = await renderXlsx(tree, d, { draftMark: '征求意见稿' });
    const b = await renderXlsx(structuredClone(tree), structuredClone(d), { draftMark: '征求意见稿' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(await renderXlsx(tree)).equals(Buffer.from(await renderXlsx(tree)))).toBe(true);
  });

  it('writes only well-formed XML parts, each with a content type', async () => {
    const parts = unzip(await renderXlsx(tree, loadExample('miyi-zfw-2021'), { draftMark: 'A & <B>' }));
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']));
    for (const [name, xml] of parts) expectWellFormed(name, xml);
    const types = parts.get('[Content_Types].xml')!;
    for (const name of parts.keys()) if (!name.endsWith('.rels') && name !== '[Content_Types].xml') expect(types, name).toContain(`PartName="/${name}"`);
  });

  it('keeps cell text as written: literal _xHHHH_, line ends, XML-special characters; drops what XML cannot hold', async () => {
    const wb = await load(await renderXlsx(tree));
    const ws = wb.getWorksheet(SHEET)!;
    expect(HOSTILE.map((_, i) => ws.getCell(4 + i, 1).value)).toEqual(READ_BACK);
    expect(ws.getCell('B2').value).toBe('表1　金额单位：万元');
    expect(ws.getCell('A2').value).toBe('编制单位：单位 & <名>');
    expect(wb.title).toBe('标题 & 年度');
    expect(wb.creator).toBe('juesuan');
    expect(wb.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    // A sheet name with apostrophes still gets its print titles (they are doubled in the reference).
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('shows figures with their decimals and honours the cell alignment', async () => {
    const ws = (await load(await renderXlsx(tree))).getWorksheet(SHEET)!;
    expect(ws.getCell('B4').value).toBe(1.2345);
    expect(ws.getCell('B4').numFmt).toBe('0.000');
    expect(ws.getCell('B4').alignment?.horizontal).toBe('center');
    expect(ws.getCell('B5').value).toBe(7);
    expect(ws.getCell('B5').numFmt).toBe('0');
    expect(ws.getCell('B5').alignment?.horizontal).toBe('right');
    expect(ws.getCell('B3').alignment?.horizontal).toBe('left');
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', size: 16, bold: true });
    expect(ws.getRow(1).height).toBe(30);
    for (const a of ['A3', 'B6', 'A13', 'B13']) expect(ws.getCell(a).border?.left?.style, a).toBe('thin');
    expect(ws.pageSetup).toMatchObject({ horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } });
  });

  it('writes the draft mark as the page header ("&" doubled, as Excel\'s codes want) and page numbers as the footer', async () => {
    const wb = await load(await renderXlsx(tree, undefined, { draftMark: '征求意见稿 A&B' }));
    expect(wb.worksheets[0]!.headerFooter).toEqual({ oddHeader: '&C&"宋体,Bold"征求意见稿 A&&B', oddFooter: '&C第 &P 页，共 &N 页' });
    const plain = await load(await renderXlsx(tree));
    expect(plain.worksheets[0]!.headerFooter.oddHeader).toBeUndefined();
  });

  it('writes every "数据" value as a text cell in the text format', async () => {
    const wb = await load(await renderXlsx(sampleTree, loadExample('zhaohua-zfw-2022')));
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    expect([...ws.model.merges]).toEqual(['A1:C1']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '2:2' });
    let rows = 0;
    ws.eachRow((row, r) => {
      if (r < 3) return;
      rows++;
      for (const c of [1, 2, 3]) {
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.SharedString]).toContain(row.getCell(c).type);
        expect(row.getCell(c).numFmt).toBe('@');
      }
    });
    expect(rows).toBeGreaterThan(100);
  });
});
