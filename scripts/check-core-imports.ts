/**
 * Guards the layers (design.md §2).
 *  - The core: model, money, classification, rules, report, check, performance,
 *    profiles and audit must run in a browser, so they import nothing from Node,
 *    no I/O package, and nothing from the I/O folders (render, parse, cli …).
 *  - One direction of imports above it (LAYER_RULES): the rules take the report
 *    tree as input and never build it (types only from report/, and the tree's
 *    own definition report/tree.ts); batch/ never imports cli/; app/ imports
 *    none of its callers (cli, batch, server, worker).
 * `npm run lint` runs this; test/lint/coreImports.test.ts runs it too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORE_FOLDERS = ['model', 'money', 'classification', 'rules', 'report', 'check', 'performance', 'profiles', 'audit', 'api'];
/** Packages the core may use: pure JavaScript, browser-safe. */
export const CORE_PACKAGES = ['zod', 'yaml', 'js-yaml'];

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

interface Import {
  /** Relative to srcDir. */
  file: string;
  line: number;
  specifier: string;
  /** `import type …`, `export type …`, or braces naming types only: erased at compile time. */
  typeOnly: boolean;
}

function importsOf(srcDir: string, file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const statement = m[0];
    const braces = /\{([^}]*)\}/.exec(statement)?.[1];
    const names = braces?.split(',').map((n) => n.trim()).filter(Boolean) ?? [];
    const typeOnly =
      m[1] !== undefined &&
      (/^(?:import|export)\s+type\s+(?!from\b)/.test(statement) ||
        (/^(?:import|export)\s*\{/.test(statement) && names.length > 0 && names.every((n) => /^type\s/.test(n))));
    return { file: relative(srcDir, file), line: text.slice(0, m.index).split('\n').length, specifier: m[1] ?? m[2] ?? m[3]!, typeOnly };
  });
}

export function findCoreImportViolations(srcDir: string): Violation[] {
  const builtins = new Set(builtinModules);
  const violations: Violation[] = [];
  for (const folder of CORE_FOLDERS) {
    for (const file of tsFiles(join(srcDir, folder))) {
      for (const { file: rel, line, specifier: spec } of importsOf(srcDir, file)) {
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

/** A folder that must not import some others (src/<from> → src/<forbidden>). */
export interface LayerRule {
  from: string;
  forbidden: readonly string[];
  /** Type-only imports are allowed (they are erased: nothing runs). */
  typesAllowed?: boolean;
  /** Modules (path under src, without extension) that may be imported anyway. */
  except?: readonly string[];
  why: string;
}

export const LAYER_RULES: readonly LayerRule[] = [
  {
    from: 'rules',
    forbidden: ['report'],
    typesAllowed: true,
    // The tree's own definition (its types and the readers of its text); it builds nothing.
    except: ['report/tree'],
    why: 'the rules take the report tree as input and never build it (src/check composes them)',
  },
  { from: 'batch', forbidden: ['cli'], why: 'the batch is called by the CLI, never the other way round' },
  { from: 'app', forbidden: ['cli', 'batch', 'server', 'worker'], why: 'the application layer is called by these, never the other way round' },
  { from: 'store', forbidden: ['app', 'cli', 'batch', 'server', 'worker'], why: 'the store is called by the application layer, never the other way round' },
  { from: 'server', forbidden: ['cli', 'batch'], why: 'the server calls app/ (and starts a worker), never the command line' },
  { from: 'worker', forbidden: ['cli', 'batch', 'server'], why: 'the worker calls app/, never the command line or the server' },
];

/**
 * The browser app (web/src) runs the pure core and speaks the API's contract:
 * from src/ it may import only the core folders (src/api among them), and nothing from Node.
 */
export function findWebViolations(webSrcDir: string, srcDir: string): Violation[] {
  const builtins = new Set(builtinModules);
  const files = (dir: string): string[] => readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(e) && !/\.test\.tsx?$/.test(e) ? [p] : [];
  });
  const violations: Violation[] = [];
  for (const file of files(webSrcDir)) {
    for (const imp of importsOf(webSrcDir, file)) {
      const spec = imp.specifier;
      const where = `web/src/${imp.file}`;
      if (spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) {
        violations.push({ file: where, line: imp.line, specifier: spec, why: 'Node built-in module in the browser app' });
      } else if (spec.startsWith('.')) {
        const target = relative(srcDir, resolve(dirname(file), spec));
        if (target.startsWith('..')) continue; // within web/
        const top = target.split(sep)[0]!;
        if (!CORE_FOLDERS.includes(top) && !imp.typeOnly) violations.push({ file: where, line: imp.line, specifier: spec, why: `the browser app imports src/${top}, which is not core (only the core and the API contract run in the browser)` });
      }
    }
  }
  return violations;
}

export function findLayerViolations(srcDir: string, rules: readonly LayerRule[] = LAYER_RULES): Violation[] {
  const violations: Violation[] = [];
  for (const rule of rules) {
    for (const file of tsFiles(join(srcDir, rule.from))) {
      for (const imp of importsOf(srcDir, file)) {
        if (!imp.specifier.startsWith('.')) continue;
        const target = relative(srcDir, resolve(dirname(file), imp.specifier)).split(sep).join('/');
        const top = target.split('/')[0]!;
        if (!rule.forbidden.includes(top)) continue;
        if (rule.typesAllowed && imp.typeOnly) continue;
        if (rule.except?.includes(target.replace(/\.(?:js|ts)$/, ''))) continue;
        violations.push({ file: imp.file, line: imp.line, specifier: imp.specifier, why: `src/${rule.from} imports src/${top}${rule.typesAllowed ? ' (only types may be)' : ''}: ${rule.why}` });
      }
    }
  }
  return violations;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const v = [...findCoreImportViolations(src), ...findLayerViolations(src), ...findWebViolations(join(src, '..', 'web', 'src'), src)];
  for (const x of v) console.error(`${x.file.startsWith('web/') ? '' : 'src/'}${x.file}:${x.line}: ${x.specifier} — ${x.why}`);
  if (v.length > 0) {
    console.error(`import check: ${v.length} violation(s)`);
    process.exit(1);
  }
  console.log('import check: the core imports nothing from Node or the I/O folders, the layers import one way, and the browser app imports only the core');
}
