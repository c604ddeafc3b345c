/** `juesuan demo`: renders the bundled examples into ./out and prints where. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Effects } from './effects.js';
import { RenderSession, renderCommand } from './render.js';

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

export async function demoCommand(outDir: string, fx: Effects, formats: string[] = DEMO_FORMATS): Promise<string[]> {
  const written: string[] = [];
  const session = new RenderSession();
  try {
    for (const file of exampleFiles()) written.push(...(await renderCommand(file, { outDir, formats }, fx, session)));
  } finally {
    await session.close();
  }
  return written;
}
