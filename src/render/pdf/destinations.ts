/**
 * Where each named destination of a PDF lands: its 1-based page number.
 * Chromium writes a named destination for every element id that a link
 * points at (the 目录's links to the headings), so after one printing this
 * says on which page each heading was set. Read with pdf.js (pdfjs-dist,
 * the legacy build that runs on Node 20), no text extraction needed.
 */
import { openPdf } from '../../parse/document/pdfjs.js';

/** Destination name → page number (1-based). Names whose target page cannot be resolved are left out. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const task = await openPdf(pdf);
  try {
    const doc = await task.promise;
    const dests = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(dests)) {
      const ref = dest?.[0];
      if (ref === undefined || ref === null) continue;
      // A page reference ({num, gen}) or, in some writers, a page index.
      const index = typeof ref === 'number' ? ref : await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0]);
      pages.set(name, index + 1);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
