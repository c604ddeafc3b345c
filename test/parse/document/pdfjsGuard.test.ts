// pdf.js's own parser exceptions are told apart from everything else (the reader drops only those
// when pdf.js leaves them unawaited; see src/parse/document/pdfjs.ts).
import { describe, expect, it } from 'vitest';
import { isPdfjsException, openPdf } from '../../../src/parse/document/pdfjs.js';

describe('isPdfjsException', () => {
  it('is true for what pdf.js throws on a file that is not a PDF, and for a copy of it passed between threads', async () => {
    const task = await openPdf(new TextEncoder().encode('%PDF-1.7\nnot a pdf at all\n%%EOF\n'));
    const error = await task.promise.then(() => undefined, (e: unknown) => e);
    await task.destroy();
    expect(isPdfjsException(error)).toBe(true);
    const { name, message, stack } = error as Error;
    expect(isPdfjsException({ name, message, stack })).toBe(true);
  });
  it('is false for any other error, even one with a pdf.js name', () => {
    expect(isPdfjsException(new Error('boom'))).toBe(false);
    const named = new Error('Bad (uncompressed) XRef entry: 9R');
    named.name = 'XRefEntryException';
    expect(isPdfjsException(named)).toBe(false);
    expect(isPdfjsException('XRefEntryException')).toBe(false);
    expect(isPdfjsException(null)).toBe(false);
  });
});
