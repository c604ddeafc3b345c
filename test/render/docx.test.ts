import { execFile, execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chartPartXml } from '../../src/render/docx/chartPart.js';
import { docxRenderer, renderDocx } from '../../src/render/docx/index.js';
import { chartShares } from '../../src/report/charts.js';
import { columnWidths, layoutGrid, unbreakableWidth } from '../../src/render/docx/grid.js';
import { PreviewError, docxToPdfAndPng, findOnPath } from '../../src/render/docx/preview.js';
import { TEXT_WIDTH } from '../../src/render/docx/units.js';
import { inlineText, type Block, type Inline, type ReportTree, type TableCell } from '../../src/report/tree.js';
import { sampleTree } from '../fixtures/sampleTree.js';
import { unzip, type ZipEntry } from './zipHelpers.js';

// mammoth ships no type declarations; type the one call we use.
const mammoth = createRequire(import.meta.url)('mammoth') as {
  extractRawText(input: { buffer: Buffer }): Promise<{ value: string }>;
};

const DRAFT = '草稿（未通过审核）';

function part(zip: Map<string, ZipEntry>, name: string): string {
  const entry = zip.get(name);
  if (!entry) throw new Error(`missing part ${name}`);
  return entry.data.toString('utf8');
}

/** All parts whose path matches, concatenated. */
function parts(zip: Map<string, ZipEntry>, pattern: RegExp): string[] {
  return [...zip.keys()].filter((k) => pattern.test(k)).map((k) => part(zip, k));
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

// ---------------------------------------------------------------------------
// The texts a reader must find, in reading order.
// ---------------------------------------------------------------------------

function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.numbering + block.text];
    case 'paragraph':
      return [(block.label ?? '') + inlineText(block.content)];
    case 'note':
      return [inlineText(block.content)];
    case 'pageBreak':
      return [];
    case 'chart':
      // The picture has no text; its title is a paragraph.
      return [block.title];
    case 'table':
      return [
        block.title,
        ...(block.number ? [block.number] : []),
        `编制单位：${block.unitName}`,
        `金额单位：${block.moneyUnit}`,
        ...[...block.header, ...block.body].flat().map((cell) => inlineText(cell.content)),
        ...(block.note ? [inlineText(block.note)] : []),
      ];
  }
}

function expectedTexts(tree: ReportTree): string[] {
  return [...tree.title, ...tree.blocks.flatMap(blockTexts)].filter((t) => t !== '');
}

/** Asserts each text occurs in `haystack` after the previous one. */
function expectInOrder(haystack: string, texts: readonly string[]): void {
  let cursor = 0;
  for (const text of texts) {
    const at = haystack.indexOf(text, cursor);
    expect(at, `"${text}" after position ${cursor}`).toBeGreaterThanOrEqual(0);
    cursor = at + text.length;
  }
}

async function rawText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

// ---------------------------------------------------------------------------

