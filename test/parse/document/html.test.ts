import { describe, expect, it } from 'vitest';
import { DocumentError, readDocumentBytes } from '../../../src/parse/document/index.js';
import { htmlToLines } from '../../../src/parse/document/readers/htmlLines.js';
import { htmlRenderer } from '../../../src/render/html/index.js';
import { EXAMPLES } from '../../examples.js';
import { exampleTree, expectInOrder, KEY_SENTENCES, keySentences } from './reportText.js';

const lines = (html: string) => htmlToLines(html, { maxDepth: 1000, maxTextLength: 1_000_000 });

describe('HTML → lines', () => {
  it('ends a line at every block element and <br>, and joins inline elements', () => {
    const html = '<h1>二、收入<span>决算</span>情况说明</h1><p>2022年本年收入合计<b>1193.39</b>万元。<br>年初无结转和结余。</p><div>一<div>二</div>三</div><ul><li>甲</li><li>乙</li></ul><section>丙</section>';
    expect(lines(html)).toBe('二、收入决算情况说明\n2022年本年收入合计1193.39万元。\n年初无结转和结余。\n一\n二\n三\n甲\n乙\n丙');
  });

  it('puts each table cell on its own line after a tab, an empty cell as a lone tab, and a blank line after each row', () => {
    const html = '<table><tr><th>项目</th><th>决算数</th></tr><tr><td><p>整体</p><p>目标</p></td><td></td></tr></table><p>后文</p>';
    expect(lines(html)).toBe('\t项目\n\t决算数\n\n\t整体\n目标\n\t\n\n后文');
  });

  it('skips script, style, svg, head, template and hidden elements', () => {
    const html =
      '<html><head><title>标题</title><style>p{color:red}</style></head><body><script>var a = "<p>不要</p>";</script>' +
      '<p>正文</p><svg><text>图中文字</text></svg><template><p>模板</p></template><p hidden>隐藏</p><p style="display: none">也隐藏</p><p>完</p></body></html>';
    expect(lines(html)).toBe('正文\n完');
  });

  it('ends a head that is never closed when body content begins', () => {
    expect(lines('<html><head><meta charset="utf-8"><p>正文一</p><p>正文二</p>')).toBe('正文一\n正文二');
  });

  it('decodes entities and collapses white space as a browser does', () => {
    const html = '<p>收入&amp;支出 &lt;合计&gt; &#x4E07;&#20803; &nbsp;&ldquo;三公&rdquo;</p><p>  前后   空白  </p>';
    expect(lines(html)).toBe('收入&支出 <合计> 万元 “三公”\n前后 空白');
  });

  it('drops a source line break between two CJK characters, keeps it as a space elsewhere', () => {
    expect(lines('<p>本年收\n  入1193.39\n万元 and\nmore</p>')).toBe('本年收入1193.39 万元 and more');
  });

  it('keeps the lines of <pre>', () => {
    expect(lines('<pre>第一行\n  第二行\n</pre><p>后</p>')).toBe('第一行\n  第二行\n后');
  });
});

describe('the HTML reader', () => {
  it('reads a GB18030 page that declares its charset', async () => {
    const gbk = Buffer.from([0x3c, 0x70, 0x3e, 0xbe, 0xf6, 0xcb, 0xe3, 0x3c, 0x2f, 0x70, 0x3e]); // <p>决算</p> in GBK
    const doc = await readDocumentBytes(gbk, '决算.html');
    expect(doc.format).toBe('html');
    expect(doc.raw).toBe('决算');
  });

  it('refuses a page without text', async () => {
    const err = await readDocumentBytes(Buffer.from('<html><body><script>x()</script><p> </p></body></html>'), 'empty.html').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as Error).message).toBe('无法读取“empty.html”：网页中没有可读取的正文文字。');
  });

  it.each(EXAMPLES)('%s: every heading and sentence of the rendered page reads back, in order', async (name) => {
    const tree = exampleTree(name);
    const doc = await readDocumentBytes(await htmlRenderer.render(tree), `${name}.html`);
    expect(doc.format).toBe('html');
    expect(doc.pageStarts).toBeUndefined();
    expect(doc.pageAt(0)).toBeUndefined();
    expectInOrder(doc.text, KEY_SENTENCES[name]);
    expectInOrder(doc.text, keySentences(tree));
    // Chart SVG text stays out; the tables are read cell by cell.
    expect(doc.raw).not.toMatch(/<\/?(?:p|span|div|table|td|svg|style)\b/);
    expect(doc.raw).toMatch(/\n\t合计\n\t1193\.39|\n\t合计\n\t1652\.54/);
  });
});
