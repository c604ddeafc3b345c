import { describe, expect, it } from 'vitest';
import { DocumentError, readDocumentBytes } from '../../../src/parse/document/index.js';
import { docxRenderer } from '../../../src/render/docx/index.js';
import { EXAMPLES } from '../../examples.js';
import { buildZip } from '../../xlsx/zip.js';
import { minimalDocx } from './docxFixture.js';
import { exampleTree, expectInOrder, KEY_SENTENCES, keySentences } from './reportText.js';

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const cell = (...paras: string[]) => `<w:tc>${paras.map(p).join('')}</w:tc>`;

describe('the Word reader', () => {
  it('puts paragraphs on their own lines and table cells one per line after a tab, as the seeds show them', async () => {
    const body =
      p('广元市昭化区部门整体支出绩效目标自评表') +
      `<w:tbl><w:tr>${cell('主管部门')}${cell('广元市昭化区委政法委')}</w:tr><w:tr>${cell('整体', '目标')}${cell('')}</w:tr></w:tbl>` +
      p('2022年度收、支总计1193.39万元。');
    const doc = await readDocumentBytes(buildZip(minimalDocx(body)), '自评表.docx');
    expect(doc.format).toBe('docx');
    expect(doc.raw).toBe('广元市昭化区部门整体支出绩效目标自评表\n\t主管部门\n\t广元市昭化区委政法委\n\n\t整体\n目标\n\t\n\n2022年度收、支总计1193.39万元。');
    expect(doc.text).toContain('\t整体目标\n');
  });

  it.each(EXAMPLES)('%s: every heading and sentence of the rendered DOCX reads back, in order', async (name) => {
    const tree = exampleTree(name);
    const doc = await readDocumentBytes(await docxRenderer.render(tree), `${name}.docx`);
    expect(doc.format).toBe('docx');
    expect(doc.pageAt(10)).toBeUndefined();
    expectInOrder(doc.text, KEY_SENTENCES[name]);
    expectInOrder(doc.text, keySentences(tree));
    const at = doc.text.indexOf(KEY_SENTENCES[name][0]);
    const span = doc.toRaw(at, at + KEY_SENTENCES[name][0].length);
    expect(doc.raw.slice(span.start, span.end)).toBe(KEY_SENTENCES[name][0]);
  });

  it.each([
    ['an Excel workbook', [{ name: 'xl/workbook.xml', data: '<workbook/>' }], /Excel 工作簿（\.xlsx），不是 Word 文档/],
    ['a PowerPoint file', [{ name: 'ppt/presentation.xml', data: '<p/>' }], /PowerPoint/],
    ['an OpenDocument text', [{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 0 as const }, { name: 'content.xml', data: '<x/>' }], /OpenDocument/],
    ['another zip', [{ name: 'readme.txt', data: '你好' }], /不是 Word 文档（缺少 word\/document.xml）/],
    ['a password-protected entry', [{ name: 'word/document.xml', data: '<x/>', flags: 1 }], /文档已加密/],
    ['a document.xml that is not XML', [{ name: 'word/document.xml', data: '\u0000\u0001 这不是 XML <<<' }], /Word 文档内容无法解析/],
  ])('refuses %s', async (_, entries, message) => {
    const err = await readDocumentBytes(buildZip(entries), '报告.docx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as Error).message).toMatch(/^无法读取“报告\.docx”：/);
    expect((err as Error).message).toMatch(message);
  });
});
