// Each text rule on a passing and a failing sentence.
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';

const doc = (body: string, year = 2022) => `第二部分 ${year}年度部门决算情况说明\n${body}\n`;
const rules = (body: string, year = 2022) => auditText(doc(body, year)).findings.map((f) => `${f.severity}:${f.rule}`);

describe('text rules', () => {
  it('TX-duplicate: the same figure stated twice with different values', () => {
    expect(rules('机关运行经费支出29.9万元。\n机关运行经费支出29.9万元。')).toEqual([]);
    // 疑似 since issue 15: on real reports read blind most such pairs were another scope, year or budget.
    expect(rules('机关运行经费支出29.9万元。\n机关运行经费支出31.2万元。')).toContain('warning:TX-duplicate');
    expect(rules('项目支出1237.87万元。\n项目支出1237.88万元。')).toContain('warning:TX-duplicate');
  });
  it('TX-year: an own figure labelled with last year; a real comparison is fine', () => {
    expect(rules('2022年政府性基金预算财政拨款支出0万元。与2021年相比，本年支出合计增加5.00万元。')).toEqual([]);
    expect(rules('2021年政府性基金预算财政拨款支出0万元。')).toContain('error:TX-year');
    expect(rules('截至2021年12月31日，共有车辆2辆。')).toContain('error:TX-year');
  });
  it('TX-share: 占X% recomputed from the part and the whole', () => {
    expect(rules('2022年本年支出合计1193.39万元，其中：基本支出613.39万元，占51.40%。')).toEqual([]);
    expect(rules('2022年本年支出合计1193.39万元，其中：基本支出613.39万元，占55.40%。')).toContain('error:TX-share');
  });
  it('TX-share: one last-digit unit off is the largest-remainder adjustment when the shares of the whole add to 100%', () => {
    // 42.10 / 773.29 = 5.4443…%: 四舍五入 gives 5.44, the largest remainder 5.45 so that the four add to 100.00.
    const s = (a: string, b: string) => `2023年一般公共预算财政拨款支出773.29万元，主要用于以下方面：社会保障和就业支出（类）71.79万元，占9.28%；卫生健康支出（类）23.75万元，占3.07%；住房保障支出（类）42.10万元，占${a}%；灾害防治及应急管理支出（类）635.65万元，占${b}%。`;
    expect(rules(s('5.45', '82.20'), 2023)).toEqual([]);
    expect(rules(s('5.44', '82.20'), 2023)).toEqual([]);
    // Adding to 100.01: no adjustment explains it.
    expect(rules(s('5.45', '82.21'), 2023)).toContain('warning:TX-share');
    // Two units off is wrong even when the group adds to 100.
    expect(rules(s('5.46', '82.19'), 2023)).toContain('error:TX-share');
  });
  it('TX-change: 增加 against both years, 增加 with a negative figure, 持平 beside a change', () => {
    expect(rules('机关运行经费支出29.9万元，比2021年30.63万元减少0.73万元。')).toEqual([]);
    expect(rules('机关运行经费支出29.9万元，比2021年30.63万元增加0.73万元。')).toContain('error:TX-change');
    expect(rules('机关运行经费支出29.9万元，比2021年30.63万元减少0.93万元。')).toContain('error:TX-change');
    expect(rules('机关运行经费支出29.9万元，比上年增加-0.73万元。')).toContain('error:TX-change');
    expect(rules('机关运行经费支出29.9万元，比2021年30.63万元减少0.73万元，与2021年持平。')).toContain('error:TX-change');
  });
  it('TX-rate: 增长Y% from the change and last year (implied by level − change)', () => {
    expect(rules('2022年度收、支总计1193.39万元。与2021年相比，收、支总计各增加615.65万元，增长106.56%。')).toEqual([]);
    expect(rules('2022年度收、支总计1193.39万元。与2021年相比，收、支总计各增加615.65万元，增长96.56%。')).toContain('error:TX-rate');
    expect(rules('2022年度收、支总计1193.39万元。与2021年相比，收、支总计各增加615.65万元，增长106.55%。')).toContain('warning:TX-rate');
  });
  it('TX-completion: against a stated budget and against the parts', () => {
    expect(rules('公务接待费支出9.6万元，预算数为10万元，完成预算96%。')).toEqual([]);
    expect(rules('公务接待费支出9.6万元，预算数为10万元，完成预算86%。')).toContain('error:TX-completion');
    const parts = '（一）一般公共预算财政拨款支出决算具体情况\n2022年一般公共预算支出决算数为30.00万元，完成预算%s。其中：\n1.卫生健康（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为10.00万元，完成预算100%。\n2.住房保障（类）住房改革支出（款）住房公积金（项）：支出决算为20.00万元，完成预算100%。';
    expect(rules(parts.replace('%s', '100%'))).toEqual([]);
    expect(rules(parts.replace('%s', '120%'))).toContain('error:TX-completion');
  });
  it('TX-parts: what 其中 lists cannot exceed its whole', () => {
    expect(rules('单位共有公务用车1辆，其中：轿车0辆、越野车1辆。')).toEqual([]);
    expect(rules('单位共有公务用车0辆，其中：轿车0辆、越野车1辆。')).toContain('error:TX-parts');
    expect(rules('政府采购支出总额10.00万元，其中：政府采购货物支出4.00万元、政府采购服务支出7.00万元。')).toContain('error:TX-parts');
  });
  it('TX-list and PM1: the count against the names listed', () => {
    expect(rules('对“甲”“乙”共2个项目开展了绩效自评。')).toEqual([]);
    expect(rules('对“甲”“乙”共3个项目开展了绩效自评。')).toContain('warning:TX-list');
    expect(rules('对“甲”“乙”“丙”等2个项目开展了预算事前绩效评估。')).toContain('error:PM1');
  });
  it('TX-numbering: 一、二、四 is a gap, a repeated number is an error', () => {
    expect(auditText('一、甲\n二、乙\n三、丙\n').findings).toEqual([]);
    expect(auditText('一、甲\n二、乙\n四、丙\n').findings.map((f) => f.rule)).toEqual(['TX-numbering']);
    expect(auditText('一、甲\n二、乙\n二、丙\n').findings.map((f) => f.rule)).toEqual(['TX-numbering']);
  });
  it('TX-template: placeholders and unresolved alternatives', () => {
    expect(rules('主要原因是人员增加。')).toEqual([]);
    for (const leftover of ['XX单位', '某某', '（此处填写原因）', '【待补充：原因】', '增加/减少']) expect(rules(`主要原因是${leftover}。`)).toContain('error:TX-template');
    expect(auditText('第二部分 2022年度部门决算情况说明\n2021年度部门决算\n').findings.map((f) => f.rule)).toContain('TX-template');
  });
  it('TX-sections: a whole report without its 政府采购 section', () => {
    const full = ['收入支出决算总体情况说明', '收入决算情况说明', '支出决算情况说明', '财政拨款收入支出决算总体情况说明', '一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款基本支出决算情况说明', '“三公”经费财政拨款支出决算情况说明', '政府性基金预算财政拨款支出决算情况说明', '国有资本经营预算财政拨款支出决算情况说明', '机关运行经费支出情况', '政府采购支出情况', '国有资产占用情况', '名词解释'];
    // A whole report: each heading with its explanation under it, running on to 名词解释.
    const body = '本部分说明本单位该项决算的有关情况，详见本报告所附的决算公开表及其说明。';
    const text = (titles: string[]) => `第二部分 2022年度部门决算情况说明\n${titles.map((t, i) => `${'一二三四五六七八九十'[i] ?? `十${'一二三'[i - 10]}`}、${t}\n${body}\n`).join('')}`;
    expect(auditText(text(full)).findings).toEqual([]);
    expect(auditText(text(full.filter((t) => t !== '政府采购支出情况'))).findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['error:TX-sections']);
    // The same headings as a 目录 (nothing under them) or a page cut off before its end: not a whole report.
    expect(auditText(`目录\n${full.map((t, i) => `${'一二三四五六七八九十'[i] ?? `十${'一二三'[i - 10]}`}、${t}`).filter((t) => !t.includes('政府采购')).join('\n')}\n`).findings.map((f) => f.rule)).not.toContain('TX-sections');
  });
});

describe('绩效自评 rules', () => {
  const form = (rate: string, score: string) => [
    '附件',
    '某某局项目支出绩效自评表',
    '项目名称', '甲项目', '主管部门', '某局', '实施单位', '某局',
    '项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '执行率',
    '年度资金总额', '100', '100', '90', rate,
    '绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施',
    '', '产出指标', '数量指标', '指标1：', '培训人数', '≥100人', '120人', '50', score, '',
    '总分', '100', score,
  ].join('\n');
  it('PF-rate: 执行率 against 执行数 / 全年预算数', () => {
    expect(auditText(form('90%', '50')).findings.filter((f) => f.rule === 'PF-rate')).toEqual([]);
    expect(auditText(form('95%', '50')).findings.filter((f) => f.rule === 'PF-rate').map((f) => f.severity)).toEqual(['error']);
  });
  it('PF-score: an indicator scored above its weight', () => {
    expect(auditText(form('90%', '50')).findings.filter((f) => f.rule === 'PF-score')).toEqual([]);
    expect(auditText(form('90%', '60')).findings.filter((f) => f.rule === 'PF-score').map((f) => f.severity)).toContain('error');
  });
});
