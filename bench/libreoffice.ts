/** LibreOffice's `--headless --convert-to pdf` of a DOCX, the yardstick for our PDF renderer. */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const LIBREOFFICE = '/usr/bin/libreoffice';

export function haveLibreOffice(): boolean {
  return existsSync(LIBREOFFICE);
}

/**
 * The command line converting `docx` to PDF in `outDir`, with a private profile
 * in `profileDir` (as parallel-safe runs need; stack.md pitfall 12). Run it with
 * HOME set to a scratch folder too.
 */
export function libreOfficeArgs(docx: string, outDir: string, profileDir: string): string[] {
  mkdirSync(profileDir, { recursive: true });
  return ['--headless', `-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--convert-to', 'pdf', '--outdir', outDir, docx];
}

/** The PDF LibreOffice writes for `docx` in `outDir`. */
export function libreOfficePdf(docx: string, outDir: string): string {
  return join(outDir, docx.replace(/^.*\//, '').replace(/\.docx$/, '.pdf'));
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
}
