import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { renderText } from '../../src/render/text/index.js';
import { buildReport } from '../../src/report/build.js';

/** A small 事业 unit built for the edge cases the seeds do not show. */
const base = `
format: juesuan-dataset/1
year: 2024
unit:
  name: 某县示范事业中心
  shortName: 示范中心
  region: { province: 四川省 }
  level: 单位
  kind: 事业
  duties: [承担示范服务工作]
  organisation: {}
  staffing: { authorized: { 事业: 5 }, actual: { 事业: 5 }, retired: 0 }
income: { generalBudget: 100.00, business: 20.00 }
useOfNonFiscalBalance: 5.00
openingBalance: { generalBudget: 10.00 }
expenditure:
  - { code: "2050101", basic: 80.00, initialBudget: 90.00 }
  - { code: "2050101", fund: other, basic: 25.00 }
  - { code: "9999999", project: 20.00 }
closingBalance: { generalBudget: 10.00 }
basicExpense: { personnel: 70.00, public: 10.00 }
sangong:
  budget: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 }
  actual: { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, receptionDomestic: 0, receptionForeign: 0 }
procurement: { goods: 0, works: 0, services: 0 }
assets: {}
prior: { total.income: 135.00, expense.general_budget: 0 }
`;

const text = (yaml: string, profile = 'sichuan') => renderText(buildReport(parseDataset(yaml, 'edge.yaml'), PROFILES[profile]!));

describe('zero and edge cases get proper wording', () => {
  const t = text(base);
  it('carry-overs are spelled out when the totals include them', () => {
    expect(t).toContain('2024年度收、支总计135.00万元。收入总计包括本年收入合计120.00万元，使用非财政拨款结余5.00万元，年初结转和结余10.00万元；支出总计包括本年支出合计125.00万元，年末结转和结余10.00万元。');
  });
  it('a figure equal to last year is 持平, with no reason asked', () => {
    expect(t).toContain('与2023年相比，收、支总计持平。');
  });
  it('a zero base gives no percentage: 上年无此项', () => {
    expect(t).toContain('一般公共预算财政拨款支出增加100.00万元（上年无此项）。主要变动原因是【待补充：变动原因】。');
  });
  it('an unknown classification code becomes a visible gap, never a crash', () => {
    expect(t).toContain('9999999【待补充：科目名称】');
  });
  it('a completion rate below budget asks for its reason', () => {
    expect(t).toContain('预算数为90.00万元，完成预算88.89%，决算数小于预算数的主要原因是【待补充：变动原因】');
  });
  it('no 三公 spending and no budget is said plainly', () => {
    expect(t).toContain('“三公”经费财政拨款支出决算为0.00万元，年初未安排预算。');
    expect(t).toContain('均未发生支出');
  });
  it('empty 政府性基金 and 国有资本经营 sections stay, saying why their tables are empty', () => {
    expect(t).toContain('本单位2024年度无政府性基金预算财政拨款收入，也无使用政府性基金预算财政拨款安排的支出，故《政府性基金预算财政拨款收入支出决算表》为空表。');
    expect(t).toContain('故《国有资本经营预算财政拨款支出决算表》为空表。');
  });
  it('a 事业 unit has no 机关运行经费 and its glossary leaves the term out', () => {
    expect(t).toContain('示范中心为事业单位');
    expect(t).not.toContain('机关运行经费：指');
  });
  it('no 政府采购 is said, not printed as 0%', () => {
    expect(t).toContain('2024年，示范中心无政府采购支出。');
    expect(t).not.toMatch(/占政府采购支出总额的0\.00%/);
  });
  it('figures the data does not state are asked for, not printed as 0', () => {
    expect(t).toContain('单价50万元以上通用设备【待补充：数量】');
    expect(t).toContain('【待补充：开展了预算事前绩效评估项目数】');
  });
  it('no number in the text is NaN, Infinity or undefined', () => {
    expect(t).not.toMatch(/NaN|Infinity|undefined|null/);
  });
  it('a unit with no income at all still gets every section', () => {
    const empty = base
      .replace('income: { generalBudget: 100.00, business: 20.00 }', 'income: {}')
      .replace(/expenditure:[\s\S]*?closingBalance: \{ generalBudget: 10.00 \}/, 'expenditure: []')
      .replace('useOfNonFiscalBalance: 5.00\nopeningBalance: { generalBudget: 10.00 }\n', '');
    const e = text(empty);
    expect(e).toContain('2024年本年收入合计0.00万元，本年未取得收入。');
    expect(e).toContain('2024年本年支出合计0.00万元，本年未发生支出。');
    expect(e).toContain('本单位本年度无财政拨款收入和支出。');
    expect(e).toContain('无一般公共预算财政拨款支出。');
    expect(e).not.toMatch(/NaN|Infinity|undefined/);
  });
});
