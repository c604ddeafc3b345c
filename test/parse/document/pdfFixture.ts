/**
 * A tiny PDF writer for reader tests: text placed at exact positions, so line
 * building, gaps, page breaks and odd code points can be tested without a
 * browser. One Type0 font with Identity-H encoding and a ToUnicode CMap: each
 * distinct character gets a CID, CJK glyphs are 1 em wide, others ½ em. No
 * font program is embedded; pdf.js extracts text from ToUnicode and /W alone.
 */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size?: number;
}

export interface PdfFixtureOptions {
  /** Adds a standard-security /Encrypt dictionary whose user password is not empty. */
  encrypted?: boolean;
}

const wide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch);

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

function utf16Hex(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += hex4(ch.charCodeAt(i));
  return out;
}

/** Builds a PDF whose pages carry the given runs of text (A4, points, origin at the bottom left). */
export function buildPdf(pages: PlacedText[][], options: PdfFixtureOptions = {}): Uint8Array {
  const cids = new Map<string, number>();
  for (const page of pages) for (const run of page) for (const ch of run.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);

  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  // Fixed numbers: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode.
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pageIds = pages.map((_, i) => 7 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type0 /BaseFont /JuesuanTest /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>');
  const widths = [...cids].map(([ch, cid]) => `${cid} [${wide(ch) ? 1000 : 500}]`).join(' ');
  add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /JuesuanTest /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /W [${widths}] >>`);
  add('<< /Type /FontDescriptor /FontName /JuesuanTest /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>');
  const cmapLines = [...cids].map(([ch, cid]) => `<${hex4(cid)}> <${utf16Hex(ch)}>`);
  const chunks: string[] = [];
  for (let i = 0; i < cmapLines.length; i += 100) {
    const part = cmapLines.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...chunks,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  add(`<< /Length ${Buffer.byteLength(cmap)} >>\nstream\n${cmap}\nendstream`);
  for (const page of pages) {
    const ops = page
      .map((run) => `BT /F1 ${run.size ?? 16} Tf 1 0 0 1 ${run.x} ${run.y} Tm <${[...run.text].map((ch) => hex4(cids.get(ch)!)).join('')}> Tj ET`)
      .join('\n');
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(ops)} >>\nstream\n${ops}\nendstream`);
  }
  if (options.encrypted) {
    const x32 = (b: number) => `<${Array.from({ length: 32 }, (_, i) => ((i * 37 + b) & 0xff).toString(16).padStart(2, '0')).join('')}>`;
    add(`<< /Filter /Standard /V 1 /R 2 /O ${x32(7)} /U ${x32(11)} /P -4 >>`);
  }

  const id = '<0123456789abcdef0123456789abcdef>';
  return pdfFile(objects, options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [${id} ${id}]` : '');
}

/**
 * A PDF file of the given objects (numbered from 1; object 1 is the catalog): a classic xref table and a trailer,
 * `trailerExtra` added to it. Content is ASCII except the binary marker, so latin1 is byte-exact.
 */
export function pdfFile(objects: readonly string[], trailerExtra = '', version = '1.7'): Uint8Array {
  let out = `%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
