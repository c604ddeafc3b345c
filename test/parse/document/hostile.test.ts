/**
 * Hostile and broken files: each is refused with a DocumentError whose
 * Chinese message names the file, quickly, never with a stray exception or a
 * hang. Random input into every reader gives a document or a DocumentError.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError, readDocumentBytes } from '../../../src/parse/document/index.js';
import { docxRenderer } from '../../../src/render/docx/index.js';
import { buildZip, deflatedZeros } from '../../xlsx/zip.js';
import { minimalDocx } from './docxFixture.js';
import { buildPdf } from './pdfFixture.js';
import { exampleTree } from './reportText.js';

/** Reads, expecting a refusal; returns its message and how long it took. */
async function refuse(bytes: Uint8Array, name: string): Promise<{ message: string; ms: number }> {
  const t0 = performance.now();
  const err = await readDocumentBytes(bytes, name).catch((e: unknown) => e);
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(DocumentError);
  const message = (err as Error).message;
  expect(message.startsWith(`无法读取“${name}”：`)).toBe(true);
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/\n\s+at /);
  return { message, ms };
}

let zhaohuaDocx: Uint8Array;
let bomb: Buffer;
const pdf = buildPdf([[{ text: '2022年度收、支总计1193.39万元。', x: 80, y: 700 }], [{ text: '— 2 —', x: 270, y: 60 }]]);

beforeAll(async () => {
  zhaohuaDocx = await docxRenderer.render(exampleTree('zhaohua-zfw-2022'));
  bomb = await deflatedZeros(100);
});

describe('hostile files are refused with a Chinese message naming the file, quickly', () => {
  const cases: [string, string, () => Uint8Array, RegExp][] = [
    ['an empty file', 'empty.txt', () => new Uint8Array(), /文件为空/],
    ['random binary', 'random.bin', () => Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251), /无法识别的文件格式/],
    ['a Word document cut in half', 'half.docx', () => zhaohuaDocx.subarray(0, zhaohuaDocx.length >> 1), /损坏|不完整/],
    ['a PDF cut in half', 'half.pdf', () => pdf.subarray(0, pdf.length >> 1), /PDF 文件不完整/],
    [
      'a zip bomb: document.xml declared at 600 MB',
      'bomb.docx',
      () => buildZip([...minimalDocx('').slice(0, 2), { name: 'word/document.xml', compressed: bomb, size: 600 * 1024 * 1024 }]),
      /解压后过大.*zip 炸弹/,
    ],
    [
      'a zip bomb that lies: document.xml declared at 1 KB, inflating to 100 MB',
      'liar.docx',
      () => buildZip([...minimalDocx('').slice(0, 2), { name: 'word/document.xml', compressed: bomb, size: 1000 }]),
      /比声明的大小.*更大.*zip 炸弹/,
    ],
    [
      'a honest 100 MB document.xml, over the XML limit',
      'huge.docx',
      () => buildZip([...minimalDocx('').slice(0, 2), { name: 'word/document.xml', compressed: bomb, size: 100 * 1024 * 1024 }]),
      /文档内容过大（XML 部分超过 64 MB）/,
    ],
    [
      'a PDF with garbage after its header',
      'garbage.pdf',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 104729 + 7) % 256)), Buffer.from('\n%%EOF\n')]),
      /不是有效的 PDF|PDF 无法解析/,
    ],
    ['an HTML page with 10,000 nested divs', 'deep.html', () => Buffer.from(`<html><body>${'<div>'.repeat(10_000)}深${'</div>'.repeat(10_000)}</body></html>`), /网页的元素嵌套超过 1000 层/],
    ['a Word document with 10,000 nested tables', 'deep.docx', () => buildZip(minimalDocx(`${'<w:tbl><w:tr><w:tc>'.repeat(10_000)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(10_000)}`)), /嵌套|无法解析/],
  ];

  it.each(cases)('%s', async (_, name, make, expected) => {
    const { message, ms } = await refuse(make(), name);
    expect(message).toMatch(expected);
    expect(ms).toBeLessThan(5000);
  });

  it('a file over the size limit', async () => {
    const { message } = await refuse(new Uint8Array(101 * 1024 * 1024), 'big.pdf');
    expect(message).toBe('无法读取“big.pdf”：文件过大（101 MB），上限为 100 MB。');
  });
});

/** Either a document or a DocumentError: anything else fails the property. */
async function readsOrRefuses(bytes: Uint8Array, name: string): Promise<void> {
  try {
    const doc = await readDocumentBytes(bytes, name);
    expect(doc.text.length).toBeLessThanOrEqual(doc.raw.length);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    expect(e.message.startsWith(`无法读取“${name}”：`)).toBe(true);
  }
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength });
const withPrefix = (prefix: string | Uint8Array, tail: fc.Arbitrary<Uint8Array>) =>
  tail.map((t) => new Uint8Array(Buffer.concat([typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix, t])));
const markup = fc
  .array(fc.oneof(fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<td>', '<tr>', '<table>', '<br>', '<script>', '</script>', '<svg>', '&amp;', '&#x4E07;', '&#9999999;', '<!--', '-->', '收入', '1193.39', '\n'), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''));
const wordXml = fc
  .array(fc.constantFrom('<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t>', '</w:t>', '<w:tbl>', '</w:tbl>', '<w:tr>', '</w:tr>', '<w:tc>', '</w:tc>', '<w:br/>', '<w:tab/>', '收入', '&lt;', '&bogus;', '<'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('random input into each reader gives a document or a DocumentError', () => {
  const run = { numRuns: 100 };
  it('text', async () => {
    await fc.assert(fc.asyncProperty(bytes(2000), (b) => readsOrRefuses(b, 'r.txt')), run);
  });

  it('HTML', async () => {
    await fc.assert(fc.asyncProperty(withPrefix('<html>', bytes(2000)), (b) => readsOrRefuses(b, 'r.html')), run);
    await fc.assert(fc.asyncProperty(markup, (s) => readsOrRefuses(Buffer.from(`<html><body>${s}`), 'm.html')), run);
  });

  it('Word', async () => {
    await fc.assert(fc.asyncProperty(withPrefix('PK\x03\x04', bytes(2000)), (b) => readsOrRefuses(b, 'r.docx')), run);
    await fc.assert(fc.asyncProperty(wordXml, (xml) => readsOrRefuses(buildZip(minimalDocx(xml)), 'w.docx')), run);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(255), (at, value) => {
        const b = new Uint8Array(zhaohuaDocx);
        b[at % b.length] = value;
        return readsOrRefuses(b, 'flip.docx');
      }),
      { numRuns: 10 },
    );
  });

  it('PDF', async () => {
    await fc.assert(fc.asyncProperty(withPrefix('%PDF-1.7\n', bytes(2000)).map((b) => Buffer.concat([b, Buffer.from('\n%%EOF\n')])), (b) => readsOrRefuses(b, 'r.pdf')), run);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }), (flips) => {
        const b = new Uint8Array(pdf);
        for (const [at, value] of flips) b[at % (b.length - 8)] = value;
        return readsOrRefuses(b, 'flip.pdf');
      }),
      run,
    );
  });
});
