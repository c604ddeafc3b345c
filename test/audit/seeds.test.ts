// The two seed reports, read closely by hand: every contradiction listed in SEED_FINDINGS.md is found, and nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditText, type AuditResult } from '../../src/audit/index.js';

const seed = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'seeds', `${name}.txt`), 'utf8');

interface Expected {
  rule: string;
  severity: 'error' | 'warning';
  /** A fragment of the text one of the finding's spans covers. */
  quote: string;
  /** A fragment of the message. */
  says?: string;
}

function check(name: string, expected: Expected[]): void {
  const text = seed(name);
  const r: AuditResult = auditText(text);
  const quoted = r.findings.map((f) => ({ f, quotes: f.spans.map((s) => text.slice(s.start, s.end)) }));
  for (const e of expected) {
    it(`${e.rule} (${e.severity}) at “${e.quote}”${e.says ? `: ${e.says}` : ''}`, () => {
      const hit = quoted.find(({ f, quotes }) => f.rule === e.rule && f.severity === e.severity && quotes.some((q) => q.includes(e.quote)) && (!e.says || f.message.includes(e.says)));
      expect(hit, JSON.stringify(r.findings.filter((f) => f.rule === e.rule).map((f) => f.message))).toBeDefined();
    });
  }
  it('finds nothing else', () => {
    const extra = quoted.filter(({ f, quotes }) => !expected.some((e) => f.rule === e.rule && f.severity === e.severity && quotes.some((q) => q.includes(e.quote)) && (!e.says || f.message.includes(e.says))));
    expect(extra.map(({ f, quotes }) => `${f.severity} ${f.rule} ${f.message} @ ${quotes[0]}`)).toEqual([]);
  });
  it('reads the unit and the year', () => {
    expect(r.year).toBe(name.endsWith('2022') ? 2022 : 2021);
    expect(r.unit).toMatch(/政法委/);
  });
}

describe('昭化 2022 (zhaohua-zfw-2022)', () => {
  check('zhaohua-zfw-2022', [
    { rule: 'TX-year', severity: 'error', quote: '2021年', says: '写作“2021年”' }, // 三公（二）、政府性基金、国有资本经营
    { rule: 'TX-year', severity: 'error', quote: '555.67万元', says: '同一句又与2021年比较' },
    { rule: 'TX-year', severity: 'error', quote: '2021年', says: '截至2021年12月31日' },
    { rule: 'TX-year', severity: 'warning', quote: '2023年', says: '自评报告的标题' },
    { rule: 'TX-template', severity: 'error', quote: '（项目名称）' },
    { rule: 'TX-duplicate', severity: 'warning', quote: '267.14万元', says: '机关运行经费' },
    { rule: 'X5', severity: 'warning', quote: '555.67万元' },
    // The report's words against the form: PE9's fact, a warning in check, so 疑似 here (one severity table).
    { rule: 'PF-funds', severity: 'warning', quote: '1158.27万元', says: '年初预算' },
    { rule: 'PM5', severity: 'warning', quote: '560' },
    // Copied 自评 text is PE10's fact (a warning in check): 疑似.
    { rule: 'TX-project-name', severity: 'warning', quote: '网格化管理经费' },
    { rule: 'TX-copy', severity: 'warning', quote: '切实解决了专兼职网格员补助' },
    { rule: 'TX-numbering', severity: 'warning', quote: '5、 问题及建议' },
    { rule: 'PF-deviation', severity: 'warning', quote: '平台及其设备维护完好率' },
    { rule: 'PE4', severity: 'warning', quote: '雪亮工程建设费用', says: '450.00万元' },
    { rule: 'PE14', severity: 'warning', quote: '侦破各类案件53件', says: '协助破案' },
  ]);
  it('states three wrong-year sentences in the 决算情况说明', () => {
    const r = auditText(seed('zhaohua-zfw-2022'));
    expect(r.findings.filter((f) => f.rule === 'TX-year' && f.message.includes('在说明本年决算时'))).toHaveLength(3);
  });
});

describe('米易 2021 (miyi-zfw-2021)', () => {
  check('miyi-zfw-2021', [
    { rule: 'TX-completion', severity: 'error', quote: '116.5%' },
    { rule: 'TX-template', severity: 'error', quote: '增加/减少' },
    { rule: 'TX-template', severity: 'error', quote: '增长/下降' },
    { rule: 'TX-template', severity: 'error', quote: '（附相关评分表）' },
    { rule: 'TX-template', severity: 'error', quote: '（可用表格形式反映）' },
    { rule: 'TX-parts', severity: 'error', quote: '1辆', says: '公务用车保有量为0辆' },
    { rule: 'TX-change', severity: 'error', quote: '持平' },
    { rule: 'PM1', severity: 'error', quote: '18' },
    { rule: 'TX-numbering', severity: 'warning', quote: '（3） 部门财政资金支出情况' },
    { rule: 'TX-numbering', severity: 'warning', quote: '四、财政拨款收入支出决算总表' },
    { rule: 'TX-duplicate', severity: 'warning', quote: '1237.88万元' },
    { rule: 'TX-rate', severity: 'warning', quote: '64.56%' },
    { rule: 'PF-funds', severity: 'warning', quote: '16,155,267.4元' },
    { rule: 'PF-funds', severity: 'warning', quote: '（万元）', says: '进万家宣传册' },
    { rule: 'PF-funds', severity: 'warning', quote: '（万元）', says: '全响应中心提档升级项目' },
  ]);
});