describe('docx renderer', () => {
  let plain: Uint8Array;
  let draft: Uint8Array;
  let zip: Map<string, ZipEntry>;
  let documentXml: string;
  let stylesXml: string;

  beforeAll(async () => {
    plain = await renderDocx(sampleTree);
    draft = await renderDocx(sampleTree, { draftMark: DRAFT });
    zip = unzip(plain);
    documentXml = part(zip, 'word/document.xml');
    stylesXml = part(zip, 'word/styles.xml');
  });

  it('is the docx Renderer', async () => {
    expect(docxRenderer.format).toBe('docx');
    expect(docxRenderer.extension).toBe('docx');
    expect(Buffer.from(await docxRenderer.render(sampleTree)).equals(Buffer.from(plain))).toBe(true);
  });

  it('prints every title line, heading, paragraph, table cell and note in order', async () => {
    const text = await rawText(plain);
    expectInOrder(text, expectedTexts(sampleTree));
    expect(text).toContain('第一部分单位概况');
    expect(text).toContain('（一）深入贯彻执行党的路线方针政策和决策部署。');
    expect(text).toContain('【待补充：变动原因】');
    expect(text).toContain('1193.39');
  });

  it('lays out A4 with the GB/T 9704 margins', () => {
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 37 mm top, 26 mm right, 35 mm bottom, 28 mm left, in twips.
    expect(documentXml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it('names the government fonts and sizes in real Word styles', () => {
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体', '楷体_GB2312', '宋体']) {
      expect(stylesXml).toContain(`w:eastAsia="${font}"`);
    }
    // Normal: 仿宋_GB2312 三号 (32 half-points) on a fixed 28.95 pt pitch.
    const normal = /<w:style w:type="paragraph" w:styleId="Normal"[^>]*>.*?<\/w:style>/.exec(stylesXml)?.[0] ?? '';
    expect(normal).toContain('w:eastAsia="仿宋_GB2312"');
    expect(normal).toContain('<w:sz w:val="32"/>');
    expect(normal).toContain('w:line="579" w:lineRule="exact"');
    // Body Text adds the two-character first-line indent.
    expect(stylesXml).toMatch(/w:styleId="BodyText".*?w:firstLine="640" w:firstLineChars="200"/);
    // Title: 方正小标宋简体 二号 centred.
    const title = /<w:style w:type="paragraph" w:styleId="Title">.*?<\/w:style>/.exec(stylesXml)?.[0] ?? '';
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    // Heading 1–5 are built-in heading styles with outline levels (navigation pane).
    const fonts = ['黑体', '黑体', '楷体_GB2312', '仿宋_GB2312', '仿宋_GB2312'];
    fonts.forEach((font, i) => {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="Heading${i + 1}">.*?</w:style>`).exec(stylesXml)?.[0] ?? '';
      expect(style).toContain(`<w:name w:val="heading ${i + 1}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${i}"/>`);
      expect(style).toContain(`w:eastAsia="${font}"`);
      expect(style).toContain('<w:sz w:val="32"/>');
      expect(style.includes('<w:b/>')).toBe(i === 3);
    });
    for (let level = 1; level <= 5; level++) expect(documentXml).toContain(`<w:pStyle w:val="Heading${level}"/>`);
    expect(count(documentXml, '<w:pStyle w:val="Title"/>')).toBe(sampleTree.title.length);
  });

  it('writes the table with repeating header rows, merged cells, borders and full width', () => {
    const table = /<w:tbl>.*?<\/w:tbl>/.exec(documentXml)?.[0] ?? '';
    expect(count(table, '<w:tblHeader/>')).toBe(2);
    expect(count(table, '<w:tr>')).toBe(4);
    expect(table).toContain('<w:gridSpan w:val="3"/>');
    expect(count(table, '<w:vMerge w:val="restart"/>')).toBe(4);
    expect(count(table, '<w:vMerge w:val="continue"/>')).toBe(4);
    expect(count(table, '<w:gridCol ')).toBe(7);
    expect(table).toContain(`<w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>`);
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) {
      expect(table).toContain(`<w:${side} w:val="single" w:color="000000" w:sz="4"/>`);
    }
    // Amounts are right-aligned.
    expect(count(table, '<w:jc w:val="right"/>')).toBe(12);
    // Caption and unit line come before the table, the note after it.
    const before = documentXml.slice(0, documentXml.indexOf('<w:tbl>'));
    expect(before).toContain('“三公”经费财政拨款支出预算与决算');
    expect(before).toMatch(/编制单位：中共示例县委政法委员会<\/w:t><\/w:r><w:r><w:tab\/><\/w:r><w:r>.*?金额单位：万元/);
    expect(documentXml.slice(documentXml.indexOf('</w:tbl>'))).toContain('注：“三公”经费为财政拨款安排的支出。');
  });

  it('draws a chart as a native Word chart, as wide as the text, under its centred title', async () => {
    // No raster picture: the chart is a DrawingML chart part that Word and LibreOffice draw themselves.
    expect([...zip.keys()].filter((k) => k.startsWith('word/media/'))).toEqual([]);
    const charts = [...zip.keys()].filter((k) => k.startsWith('word/charts/') || k.startsWith('word/embeddings/'));
    expect(charts).toEqual(['word/charts/chart1.xml', 'word/charts/_rels/chart1.xml.rels', 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx']);
    expect(part(zip, '[Content_Types].xml')).toContain('<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>');
    expect(part(zip, 'word/charts/_rels/chart1.xml.rels')).toContain('Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="../embeddings/Microsoft_Excel_Worksheet1.xlsx"');
    expect(part(zip, '[Content_Types].xml')).toContain('<Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    const rels = part(zip, 'word/_rels/document.xml.rels');
    const relId = /Id="(rId\d+)" Type="[^"]*\/relationships\/chart" Target="charts\/chart1\.xml"/.exec(rels)?.[1];
    expect(relId).toBeDefined();

    // Title (表格标题 style, centred) right before the chart paragraph.
    const title = documentXml.indexOf('>收入支出决算总体情况<') + 1;
    const drawing = documentXml.indexOf('<w:drawing>');
    expect(title).toBeGreaterThan(0);
    expect(drawing).toBeGreaterThan(title);
    const titleParagraph = documentXml.slice(documentXml.lastIndexOf('<w:p>', title), title);
    expect(titleParagraph).toContain('<w:pStyle w:val="JsTableCaption"/>');
    const picture = documentXml.slice(documentXml.lastIndexOf('<w:p>', drawing), documentXml.indexOf('</w:p>', drawing));
    expect(picture).toContain('<w:jc w:val="center"/>');
    // Auto line height, or the exact body pitch would clip the chart to one line.
    expect(picture).toContain('w:lineRule="auto"');
    // 589 px (the 版心 width in 96-dpi pixels) by 331 px (the SVG chart's 640 × 360 proportions), in EMU.
    const widthPx = Math.floor(TEXT_WIDTH / 15);
    expect(picture).toContain(`<wp:extent cx="${widthPx * 9525}" cy="${Math.round((widthPx * 360) / 640) * 9525}"/>`);
    expect(picture).toMatch(/<wp:docPr id="1" name="chart-totalsVsPrior" descr="收入支出决算总体情况（单位：万元）：收入总计：2021年577.74，2022年1193.39；支出总计：2021年577.74，2022年1193.39" title="收入支出决算总体情况"\/>/);
    expect(picture).toContain(`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relId}"/>`);

    // The chart part: grouped columns, one series per row of the spec, the values as printed, the unit on the value axis.
    const chart = part(zip, 'word/charts/chart1.xml');
    expect(chart).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(count(chart, '<c:ser>')).toBe(2);
    const series = [...chart.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
    expect(series[0]).toContain('<c:v>收入总计</c:v>');
    expect(series[1]).toContain('<c:v>支出总计</c:v>');
    for (const s of series) {
      expect([...s.matchAll(/<c:cat>.*?<\/c:cat>/g)][0]?.[0].match(/<c:v>[^<]*<\/c:v>/g)).toEqual(['<c:v>2021年</c:v>', '<c:v>2022年</c:v>']);
      expect([...s.matchAll(/<c:val>.*?<\/c:val>/g)][0]?.[0].match(/<c:v>[^<]*<\/c:v>/g)).toEqual(['<c:v>577.74</c:v>', '<c:v>1193.39</c:v>']);
      expect(s).toContain('<c:showVal val="1"/>');
    }
    expect(chart).toContain('<a:t>单位：万元</a:t>');
    expect(chart).toContain('<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>');

    // The embedded workbook holds the cells the chart's formulas name, so Word's "Edit Data" opens them.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(zip.get('word/embeddings/Microsoft_Excel_Worksheet1.xlsx')!.data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Sheet1')!;
    expect(chart).toContain('<c:f>Sheet1!$A$2:$A$3</c:f>');
    expect(chart).toContain('<c:f>Sheet1!$C$2:$C$3</c:f>');
    expect([sheet.getCell('B1').value, sheet.getCell('C1').value]).toEqual(['收入总计', '支出总计']);
    expect([sheet.getCell('A2').value, sheet.getCell('A3').value]).toEqual(['2021年', '2022年']);
    expect([sheet.getCell('B2').value, sheet.getCell('B3').value, sheet.getCell('C3').value]).toEqual([577.74, 1193.39, 1193.39]);
    expect(sheet.getCell('B2').numFmt).toBe('0.00');
  });

  it('names every pie slice with its value and the report\'s share, and labels only the wide slices', () => {
    const spec = {
      type: 'pie' as const,
      categories: ['一般公共服务支出', '公共安全支出', '卫生健康支出'],
      series: [{ name: '支出', values: ['555.67', '580.00', '10.04'] }],
      unit: '万元',
    };
    const xml = chartPartXml(spec);
    expect(xml).toContain('<c:pieChart><c:varyColors val="1"/>');
    const shares = chartShares(spec.series[0]!.values);
    expect(shares.reduce((a, b) => a + Math.round(Number(b) * 100), 0)).toBe(10000);
    const legend = [...xml.matchAll(/<c:cat>.*?<\/c:cat>/g)][0]?.[0].match(/<c:v>[^<]*<\/c:v>/g);
    expect(legend).toEqual(spec.categories.map((c, i) => `<c:v>${c} ${spec.series[0]!.values[i]}（${shares[i]}%）</c:v>`));
    expect(xml).toContain('<c:legendPos val="r"/>');
    // Slices under 10 % carry no label (neighbouring labels would collide); the legend names them.
    expect(xml).toContain(`<a:t>${shares[0]}%</a:t>`);
    expect(xml).toContain(`<a:t>${shares[1]}%</a:t>`);
    expect(xml).toContain('<c:dLbl><c:idx val="2"/><c:delete val="1"/></c:dLbl>');
    // XML-special characters in names stay text.
    expect(chartPartXml({ ...spec, categories: ['A&B', '<c>', '"d"'] })).toContain('<c:v>A&amp;B 555.67');
  });

  it('numbers pages "— n —" in odd and even footers', () => {
    const settings = part(zip, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = parts(zip, /^word\/footer\d+\.xml$/);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toContain('—');
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
    expect(documentXml).toContain('<w:footerReference w:type="default"');
    expect(documentXml).toContain('<w:footerReference w:type="even"');
  });

  it('prints the draft mark in red in the header of every page, and only when asked', async () => {
    const draftZip = unzip(draft);
    const headers = parts(draftZip, /^word\/header\d+\.xml$/);
    expect(headers).toHaveLength(2);
    for (const header of headers) {
      expect(header).toContain(DRAFT);
      expect(header).toContain('<w:color w:val="FF0000"/>');
    }
    const draftDocument = part(draftZip, 'word/document.xml');
    expect(draftDocument).toContain('<w:headerReference w:type="default"');
    expect(draftDocument).toContain('<w:headerReference w:type="even"');
    expect(parts(zip, /^word\/header\d+\.xml$/).join('')).not.toContain(DRAFT);
    // The tree's own draft mark is used when the options give none.
    const fromMeta = unzip(await renderDocx({ ...sampleTree, meta: { ...sampleTree.meta, draftMark: DRAFT } }));
    expect(parts(fromMeta, /^word\/header\d+\.xml$/).join('')).toContain(DRAFT);
  });

  it('turns a page break into "page break before" on the next block', () => {
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading4"\/><w:pageBreakBefore\/>/);
    // The other one starts the body on a new page after the 目录.
    expect(count(documentXml, '<w:pageBreakBefore/>')).toBe(2);
    const afterToc = documentXml.slice(documentXml.indexOf('w:fldCharType="end"/></w:r></w:p>'));
    expect(afterToc).toMatch(/^[^]*?<\/w:p><w:p><w:pPr><w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/>/);
  });

  it('writes the 目录 as a filled TOC field: an entry per part and section, each a hyperlink to a bookmark on its heading with a PAGEREF page number', () => {
    const begin = documentXml.indexOf('<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>');
    expect(begin).toBeGreaterThan(0);
    const end = documentXml.indexOf('<w:fldChar w:fldCharType="end"/></w:r></w:p>', begin);
    const field = documentXml.slice(begin, end);
    expect(field).toContain('<w:fldChar w:fldCharType="separate"/>');
    const listed = sampleTree.blocks.filter((b) => b.kind === 'heading' && b.level <= 2);
    const anchors = [...field.matchAll(/<w:hyperlink w:anchor="([^"]+)" w:history="1">/g)].map((m) => m[1]!);
    expect(anchors).toHaveLength(listed.length);
    expect(new Set(anchors).size).toBe(anchors.length);
    // Each entry shows its heading's text and a cached page number inside a PAGEREF to the same bookmark.
    const entries = field.split('<w:hyperlink ').slice(1);
    entries.forEach((entry, i) => {
      const h = listed[i] as Extract<Block, { kind: 'heading' }>;
      expect(entry).toContain(h.text);
      expect(entry).toContain(`<w:instrText xml:space="preserve"> PAGEREF ${anchors[i]} \\h </w:instrText>`);
      expect(entry).toMatch(/<w:fldChar w:fldCharType="separate"\/><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">\d+<\/w:t>/);
    });
    // The bookmarks sit on the headings (Heading1/Heading2 paragraphs), after the 目录.
    const body = documentXml.slice(end);
    for (const a of anchors) {
      expect(body).toMatch(new RegExp(`<w:pStyle w:val="Heading[12]"/>(<w:pageBreakBefore/>)?</w:pPr><w:bookmarkStart w:id="\\d+" w:name="${a}"/>`));
    }
    // The entry styles set the dot leader to the right edge of the 版心.
    expect(stylesXml).toContain(`<w:name w:val="toc 1"/>`);
    expect(stylesXml).toContain(`<w:tab w:val="right" w:leader="dot" w:pos="${TEXT_WIDTH}"/>`);
  });

  it('keeps the rows of a table that fits a page together, and lets a long one break between rows under a repeated header', async () => {
    const table = (rows: number): Block => ({
      kind: 'table',
      id: `t${rows}`,
      title: `表${rows}`,
      unitName: 'u',
      moneyUnit: '万元',
      header: [[{ content: ['项目'] }, { content: ['金额'] }]],
      body: Array.from({ length: rows }, (_, i) => [{ content: [`行${i}`] }, { content: ['1.00'] }]),
    });
    const xmlOf = async (rows: number) => part(unzip(await renderDocx({ ...sampleTree, blocks: [table(rows)] })), 'word/document.xml');
    const rowsOf = (xml: string) => xml.slice(xml.indexOf('<w:tbl>')).split('<w:tr>').slice(1);
    const short = rowsOf(await xmlOf(10));
    expect(short.slice(0, -1).every((r) => r.includes('<w:keepNext/>'))).toBe(true);
    expect(short[short.length - 1]).not.toContain('<w:keepNext/>');
    const long = rowsOf(await xmlOf(80));
    expect(long[0]).toContain('<w:tblHeader/>');
    expect(long.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
    expect(long.slice(1).some((r) => r.includes('<w:keepNext/>'))).toBe(false);
  });

  it('highlights gaps and prints strong text in bold', () => {
    expect(documentXml).toMatch(/<w:highlight w:val="yellow"\/><\/w:rPr><w:t xml:space="preserve">【待补充：变动原因】/);
    expect(documentXml).toMatch(/<w:b\/>(<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">中共示例县委政法委员会<\/w:t>/);
  });

  it('is deterministic: identical bytes, pinned zip times, no clock in the core properties', async () => {
    // Another day on the clock must not change a byte (docx and fflate both read the clock).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    let again: Uint8Array;
    try {
      again = await renderDocx(sampleTree);
    } finally {
      vi.useRealTimers();
    }
    expect(Buffer.from(again).equals(Buffer.from(plain))).toBe(true);
    for (const entry of zip.values()) {
      expect(entry.dosTime).toBe(0);
      expect(entry.dosDate).toBe(0x21); // 1980-01-01
    }
    const core = part(zip, 'docProps/core.xml');
    expect(core).toContain('<dc:creator>juesuan</dc:creator>');
    expect(core).toContain('<dc:title>中共示例县委政法委员会 2022年度单位决算</dc:title>');
    expect(core).not.toContain('dcterms:created');
    const dated = unzip(await renderDocx({ ...sampleTree, meta: { ...sampleTree.meta, date: '2023-09-01' } }));
    expect(part(dated, 'docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-09-01T00:00:00Z</dcterms:created>');
  });

  it('prints an empty table with its header and note', async () => {
    const tree: ReportTree = {
      ...sampleTree,
      blocks: [
        {
          kind: 'table',
          id: 'fund',
          title: '政府性基金预算财政拨款收入支出决算表',
          number: '公开07表',
          unitName: '示例单位',
          moneyUnit: '万元',
          header: [[{ content: ['项目'] }, { content: ['本年收入'] }, { content: ['本年支出'] }]],
          body: [],
          note: ['本表无数据：本单位2022年度无政府性基金预算财政拨款收支。'],
        },
        { kind: 'pageBreak' },
      ],
    };
    const bytes = await renderDocx(tree);
    expectInOrder(await rawText(bytes), expectedTexts(tree));
    const xml = part(unzip(bytes), 'word/document.xml');
    expect(count(xml, '<w:tblHeader/>')).toBe(1);
    // A trailing page break would only print a blank page.
    expect(xml).not.toContain('w:type="page"');
    expect(xml).not.toContain('<w:pageBreakBefore/>');
  });

  it('puts a landscape table in a landscape section of its own, ending each section in its last paragraph', async () => {
    const table = (title: string, orientation?: 'landscape'): Block => ({
      kind: 'table', id: title, title, unitName: '示例单位', moneyUnit: '万元', ...(orientation ? { orientation } : {}),
      header: [[{ content: ['项目'] }, { content: ['金额'] }]],
      body: [[{ content: ['合计'] }, { content: ['1.00'], align: 'right' }]],
    });
    const tree: ReportTree = {
      ...sampleTree,
      blocks: [
        { kind: 'paragraph', content: ['竖排的正文。'] },
        table('横排的自评表', 'landscape'),
        table('横排的第二张表', 'landscape'),
        { kind: 'paragraph', content: ['回到竖排。'] },
        table('竖排的表'),
      ],
    };
    const bytes = await renderDocx(tree);
    expectInOrder(await rawText(bytes), expectedTexts(tree));
    const xml = part(unzip(bytes), 'word/document.xml');
    const sections = [...xml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)].map((m) => m[0]);
    // portrait (title + paragraph) | landscape | landscape | portrait (paragraph + table, the body's last section)
    expect(sections.map((x) => (x.includes('w:orient="landscape"') ? 'L' : 'P'))).toEqual(['P', 'L', 'L', 'P']);
    expect(sections[1]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    // Only the first section names the footers; the others inherit them.
    expect(sections.map((x) => x.includes('<w:footerReference'))).toEqual([true, false, false, false]);
    // A section ending in a paragraph ends in that paragraph's properties; one ending in a table gets an empty paragraph.
    expect(xml).toMatch(/竖排的正文。<\/w:t><\/w:r><\/w:p><w:p><w:pPr><w:pStyle w:val="JsTableCaption"\/>/);
    expect(xml).toContain('<w:pPr><w:pStyle w:val="BodyText"/><w:sectPr>');
    expect(xml).toMatch(/<\/w:tbl><w:p><w:pPr><w:sectPr>.*?w:orient="landscape".*?<\/w:sectPr><\/w:pPr><\/w:p>/);
    expect(xml.endsWith(`${sections[3]}</w:body></w:document>`)).toBe(true);
  });

  it('keeps XML-special and control characters from breaking the document', async () => {
    const tree: ReportTree = {
      title: ['A&B <单位> "决算"\u0001'],
      meta: sampleTree.meta,
      blocks: [
        { kind: 'heading', level: 2, numbering: '一、', text: 'x < y & z > w' },
        { kind: 'paragraph', content: ['第一行\n第二行\u0007', { kind: 'strong', text: '\ud800孤' }] },
      ],
    };
    const text = await rawText(await renderDocx(tree));
    expectInOrder(text, ['A&B <单位> "决算"', '一、x < y & z > w', '第一行', '第二行', '孤']);
    expect(text).not.toMatch(/[\u0001\u0007\ud800]/);
  });

  it('prints the text of any tree in order (property)', async () => {
    const safeText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !/[\u0000-\u001f\ufffe\uffff]/.test(s) && s.trim() === s && s !== '');
    const inline: fc.Arbitrary<Inline> = fc.oneof(
      safeText,
      fc.record({ kind: fc.constant('strong' as const), text: safeText }),
      fc.record({ kind: fc.constant('todo' as const), what: safeText, path: fc.constant('x') }),
    );
    const cell: fc.Arbitrary<TableCell> = fc.record({ content: fc.array(inline, { minLength: 1, maxLength: 2 }) });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({
        kind: fc.constant('heading' as const),
        level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
        numbering: fc.constantFrom('第一部分', '一、', '（一）', '1.', '（1）', ''),
        text: safeText,
      }),
      fc.record({ kind: fc.constant('paragraph' as const), content: fc.array(inline, { minLength: 1, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('note' as const), content: fc.array(inline, { minLength: 1, maxLength: 3 }) }),
      fc.constant({ kind: 'pageBreak' as const }),
      fc.integer({ min: 1, max: 4 }).chain((cols) =>
        fc.record({
          kind: fc.constant('table' as const),
          id: fc.constant('t'),
          title: safeText,
          unitName: safeText,
          moneyUnit: fc.constant('万元'),
          header: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 0, maxLength: 2 }),
          body: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 0, maxLength: 3 }),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(safeText, { maxLength: 2 }), fc.array(block, { maxLength: 8 }), async (title, blocks) => {
        const tree: ReportTree = { title, meta: sampleTree.meta, blocks };
        const bytes = await renderDocx(tree);
        expectInOrder(await rawText(bytes), expectedTexts(tree));
        expect(Buffer.from(await renderDocx(tree)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: Number(process.env.DOCX_PROP_RUNS ?? 40) },
    );
  });
});

describe('docx table grid', () => {
  it('places row and column spans like an HTML table', () => {
    const table = sampleTree.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('sample has a table');
    const grid = layoutGrid(table.header, table.body);
    expect(grid.columns).toBe(7);
    expect(grid.rows[1]!.map((p) => p.col)).toEqual([3, 4, 5]);
    expect(grid.rows[0]!.map((p) => [p.col, p.colSpan, p.rowSpan])).toEqual([
      [0, 1, 2],
      [1, 1, 2],
      [2, 1, 2],
      [3, 3, 1],
      [6, 1, 2],
    ]);
    const widths = columnWidths(grid, TEXT_WIDTH, table.header.length);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    expect(Math.min(...widths)).toBeGreaterThan(TEXT_WIDTH / 14);
  });

  it('keeps figures and short words on one line: every column at least as wide as its widest unbreakable content', () => {
    const c = (t: string): TableCell => ({ content: [t] });
    const long = '持续加强社会治安环境，降低环境事件发生可能，提升群众满意度';
    const header = [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map(c)];
    const body = Array.from({ length: 6 }, () => ['效益指标', '社会效益指标', long, long, long, '12.50', '待评审', long].map(c));
    const grid = layoutGrid(header, body);
    for (const total of [TEXT_WIDTH, 13777]) {
      const widths = columnWidths(grid, total, 1);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(total);
      // 五号 = 210 twips a character; Latin ~0.55; 160 twips of cell margins.
      expect(widths[5]).toBeGreaterThanOrEqual(Math.ceil(5 * 0.55 * 210) + 160); // "12.50"
      expect(widths[6]).toBeGreaterThanOrEqual(3 * 210 + 160); // "待评审"
      // The long text columns take the rest.
      expect(widths[2]).toBeGreaterThan(widths[6]!);
    }
    expect(unbreakableWidth('8155267.4元')).toBeCloseTo(9 * 0.55, 5);
    expect(unbreakableWidth('达到预期指标值')).toBe(1);
    expect(unbreakableWidth('100.00%')).toBeCloseTo(7 * 0.55, 5);
  });

  it('pads ragged rows and cuts a header row span at the end of the header', () => {
    const c = (t: string, rowSpan?: number): TableCell => ({ content: [t], ...(rowSpan ? { rowSpan } : {}) });
    const grid = layoutGrid([[c('a', 5), c('b')]], [[c('x'), c('y'), c('z')], [c('only')]]);
    expect(grid.columns).toBe(3);
    expect(grid.rows[0]!.map((p) => [p.col, p.rowSpan])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(grid.rows[2]!.map((p) => inlineText(p.cell.content))).toEqual(['only', '', '']);
  });
});

// ---------------------------------------------------------------------------
// LibreOffice: does the document open and print what we wrote?
// ---------------------------------------------------------------------------

const haveLibreOffice = Boolean(findOnPath(['libreoffice', 'soffice']) && findOnPath(['pdftoppm']) && findOnPath(['pdftotext']));

describe('docx preview', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'juesuan-docx-test-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it.skipIf(!haveLibreOffice)('converts the sample to PDF and PNG pages with the Chinese text, figures, gaps and page numbers', async () => {
    const docx = path.join(scratch, 'sample.docx');
    await writeFile(docx, await renderDocx(sampleTree, { draftMark: DRAFT }));
    const { pdf, pngs } = await docxToPdfAndPng(docx, path.join(scratch, 'out'));
    expect(statSync(pdf).size).toBeGreaterThan(1000);
    // Title and 目录 on the first page; the chart does not fit under the second page's text, and the page break starts a fourth page.
    expect(pngs).toHaveLength(4);
    for (const png of pngs) expect(statSync(png).size).toBeGreaterThan(1000);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const wanted of [
      '收入支出决算总体情况说明',
      '1193.39',
      '【待补充：变动原因】',
      '公务用车购置及运行费',
      '编制单位：中共示例县委政法委员会',
      '金额单位：万元',
      DRAFT,
      '—1—',
      '—2—',
      '—3—',
      '—4—',
    ]) {
      expect(text).toContain(wanted);
    }
    // The chart is drawn by LibreOffice as vector graphics with its text: no raster image,
    // and its legend, axis title and value labels are there, between its title and the next table.
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(images).toEqual([]);
    const chart = text.slice(text.lastIndexOf('收入支出决算总体情况', text.indexOf('编制单位')), text.indexOf('编制单位'));
    for (const label of ['收入总计', '支出总计', '单位：万元']) expect(chart).toContain(label);
    expect(count(chart, '577.74')).toBe(2);
    expect(count(chart, '1193.39')).toBe(2);
  });

  it('names the file when it does not exist', async () => {
    const missing = path.join(scratch, 'nope.docx');
    await expect(docxToPdfAndPng(missing, scratch)).rejects.toThrow(PreviewError);
    await expect(docxToPdfAndPng(missing, scratch)).rejects.toThrow(missing);
  });

  it('says so when LibreOffice is missing', async () => {
    const docx = path.join(scratch, 'nolo.docx');
    await writeFile(docx, await renderDocx(sampleTree));
    const savedPath = process.env.PATH;
    process.env.PATH = scratch;
    try {
      await expect(docxToPdfAndPng(docx, scratch)).rejects.toThrow(/LibreOffice is not installed.*nolo\.docx/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('the preview script reports errors without a stack trace', async () => {
    const script = path.resolve('scripts/docx-preview.ts');
    expect(existsSync(script)).toBe(true);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', script, path.join(scratch, 'missing.docx')], (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.docx');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
