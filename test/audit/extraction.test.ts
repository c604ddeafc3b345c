// One test per sentence pattern the extraction must read (and the ones it must leave alone).
import { describe, expect, it } from 'vitest';
import { extractClaims, type Claim } from '../../src/audit/index.js';

const doc = (body: string, year = 2022) => `第二部分 ${year}年度部门决算情况说明\n${body}\n`;
const pick = (claims: Claim[], concept: string, measure = 'level') => claims.filter((c) => c.concept === concept && c.measure === measure).map((c) => `${c.value}${c.unit}@${c.year}`);

describe('extraction patterns', () => {
  it('reads a level, a change and a rate of one subject', () => {
    const { claims } = extractClaims(doc('2022年度收、支总计1193.39万元。与2021年相比，收、支总计各增加615.65万元，增长106.56%。'));
    expect(pick(claims, 'total.income_expense')).toEqual(['1193.39万元@2022']);
    expect(pick(claims, 'total.income_expense', 'change')).toEqual(['615.65万元@2022']);
    expect(pick(claims, 'total.income_expense', 'changeRate')).toEqual(['106.56%@2022']);
    expect(claims.find((c) => c.measure === 'change')!.baseYear).toBe(2021);
  });
  it('splits paired values between two concepts', () => {
    const { claims } = extractClaims(doc('2022年度收、支总计各是4125.49、4143.91万元。'));
    expect(pick(claims, 'total.income')).toEqual(['4125.49万元@2022']);
    expect(pick(claims, 'total.expense')).toEqual(['4143.91万元@2022']);
  });
  it('keeps 元 and 万元 and 4–6 decimals as written', () => {
    const { claims } = extractClaims(doc('基本支出4146701.19元，项目支出1237.874754万元，公用经费29.9000万元。'));
    expect(pick(claims, 'expense.basic')).toEqual(['4146701.19元@2022']);
    expect(pick(claims, 'expense.project')).toEqual(['1237.874754万元@2022']);
    expect(pick(claims, 'basic.public')).toEqual(['29.9000万元@2022']);
  });
  it('leaves "--%" alone and reads the rest of the sentence', () => {
    const { claims } = extractClaims(doc('公务接待费支出1.04万元，比上年增加1.04万元，增长--%。'));
    expect(pick(claims, 'sangong.reception')).toEqual(['1.04万元@2022']);
    expect(pick(claims, 'sangong.reception', 'changeRate')).toEqual([]);
  });
  it('reads 上年 as last year and a stated prior level in a comparison', () => {
    const { claims } = extractClaims(doc('上年收入总计577.74万元。机关运行经费支出29.9万元，比2021年30.63万元减少0.73万元，下降2.38%。'));
    expect(pick(claims, 'total.income')).toEqual(['577.74万元@2021']);
    expect(pick(claims, 'operating_cost')).toEqual(['29.9万元@2022', '30.63万元@2021']);
  });
  it('takes the report year for an own figure mislabelled with last year, keeping the label', () => {
    const { claims } = extractClaims(doc('2021年政府性基金预算财政拨款支出0万元。'));
    const c = claims.find((x) => x.concept === 'expense.gov_fund')!;
    expect(c.year).toBe(2022);
    expect(c.statedYear).toBe(2021);
  });
  it('takes a last-year label literally when the sentence also names the report year', () => {
    const { claims } = extractClaims(doc('2021年本年收入合计577.74万元，2022年本年收入合计1193.39万元。'));
    expect(pick(claims, 'income.total')).toEqual(['577.74万元@2021', '1193.39万元@2022']);
  });
  it('reads shares against the 其中 whole and an explicit base', () => {
    const { claims } = extractClaims(doc('2022年本年支出合计1193.39万元，其中：基本支出613.39万元，占51.40%。一般公共预算财政拨款支出1193.39万元，占本年支出合计的100%。'));
    expect(claims.filter((c) => c.measure === 'share').map((c) => `${c.concept}/${c.base?.concept}`)).toEqual(['expense.basic/expense.total', 'expense.general_budget/expense.total']);
  });
  it('reads 功能分类 lines by name or by code under a 一般公共预算 heading', () => {
    const text = doc('（三）一般公共预算财政拨款支出决算具体情况\n1.卫生健康（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为10.04万元，完成预算100%。\n2.221住房保障支出，22102住房改革支出，2210201住房公积金：支出决算为37.74万元。');
    const { claims } = extractClaims(text);
    expect(claims.filter((c) => c.measure === 'level').map((c) => `${c.concept}@${c.dims?.functional}=${c.value}`)).toEqual([
      'expense.general_budget@2101101=10.04', 'expense.general_budget@2210201=37.74',
    ]);
  });
  it('reads 三公 counts: 批次, 人次, 辆', () => {
    const { claims } = extractClaims(doc('国内公务接待233批次，1450人次。截至2022年12月31日，单位共有公务用车2辆，全年按规定更新购置公务用车1辆。'));
    expect(pick(claims, 'reception.batches')).toEqual(['233批次@2022']);
    expect(pick(claims, 'reception.people')).toEqual(['1450人次@2022']);
    expect(pick(claims, 'vehicles.held')).toEqual(['2辆@2022']);
    expect(pick(claims, 'vehicles.purchased')).toEqual(['1辆@2022']);
  });
  it('reads a named list next to its count, quoted or not', () => {
    const a = extractClaims(doc('组织对“甲项目”“乙项目”“丙项目”等18个项目开展了预算事前绩效评估，选取两个项目开展绩效监控。'));
    expect(a.lists.map((l) => [l.key, l.count, l.names.length, l.partial])).toEqual([['preAssessment', 18, 3, true], ['monitoring', 2, 0, false]]);
    const b = extractClaims(doc('对“雪亮工程”建设及运维费用和网格化管理经费两个项目开展了绩效自评。'));
    expect(b.lists[0]!.names).toEqual(['“雪亮工程”建设及运维费用', '网格化管理经费']);
  });
  it('puts a figure whose subject it cannot tell among the uncertain ones, not the claims', () => {
    const r = extractClaims(doc('2022年度收入1652.54万元，年度执行中追加经费35.12万元。'));
    expect(r.claims).toEqual([]);
    expect(r.uncertain.map((u) => u.value)).toEqual(['1652.54', '35.12']);
  });
  it('does not take years, document numbers or codes for figures', () => {
    const { claims, uncertain } = extractClaims(doc('根据《关于2023年工作的通知》(昭财发〔2023〕12号)，204公共安全支出。'));
    expect(claims).toEqual([]);
    expect(uncertain).toEqual([]);
  });
  it('reads the unit and year from the title', () => {
    const r = extractClaims('中共某县委政法委员会\n2022年度部门决算\n第一部分 部门概况\n');
    expect(r.year).toBe(2022);
    expect(r.unit).toBe('中共某县委政法委员会');
  });
  it('spans quote the figure', () => {
    const text = doc('2022年本年收入合计1193.39万元。');
    const c = extractClaims(text).claims[0]!;
    expect(text.slice(c.span.start, c.span.end)).toBe('1193.39万元');
  });
});
