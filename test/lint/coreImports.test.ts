import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCoreImportViolations } from '../../scripts/check-core-imports.js';

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
