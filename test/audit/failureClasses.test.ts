/**
 * The failure classes seen on real published reports (issue 15), each with invented figures: a correct
 * statement of the class must give no finding, and the same statement made wrong must still give one.
 */
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';
import { normalizeText } from '../../src/parse/document/index.js';

const audit = (raw: string) => auditText(normalizeText(raw).text);
const rules = (raw: string, severity?: 'error' | 'warning') => audit(raw).findings.filter((f) => !severity || f.severity === severity).map((f) => f.rule);

const TITLE = '县农业局2022年度“三公”经费支出决算情况说明\n';

describe('1. change rate from the right base', () => {
  const ok = `${TITLE}2022年度一般公共预算财政拨款“三公”经费支出决算为62.07万元，比上年决算增加38.97万元，增长168.7%。其中：因公出国（境）费0万元；公务用车购置及运行维护费51.72万元，占83.33%；公务接待费10.35万元，占16.67%。`;
  it('a right rate and right shares give nothing', () => expect(audit(ok).findings).toEqual([]));
  it('a wrong rate is found', () => expect(rules(ok.replace('168.7%', '186.7%'), 'error')).toContain('TX-rate'));
  it('a wrong share is found', () => expect(rules(ok.replace('占83.33%', '占73.33%'))).toContain('TX-share'));
  it('without a year nothing tells this year from last: no finding', () => {
    expect(audit(ok.replace(TITLE, '').replace('2022年度', '本年度')).findings.filter((f) => f.rule === 'TX-rate')).toEqual([]);
  });
});

describe('2. rates with nothing to recompute, rates against a budget', () => {
  const text = `${TITLE}2022年度“三公”经费财政拨款支出决算数35.5万元，比上年预算数下降35.45%，比上年决算数下降34.26%。`;
  it('gives no finding; the rate against the budget is read as one', () => {
    const r = audit(text);
    expect(r.findings).toEqual([]);
    expect(r.claims.find((c) => c.value === '35.45')).toMatchObject({ measure: 'changeRate', against: 'budget' });
    expect(r.claims.find((c) => c.value === '34.26')?.against).toBeUndefined();
  });
  it('a rate against the budget is recomputed from the change against it', () => {
    const t = `${TITLE}2022年度“三公”经费支出共计9.07万元，较年初预算数减少10.93万元，下降54.65%。`;
    expect(audit(t).findings).toEqual([]);
    expect(rules(t.replace('54.65%', '45.65%'), 'error')).toContain('TX-rate');
  });
  it('a change against the year-start budget is not a change on last year', () => {
    const t = `${TITLE}2022年度“三公”经费支出8237.23万元，比年初预算增加1317.14万元。2021年度“三公”经费支出8000万元。`;
    expect(audit(t).findings).toEqual([]);
  });
});

describe('3. the figure before 年初预算 is the 决算', () => {
  const text = `${TITLE}2022年度“三公”经费支出决算1.2万元，年初预算为2.95万元，完成预算的40.68%。其中：因公出国（境）费支出0万元，年初预算为0万元；公务用车购置及运行维护费支出0万元，年初预算为0.95万元，其中：公务用车购置费0万元，公务用车运行维护费0万元，年初预算为0.95万元；公务接待费支出1.2万元，年初预算为2万元，完成预算的60%。`;
  it('no duplicate-value or parts finding', () => expect(audit(text).findings).toEqual([]));
  it('parts that exceed their 决算 whole are still found', () => {
    expect(rules(text.replace('公务用车购置费0万元，公务用车运行维护费0万元', '公务用车购置费0万元，公务用车运行维护费1.8万元'))).toContain('TX-parts');
  });
});

describe('4. enumerations and texts that start mid-document', () => {
  const list = '五、一般公共预算财政拨款支出决算情况说明\n2022年度一般公共预算财政拨款支出120.5万元，主要用于以下方面：\n一、一般公共服务支出100万元；\n二、外交支出0万元；\n三、国防支出0万元；\n四、社会保障和就业支出20.5万元。\n六、一般公共预算财政拨款基本支出决算情况说明\n2022年度一般公共预算财政拨款基本支出100.5万元。\n';
  it('a list of 功能分类 classes is not headings; a text beginning at 五 is partial', () => {
    expect(rules(list)).not.toContain('TX-numbering');
  });
  it('a gap under a heading of the level above is still found', () => {
    expect(rules(`第二部分 决算情况说明\n一、收入支出决算总体情况说明\n三、收入决算情况说明\n`)).toContain('TX-numbering');
  });
});

describe('5. fixed phrases are not template leftovers', () => {
  it('较上年无增加或减少', () => expect(rules(`${TITLE}2022年度因公出国（境）费支出0万元，较上年无增加或减少。`)).not.toContain('TX-template'));
  it('增加/减少 and 增长（下降） are', () => {
    // One finding for the line, quoting both.
    const f = audit(`${TITLE}因公出国（境）费支出决算比2021年增加/减少0万元，增长（下降）0%。`).findings.filter((x) => x.rule === 'TX-template');
    expect(f).toHaveLength(1);
    expect(f[0]!.spans).toHaveLength(2);
  });
  it('last year named in a comparison is not a leftover year; the same words on their own are', () => {
    const t = '2015年部门决算公开中三公经费部分增减变化情况说明\n2015年部门决算公开“三公”经费合计31.23万元，较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元。\n';
    expect(rules(t)).not.toContain('TX-template');
    expect(rules(t.replace('较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元', '详见2014年度部门决算公开'))).toContain('TX-template');
  });
});

describe('6. the tolerance follows the digits stated', () => {
  const text = `${TITLE}2022年度本年支出合计250.7219万元，其中：基本支出159.7634万元，占63.7%；项目支出90.9585万元，占36.3%。`;
  it('four-decimal 万元 and one-decimal shares that are right give nothing', () => expect(audit(text).findings).toEqual([]));
  it('占63% for 63.72% is a rounding fault (四舍五入 gives 64%)', () => {
    const f = audit(text.replace('占63.7%', '占63%')).findings.find((x) => x.rule === 'TX-share');
    expect(f?.expected).toBe('63.72');
  });
  it('元 amounts with thousands separators', () => {
    const t = `${TITLE}2022年度“三公”经费支出决算为390,118.10元，其中：公务用车购置及运行费支出决算为273,702.10元，占70.16%；公务接待费支出决算为116,416.00元，占29.84%。`;
    expect(audit(t).findings).toEqual([]);
    expect(rules(t.replace('占70.16%', '占71.16%'))).toContain('TX-share');
  });
});

describe('7. stand-alone sections', () => {
  it('a 三公 note published alone is not missing the other sections', () => {
    const r = audit(`${TITLE}一、“三公”经费财政拨款支出决算情况\n2022年度“三公”经费支出决算为10万元，其中：公务接待费10万元。\n`);
    expect(r.findings.map((f) => f.rule)).not.toContain('TX-sections');
  });
});
