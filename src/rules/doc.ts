/** docs/rules.md, generated from the rule pack (never written by hand). */
import { severityOf, TEXT_RULE_SEVERITIES } from './severity.js';
import type { Rule, RulePack } from './types.js';

const SEVERITY: Record<Rule['severity'], string> = { error: '错误 error', warning: '警告 warning', info: '提示 info' };
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function rulesMarkdown(pack: RulePack): string {
  const lines = [
    '# 审核规则 (rule pack)',
    '',
    `Generated from \`src/rules/pack/\` by \`npm run docs:rules\` — do not edit by hand. Rule pack version **${pack.version}**, ${pack.rules.length} rules.`,
    '',
    'Severity: **error** blocks generation and publishing (`juesuan render` refuses a final report; `--draft` renders a draft with every page marked 草稿（未通过审核/待补充）); **warning** needs a reviewer; **info** is a hint.',
    'Every rule run ends in pass, fail, not_applicable or insufficient_data. Dataset figures are the books (no tolerance); figures read from a published report are known only to their stated precision (half a unit per figure, XBRL calculation 1.1).',
    '',
    '| id | severity | scope | kind | what it checks | why | applies to |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of pack.rules) {
    const when = r.when?.unitKind ? r.when.unitKind.join('、') + '单位' : '全部';
    lines.push(`| ${r.id} | ${SEVERITY[r.severity]} | ${r.scope} | ${r.kind} | ${cell(r.title)} | ${cell(r.why)} | ${when} |`);
  }
  lines.push(
    '',
    '## Severities of the audit\'s text rules',
    '',
    'One severity per checked fact (`src/rules/severity.ts`): a text rule of `juesuan audit` that checks the same fact as a pack rule takes that rule\'s severity; the others have their own. An audit finding is 确定 only when this severity is error and the reading is certain, 疑似 otherwise.',
    '',
    '| text rule | severity | same fact as |',
    '|---|---|---|',
  );
  for (const [id, t] of Object.entries(TEXT_RULE_SEVERITIES)) lines.push(`| ${id} | ${SEVERITY[severityOf(id)]} | ${t.sameAs ?? '—'} |`);
  lines.push('', '## Messages and fix hints', '');
  for (const r of pack.rules) lines.push(`- **${r.id}** — ${r.message}。*${r.hint}*`);
  return `${lines.join('\n')}\n`;
}
