import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from '../../src/rules/doc.js';
import { RULE_PACK } from '../../src/rules/index.js';

describe('docs/rules.md', () => {
  it('is generated from the rule pack (run `npm run docs:rules` after changing a rule)', () => {
    const committed = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(committed).toBe(rulesMarkdown(RULE_PACK));
  });
  it('lists every rule with what it checks and why', () => {
    const md = rulesMarkdown(RULE_PACK);
    for (const r of RULE_PACK.rules) {
      expect(md).toContain(`| ${r.id} |`);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.why.length).toBeGreaterThan(5);
    }
  });
});
