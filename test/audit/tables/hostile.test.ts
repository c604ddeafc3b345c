/**
 * Hostile and odd input for the table readers: a PDF page without a text
 * layer, a PDF with nothing but a scan, ruled tables drawn by hand (stroked
 * rectangles, garbage cells), and HTML tables with huge or nonsensical spans.
 * No crash, and a clear outcome: unread pages are named, nothing unsure
 * becomes a finding.
 */
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../../src/app/audit.js';
import { MAX_COLUMNS } from '../../../src/audit/tables/index.js';
import { DocumentError, readDocumentBytes } from '../../../src/parse/document/index.js';

/** A minimal PDF: one content stream per page (Helvetica as /F1, a 2×2 grey image as /Im1). */
function pdfOf(pages: string[]): Uint8Array {
  const objects: string[] = [];
  /** Adds an object and returns its number (numbers start at 1). */
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pagesAt = add(''); // /Pages (object 2), written when the kids are known
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream');
  const kids: number[] = [];
  for (const content of pages) {
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[pagesAt - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

const text = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td (${s}) Tj ET`;
const SCAN = 'q 400 0 0 600 100 100 cm /Im1 Do Q';

describe('PDF pages without a text layer', () => {
  it('a scanned page among text pages: its tables are named as unread, no finding, counted as insufficient', async () => {
    const doc = await readDocumentBytes(pdfOf([text(72, 760, 'Report 2024 page one'), SCAN]), 'mixed.pdf');
    expect(doc.unreadPages).toEqual([{ page: 2, reason: '没有文字层（可能是扫描的图片）' }]);
    const r = auditDocument(doc);
    expect(r.findings.filter((f) => f.rule.startsWith('TB-'))).toEqual([]);
    expect(r.tables!.notes).toEqual(['第2页没有文字层（可能是扫描的图片），该页表格无法读取（不作判断，计为数据不足）。']);
    expect(r.summary.insufficientData).toBeGreaterThanOrEqual(5);
  });
  it('a PDF that is only a scan is refused with the reason, not a crash', async () => {
    await expect(readDocumentBytes(pdfOf([SCAN, SCAN]), 'scan.pdf')).rejects.toThrow(DocumentError);
    await expect(readDocumentBytes(pdfOf([SCAN]), 'scan.pdf')).rejects.toThrow(/扫描件/);
  });
});

describe('ruled tables drawn by hand', () => {
  /** A 3 × 3 grid of stroked rectangles with the given cell texts (row-major), under a title line. */
  const grid = (cells: string[], title = 'Table 1') => {
    let s = text(72, 760, title) + '\n0.5 w\n';
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const x = 72 + c * 120;
        const y = 700 - r * 24;
        s += `${x} ${y} 120 24 re S\n${text(x + 6, y + 8, cells[r * 3 + c] ?? '')}\n`;
      }
    }
    return s + text(72, 560, 'The end of the page, with enough text to be a page of prose.');
  };
  it('stroked rectangles make a grid; cells are read in place', async () => {
    const doc = await readDocumentBytes(pdfOf([grid(['Item', 'Amount', 'Note', 'A', '1.50', 'x', 'B', '2.50', 'y'])]), 'grid.pdf');
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables![0]!;
    expect(t.page).toBe(1);
    expect(t.header).toEqual([['Item', 'Amount', 'Note']]);
    expect(t.rows.map((r) => r.cells)).toEqual([['A', '1.50', 'x'], ['B', '2.50', 'y']]);
    // Each cell is located in the text as read.
    const span = t.rows[0]!.spans[1]!;
    expect(doc.raw.slice(span.start, span.end)).toBe('1.50');
  });
  it('a page of 30 000 drawn border pieces (a 100 × 150 grid) is read in bounded time', async () => {
    // Two lines with column gaps, so the page's drawing is read.
    let s = [text(20, 820, 'Dense grid'), text(22, 700, '1'), text(300, 700, '2'), text(22, 680, '3'), text(300, 680, '4')].join('\n') + '\n';
    for (let r = 0; r < 150; r++) {
      for (let c = 0; c < 100; c++) s += `${20 + c * 5.5} ${790 - r * 5} 5.5 0.3 re f ${20 + c * 5.5} ${790 - r * 5} 0.3 5 re f\n`;
    }
    const started = performance.now();
    const doc = await readDocumentBytes(pdfOf([s + text(20, 10, 'end')]), 'dense.pdf');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(doc.tables!.length).toBeGreaterThan(0);
    expect(() => auditDocument(doc)).not.toThrow();
  }, 60_000);
  it('garbage cells: read, recognised as nothing, no finding', async () => {
    const doc = await readDocumentBytes(pdfOf([grid(['12.3.4', '\\(', '-', '1e9999', 'NaN', '', '9999999999999999999999.999', '--', ')'])]), 'garbage.pdf');
    const r = auditDocument(doc);
    expect(r.findings.filter((f) => f.rule.startsWith('TB-'))).toEqual([]);
    expect(r.tables!.read).toBe(1);
    expect(r.tables!.recognised).toBe(0);
  });
});

describe('HTML tables with hostile spans and cells', () => {
  const page = (body: string) => new TextEncoder().encode(`<html><body><p>2024年度收入支出决算总表说明。</p>${body}</body></html>`);
  it('huge, negative and nonsensical colspan/rowspan are clamped, the table still read', async () => {
    const doc = await readDocumentBytes(page(`<p>收入支出决算总表</p><p>金额单位：万元</p><table>
      <tr><td colspan="100000">收入</td><td colspan="-5">支出</td><td rowspan="999999999">x</td></tr>
      <tr><td colspan="abc">项目</td><td colspan="1e9">金额</td></tr>
      <tr><td>本年收入合计</td><td>１２.00</td><td>总计</td><td>NaN</td></tr>
      <tr><td colspan="2147483648">总计</td><td>12.0.0</td></tr></table>`), 'spans.html');
    const t = doc.tables![0]!;
    expect(t.rows.every((r) => r.cells.length <= MAX_COLUMNS)).toBe(true);
    expect(t.header.every((r) => r.length <= MAX_COLUMNS)).toBe(true);
    const r = auditDocument(doc);
    expect(r.findings.filter((f) => f.rule.startsWith('TB-'))).toEqual([]);
  });
  it('a table 10 000 columns wide and 20 000 rows long is cut, not refused', async () => {
    const wide = `<table><tr>${'<td>1</td>'.repeat(10_000)}</tr>${'<tr><td>合计</td><td>1.00</td></tr>'.repeat(20_000)}</table>`;
    const doc = await readDocumentBytes(page(`<p>支出决算表</p>${wide}`), 'wide.html');
    const t = doc.tables![0]!;
    expect(t.rows[0]!.cells.length).toBe(MAX_COLUMNS);
    expect(t.rows.length).toBeLessThanOrEqual(5_000);
    expect(() => auditDocument(doc)).not.toThrow();
  });
  it('nested tables and a table left open are read without a crash', async () => {
    const doc = await readDocumentBytes(page(`<table><tr><td><table><tr><td>内</td></tr></table>外</td></tr></table><table><tr><td>未闭合`), 'nested.html');
    expect(doc.tables!.length).toBeGreaterThanOrEqual(2);
    expect(() => auditDocument(doc)).not.toThrow();
  });
});
