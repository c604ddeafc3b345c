/** Timing `libreoffice --headless --convert-to pdf` on a DOCX, the yardstick for our PDF renderer. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const LIBREOFFICE = '/usr/bin/libreoffice';

export function haveLibreOffice(): boolean {
  return existsSync(LIBREOFFICE);
}

/** Seconds for one conversion of `docx` to PDF (a private profile, as parallel-safe runs need; stack.md pitfall 12). */
export function libreOfficeSeconds(docx: string, scratch: string): number {
  const outDir = mkdtempSync(join(scratch, 'lo-out-'));
  const profile = join(scratch, 'lo-profile');
  mkdirSync(profile, { recursive: true });
  const t0 = performance.now();
  execFileSync(
    LIBREOFFICE,
    ['--headless', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', outDir, docx],
    { stdio: 'ignore', env: { ...process.env, HOME: scratch } },
  );
  const s = (performance.now() - t0) / 1000;
  if (!existsSync(join(outDir, docx.replace(/^.*\//, '').replace(/\.docx$/, '.pdf')))) throw new Error(`LibreOffice wrote no PDF for ${docx}`);
  return s;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
}
