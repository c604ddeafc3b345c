/**
 * The PDF renderer prints every document on one reused page: documents asked
 * for at the same time take turns, and each comes out whole and its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { createPdfRenderer, type PdfRenderer } from '../../src/render/pdf/index.js';
import type { ReportTree } from '../../src/report/tree.js';
import { datasetCheckInput } from '../../src/rules/index.js';
import { synthYaml } from '../../src/synth/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pdf-reuse-'));
const text = (pdf: Uint8Array, name: string) => {
  const f = join(dir, `${name}.pdf`);
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};
const trees: { name: string; tree: ReportTree }[] = [0, 1, 2].map((i) => {
  const d = parseDataset(synthYaml(12, i), `u${i}.yaml`);
  return { name: d.unit.name, tree: datasetCheckInput(d, findProfile(d.profile ?? 'sichuan')!).tree };
});

let pdf: PdfRenderer;
beforeAll(async () => {
  pdf = await createPdfRenderer();
});
afterAll(async () => {
  await pdf.close();
});

describe('PDF renderer with one reused page', () => {
  it('documents asked for at once each come out whole, with their own unit', async () => {
    const out = await Promise.all(trees.map((t) => pdf.render(t.tree)));
    out.forEach((bytes, i) => {
      const t = text(bytes, `doc${i}`);
      expect(t).toContain(trees[i]!.name);
      for (const other of trees.filter((_, j) => j !== i)) if (!trees[i]!.name.includes(other.name)) expect(t).not.toContain(other.name);
      expect(Buffer.from(bytes.subarray(bytes.length - 8)).toString('latin1')).toMatch(/%%EOF\s*$/);
    });
  });
  it('prints the same document the same way the second time', async () => {
    const a = text(await pdf.render(trees[0]!.tree), 'again-a');
    const b = text(await pdf.render(trees[0]!.tree), 'again-b');
    expect(b).toBe(a);
  });
});
