/**
 * The PDF renderer prints on a small pool of reused pages: documents asked
 * for at the same time print side by side (as many as there are pages) or
 * wait for a page, and each comes out whole and its own, with the same text
 * as when printed one after another. Pages are reused, never more than the
 * pool's size, and a closed renderer refuses work, queued work included.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { chromiumPath, createPdfRenderer, MAX_PDF_PAGES, pdfPoolSize, type PdfRenderer } from '../../src/render/pdf/index.js';
import type { ReportTree } from '../../src/report/tree.js';
import { checkInputWithReport } from '../../src/check/index.js';
import { synthYaml } from '../../src/synth/index.js';

// As in pdf.test.ts: on CI a missing browser is a failure, not a skip.
const haveChromium = existsSync(chromiumPath()) || process.env.CI === 'true';

const dir = mkdtempSync(join(tmpdir(), 'pdf-reuse-'));
const text = (pdf: Uint8Array, name: string) => {
  const f = join(dir, `${name}.pdf`);
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};
const trees: { name: string; tree: ReportTree }[] = [0, 1, 2, 3].map((i) => {
  const d = parseDataset(synthYaml(12, i), `u${i}.yaml`);
  return { name: d.unit.name, tree: checkInputWithReport(d, findProfile(d.profile ?? 'sichuan')!).tree };
});

describe('PDF page-pool size', () => {
  it('defaults to the cores, at least 1 and at most MAX_PDF_PAGES', () => {
    expect(pdfPoolSize(1)).toBe(1);
    expect(pdfPoolSize(0)).toBe(1);
    expect(pdfPoolSize(-3)).toBe(1);
    expect(pdfPoolSize(2.7)).toBe(2);
    expect(pdfPoolSize(64)).toBe(MAX_PDF_PAGES);
    expect(MAX_PDF_PAGES).toBe(4);
    expect(pdfPoolSize()).toBeGreaterThanOrEqual(1);
    expect(pdfPoolSize()).toBeLessThanOrEqual(4);
    expect(() => pdfPoolSize(Number.NaN)).toThrow(RangeError);
  });
});

describe.skipIf(!haveChromium)('PDF renderer with a pool of reused pages', () => {
  let pdf: PdfRenderer;
  let one: PdfRenderer;
  /** Each document's text, printed one at a time on a one-page renderer. */
  const sequential: string[] = [];
  beforeAll(async () => {
    [pdf, one] = await Promise.all([createPdfRenderer({ pages: 3 }), createPdfRenderer({ pages: 1 })]);
    for (const [i, t] of trees.entries()) sequential.push(text(await one.render(t.tree), `seq${i}`));
  });
  afterAll(async () => {
    await pdf?.close();
    await one?.close();
  });

  it('has the pool size it was asked for; the default follows the cores', async () => {
    expect(pdf.pages).toBe(3);
    expect(one.pages).toBe(1);
    expect(one.openPages()).toBe(1);
  });

  it('prints N documents asked for at once side by side, each whole, its own, and as printed alone', async () => {
    // Twice the pool: the first three print at once, the rest wait for a page.
    const batch = [...trees, ...trees.slice(0, 2)];
    const out = await Promise.all(batch.map((t) => pdf.render(t.tree)));
    expect(pdf.openPages()).toBe(3); // all three pages were used…
    out.forEach((bytes, k) => {
      const i = k % trees.length;
      const t = text(bytes, `doc${k}`);
      expect(t).toBe(sequential[i]);
      expect(t).toContain(trees[i]!.name);
      for (const other of trees.filter((_, j) => j !== i)) if (!trees[i]!.name.includes(other.name)) expect(t).not.toContain(other.name);
      expect(Buffer.from(bytes.subarray(bytes.length - 8)).toString('latin1')).toMatch(/%%EOF\s*$/);
    });
    // …and are reused, not leaked, round after round.
    for (let round = 0; round < 2; round++) {
      await Promise.all(trees.map((t) => pdf.render(t.tree)));
      expect(pdf.openPages()).toBe(3);
    }
  });

  it('keeps to one page when asked for one, however many documents are asked for at once', async () => {
    const out = await Promise.all(trees.map((t) => one.render(t.tree)));
    expect(one.openPages()).toBe(1);
    out.forEach((bytes, i) => expect(text(bytes, `one${i}`)).toBe(sequential[i]));
  });

  it('prints the same document the same way the second time', async () => {
    const a = text(await pdf.render(trees[0]!.tree), 'again-a');
    const b = text(await pdf.render(trees[0]!.tree), 'again-b');
    expect(b).toBe(a);
  });

  it('closes a page after its printings and prints the same on a fresh one', async () => {
    // Two printings a page: each document with a 目录 takes a page's two (measuring, full), then the page goes.
    const r = await createPdfRenderer({ pages: 1, printingsPerPage: 2 });
    try {
      const first = text(await r.render(trees[1]!.tree), 'fresh-1');
      expect(r.openPages()).toBe(0);
      const second = text(await r.render(trees[1]!.tree), 'fresh-2');
      expect(second).toBe(first);
      expect(first).toBe(sequential[1]);
    } finally {
      await r.close();
    }
  });

  it('refuses documents still waiting for a page when closed, and closes twice', async () => {
    const r = await createPdfRenderer({ pages: 1 });
    const results = await Promise.allSettled(trees.map((t) => r.render(t.tree)).concat([r.close().then(() => new Uint8Array())]));
    await r.close();
    // Every document fails clearly (a print under way gets Playwright's "…has been closed").
    for (const x of results.slice(0, trees.length)) {
      expect(x.status).toBe('rejected');
      expect(String((x as PromiseRejectedResult).reason)).toMatch(/closed/);
    }
    expect(r.openPages()).toBe(0);
    await expect(r.render(trees[0]!.tree)).rejects.toThrow('PDF renderer is closed');
  });
});
