/**
 * DOCX → PDF (LibreOffice) → PNG pages (pdftoppm), to look at what Word
 * readers will roughly see. Node-only; used by scripts/docx-preview.ts and the
 * LibreOffice test. Government font names are mapped by config/fonts.conf.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A failure with a message fit for the user (no stack trace needed). */
export class PreviewError extends Error {
  override name = 'PreviewError';
}

/** config/fonts.conf of this package (three folders up from src/render/docx or dist/render/docx). */
export const FONTS_CONF = fileURLToPath(new URL('../../../config/fonts.conf', import.meta.url));

/** The first of `names` found as an executable on PATH. */
export function findOnPath(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

interface RunResult {
  ok: boolean;
  output: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`.trim();
      if (!error) return resolve({ ok: true, output });
      const why = error.killed ? `timed out after ${timeoutMs / 1000} s` : error.message.split('\n')[0];
      resolve({ ok: false, output: `${why}\n${output}`.trim() });
    });
  });
}

/** The last lines of a tool's output, for an error message. */
function tail(text: string, lines = 6): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(-lines).join('\n');
}

/**
 * Converts `docxPath` to `<outDir>/<name>.pdf` with LibreOffice and then to
 * `<outDir>/<name>-<page>.png` at 60 dpi. Earlier output of the same name in
 * `outDir` is replaced. Throws a PreviewError naming the file on any failure.
 */
export async function docxToPdfAndPng(docxPath: string, outDir: string): Promise<{ pdf: string; pngs: string[] }> {
  const source = path.resolve(docxPath);
  const info = await stat(source).catch(() => undefined);
  if (!info?.isFile()) throw new PreviewError(`DOCX file not found: ${docxPath}`);

  const soffice = findOnPath(['libreoffice', 'soffice']);
  if (!soffice) {
    throw new PreviewError(
      `LibreOffice is not installed (no libreoffice or soffice on PATH), so ${docxPath} cannot be converted to PDF. ` +
        'Install it with: apt-get install --no-install-recommends libreoffice-writer-nogui',
    );
  }
  const pdftoppm = findOnPath(['pdftoppm']);
  if (!pdftoppm) {
    throw new PreviewError(
      `pdftoppm is not installed, so the PDF of ${docxPath} cannot be turned into PNG pages. ` +
        'Install it with: apt-get install poppler-utils',
    );
  }

  const target = path.resolve(outDir);
  await mkdir(target, { recursive: true });
  const base = path.basename(source).replace(/\.docx$/i, '');
  const pdf = path.join(target, `${base}.pdf`);
  const pagePattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.png$`);
  await rm(pdf, { force: true });
  for (const name of await readdir(target)) {
    if (pagePattern.test(name)) await rm(path.join(target, name), { force: true });
  }

  // A private HOME and LibreOffice profile per call: parallel runs sharing one profile race.
  const scratch = await mkdtemp(path.join(tmpdir(), 'juesuan-lo-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: scratch };
    if (existsSync(FONTS_CONF)) env.FONTCONFIG_FILE = FONTS_CONF;
    const profile = pathToFileURL(path.join(scratch, `lo-${process.pid}`)).href;
    const converted = await run(
      soffice,
      ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', target, source],
      env,
      180_000,
    );
    const pdfInfo = await stat(pdf).catch(() => undefined);
    if (!converted.ok || !pdfInfo || pdfInfo.size === 0) {
      throw new PreviewError(`LibreOffice could not convert ${docxPath} to PDF:\n${tail(converted.output) || '(no output)'}`);
    }

    const rasterised = await run(pdftoppm, ['-png', '-r', '60', pdf, path.join(target, base)], env, 120_000);
    if (!rasterised.ok) {
      throw new PreviewError(`pdftoppm could not render ${pdf} to PNG:\n${tail(rasterised.output) || '(no output)'}`);
    }
    const pngs = (await readdir(target))
      .map((name) => ({ name, page: pagePattern.exec(name)?.[1] }))
      .filter((entry): entry is { name: string; page: string } => entry.page !== undefined)
      .sort((a, b) => Number(a.page) - Number(b.page))
      .map((entry) => path.join(target, entry.name));
    if (pngs.length === 0) throw new PreviewError(`pdftoppm wrote no PNG pages for ${pdf}`);
    return { pdf, pngs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
