import { defineConfig } from 'vitest/config';
import { isPdfjsException } from './src/parse/document/pdfjs.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/reporters/summaryLine.ts'],
    // Rendering through LibreOffice takes a few seconds per document.
    testTimeout: 120_000,
    // pdf.js leaves a parser exception unawaited inside its same-thread worker on some malformed PDFs
    // (the hostile-PDF property finds them); the reader drops exactly those (parse/document/pdfjs.ts:
    // isPdfjsException), and vitest sees them through its own listener. Anything else still fails the run.
    onUnhandledError: (error) => !isPdfjsException(error),
    hookTimeout: 120_000,
  },
});
