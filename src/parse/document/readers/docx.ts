/**
 * Word (.docx) → raw text. The zip is checked by the shared guard first
 * (../../zipGuard.ts): declared sizes, entry count, and every XML part that
 * mammoth will parse inflated under its declared size, so neither a zip bomb
 * nor a truncated file reaches mammoth. mammoth then converts the document
 * to HTML (images left out, never decoded), which htmlLines.ts turns into
 * lines: paragraphs on their own lines, table cells one per line after a tab.
 */
import { DOCX_KIND, entryData, readCentralDirectory } from '../../zipGuard.js';
import type { ReadText } from '../document.js';
import type { DocumentLimits } from '../limits.js';
import { readHtml } from './html.js';

/** Parts mammoth reads: the document, its styles, numbering, notes and relationships. */
const PARSED_PART = /\.(?:xml|rels)$/i;

export async function readDocx(bytes: Uint8Array, limits: DocumentLimits, refuse: (reason: string) => never): Promise<ReadText> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(buf, { maxUncompressedBytes: limits.maxUncompressedBytes, maxEntries: limits.maxZipEntries }, DOCX_KIND, refuse);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('word/document.xml')) {
    if (names.has('xl/workbook.xml')) refuse('这是 Excel 工作簿（.xlsx），不是 Word 文档。决算报表请用 juesuan import 导入。');
    if (names.has('ppt/presentation.xml')) refuse('这是 PowerPoint 演示文稿（.pptx），不是 Word 文档。请另存为 PDF 后再试。');
    if (names.has('content.xml') && names.has('mimetype')) refuse('这是 OpenDocument 文档（如 .odt），无法直接读取。请另存为 Word 文档（*.docx）后再试。');
    refuse('这个 zip 压缩包不是 Word 文档（缺少 word/document.xml）。');
  }
  let xmlBytes = 0;
  for (const e of entries) {
    if (!PARSED_PART.test(e.name)) continue;
    xmlBytes += entryData(buf, e, refuse).length;
    if (xmlBytes > limits.maxXmlBytes) refuse(`文档内容过大（XML 部分超过 ${Math.round(limits.maxXmlBytes / 1024 / 1024)} MB），已拒绝。`);
  }
  // Loaded only for a document that passed the checks above (mammoth brings bluebird and a dozen more).
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: buf }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
    html = result.value;
  } catch {
    refuse('Word 文档内容无法解析，文件可能已损坏。请在 Word 或 WPS 中打开并重新保存为 .docx 后再试。');
  }
  return readHtml(html, limits, refuse, 'Word 文档');
}
