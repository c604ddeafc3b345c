/**
 * Guards the core: model, money, classification, rules, report, performance,
 * profiles and audit must run in a browser, so they import nothing from Node,
 * no I/O package, and nothing from the I/O folders (render, parse, cli).
 * `npm run lint` runs this; test/lint/coreImports.test.ts runs it too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORE_FOLDERS = ['model', 'money', 'classification', 'rules', 'report', 'performance', 'profiles', 'audit'];
/** Packages the core may use: pure JavaScript, browser-safe. */
export const CORE_PACKAGES = ['zod', 'yaml'];

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  why: string;
}

function tsFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(tsFiles(p));
    else if (/\.ts$/.test(e) && !/\.test\.ts$/.test(e)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

export function findCoreImportViolations(srcDir: string): Violation[] {
  const builtins = new Set(builtinModules);
  const violations: Violation[] = [];
  for (const folder of CORE_FOLDERS) {
    for (const file of tsFiles(join(srcDir, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        const line = text.slice(0, m.index).split('\n').length;
        const rel = relative(srcDir, file);
        if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) {
          violations.push({ file: rel, line, specifier: spec, why: 'Node built-in module in the core' });
        } else if (spec.startsWith('.')) {
          const target = relative(srcDir, resolve(dirname(file), spec));
          const top = target.split(sep)[0]!;
          if (!CORE_FOLDERS.includes(top)) violations.push({ file: rel, line, specifier: spec, why: `imports from src/${top}, which is not core` });
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          if (!CORE_PACKAGES.includes(pkg)) violations.push({ file: rel, line, specifier: spec, why: `package ${pkg} is not allowed in the core` });
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const v = findCoreImportViolations(src);
  for (const x of v) console.error(`src/${x.file}:${x.line}: ${x.specifier} — ${x.why}`);
  if (v.length > 0) {
    console.error(`core import check: ${v.length} violation(s)`);
    process.exit(1);
  }
  console.log('core import check: the core imports nothing from Node or the I/O folders');
}
