// Writes src/parse/document/normalize/charTable.generated.ts from charMap.ts and OpenCC's table:
// `node --import tsx scripts/gen-char-table.ts` (test/parse/document/charTable.test.ts says when it is due).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import { charMappings, charTableModule } from '../src/parse/document/normalize/charMap.js';

const out = fileURLToPath(new URL('../src/parse/document/normalize/charTable.generated.ts', import.meta.url));
writeFileSync(out, charTableModule(charMappings(TS_CHARACTERS)));
console.log(`written: ${out}`);
