/** HTML page → raw text with one line per block and one per table cell (htmlLines.ts). */
import type { ReadText } from '../document.js';
import type { DocumentLimits } from '../limits.js';
import { htmlToLinesAndTables, HtmlTooDeep, TextTooLong, type HtmlTable } from './htmlLines.js';
import { linesBefore, makeTable } from '../tables.js';

/** `what` names the source in messages: 网页, or Word 文档 when mammoth made the HTML. */
export function readHtml(html: string, limits: DocumentLimits, refuse: (reason: string) => never, what = '网页'): ReadText {
  let raw: string;
  let tables: HtmlTable[];
  try {
    ({ raw, tables } = htmlToLinesAndTables(html, limits));
  } catch (e) {
    if (e instanceof HtmlTooDeep) refuse(`${what}的元素嵌套超过 ${limits.maxDepth} 层，可能是恶意构造的文件，已拒绝。`);
    if (e instanceof TextTooLong) refuse(`文字过多（超过 ${limits.maxTextLength} 个字符），已拒绝。`);
    refuse(`${what}内容无法解析。`);
  }
  if (raw.trim() === '') refuse(`${what}中没有可读取的正文文字。`);
  const source = what === '网页' ? 'html' : 'docx';
  return {
    raw,
    tables: [...tables].sort((a, b) => a.start - b.start).map((t) => makeTable(source, t.rows, t.headerRows, linesBefore(raw, t.start), { span: { start: t.start, end: t.end } })),
  };
}
