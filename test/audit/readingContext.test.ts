/**
 * Readings that depend on context beyond one sentence (issue 15, from the blind sets): a subject carried to the
 * next sentence of its line, the year of a text without a title, both halves of "财政拨款收入总计…，支出总计…",
 * budget parts under a budget heading, and a list of classes cut off at the end of a partial text. Each with
 * invented figures: the right statement gives nothing, the wrong one is still found.
 */
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';
import { normalizeText } from '../../src/parse/document/index.js';

const audit = (raw: string) => auditText(normalizeText(raw).text);
const rules = (raw: string) => audit(raw).findings.map((f) => f.rule);

describe('a sentence that opens with a comparison continues the subject before it on its line', () => {
  const text = '某卫生院2021年度部门决算公开说明\n（一）收入决算情况\n3.事业收入45.2932万元，为事业单位开展专业业务活动取得的收入。较上年度决算数增加14.3331万元，增长46.30%，主要是业务收入增加。\n';
  it('reads the change and the rate as the 事业收入’s and finds nothing when they hold', () => {
    const r = audit(text);
    expect(r.claims.filter((c) => c.concept === 'income.business').map((c) => c.measure)).toEqual(['level', 'change', 'changeRate']);
    expect(r.findings).toEqual([]);
  });
  it('finds a wrong rate there', () => expect(rules(text.replace('46.30%', '56.30%'))).toContain('TX-rate'));
  it('does not carry across lines', () => {
    const r = audit(text.replace('的收入。较上年度', '的收入。\n较上年度'));
    expect(r.claims.filter((c) => c.concept === 'income.business').map((c) => c.measure)).toEqual(['level']);
  });
  it('does not give a change after a 其中 list to its last part', () => {
    const t = '某局2022年度部门决算\n2022年末实有在职人员18人，其中：行政人员8人，事业人员10人。比上年增加2人。\n一般公共预算财政拨款支出100万元，其中：基本支出60万元，项目支出40万元。比上年增加20万元，增长25%。\n';
    const r = audit(t);
    expect(r.claims.filter((c) => c.measure === 'change' || c.measure === 'changeRate')).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a text without a title takes its year from the totals its body labels', () => {
  const body = '一、部门基本情况\n（一）收入支出决算总体情况说明\n2021年度收入总计16062.73万元，支出总计16062.73万元。本部门2021年度收入合计10911万元，较上年决算数减少1376.32万元，减少11.20%。本部门2021年度支出合计12638.86万元，较上年决算数增加5117.19万元，增长68.03%。\n';
  it('reads the year, 收入合计 and 支出合计, and finds nothing when the rates hold', () => {
    const r = audit(body);
    expect(r.year).toBe(2021);
    expect(r.claims.find((c) => c.value === '10911')?.concept).toBe('income.total');
    expect(r.claims.find((c) => c.value === '12638.86')?.concept).toBe('expense.total');
    expect(r.findings).toEqual([]);
  });
  it('finds a rate divided by this year instead of last year', () => {
    expect(audit(body.replace('减少11.20%', '减少12.61%')).findings.map((f) => [f.rule, f.severity])).toContainEqual(['TX-rate', 'error']);
  });
  it('takes the later of two years when it labels more of the totals (last year’s figure stated once)', () => {
    expect(audit(`${body}2020年度收入总计14066.83万元。\n`).year).toBe(2021);
  });
  it('takes no year when two years label the totals as often, or are not consecutive', () => {
    expect(audit(`${body}2020年度收入总计14066.83万元。2020年度支出总计14066.83万元。2020年度收入合计1万元。\n`).year).toBeUndefined();
    expect(audit(`${body}2019年度收入总计14066.83万元。\n`).year).toBeUndefined();
  });
});

describe('财政拨款收入总计 A，支出总计 A is the 财政拨款 total on both sides', () => {
  const text = '某中学2022年度部门决算\n2022年度收入总计6503.68万元，支出总计6503.68万元。\n2022年度财政拨款收入总计5939.19万元（含年初财政拨款结转和结余），支出总计5939.19万元（含年末财政拨款结转和结余）。\n';
  it('gives no duplicate of 支出总计', () => {
    const r = audit(text);
    expect(r.claims.filter((c) => c.value === '5939.19').map((c) => c.concept)).toEqual(['fiscal.total', 'fiscal.total']);
    expect(r.findings).toEqual([]);
  });
});

describe('under a heading about the budget, the parts of a budget are budget figures', () => {
  const text = '“三公”经费2018年预算执行情况如下：\n一、2018年年初预算\n2018年度一般公共预算财政拨款安排的“三公”经费预算54万元，其中：因公出国（境）费支出决算0万元；公务用车购置及运行费支出决算12万元；公务接待费支出决算42万元。\n二、2018年决算及变动\n2018年度一般公共预算财政拨款安排的“三公”经费决算支出51万元，其中：因公出国（境）费支出决算14万元；公务用车购置及运行费支出决算10万元；公务接待费支出决算27万元。\n';
  it('reads them as the budget and finds nothing', () => {
    const r = audit(text);
    expect(r.claims.filter((c) => c.value === '12' || c.value === '42').map((c) => c.scenario)).toEqual(['budget', 'budget']);
    expect(r.findings).toEqual([]);
  });
  it('still finds budget parts that do not add up', () => {
    expect(rules(text.replace('公务接待费支出决算42万元', '公务接待费支出决算32万元'))).not.toEqual([]);
  });
});

describe('a list of classes cut off at the end of a partial text', () => {
  const text = '某中学2022年度部门决算\n（二）一般公共预算财政拨款支出决算结构情况\n2022年度一般公共预算财政拨款支出5939.19万元，主要用于以下方面：教育支出（类）4836.62万元，占81.4%；';
  it('gives no sum finding (the list may go on beyond the cut)', () => {
    expect(rules(text).filter((r) => r.startsWith('X2-'))).toEqual([]);
  });
  it('a finished list that does not add up is still a lead', () => {
    expect(rules(`${text}社会保障和就业支出（类）600万元，占10.1%。\n`).filter((r) => r.startsWith('X2-'))).not.toEqual([]);
  });
});

describe('结转和结余', () => {
  it('is read as all money’s carry-over, and a rate said of it is recomputed', () => {
    const t = '一、部门基本情况\n本部门2021年度年末结转和结余3383.53万元，较上年减少1768.21万元，下降34.32%。本部门2021年度收入合计10911万元。\n';
    const r = audit(t);
    expect(r.claims.find((c) => c.value === '3383.53')?.concept).toBe('balance.closing');
    expect(r.findings).toEqual([]);
    expect(audit(t.replace('下降34.32%', '下降52.26%')).findings.map((f) => [f.rule, f.severity])).toContainEqual(['TX-rate', 'error']);
  });
  it('is not read in a sentence about 财政拨款 (its own carry-over is another figure)', () => {
    const t = '某局2022年度部门决算\n2022年政府性基金预算财政拨款收入2849.77万元，支出2764.09万元，年末结转和结余85.68万元。\n';
    expect(audit(t).claims.some((c) => c.concept.startsWith('balance.'))).toBe(false);
  });
  it('a change after a part of a 其中 whose whole is in the sentence is one reading only: at most 疑似', () => {
    const t = '某法院2020年度部门决算\n本部门2020年度收入总计3759.2万元，其中年初结转和结余1366.76万元，较2019年增加197.03万元，增加5.5%；\n';
    expect(audit(t).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
