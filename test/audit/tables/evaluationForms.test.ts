/**
 * 绩效自评表 forms in a PDF (cells wrapped over lines: indicator names, 实际完成值) read back as from HTML
 * and Word: the PDF reader lays a form out one cell per line, so the text rules' form reader
 * (audit/extract/evaluations.ts) sees the same cells in every format.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditText } from '../../../src/audit/index.js';
import { readDocumentBytes } from '../../../src/parse/document/index.js';
import { PROFILES } from '../../../src/profiles/index.js';
import { renderDocx } from '../../../src/render/docx/index.js';
import { renderHtml } from '../../../src/render/html/index.js';
import { chromiumPath, createPdfRenderer, type PdfRenderer } from '../../../src/render/pdf/index.js';
import { buildReport } from '../../../src/report/build.js';
import { COMPLETE_EXAMPLE, EXAMPLES, loadExample, type ExampleName } from '../../examples.js';

const haveChromium = existsSync(chromiumPath());
let pdf: PdfRenderer | undefined;
beforeAll(async () => {
  if (haveChromium) pdf = await createPdfRenderer();
}, 60_000);
afterAll(async () => pdf?.close());

/** What a form states: funds rows, indicators as printed, the total score. */
const formOf = (e: ReturnType<typeof auditText>['evaluations'][number]) => ({
  kind: e.kind,
  funds: e.funds,
  indicators: e.indicators,
  selfScore: e.selfScore,
});

describe.skipIf(!haveChromium)('绩效自评表 from PDF read as from HTML and DOCX', () => {
  for (const name of [...EXAMPLES, COMPLETE_EXAMPLE] as ExampleName[]) {
    it(name, async () => {
      const d = loadExample(name);
      const tree = buildReport(d, PROFILES[d.profile ?? 'sichuan']!);
      const read = async (bytes: Uint8Array, file: string) => auditText((await readDocumentBytes(bytes, file)).text).evaluations.map(formOf);
      const html = await read(new TextEncoder().encode(renderHtml(tree)), 'r.html');
      const docx = await read(await renderDocx(tree), 'r.docx');
      const fromPdf = await read(await pdf!.render(tree), 'r.pdf');
      expect(html.length).toBe(d.evaluations?.length ?? 0);
      expect(html.reduce((n, e) => n + e.indicators.length, 0)).toBeGreaterThan(10);
      expect(docx).toEqual(html);
      expect(fromPdf).toEqual(html);
    }, 120_000);
  }
});
