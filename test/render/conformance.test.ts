/**
 * One suite every renderer passes: render each example, read the text back,
 * and find every heading, paragraph and table cell of the tree in order.
 * Adding a format = one entry in RENDERERS below.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import { docxRenderer } from '../../src/render/docx/index.js';
import { docxToPdfAndPng } from '../../src/render/docx/preview.js';
import { htmlRenderer } from '../../src/render/html/index.js';
import { createPdfRenderer } from '../../src/render/pdf/index.js';
import type { Renderer } from '../../src/render/renderer.js';
import { textRenderer } from '../../src/render/text/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type ReportTree } from '../../src/report/tree.js';
import { EXAMPLES, loadExample } from '../examples.js';

const require = createRequire(import.meta.url);
const mammoth = require('mammoth') as { extractRawText(o: { buffer: Buffer }): Promise<{ value: string }> };

function decodeHtml(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const pdfReader = async (bytes: Uint8Array): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const file = join(dir, 'r.pdf');
  writeFileSync(file, bytes);
  // Page numbers ("— 3 —") fall in the middle of paragraphs that cross a page; printed in the
  // page's margin box, each comes first on its page, right after the form feed.
  return execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/^\f?— \d+ —$/gm, '');
};

const pdf = await (async () => {
  try {
    return await createPdfRenderer();
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    return undefined;
  }
})();
afterAll(async () => pdf?.close());

const RENDERERS: { renderer: Renderer; readBack: (bytes: Uint8Array) => Promise<string> }[] = [
  ...(pdf ? [{ renderer: pdf as Renderer, readBack: pdfReader }] : []),
  { renderer: htmlRenderer, readBack: async (b) => decodeHtml(new TextDecoder().decode(b)) },
  { renderer: docxRenderer, readBack: async (b) => (await mammoth.extractRawText({ buffer: Buffer.from(b) })).value },
  { renderer: textRenderer, readBack: async (b) => new TextDecoder().decode(b) },
];

/** Every piece of text the tree prints, in reading order. */
function expectedTexts(tree: ReportTree): string[] {
  const out: string[] = [...tree.title];
  for (const b of tree.blocks) {
    if (b.kind === 'heading') out.push(b.text);
    if (b.kind === 'paragraph') out.push(inlineText(b.content));
    if (b.kind === 'note') out.push(inlineText(b.content));
    if (b.kind === 'table') out.push(b.title, ...[...b.header, ...b.body].flat().map((c) => inlineText(c.content)));
  }
  return out.filter((t) => t.trim() !== '');
}

describe.each(RENDERERS)('$renderer.format renderer conformance', ({ renderer, readBack }) => {
  for (const name of EXAMPLES) {
    for (const profile of Object.keys(PROFILES)) {
      it(`${name} (${profile}): every text of the tree reads back, in order`, async () => {
        const tree = buildReport(loadExample(name), PROFILES[profile]!);
        const text = (await readBack(await renderer.render(tree))).replace(/\s+/g, '');
        let pos = 0;
        for (const t of expectedTexts(tree)) {
          const at = text.indexOf(t.replace(/\s+/g, ''), pos);
          expect(at, `"${t.slice(0, 40)}…" after position ${pos}`).toBeGreaterThanOrEqual(0);
          pos = at;
        }
      });
    }
  }
});

const hasLibreOffice = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v libreoffice && command -v pdftotext'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the generated DOCX opens in LibreOffice with the figures intact', () => {
  it.skipIf(!hasLibreOffice && process.env.CI !== 'true')('昭化 2022: DOCX → PDF → text keeps the key figures and Chinese text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lo-'));
    const docx = join(dir, 'zhaohua.docx');
    writeFileSync(docx, await docxRenderer.render(buildReport(loadExample('zhaohua-zfw-2022'), PROFILES.sichuan!)));
    const { pdf, pngs } = await docxToPdfAndPng(docx, dir);
    expect(pngs.length).toBeGreaterThan(5);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
    for (const s of ['收、支总计1193.39万元', '增长106.56%', '占51.40%', '占48.60%', '一般公共服务支出（类）555.67万元，占46.56%', '第三部分名词解释', '—1—']) {
      expect(text).toContain(s);
    }
    expect(readFileSync(pngs[0]!).subarray(1, 4).toString()).toBe('PNG');
  });
});
