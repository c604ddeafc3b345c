/** The dataset fields for content the seeds publish: keyWork, sangong.fund, heldByType, expenditureIncludes. */
import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset } from '../../src/model/index.js';

const base = `format: juesuan-dataset/1
year: 2023
unit:
  name: 某某单位
  shortName: 某单位
  region: { province: 四川省 }
  level: 单位
  kind: 行政
  duties: [职责一]
  organisation: {}
  staffing: { authorized: {}, actual: {} }
income: { generalBudget: 10.00 }
expenditure:
  - { code: "2010301", basic: 10.00 }
basicExpense: {}
sangong: { budget: {}, actual: {} }
procurement: {}
assets: {}
`;

const messages = (text: string): string => {
  try {
    parseDataset(text, 'x.yaml');
  } catch (e) {
    if (e instanceof DatasetError) return e.message;
    throw e;
  }
  return '';
};

describe('content fields', () => {
  it('reads keyWork as the unit wrote it, and refuses an empty list', () => {
    const d = parseDataset(base.replace('  duties: [职责一]\n', '  duties: [职责一]\n  keyWork: { paragraphs: ["调解纠纷2450件，调解成功率99.3%。"] }\n'), 'x.yaml');
    expect(d.unit.keyWork).toEqual({ paragraphs: ['调解纠纷2450件，调解成功率99.3%。'] });
    expect(messages(base.replace('  duties: [职责一]\n', '  duties: [职责一]\n  keyWork: { paragraphs: [] }\n'))).toContain('至少一段');
  });
  it('sangong.fund is one of the two funds with 三公 tables', () => {
    expect(parseDataset(base.replace('sangong: {', 'sangong: { fund: govFund,'), 'x.yaml').sangong.fund).toBe('govFund');
    expect(messages(base.replace('sangong: {', 'sangong: { fund: stateCapital,'))).toContain('“generalBudget”（一般公共预算）或“govFund”');
  });
  it('公务用车 by body type must add up to the vehicles held', () => {
    const held = (v: string) => base.replace('sangong: { budget: {}, actual: {} }', `sangong: { budget: {}, actual: {}, vehicles: ${v} }`);
    expect(parseDataset(held('{ held: 1, heldByType: { 轿车: 0, 越野车: 1 } }'), 'x.yaml').sangong.vehicles.heldByType).toEqual({ 轿车: 0, 越野车: 1 });
    expect(messages(held('{ held: 0, heldByType: { 越野车: 1 } }'))).toContain('各车型合计1辆，与公务用车保有量0辆不一致');
  });
  it('expenditureIncludes takes 项 codes only', () => {
    const inc = (v: string) => `${base}expenditureIncludes: ${v}\n`;
    expect(parseDataset(inc('{ "2010301": ["2010350"] }'), 'x.yaml').expenditureIncludes).toEqual({ '2010301': ['2010350'] });
    expect(messages(inc('{ "20103": ["2010350"] }'))).toContain('应为7位数字');
    expect(messages(inc('{ "2010301": ["201"] }'))).toContain('应为7位数字');
  });
});
