/**
 * Which reader a file needs: magic bytes first (a zip is a Word document, %PDF
 * is a PDF), then the text itself (HTML markers), then the file extension.
 * Formats we cannot read are refused with advice on how to convert them.
 */
import { Buffer } from 'node:buffer';
import { decodeText } from './decode.js';
import { DocumentError } from './errors.js';

export type DocFormat = 'txt' | 'docx' | 'pdf' | 'html';

export type Detected = { format: 'docx' | 'pdf' } | { format: 'txt' | 'html'; text: string };

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** "%PDF-" anywhere in the first 1024 bytes, as readers accept it. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = head.indexOf(0x25); i >= 0 && i + 5 <= head.length; i = head.indexOf(0x25, i + 1)) {
    if (head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

function extension(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** Skips a BOM, white space and comments at the start of markup. */
const MARKUP_START = /^\uFEFF?(?:\s|<!--[\s\S]*?-->)*/;
const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|h[1-6]|section|article|main|span|br|font|center|style)\b/i;
const XHTML_START = /^<\?xml[^>]*>(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html)\b/i;

function looksHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  const rest = head.replace(MARKUP_START, '');
  return HTML_START.test(rest) || XHTML_START.test(rest) || /<html[\s>]/i.test(head);
}

/** The charset a page declares in a <meta> tag, read from its ASCII bytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  // Node's latin1 (ISO-8859-1), not TextDecoder's (windows-1252), which is far slower: they differ only at bytes
  // 0x80–0x9F, non-ASCII characters either way, which the pattern reads alike.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}

export function detectFormat(bytes: Uint8Array, file: string): Detected {
  const refuse = (reason: string): never => {
    throw new DocumentError(file, reason);
  };
  if (bytes.length === 0) refuse('文件为空（0 字节）。');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { format: 'docx' };
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) refuse('文件是一个空的 zip 压缩包，不是 Word 文档（.docx）。');
  if (hasPdfHeader(bytes)) return { format: 'pdf' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    refuse('这是旧版 Word 97-2003 文档（.doc）、旧版 Excel 文件或加了密码的文档，无法直接读取。请在 Word 或 WPS 中打开，取消密码（如有），“另存为” Word 文档（*.docx）或 PDF 后再试。');
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) refuse('这是 RTF 格式的文档，无法直接读取。请在 Word 或 WPS 中打开，“另存为” Word 文档（*.docx）后再试。');

  const ext = extension(file);
  const decoded = decodeText(bytes, declaredCharset(bytes));
  if (!decoded) {
    if (ext === 'pdf') refuse('扩展名是 .pdf，但文件内容不是 PDF（缺少 %PDF 文件头），可能已损坏。');
    if (ext === 'docx') refuse('扩展名是 .docx，但文件内容不是 Word 文档（不是 zip 压缩包），可能已损坏。');
    refuse('无法识别的文件格式：既不是 Word 文档（.docx）、PDF、网页（.html），也不是文本文件。');
  }
  const { text } = decoded!;
  const start = text.slice(0, 4096).replace(MARKUP_START, '');
  if (/^MIME-Version:/i.test(start)) refuse('这是单个文件网页（.mht/.mhtml），无法直接读取。请在浏览器或 Word 中打开，另存为网页（.html）或 Word 文档（.docx）后再试。');
  if (/^<\?xml[^>]*>[\s\S]{0,2000}<(?:w:wordDocument|pkg:package)\b/.test(start)) {
    refuse('这是 Word 的 XML 格式文档，无法直接读取。请在 Word 或 WPS 中打开，“另存为” Word 文档（*.docx）后再试。');
  }
  if (looksHtml(text) || ['html', 'htm', 'xhtml', 'shtml'].includes(ext)) return { format: 'html', text };
  if (ext === 'pdf') refuse('扩展名是 .pdf，但文件内容是纯文本，不是 PDF（缺少 %PDF 文件头）。');
  if (ext === 'docx' || ext === 'doc') refuse(`扩展名是 .${ext}，但文件内容是纯文本，不是 Word 文档。`);
  return { format: 'txt', text };
}
