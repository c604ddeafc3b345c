/**
 * pdf.js (pdfjs-dist, the legacy build that runs on Node 20) opened the one
 * way this project reads PDFs: no eval, no font faces or system fonts, the
 * package's CMaps and standard fonts. Used by the report reader and by the
 * PDF renderer's 目录 pass (render/pdf/destinations.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * pdf.js's own exception classes (pdf.worker.mjs): what its parser throws on a
 * malformed file.
 */
const PDFJS_EXCEPTIONS = new Set([
  'ParserEOFException', 'XRefEntryException', 'XRefParseException', 'FormatError', 'InvalidPDFException',
  'MissingDataException', 'UnknownErrorException', 'UnexpectedResponseException', 'AbortException', 'PasswordException',
]);

/** An exception pdf.js raised while parsing (its classes carry their name and pdf.js's stack). */
export function isPdfjsException(e: unknown): boolean {
  // Also a copy of the error (a test runner passes errors between threads as plain objects).
  if (e === null || typeof e !== 'object') return false;
  const { name, stack } = e as { name?: unknown; stack?: unknown };
  return typeof name === 'string' && PDFJS_EXCEPTIONS.has(name) && typeof stack === 'string' && /pdfjs-dist/u.test(stack);
}

let guarded = false;
/**
 * pdf.js runs its "worker" in this thread (Node has no web worker for it), and
 * on some malformed files a promise inside it rejects with a parser exception
 * that nothing awaits — after the document we asked for was already refused.
 * Node would then stop the whole process (a command, the server). Such
 * rejections are dropped here; any other unhandled rejection keeps Node's
 * default (the process stops) when this is the only listener.
 */
function guardStrayRejections(): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => {
    if (isPdfjsException(reason)) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}

/** Starts loading a PDF; the caller awaits `.promise` and must `destroy()` the task. The bytes are copied (pdf.js detaches what it is given). */
export async function openPdf(bytes: Uint8Array) {
  guardStrayRejections();
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
