// Writes docs/rules.md from the rule pack: `npm run docs:rules`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rulesMarkdown } from '../src/rules/doc.js';
import { RULE_PACK } from '../src/rules/index.js';

const out = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
writeFileSync(out, rulesMarkdown(RULE_PACK));
console.log(`written: ${out}`);
