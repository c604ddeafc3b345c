/**
 * Start-up (issue 16): the command line loads a command's modules when the
 * command runs. The help's copies of names from the services stay equal to
 * them, and a one-file `audit` of a .txt loads no reader, renderer or
 * library it does not use (checked in a fresh process, from the sources).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAFT_MARK, OUTPUT_FORMATS } from '../../src/app/render.js';
import { HELP_DEMO_FORMATS, HELP_DRAFT_MARK, HELP_OUTPUT_FORMATS } from '../../src/cli/args.js';
import { DEMO_FORMATS } from '../../src/cli/demo.js';

const root = join(import.meta.dirname, '..', '..');

describe('the help’s names', () => {
  it('are the services’ own', () => {
    expect(HELP_OUTPUT_FORMATS).toEqual(OUTPUT_FORMATS);
    expect(HELP_DRAFT_MARK).toBe(DRAFT_MARK);
    expect(HELP_DEMO_FORMATS).toEqual(DEMO_FORMATS);
  });
});

/** The packages and source folders a CLI run loaded, from a module-load hook in a fresh Node process. */
function loaded(args: string[]): { packages: Set<string>; sources: string[]; status: number | null } {
  const hook = `data:text/javascript,${encodeURIComponent(
    "export async function load(url, ctx, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, ctx); }",
  )}`;
  const script = `import { register } from 'node:module'; register(${JSON.stringify(hook)}); const { run } = await import('./src/cli/main.ts'); process.exitCode = await run(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const urls = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7));
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []).filter((p) => p !== 'tsx'));
  const sources = urls.flatMap((u) => /\/src\/(.+)$/.exec(u)?.[1] ?? []);
  return { packages, sources, status: r.status };
}

describe('what a command loads', () => {
  it('a one-file audit of a .txt: no docx, HTML or PDF reader, no renderer, no exceljs, no batch pool', () => {
    const { packages, sources, status } = loaded(['audit', join(root, 'test', 'fixtures', 'seeds', 'miyi-zfw-2021.txt')]);
    expect(status).toBe(1); // the seed has 确定 findings
    expect(sources).toContain('audit/audit.ts');
    for (const p of ['mammoth', 'bluebird', 'htmlparser2', 'pdfjs-dist', 'exceljs', 'playwright-core', 'fastify']) expect(packages).not.toContain(p);
    for (const s of sources) expect(s).not.toMatch(/^(render\/|parse\/document\/readers\/(docx|html|pdf)|parse\/xlsx\/|server\/|store\/|batch\/pool)/);
  });

  it('--help loads the command line only', () => {
    const { packages, sources, status } = loaded(['--help']);
    expect(status).toBe(0);
    expect([...packages]).toEqual(['commander']);
    for (const s of sources) expect(s).toMatch(/^(cli\/(main|args)|app\/effects|model\/limits|batch\/inputs)\.ts$/);
  });
});
