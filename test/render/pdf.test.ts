import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import {
  ChromiumNotFoundError,
  DEFAULT_CHROMIUM_PATH,
  asciiIds,
  chromiumPath,
  createPdfRenderer,
  printHtml,
  renderPdf,
  type PdfRenderer,
} from '../../src/render/pdf/index.js';
import { buildReport } from '../../src/report/build.js';
import type { ReportTree, TableCell } from '../../src/report/tree.js';
import { EXAMPLES, loadExample, type ExampleName } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';

// Browser tests run wherever Chromium is installed; on CI a missing browser is a failure, not a skip.
const haveChromium = existsSync(chromiumPath()) || process.env.CI === 'true';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'juesuan-pdf-'));
});
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

/** Writes the PDF and runs a poppler tool on it (stderr dropped). */
async function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo', pdf: Uint8Array, name: string, args: string[] = []): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const tail = tool === 'pdftotext' ? [file, '-'] : [file];
  return execFileSync(tool, [...args, ...tail], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** pdftotext output without any whitespace, so phrases broken across lines still match. */
async function pdfText(pdf: Uint8Array, name: string, args: string[] = []): Promise<string> {
  return (await poppler('pdftotext', pdf, name, args)).replace(/\s+/g, '');
}

function pageSizes(info: string): string[] {
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/gm)].map((m) => m[1]!);
}

const chromiumChildren = (): Set<number> => {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there are no children
  }
  return new Set(
    out
      .split('\n')
      .filter((l) => /chrom/i.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[0])),
  );
};

