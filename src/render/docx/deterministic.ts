/**
 * Makes the packed DOCX byte-for-byte reproducible. docx stamps the core
 * properties with the current time and fflate stamps every zip entry with it;
 * we replace docProps/core.xml with our own (dates only from the tree) and set
 * every zip entry's DOS time to 1980-01-01 00:00.
 */
import type { ReportTree } from '../../report/tree.js';
import { cleanText } from './inline.js';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** docProps/core.xml with title and creator; created/modified only from `meta.date` (YYYY-MM-DD). */
export function coreXml(tree: ReportTree): string {
  const title = cleanText(tree.title.join(' ')).replace(/\n/g, ' ');
  const date = tree.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(tree.meta.date) ? `${tree.meta.date}T00:00:00Z` : undefined;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title ? `<dc:title>${escapeXml(title)}</dc:title>` : '') +
    '<dc:creator>juesuan</dc:creator>' +
    (date
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`
      : '') +
    '</cp:coreProperties>'
  );
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** 1980-01-01 00:00:00 as a DOS date (the time is 0). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** Sets the modification time of every entry of a zip file to 1980-01-01 00:00, in place. */
export function pinZipTimestamps(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('DOCX packing produced no valid zip (end of central directory not found)');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error('DOCX packing produced an unexpected zip layout');
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, DOS_DATE, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error('DOCX packing produced an unexpected zip layout');
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DOS_DATE, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return zip;
}
