/**
 * Readings added from the real corpus (issue 15): tables copied as text ("a | b | c |" rows, or one cell per line),
 * 实有人数 with its 在职/离休/退休 parts, "YYYY年收入决算…", "收支较上年…", 一般公共预算收入 with 占调整预算/占年计划…的
 * completion, and "决算支出数为". Invented figures: the consistent text gives nothing, the wrong one is found.
 */
import { describe, expect, it } from 'vitest';
import { auditText } from '../../src/audit/index.js';
import { normalizeText } from '../../src/parse/document/index.js';

const audit = (raw: string) => auditText(normalizeText(raw).text);
const rules = (raw: string) => audit(raw).findings.map((f) => f.rule);
const read = (raw: string, concept: string) => audit(raw).claims.filter((c) => c.concept === concept).map((c) => `${c.measure}/${c.scenario}/${c.year}/${c.direction ?? ''}/${c.value}${c.unit}`);

describe('a 三公 table written as text rows', () => {
  const rows = [
    '某县2016年“三公”经费决算情况统计表 | ||||',
    '单位:万元 | ||||',
    '项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |',
    '增、减金额 | 增、减幅度 | |||',
    '合计 | 200.00 | 180.00 | -20.00 | -10.00% |',
    '1.因公出国(境)费 | 10.00 | 0 | -10.00 | -100% |',
    '2.公务接待费 | 90.00 | 80.00 | -10.00 | -11.11% |',
    '3.公务用车购置及运行费 | 100.00 | 100.00 | 0 | 0% |',
    '（1）公务用车购置费 | 0 | 0 | 0 | 0% |',
    '（2）公务用车运行费 | 100.00 | 100.00 | 0 | 0% |',
    '“三公”经费口径说明',
    '',
  ].join('\n');
  it('reads each cell by its row and column', () => {
    expect(read(rows, 'sangong.total')).toEqual(['level/actual/2015//200.00万元', 'level/actual/2016//180.00万元', 'change/actual/2016/down/20.00万元', 'changeRate/actual/2016/down/10.00%']);
    expect(read(rows, 'sangong.reception')).toEqual(['level/actual/2015//90.00万元', 'level/actual/2016//80.00万元', 'change/actual/2016/down/10.00万元', 'changeRate/actual/2016/down/11.11%']);
    expect(read(rows, 'sangong.vehicle_operation')[1]).toBe('level/actual/2016//100.00万元');
  });
  it('finds nothing when the table holds', () => expect(audit(rows).findings).toEqual([]));
  it('finds a wrong rate in a cell', () => expect(rules(rows.replace('-11.11%', '-13.11%'))).toContain('TX-rate'));
  it('finds a wrong change in a cell', () => expect(rules(rows.replace('| -20.00 |', '| -25.00 |'))).toContain('TX-change'));
  it('leaves a row it cannot name unread', () => {
    expect(audit(rows.replace('2.公务接待费', '2.会议费')).claims.some((c) => c.value === '80.00')).toBe(false);
  });
  it('leaves money cells without a unit unread (rates carry their own %)', () => {
    expect(audit(rows.replace('单位:万元 | ||||\n', '')).claims.filter((c) => c.unit !== '%')).toEqual([]);
  });
});

describe('a table copied one cell per line', () => {
  const cells = ['2020年度全区“三公”经费决算情况', '经费项目 |', '2020年度支出 (万元) |', '支出减少情况(万元) |', '支出减少率 |',
    '因公出国(境)费 |', '0 |', '0 |', '0% |', '公务接待费 |', '71.53 |', '- |', '- |', '公务用车购置及运行维护费 |', '1857.23 |', '- |', '- |',
    '总“三公”经费支出 |', '1928.76 |', '- |', '- |', '根据提供的数据，2020年度全区“三公”经费总支出为1928.76万元。', ''].join('\n');
  it('keeps the cells apart and reads them as rows', () => {
    expect(read(cells, 'sangong.reception')).toEqual(['level/actual/2020//71.53万元']);
    expect(read(cells, 'sangong.total')).toEqual(['level/actual/2020//1928.76万元', 'level/actual/2020//1928.76万元']);
    expect(audit(cells).findings).toEqual([]);
  });
  it('finds a total that the text states otherwise', () => {
    expect(rules(cells.replace('总支出为1928.76万元', '总支出为1938.76万元'))).toContain('TX-duplicate');
  });
});

describe('实有人数 and its 在职, 离休 and 退休 people', () => {
  const t = '某法院2020年度部门决算\n（三）人员情况\n本部门2020年年末实有人数90人，其中在职人员69人，离休人员0人，退休人员21人；年末其他人员0人。\n';
  it('finds nothing when they add up', () => expect(audit(t).findings).toEqual([]));
  it('finds parts that exceed the whole', () => {
    const f = audit(t.replace('实有人数90人', '实有人数69人')).findings;
    expect(f.map((x) => `${x.rule}/${x.severity}`)).toEqual(['TX-parts/error']);
    expect(f[0]!.message).toContain('实有人数为69人');
  });
  it('does not add 在职 kinds to 退休 people outside a 实有人数 whole', () => {
    expect(audit('某局2020年度部门决算\n年末在职人员18人，其中：行政人员8人，事业人员10人。离退休人员21人，其中退休人员21人。\n').findings).toEqual([]);
  });
});

