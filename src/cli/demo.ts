/** `juesuan demo`: renders the bundled examples into ./out and prints where. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Effects } from '../app/effects.js';
import { RenderSession, renderFileToFolder, type RenderFileResult } from '../app/render.js';

/** The examples folder of this package (works from src/cli and dist/cli alike). */
export function examplesDir(): string {
  return fileURLToPath(new URL('../../examples/', import.meta.url));
}

export function exampleFiles(): string[] {
  const dir = examplesDir();
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** The whole disclosure bundle. */
export const DEMO_FORMATS = ['html', 'docx', 'pdf', 'xlsx', 'json'];

/**
 * Every example rendered as it stands: final when it passes its review, else
 * as a marked draft. Returns the files and, per example, what a draft lacks.
 */
export async function demoCommand(outDir: string, fx: Effects, formats: string[] = DEMO_FORMATS): Promise<{ file: string; result: RenderFileResult }[]> {
  const results: { file: string; result: RenderFileResult }[] = [];
  const session = new RenderSession();
  try {
    for (const file of exampleFiles()) results.push({ file, result: await renderFileToFolder(file, { outDir, formats, draft: true }, fx, session) });
  } finally {
    await session.close();
  }
  return results;
}
