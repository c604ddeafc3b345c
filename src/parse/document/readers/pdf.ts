/**
 * PDF → raw text through pdf.js (pdfjs-dist 5 legacy build, the newest that
 * runs on Node 20; stack.md). Text items become lines in pdfLines.ts; the
 * radical code points pdf.js reports for some fonts stay in the raw text and
 * are mapped in normalisation (stack.md pitfall 13).
 *
 * Never a hang: a file without its closing %%EOF is refused before pdf.js
 * sees it (pdf.js would rebuild a truncated file and read half of it),
 * the page count and the file size are capped, and the read has a deadline,
 * checked between pages, after which the pdf.js task is destroyed. One page
 * is not interrupted; its work is bounded by the size of the file.
 */
import type { ReadText } from '../document.js';
import { openPdf } from '../pdfjs.js';
import { DocumentError } from '../errors.js';
import type { DocumentLimits } from '../limits.js';
import { itemsToLines, layoutPages, type PdfLine, type PdfTextItem } from './pdfLines.js';
import { gridsOf, pdfTables, relayoutForms, segmentsOf, type PageGrid, type PdfOps } from './pdfTables.js';
import type { UnreadPage } from '../../../audit/tables/index.js';

/** "%%EOF" within the last 2 KB: the end of a complete file (later bytes are tolerated padding). */
function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 2048));
  return tail.includes('%%EOF');
}

class Timeout extends Error {}

interface PdfjsItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

function toItem(it: PdfjsItem): PdfTextItem | undefined {
  if (typeof it.str !== 'string' || !it.transform) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = it.transform;
  const size = Math.max(Math.hypot(c, d), Math.hypot(a, b), it.height ?? 0);
  // Text set at a slant (a watermark across the page: 草稿, 样本, 仅供公开) is not part of the lines it
  // crosses; read into them, it splits sentences glyph by glyph. Horizontal and vertical text is kept.
  if (Math.abs(a) > 0.05 * size && Math.abs(b) > 0.05 * size) return undefined;
  return { str: it.str, x, y, width: it.width ?? 0, size };
}

export async function readPdf(bytes: Uint8Array, limits: DocumentLimits, refuse: (reason: string) => never): Promise<ReadText> {
  if (!hasEofMarker(bytes)) refuse('PDF 文件不完整（末尾缺少 %%EOF 结束标记），可能在下载或复制时被截断。请重新获取完整的文件。');
  const task = await openPdf(bytes);
  // pdf.js in Node runs its worker in this thread on promise callbacks, so a
  // timer alone may never get its turn: the page loop also checks the clock
  // and yields between pages. The timer covers waits that never end.
  const stopAt = performance.now() + limits.timeoutMs;
  const checkClock = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (performance.now() > stopAt) throw new Timeout();
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), limits.timeoutMs);
  });
  const grids: PageGrid[][] = [];
  const unreadPages: UnreadPage[] = [];
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const ops = pdfjs.OPS as unknown as PdfOps & { paintImageXObject: number; paintInlineImageXObject: number; paintImageMaskXObject: number };
  const images = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject]);
  const read = async (): Promise<PdfLine[][]> => {
    const doc = await task.promise;
    if (doc.numPages > limits.maxPages) refuse(`PDF 页数过多（${doc.numPages} 页），上限 ${limits.maxPages} 页。`);
    const pages: PdfLine[][] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      await checkClock();
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = (content.items as PdfjsItem[]).map(toItem).filter((it): it is PdfTextItem => it !== undefined);
      const lines = itemsToLines(items);
      length += lines.reduce((s, l) => s + l.text.length + 1, 0);
      if (length > limits.maxTextLength) refuse(`文字过多（超过 ${limits.maxTextLength} 个字符），已拒绝。`);
      pages.push(lines);
      // Ruled tables: only pages with column gaps in two or more lines, or with no text at all (a scan?), pay for the drawing.
      const tabbed = lines.filter((l) => l.text.includes('\t')).length;
      if (tabbed >= 2 || lines.length === 0) {
        const list = await page.getOperatorList();
        if (lines.length === 0) {
          if (list.fnArray.some((f: number) => images.has(f))) unreadPages.push({ page: n, reason: '没有文字层（可能是扫描的图片）' });
          grids.push([]);
        } else grids.push(gridsOf(segmentsOf(list.fnArray, list.argsArray, ops)));
      } else grids.push([]);
      page.cleanup();
    }
    return pages;
  };
  let pages: PdfLine[][];
  try {
    pages = await Promise.race([read(), deadline]);
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    if (e instanceof Timeout) refuse(`读取超时（超过 ${Math.round(limits.timeoutMs / 1000)} 秒），文件可能已损坏或过于复杂。`);
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') refuse('PDF 已加密（需要密码才能打开），无法读取。请提供未加密的文件。');
    if (name === 'InvalidPDFException') refuse('文件已损坏，不是有效的 PDF。');
    refuse('PDF 无法解析，文件可能已损坏。');
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
  // 绩效自评表 forms one cell per line, as the text rules read them from Word and HTML.
  try {
    pages = relayoutForms(pages, grids);
  } catch {
    // A drawing we cannot make sense of leaves the lines as read.
  }
  const out = layoutPages(pages);
  if (out.raw.trim() === '') refuse('PDF 中没有可提取的文字，可能是扫描件（图片）。请提供文字版的 PDF、Word 文档或网页。');
  let tables: ReturnType<typeof pdfTables> = [];
  try {
    tables = pdfTables(pages.map((lines, i) => ({ lines, starts: out.lineStarts[i]!, grids: grids[i] ?? [] })));
  } catch {
    // A drawing we cannot make sense of leaves the tables unread, never the text.
    tables = [];
  }
  return { raw: out.raw, pageStarts: out.pageStarts, breaks: out.breaks, tables, unreadPages };
}