describe('a year’s 收入决算 and 支出决算, and 收支 compared with last year', () => {
  const t = '某中学2019年度部门决算\n二、收入决算说明\n2019年收入决算43187160.08元，上年收入决算39312554.51元，与上年相比增9.86%。\n三、支出决算说明\n2019年支出决算500.00万元，上年支出决算400.00万元，与上年相比增25.00%。\n';
  it('reads them as 本年收入合计 and 本年支出合计 of both years and finds nothing when the rates hold', () => {
    expect(read(t, 'income.total')).toEqual(['level/actual/2019//43187160.08元', 'level/actual/2018//39312554.51元', 'changeRate/actual/2019/up/9.86%']);
    expect(audit(t).findings).toEqual([]);
  });
  it('finds a truncated rate as 疑似', () => {
    expect(audit(t.replace('增9.86%', '增9.85%')).findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(['TX-rate/warning']);
  });
  const s = '某中心2021年度部门决算\n1.总体情况。2021年度收入总计16062.73万元，支出总计16062.73万元。收支较上年决算数增加1995.90万元，增长14.19%。\n';
  it('reads 收支 as the totals', () => {
    expect(read(s, 'total.income').slice(1)).toEqual(['change/actual/2021/up/1995.90万元', 'changeRate/actual/2021/up/14.19%']);
    expect(audit(s).findings).toEqual([]);
    expect(rules(s.replace('14.19%', '16.19%'))).toContain('TX-rate');
  });
});

describe('a government’s 一般公共预算收入 and how much of the budget it reached', () => {
  const t = '某县2021年财政决算报告\n2021年，全县一般公共预算收入完成112853万元，占年计划100500万元的112.29%，同比增长21.41%。累计完成地方本级一般公共预算收入55969万元。\n一般公共预算支出906007万元，占调整预算97.4%。\n';
  it('reads the level, the plan, the completion and the rate; 地方本级 is another scope', () => {
    expect(read(t, 'income.general_budget')).toEqual(['level/actual/2021//112853万元', 'level/budget/2021//100500万元', 'completionRate/actual/2021//112.29%', 'changeRate/actual/2021/up/21.41%', 'level/actual/2021//55969万元']);
    expect(audit(t).claims.find((c) => c.value === '55969')?.dims).toEqual({ scope: '地方本级' });
    expect(read(t, 'expense.general_budget')).toEqual(['level/actual/2021//906007万元', 'completionRate/budget_adjusted/2021//97.4%']);
    expect(audit(t).findings).toEqual([]);
  });
  it('finds a completion rate the plan does not give', () => expect(rules(t.replace('112.29%', '102.29%'))).toContain('TX-completion'));
});

describe('决算支出数 after a budget in the same clause', () => {
  const t = '某县2023年“三公”经费决算说明\n2023年因公出国(境)费预算数为0万元，决算支出数为0万元；公务接待费预算数为310.37万元，决算支出数为249.29万元。\n';
  it('is the 决算 of the subject before', () => {
    expect(read(t, 'sangong.reception')).toEqual(['level/budget/2023//310.37万元', 'level/actual/2023//249.29万元']);
  });
});

describe('classes the fifth blind set showed', () => {
  it('a year in a reason clause dates an event, not the figures after the clause', () => {
    const t = '渝中区2017年“三公”经费决算情况说明\n2017年“三公”经费5834万元。其中：公车运行及维护4612万元，主要是2016年开展公车改革，车辆减少；公务接待费430万元，与上年持平。\n';
    expect(rules(t)).not.toContain('TX-year');
    expect(read(t, 'sangong.reception')[0]).toBe('level/actual/2017//430万元');
  });
  const wider = '岳阳市2016年“三公”经费决算情况说明\n2016年“三公”经费决算为19043万元，其中，公务接待费7494万元，因公出国(境)费382万元，公务用车购置及运行维护费11167万元(其中，公务用车购置费255万元，公务用车运行维护费7922万元，其他交通工具购置144万元，其他交通费用2846万元)。\n';
  it('a whole whose 其中 lists more kinds than the model knows, all adding up, is no finding', () => expect(audit(wider).findings).toEqual([]));
  it('…and when they do not add up, a lead (疑似), not certain', () => {
    expect(audit(wider.replace('2846万元', '2746万元')).findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(['X4-vehicle/warning']);
  });
  it('收入总计 under a 政府性基金 heading or line is that budget’s', () => {
    const t = '某镇2022年财政决算\n（一）一般公共预算收支情况\n全镇一般公共预算收入111.11万元，收入总计1867.48万元。\n（二）政府性基金预算收支情况\n全镇政府性基金收入0万元，收入总计0万元。\n（三）国有资本经营预算。收入：全区国有资本经营收入72万元，收入总计72万元。\n';
    expect(audit(t).claims.filter((c) => c.concept === 'total.income').map((c) => `${c.value}/${c.dims?.fund ?? ''}`)).toEqual(['1867.48/', '0/gov_fund', '72/state_capital']);
    expect(rules(t)).not.toContain('TX-duplicate');
  });
  it('a figure after a list closed by 等 is the list’s total, not its first item’s', () => {
    const t = '某镇2022年财政决算\n全镇一般公共预算财力1867.48万元。由一般公共预算收入111.11万元，加上级补助收入、上年结余、动用预算稳定调节基金等1756.37万元构成。\n';
    expect(read(t, 'income.superior_subsidy')).toEqual([]);
  });
  const gov = '某县2020年财政决算报告\n全县一般公共预算收入完成78.14亿元（县本级60.4亿元，高新区17.74亿元），完成调整预算的102.72%，同比增收2.07亿元，增长2.72%。\n';
  it('a bracketed aside does not end the subject; 增收 is a change', () => {
    expect(read(gov, 'income.general_budget')).toEqual(['level/actual/2020//78.14亿元', 'completionRate/budget_adjusted/2020//102.72%', 'change/actual/2020/up/2.07亿元', 'changeRate/actual/2020/up/2.72%']);
    expect(audit(gov).findings).toEqual([]);
  });
  it('a government’s rate that does not fit is a lead: it may be like-for-like (同口径)', () => {
    expect(audit(gov.replace('增长2.72%', '增长6.7%')).findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(['TX-rate/warning']);
  });
  it('drafting instructions and bracketed alternatives of the template are leftovers', () => {
    const t = '某档案馆2023年度部门决算\n一、部门/单位基本情况(比照预算公开的内容格式)\n(一)机构设置、职责(需公开内设机构数量和下属单位数量及名称)\n本馆内设3个科室。决算数小于预算数(或与预算数持平)的主要原因是节约开支。\n';
    expect(audit(t).findings.filter((f) => f.rule === 'TX-template').map((f) => f.stated)).toEqual(['(比照预算公开的内容格式)', '(需公开内设机构数量和下属单位数量及名称)', '(或与预算数持平)']);
    expect(rules('某馆2023年度部门决算\n本馆（或称档案中心）内设3个科室。\n')).not.toContain('TX-template');
  });
  it('a table titled with another year is a lead', () => {
    const t = '红河县2018年“三公”经费决算情况说明\n2018年全县“三公”经费决算数为1224.42万元。\n红河县2017年“三公”经费决算统计表\n单位:万元\n';
    expect(audit(t).findings.map((f) => `${f.rule}/${f.severity}/${f.stated}`)).toEqual(['TX-template/warning/2017年']);
    expect(rules(t.replace('红河县2017年', '红河县2018年'))).toEqual([]);
  });
  it('a text without a title takes the later of two body years when the earlier is a single slip', () => {
    const t = '六、一般公共预算财政拨款基本支出决算情况说明\n2023年一般公共预算财政拨款基本支出536.07万元，其中：人员经费489.18万元，公用经费46.89万元。\n七、“三公”经费\n2022年“三公”经费财政拨款支出决算为1.68万元。2023年“三公”经费财政拨款支出决算中，公务接待费支出决算0.28万元。\n';
    const r = audit(t);
    expect(r.year).toBe(2023);
    expect(r.findings.map((f) => f.rule)).toEqual(['TX-year']);
  });
});

describe('a whole report whose 附表 titles name the topics again', () => {
  const explanations = ['收入支出决算总体情况说明', '收入决算情况说明', '支出决算情况说明', '财政拨款收入支出决算总体情况说明', '一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款基本支出决算情况说明', '“三公”经费财政拨款支出决算情况说明']
    .map((h, i) => `${'一二三四五六七'[i]}、${h}\n本单位本年该项决算数为100.00万元，与上年相比持平，主要是业务需要。\n`).join('');
  const text = `某中心2024年度单位决算\n第二部分 2024年度单位决算情况说明\n${explanations}第三部分 名词解释\n1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。\n第五部分 附表\n一、收入支出决算总表\n项目 金额 100.00 万元 其他 说明文字若干\n二、国有资本经营预算财政拨款\n支出决算表 本单位无此项支出，以空表列示。金额 0 万元\n`;
  it('is whole (the 附表’s titles, even one cut over two lines, are not explanations the end must follow)', () => {
    expect(audit(text).summary.partial).toBe(false);
  });
  it('a text that stops after its explanations is still partial', () => {
    expect(audit(text.slice(0, text.indexOf('第三部分'))).summary.partial).toBe(true);
  });
});
