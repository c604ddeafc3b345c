/**
 * Checks a file before exceljs sees it. exceljs (through JSZip) inflates every
 * entry fully into memory and builds every row, cell and merged cell, so a
 * small hostile file could exhaust memory or time. The zip itself is read by
 * the shared guard (../zipGuard.ts: central directory by hand, every entry
 * inflated under a hard cap); sheet XML is counted here for rows, cells and
 * merged areas on the way.
 * Every refusal is an XlsxImportError with a Chinese message.
 */
import { entryData as inflateEntry, mb, readCentralDirectory as readZipDirectory, XLSX_KIND, type ZipEntry } from '../zipGuard.js';
import { XlsxImportError } from './errors.js';

export interface XlsxLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of all zip entries, in bytes. */
  maxUncompressedBytes: number;
  maxEntries: number;
  maxSheets: number;
  /** Most rows in one sheet. */
  maxRows: number;
  /** Most cells in the whole workbook. */
  maxCells: number;
  /** Most cells covered by merged ranges in the whole workbook. */
  maxMergedCells: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxSheets: 200,
  maxRows: 100_000,
  maxCells: 3_000_000,
  maxMergedCells: 1_000_000,
};

const REFUSE_LEGACY =
  '这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，本程序只能读取 .xlsx。请在 Excel 或 WPS 中打开，取消密码（如有），“另存为” Excel 工作簿（*.xlsx）后再导入。';

export type { ZipEntry } from '../zipGuard.js';

export interface InspectedWorkbook {
  entries: ZipEntry[];
  /** Sheet names in workbook order, as workbook.xml lists them. */
  sheetNames: string[];
}

function fail(message: string): never {
  throw new XlsxImportError(message);
}

/** Reads the zip central directory. Throws XlsxImportError on anything malformed or unsupported. */
export function readCentralDirectory(buf: Buffer, limits: XlsxLimits = DEFAULT_LIMITS): ZipEntry[] {
  return readZipDirectory(buf, limits, XLSX_KIND, fail);
}

/** The entry's data, inflated with a hard cap at its declared size. */
export function entryData(buf: Buffer, e: ZipEntry): Buffer {
  return inflateEntry(buf, e, fail);
}

/** Counts `<tag` followed by whitespace, ">" or "/" in XML bytes. */
function countTag(xml: Buffer, tag: string): number {
  const needle = Buffer.from(`<${tag}`);
  let n = 0;
  for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) {
    const next = xml[i + needle.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

const colNum = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Cells covered by the merged ranges of one sheet's XML; a range it cannot read is refused. */
function mergedArea(xml: string, part: string): number {
  let area = 0;
  for (const m of xml.matchAll(/<mergeCell\b([^>]*)>/g)) {
    const ref = /\bref\s*=\s*(["'])(.*?)\1/.exec(m[1]!)?.[2];
    const r = ref === undefined ? null : /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(decodeXml(ref).trim());
    if (!r) fail(`文件已损坏：${part} 中有无法识别的合并单元格范围。`);
    const c1 = colNum(r[1]!.toUpperCase());
    const r1 = Number(r[2]);
    const c2 = r[3] ? colNum(r[3].toUpperCase()) : c1;
    const r2 = r[4] ? Number(r[4]) : r1;
    area += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return area;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

/** Sheet names by worksheet part path ("xl/worksheets/sheet1.xml"), from workbook.xml and its rels. */
function sheetParts(workbookXml: string, relsXml: string): { names: string[]; byPart: Map<string, string> } {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1]!)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1]!)?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names: string[] = [];
  const byPart = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    const rid = /\br:id="([^"]*)"|\b\w+:id="([^"]*)"/.exec(m[1]!);
    if (name === undefined) continue;
    names.push(decodeXml(name));
    const target = rid ? targets.get(rid[1] ?? rid[2]!) : undefined;
    if (target) byPart.set(target.replace(/\/\.\//g, '/'), decodeXml(name));
  }
  return { names, byPart };
}

/**
 * Everything checked before exceljs loads the bytes: size, file type (with
 * advice for .xls, HTML "xls", .xlsb, Word and ODF files), the zip structure,
 * decompressed sizes (zip bombs), the number of sheets, rows per sheet, cells,
 * and merged areas.
 */
export function inspectXlsx(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_LIMITS): InspectedWorkbook {
  if (bytes.length === 0) fail('文件为空（0 字节）。');
  if (bytes.length > limits.maxFileBytes) fail(`文件过大（${mb(bytes.length)} MB），上限为 ${mb(limits.maxFileBytes)} MB。`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) fail(REFUSE_LEGACY);
  const head = buf.toString('utf8', 0, Math.min(buf.length, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<')) {
    fail('这是网页或 XML 格式的表格（有些软件导出的“.xls”其实是这种格式），不是 .xlsx。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（*.xlsx）后再导入。');
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    if (buf.length >= 4 && buf.readUInt32LE(0) === 0x06054b50) fail('文件是一个空的 zip 压缩包，不是 Excel 工作簿（.xlsx）。');
    fail('无法识别的文件格式：不是 Excel 工作簿（.xlsx）。');
  }
  const entries = readCentralDirectory(buf, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) fail('这是 Excel 二进制工作簿（.xlsb），本程序只能读取 .xlsx。请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再导入。');
    if (names.has('word/document.xml')) fail('这是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）。');
    if (names.has('content.xml') && names.has('mimetype')) fail('这是 OpenDocument 文件（如 .ods），本程序只能读取 .xlsx。请另存为 Excel 工作簿（*.xlsx）后再导入。');
    fail('这个 zip 压缩包不是 Excel 工作簿（缺少 xl/workbook.xml）。');
  }

  let cells = 0;
  let merged = 0;
  const rowsByPart = new Map<string, number>();
  let workbookXml = '';
  let relsXml = '';
  let sheetTags = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    // Every entry is inflated once under the cap: exceljs reads them all.
    const data = entryData(buf, e);
    if (e.name === 'xl/workbook.xml') {
      workbookXml = data.toString('utf8');
      sheetTags = countTag(data, 'sheet');
    }
    else if (e.name === 'xl/_rels/workbook.xml.rels') relsXml = data.toString('utf8');
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      rowsByPart.set(e.name, countTag(data, 'row'));
      cells += countTag(data, 'c');
      merged += mergedArea(data.toString('utf8'), e.name);
      if (cells > limits.maxCells) fail(`工作簿中的单元格过多（超过 ${limits.maxCells} 个），已拒绝。`);
      if (merged > limits.maxMergedCells) fail(`工作簿中合并单元格的范围过大（超过 ${limits.maxMergedCells} 个单元格），已拒绝。`);
    }
  }
  const { names: sheetNames, byPart } = sheetParts(workbookXml, relsXml);
  const sheetCount = Math.max(sheetNames.length, sheetTags, rowsByPart.size);
  if (sheetCount > limits.maxSheets) fail(`工作簿中的工作表过多（${sheetCount} 个），上限 ${limits.maxSheets} 个。`);
  for (const [part, rows] of rowsByPart) {
    if (rows > limits.maxRows) {
      const name = byPart.get(part);
      fail(`${name ? `工作表“${name}”` : `工作表（${part}）`}有 ${rows} 行，超过上限 ${limits.maxRows} 行，已拒绝。`);
    }
  }
  return { entries, sheetNames };
}
