/**
 * pdf.js (pdfjs-dist, the legacy build that runs on Node 20) opened the one
 * way this project reads PDFs: no eval, no font faces or system fonts, the
 * package's CMaps and standard fonts. Used by the report reader and by the
 * PDF renderer's 目录 pass (render/pdf/destinations.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Starts loading a PDF; the caller awaits `.promise` and must `destroy()` the task. The bytes are copied (pdf.js detaches what it is given). */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  });
}
