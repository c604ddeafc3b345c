import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, readDocument, readDocumentBytes } from '../../../src/parse/document/index.js';
import { buildZip } from '../../xlsx/zip.js';
import { minimalDocx } from './docxFixture.js';
import { buildPdf } from './pdfFixture.js';

const FIXTURES = new URL('../../fixtures/documents/', import.meta.url);
const SEEDS = new URL('../../fixtures/seeds/', import.meta.url);

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const err = await readDocumentBytes(bytes, name).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DocumentError);
  expect((err as DocumentError).file).toBe(name);
  return (err as Error).message;
}

describe('format detection: magic bytes first, then the text, then the extension', () => {
  const docx = buildZip(minimalDocx('<w:p><w:r><w:t>正文。</w:t></w:r></w:p>'));
  it.each([
    ['a zip named .txt is read as Word', docx, 'report.txt', 'docx'],
    ['%PDF named .docx is read as PDF', buildPdf([[{ text: '正文。', x: 80, y: 700 }]]), 'report.docx', 'pdf'],
    ['<!DOCTYPE html> named .txt', Buffer.from('<!DOCTYPE html><html><body><p>正文。</p></body></html>'), 'report.txt', 'html'],
    ['<html> after a comment', Buffer.from('<!-- saved from url -->\n<html><p>正文。</p></html>'), 'report', 'html'],
    ['XHTML', Buffer.from('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>正文。</p></body></html>'), 'r.xml', 'html'],
    ['a fragment named .htm', Buffer.from('正文。<b>加粗</b>'), 'report.htm', 'html'],
    ['plain text with no extension', Buffer.from('2022年度收、支总计1193.39万元。'), 'report', 'txt'],
    ['text that mentions a tag later', Buffer.from('说明：表格里写了<p>这样的字。'), 'report.txt', 'txt'],
  ])('%s', async (_, bytes, name, format) => {
    expect((await readDocumentBytes(bytes, name)).format).toBe(format);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'a.txt', '文件为空（0 字节）。'],
    ['a legacy .doc (OLE2)', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), 'a.doc', '旧版 Word 97-2003 文档（.doc）'],
    ['RTF', Buffer.from('{\\rtf1\\ansi 正文}'), 'a.rtf', 'RTF 格式'],
    ['an empty zip', Buffer.from('504b0506' + '00'.repeat(18), 'hex'), 'a.docx', '空的 zip 压缩包'],
    ['a single-file web page', Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n'), 'a.mht', '单个文件网页（.mht/.mhtml）'],
    ['Word 2003 XML', Buffer.from('<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="x"></w:wordDocument>'), 'a.xml', 'Word 的 XML 格式'],
    ['text named .pdf', Buffer.from('这是文字。'), 'a.pdf', '扩展名是 .pdf，但文件内容是纯文本'],
    ['text named .docx', Buffer.from('这是文字。'), 'a.docx', '扩展名是 .docx，但文件内容是纯文本'],
    ['binary named .pdf', Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]), 'a.pdf', '扩展名是 .pdf，但文件内容不是 PDF'],
    ['binary data', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)), 'a.bin', '无法识别的文件格式'],
    ['a text file of blanks', Buffer.from(' \n\t\n'), 'a.txt', '文件中没有文字'],
  ])('refuses %s', async (_, bytes, name, message) => {
    const m = await refusal(bytes, name);
    expect(m.startsWith(`无法读取“${name}”：`)).toBe(true);
    expect(m).toContain(message);
  });
});

describe('text encodings', () => {
  it('reads GB18030/GBK text as UTF-8 text', async () => {
    const utf8 = await readDocument(join(FIXTURES.pathname, 'zhaohua-excerpt.txt'));
    const gbk = await readDocument(join(FIXTURES.pathname, 'zhaohua-excerpt.gbk.txt'));
    expect(gbk.raw).toBe(utf8.raw);
    expect(gbk.text).toContain('2022年本年收入合计1193.39万元');
  });

  it('reads UTF-8 with a BOM and UTF-16 with either byte order', async () => {
    const text = '2022年度收、支总计1193.39万元。';
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.from(`\ufeff${text}`), le, be]) expect((await readDocumentBytes(bytes, 'u.txt')).raw).toBe(text);
  });

  it('keeps CR LF in the raw text and not in the normalised text', async () => {
    const doc = await readDocumentBytes(Buffer.from('收入。\r\n支出。\r\n'), 'crlf.txt');
    expect(doc.raw).toBe('收入。\r\n支出。\r\n');
    expect(doc.text).toBe('收入。\n支出。\n');
    const at = doc.text.indexOf('支出');
    expect(doc.toRaw(at, at + 2)).toEqual({ start: 5, end: 7 });
  });
});

describe('the text reader on the seed reports', () => {
  it.each([
    ['zhaohua-zfw-2022', '2022年度收、支总计1193.39万元。与2021年相比，收、支总计各增加615.65万元，增加106.56%。', '1、 收入支出决算总体情况说明', '1、 [bookmark: _Toc15396603][bookmark: _Toc15377205]收入支出决算总体情况说明'],
    ['miyi-zfw-2021', '2021年本年收入合计1652.54万元，其中：一般公共预算财政拨款收入614.67万元，占37.2%；', '二、机构设置\n县委政法委下属', '二、机构设置\n[bookmark: _Toc15396602][bookmark: _Toc15377204]县委政法委下属'],
  ])('%s: raw is the file, text is clean, quotes map back', async (name, sentence, heading, rawHeading) => {
    const path = join(SEEDS.pathname, `${name}.txt`);
    const doc = await readDocument(path);
    expect(doc.file).toBe(path);
    expect(doc.format).toBe('txt');
    expect(doc.raw).toBe(await readFile(path, 'utf8'));
    expect(doc.text).toContain(sentence);
    expect(doc.text).not.toMatch(/\[(?:bookmark|image):/);
    const at = doc.text.indexOf(heading);
    const span = doc.toRaw(at, at + heading.length);
    expect(doc.raw.slice(span.start, span.end)).toBe(rawHeading);
    expect(doc.pageAt(span.start)).toBeUndefined();
  });

  it('toRaw refuses a span outside the text', async () => {
    const doc = await readDocumentBytes(Buffer.from('收入。'), 'a.txt');
    expect(() => doc.toRaw(2, 1)).toThrow(RangeError);
    expect(() => doc.toRaw(0, 4)).toThrow(RangeError);
    expect(doc.toRaw(3, 3)).toEqual({ start: 3, end: 3 });
  });
});

describe('readDocument: files that cannot be opened', () => {
  it('names a missing file and a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-doc-'));
    await expect(readDocument(join(dir, '没有.pdf'))).rejects.toThrow(`无法读取“${join(dir, '没有.pdf')}”：文件不存在。`);
    await expect(readDocument(dir)).rejects.toThrow('这是一个文件夹，不是文件。');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(FIXTURES.pathname, 'zhaohua-excerpt.txt');
    await expect(readDocument(path, { maxFileBytes: 100 })).rejects.toThrow('文件过大（673 字节），上限为 100 字节。');
  });
});
