/**
 * Usage: node --import tsx scripts/docx-preview.ts <file.docx> [outdir]
 *
 * Converts a DOCX to PDF with LibreOffice and to PNG pages (60 dpi) with
 * pdftoppm, then prints the paths. outdir defaults to the DOCX's folder.
 */
import path from 'node:path';
import { PreviewError, docxToPdfAndPng } from '../src/render/docx/preview.js';

async function main(argv: readonly string[]): Promise<number> {
  const [docx, outDir] = argv;
  if (!docx || argv.length > 2 || docx === '-h' || docx === '--help') {
    process.stderr.write('Usage: node --import tsx scripts/docx-preview.ts <file.docx> [outdir]\n');
    return 2;
  }
  try {
    const { pdf, pngs } = await docxToPdfAndPng(docx, outDir ?? path.dirname(docx));
    process.stdout.write(`${[pdf, ...pngs].join('\n')}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof PreviewError ? error.message : `Preview of ${docx} failed: ${String((error as Error)?.message ?? error)}`;
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
