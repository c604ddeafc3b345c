import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_FOLDERS, findCoreImportViolations, findLayerViolations, findWebViolations } from '../../scripts/check-core-imports.js';

describe('the core stays free of Node and I/O', () => {
  it('src/ has no core file importing Node, I/O packages or the I/O folders', () => {
    expect(findCoreImportViolations(fileURLToPath(new URL('../../src', import.meta.url)))).toEqual([]);
  });
  it('the guard catches each kind of violation', () => {
    const src = mkdtempSync(join(tmpdir(), 'core-'));
    mkdirSync(join(src, 'money'));
    writeFileSync(join(src, 'money', 'bad.ts'), [
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import { renderDocx } from '../render/docx/index.js';",
      "import { Document } from 'docx';",
      "import { z } from 'zod';",
      "import { wan } from './ok.js';",
    ].join('\n'));
    const v = findCoreImportViolations(src).map((x) => x.specifier);
    expect(v).toEqual(['node:fs', 'path', '../render/docx/index.js', 'docx']);
  });
});

describe('the layers import one way', () => {
  it('src/ keeps them: rules build no report tree, batch imports no cli, app imports none of its callers', () => {
    expect(findLayerViolations(fileURLToPath(new URL('../../src', import.meta.url)))).toEqual([]);
  });
  it('src/check, which composes report and rules for the browser, is core', () => {
    expect(CORE_FOLDERS).toContain('check');
  });
  it('the guard catches each kind of violation', () => {
    const src = mkdtempSync(join(tmpdir(), 'layers-'));
    const write = (file: string, lines: string[]) => {
      mkdirSync(join(src, file.split('/')[0]!), { recursive: true });
      writeFileSync(join(src, file), lines.join('\n'));
    };
    write('rules/pack.ts', [
      "import { buildReport } from '../report/build.js';",
      "import type { ReportTree } from '../report/tree.js';",
      "import { type BuildOptions, type Block } from '../report/build.js';",
      "export type { Section } from '../report/sections/index.js';",
      "import { inlineText } from '../report/tree.js';",
      "import { sectionText, type Section } from '../report/sections/index.js';",
      "const lazy = () => import('../report/build.js');",
      "export * from '../report/tables/index.js';",
      "import { flatten } from '../model/index.js';",
    ]);
    write('batch/task.ts', ["import { UserError } from '../cli/effects.js';", "import { renderDataset } from '../app/render.js';"]);
    write('app/service.ts', [
      "import { run } from '../cli/main.js';",
      "import { runBatch } from '../batch/pool.js';",
      "import type { Server } from '../server/index.js';",
      "import { queue } from '../worker/queue.js';",
      "import { RULE_PACK } from '../rules/index.js';",
      "import { UserError } from './effects.js';",
    ]);
    write('cli/main.ts', ["import { batchCommand } from '../batch/command.js';", "import { renderDataset } from '../app/render.js';"]);
    write('store/datasets.ts', ["import { reviewDataset } from '../app/review.js';", "import type { DatasetJson } from '../api/contract.js';"]);
    write('server/routes.ts', ["import { run } from '../cli/main.js';", "import { startWorker } from '../worker/index.js';", "import { listDatasets } from '../app/datasets.js';"]);
    write('worker/index.ts', ["import { createServer } from '../server/index.js';", "import { JOB_HANDLERS } from '../app/jobs.js';"]);
    const v = findLayerViolations(src).map((x) => `${x.file.split(/[\\/]/).join('/')} ${x.specifier}`);
    expect(v).toEqual([
      'rules/pack.ts ../report/build.js',
      'rules/pack.ts ../report/sections/index.js',
      'rules/pack.ts ../report/build.js',
      'rules/pack.ts ../report/tables/index.js',
      'batch/task.ts ../cli/effects.js',
      'app/service.ts ../cli/main.js',
      'app/service.ts ../batch/pool.js',
      'app/service.ts ../server/index.js',
      'app/service.ts ../worker/queue.js',
      'store/datasets.ts ../app/review.js',
      'server/routes.ts ../cli/main.js',
      'worker/index.ts ../server/index.js',
    ]);
  });
});

describe('the browser app imports only the core', () => {
  it('web/src keeps to it', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    expect(findWebViolations(join(root, 'web', 'src'), join(root, 'src'))).toEqual([]);
  });
  it('the guard catches Node modules and the I/O folders, in .ts and .tsx', () => {
    const root = mkdtempSync(join(tmpdir(), 'web-'));
    mkdirSync(join(root, 'web', 'src', 'pages'), { recursive: true });
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'web', 'src', 'pages', 'Editor.tsx'), [
      "import { readFileSync } from 'node:fs';",
      "import { checkDatasetWithReport } from '../../../src/check/index.js';",
      "import { ROLES } from '../../../src/api/contract.js';",
      "import { renderDataset } from '../../../src/app/render.js';",
      "import type { Store } from '../../../src/store/types.js';",
      "import { Button } from 'antd';",
      "import { api } from '../api.js';",
    ].join('\n'));
    writeFileSync(join(root, 'web', 'src', 'api.ts'), "import { openStore } from '../../src/store/index.js';");
    const v = findWebViolations(join(root, 'web', 'src'), join(root, 'src')).map((x) => `${x.file.split(/[\\/]/).join('/')} ${x.specifier}`);
    expect(v.sort()).toEqual([
      'web/src/api.ts ../../src/store/index.js',
      'web/src/pages/Editor.tsx ../../../src/app/render.js',
      'web/src/pages/Editor.tsx node:fs',
    ]);
  });
});