describe('PDF renderer without a browser', () => {
  it('says in Chinese, without a stack, that Chromium is missing', async () => {
    const missing = '/nonexistent/chromium';
    const err = await createPdfRenderer({ executablePath: missing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChromiumNotFoundError);
    expect((err as Error).message).toBe(`未找到 Chromium（${missing}）：请先运行 bash scripts/setup.sh`);
    expect((err as Error).stack).toBe((err as Error).message);
    await expect(renderPdf(sampleTree, { executablePath: missing })).rejects.toThrow('未找到 Chromium');
  });

  it('defaults to $CHROMIUM_PATH, then /usr/bin/chromium', () => {
    const saved = process.env.CHROMIUM_PATH;
    try {
      delete process.env.CHROMIUM_PATH;
      expect(chromiumPath()).toBe(DEFAULT_CHROMIUM_PATH);
      process.env.CHROMIUM_PATH = '/opt/chromium/chrome';
      expect(chromiumPath()).toBe('/opt/chromium/chrome');
      expect(chromiumPath({ executablePath: '/x/chromium' })).toBe('/x/chromium');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('prints with glyf TrueType faces first and no faked bold', () => {
    const html = printHtml(sampleTree);
    expect(html).toMatch(/body \{[^}]*font-family: 'AR PL UMing CN', 'WenQuanYi Zen Hei'/);
    // Bold text is set in WenQuanYi Zen Hei at its own weight, never a faked bold of UMing/UKai.
    expect(html).toContain("h5, thead th, mark.todo, strong, b { font-family: 'WenQuanYi Zen Hei', 'AR PL UMing CN', sans-serif; font-weight: normal; }");
    expect(html).not.toContain('@font-face');
    expect(html).toContain('font-synthesis: none');
    expect(html).toContain('<thead>');
  });

  it('gives every id an ASCII name and keeps links pointing at it', () => {
    const html = printHtml(sampleTree);
    for (const m of html.matchAll(/\s(?:id|href)="#?([^"]*)"/g)) expect(m[1]).toMatch(/^[\x21-\x7e]+$/);
    const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/\shref="#([^"]*)"/g)) expect(ids.has(m[1])).toBe(true);
    for (const m of html.matchAll(/\saria-labelledby="([^"]*)"/g)) expect(ids.has(m[1])).toBe(true);

    const { html: out, ids: map } = asciiIds('<a href="#sec-一"></a><h2 id="sec-一"></h2><p id="pdf-1"></p><p id="ok"></p>');
    expect(out).toBe('<a href="#pdf-2"></a><h2 id="pdf-2"></h2><p id="pdf-1"></p><p id="ok"></p>');
    expect(map.get('sec-一')).toBe('pdf-2');
  });

  it('puts landscape tables on a landscape named page', () => {
    const portrait = printHtml(sampleTree);
    expect(portrait).not.toContain('@page landscape');
    const tree: ReportTree = {
      ...sampleTree,
      blocks: sampleTree.blocks.map((b) => (b.kind === 'table' ? { ...b, orientation: 'landscape' as const } : b)),
    };
    const html = printHtml(tree);
    expect(html).toContain('@page landscape { size: A4 landscape; }');
    expect(html).toContain("[id='tbl-sangong'] { page: landscape; }");
    expect(html).toContain('<figure class="table" id="tbl-sangong">');
  });
});

describe.skipIf(!haveChromium)('PDF renderer (Chromium)', () => {
  let renderer: PdfRenderer;
  const pdfs = new Map<ExampleName, Uint8Array>();

  beforeAll(async () => {
    renderer = await createPdfRenderer();
    // Both examples through one browser: batch rendering reuses it.
    for (const name of EXAMPLES) pdfs.set(name, await renderer.render(buildReport(loadExample(name), PROFILES.sichuan!)));
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('is a pdf renderer', () => {
    expect(renderer.format).toBe('pdf');
    expect(renderer.extension).toBe('pdf');
  });

  it.each(EXAMPLES)('renders %s as an A4 PDF of more than five pages', async (name) => {
    const pdf = pdfs.get(name)!;
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const info = await poppler('pdfinfo', pdf, `${name}-info`);
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThan(5);
    expect(info).toMatch(/Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it.each(EXAMPLES)('embeds %s with CID TrueType fonts only, no Type 3', async (name) => {
    const fonts = await poppler('pdffonts', pdfs.get(name)!, `${name}-fonts`);
    expect(fonts).toContain('CID TrueType');
    expect(fonts).not.toContain('Type 3');
    // Each face embedded once (a second copy of a CJK face costs a second subsetting).
    const faces = fonts.split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(faces.length).toBeGreaterThan(0);
    expect(new Set(faces).size).toBe(faces.length);
  });

  it('carries the 昭化 text and figures', async () => {
    const text = await pdfText(pdfs.get('zhaohua-zfw-2022')!, 'zhaohua');
    expect(text).toContain('中共广元市昭化区委政法委员会');
    expect(text).toContain('收、支总计1193.39万元');
    expect(text).toContain('增长106.56%');
    expect(text).toContain('占51.40%');
    expect(text).toContain('“三公”经费财政拨款支出预算与决算');
  });

  it('carries the 米易 text and figures', async () => {
    const text = await pdfText(pdfs.get('miyi-zfw-2021')!, 'miyi');
    expect(text).toContain('中共米易县委政法委员会');
    expect(text).toContain('占37.20%');
    expect(text).toContain('减少507.78万元');
  });

  it('numbers the pages "— n —"', async () => {
    const pdf = pdfs.get('zhaohua-zfw-2022')!;
    expect(await pdfText(pdf, 'p1', ['-f', '1', '-l', '1'])).toMatch(/—1—$/);
    expect(await pdfText(pdf, 'p2', ['-f', '2', '-l', '2'])).toMatch(/—2—$/);
    const raw = await poppler('pdftotext', pdf, 'p3', ['-f', '3', '-l', '3']);
    expect(raw).toMatch(/— 3 —/);
  });

  it('repeats table headers across pages and prints landscape tables on landscape pages', async () => {
    const c = (s: string, extra: Partial<TableCell> = {}): TableCell => ({ content: [s], ...extra });
    const rows = (n: number, cols: number) =>
      Array.from({ length: n }, (_, i) => [c(`科目${i + 1}`), ...Array.from({ length: cols - 1 }, (_, j) => c(`${i * 10 + j}.00`, { align: 'right' }))]);
    const tree: ReportTree = {
      title: ['测试单位', '2024年度单位决算'],
      meta: { unitName: '测试单位', year: 2024, profile: 'sichuan' },
      blocks: [
        { kind: 'heading', level: 1, numbering: '第一部分', text: '长表' },
        {
          kind: 'table',
          id: 'long',
          number: '公开01表',
          title: '长表',
          unitName: '测试单位',
          moneyUnit: '万元',
          header: [[c('项目', { rowSpan: 2 }), c('金额', { colSpan: 2 })], [c('本年数'), c('上年数')]],
          body: rows(70, 3),
        },
        {
          kind: 'table',
          id: 'wide',
          number: '公开02表',
          title: '宽表',
          unitName: '测试单位',
          moneyUnit: '万元',
          orientation: 'landscape',
          header: [[c('项目'), ...Array.from({ length: 11 }, (_, j) => c(`栏目${j + 1}`))]],
          body: rows(30, 12),
        },
        { kind: 'paragraph', content: ['宽表之后的正文。'] },
      ],
    };
    const pdf = await renderer.render(tree, { draftMark: '草稿（未通过审核）' });
    const sizes = pageSizes(await poppler('pdfinfo', pdf, 'tables-info', ['-f', '1', '-l', '99']));
    const portrait = sizes.filter((s) => s.startsWith('594')).length;
    const landscape = sizes.filter((s) => s.startsWith('841')).length;
    expect(portrait).toBeGreaterThanOrEqual(3);
    expect(landscape).toBeGreaterThanOrEqual(2);
    expect(sizes.at(-1)).toMatch(/^594/); // back to portrait after the wide table
    // Every page of either table carries its header labels, which appear nowhere else
    // (pdftotext's reading order in tables is unreliable, so no order is checked).
    let longPages = 0;
    let widePages = 0;
    for (let p = 1; p <= sizes.length; p++) {
      const text = await pdfText(pdf, `tables-${p}`, ['-f', String(p), '-l', String(p)]);
      const hasRows = /科目\d/.test(text);
      if (hasRows && sizes[p - 1]!.startsWith('594')) {
        longPages++;
        for (const h of ['项目', '金额', '本年数', '上年数']) expect(text).toContain(h);
      }
      if (hasRows && sizes[p - 1]!.startsWith('841')) {
        widePages++;
        for (const h of ['项目', '栏目1', '栏目11']) expect(text).toContain(h);
      }
      expect(text).toContain(`—${p}—`);
    }
    expect(longPages).toBeGreaterThanOrEqual(2);
    expect(widePages).toBeGreaterThanOrEqual(2);
    const fonts = await poppler('pdffonts', pdf, 'tables-fonts');
    expect(fonts).not.toContain('Type 3');
  });

  it('renders a one-off document with renderPdf (charts and bold text included, still no Type 3)', async () => {
    const pdf = await renderPdf(sampleTree, { draftMark: '草稿（未通过审核）' });
    const text = await pdfText(pdf, 'sample');
    expect(text).toContain('草稿（未通过审核）');
    expect(text).toContain('收、支总计1193.39万元');
    expect(text).toContain('【待补充：变动原因】');
    expect(await poppler('pdffonts', pdf, 'sample-fonts')).not.toContain('Type 3');
  });

  it('closes its browser: the process goes away and render() refuses', async () => {
    const before = chromiumChildren();
    const r = await createPdfRenderer();
    const started = [...chromiumChildren()].filter((pid) => !before.has(pid));
    expect(started.length).toBeGreaterThan(0);
    await r.render(sampleTree);
    await r.close();
    await r.close(); // twice is fine
    const after = chromiumChildren();
    for (const pid of started) expect(after.has(pid)).toBe(false);
    await expect(r.render(sampleTree)).rejects.toThrow('closed');
  });
});
