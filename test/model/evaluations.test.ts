// The 绩效自评 of the seed reports, as transcribed into the example datasets:
// the figures and texts must stay exactly as the seeds print them (errors
// included), since the checker's findings are tested against them.
import { describe, expect, it } from 'vitest';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { datasetToYaml } from '../../src/model/save.js';
import type { Evaluation, EvaluationFundSource } from '../../src/model/schema.js';
import { EXAMPLES, loadExample } from '../examples.js';

function evaluation(d: Dataset, name: string): Evaluation {
  const hits = d.evaluations.filter((e) => e.name === name);
  expect(hits, `evaluation “${name}”`).toHaveLength(1);
  return hits[0]!;
}

function fund(e: Evaluation, source: EvaluationFundSource) {
  const row = e.funds.find((f) => f.source === source);
  expect(row, `${e.name}: ${source} row`).toBeDefined();
  return row!;
}

function indicator(e: Evaluation, level3: string) {
  const hits = e.indicators.filter((i) => i.level3 === level3);
  expect(hits, `${e.name}: indicator “${level3}”`).toHaveLength(1);
  return hits[0]!;
}

describe('绩效自评 of 昭化 2022', () => {
  const d = loadExample('zhaohua-zfw-2022');
  const dept = evaluation(d, '中共广元市昭化区委政法委员会');
  const xueliang = evaluation(d, '“雪亮工程”建设和运维费');
  const wangge = evaluation(d, '网格化管理经费');

  it('has the 部门整体 evaluation and the two project evaluations', () => {
    expect(d.evaluations).toHaveLength(3);
    expect(d.evaluations.map((e) => e.kind)).toEqual(['department', 'project', 'project']);
    for (const e of d.evaluations) {
      expect(e.department).toBe('广元市昭化区委政法委');
      expect(e.implementer).toBe('广元市昭化区委政法委');
      expect(e.year).toBe(2022);
      expect(e.selfScore).toBe('98');
    }
  });

  it('keeps the fund rows as printed, empty cells left out (年初预算数: the consistent one)', () => {
    // 年度资金总额 is empty on the 部门整体 form: no total row, no zeros.
    expect(dept.funds.map((f) => f.source)).toEqual(['fiscal', 'generalBudget']);
    // The form prints 年初预算数 1193.39; its report says 年初批复 1158.27 + 追加 35.12 (SEED comment).
    expect(fund(dept, 'fiscal')).toEqual({
      source: 'fiscal',
      initial: { fen: 1_158_270_000n, precision: 10_000n },
      annual: { fen: 1_193_390_000n, precision: 10_000n },
      executed: { fen: 1_193_390_000n, precision: 10_000n },
    });
    expect(xueliang.funds.map((f) => f.source)).toEqual(['total', 'fiscal', 'generalBudget']);
    expect(fund(xueliang, 'total').executed!.fen).toBe(560_000_000n);
    expect(fund(xueliang, 'generalBudget').initial!.fen).toBe(560_000_000n);
    expect(fund(wangge, 'total').annual!.fen).toBe(162_130_000n);
    expect(fund(wangge, 'total').executed!.fen).toBe(162_130_000n);
    for (const e of d.evaluations) expect(e.funds.some((f) => ['govFund', 'stateCapital', 'socialFund', 'other'].includes(f.source))).toBe(false);
  });

  it('keeps the figures the reports state', () => {
    expect(dept.stated.budget!.fen).toBe(1_193_390_000n);
    expect(dept.stated.executed!.fen).toBe(1_193_390_000n);
    expect(xueliang.stated.budget!.fen).toBe(560_000_000n);
    expect(xueliang.stated.executed!.fen).toBe(560_000_000n);
    expect(wangge.stated.budget!.fen).toBe(162_130_000n);
    expect(wangge.stated.executed!.fen).toBe(162_130_000n);
  });

  it('keeps every indicator, with target and actual text as printed', () => {
    expect(dept.indicators).toHaveLength(9);
    expect(xueliang.indicators).toHaveLength(13);
    expect(wangge.indicators).toHaveLength(14);

    expect(indicator(xueliang, '前端监控摄像机')).toEqual({
      level1: '产出指标', level2: '数量指标', level3: '前端监控摄像机', target: '≥1282个', actual: '1307',
    });
    expect(indicator(xueliang, '会议系统')).toMatchObject({ target: '171套', actual: '174' });
    expect(indicator(xueliang, '平台及其设备维护完好率')).toMatchObject({ target: '＞80%', actual: '80%' });
    expect(indicator(xueliang, '协助破案')).toMatchObject({ level1: '效益指标', level2: '社会效益指标', target: '≥5件', actual: '21' });
    expect(indicator(wangge, '网格员登录')).toMatchObject({ target: '≥2万件次', actual: '2.1' });
    expect(indicator(wangge, '参与公共服务')).toMatchObject({ target: '≥0.8万件次', actual: '1' });
    expect(indicator(wangge, '群众满意度')).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', target: '≥80%', actual: '90%' });
    // "指标1：机关运行经费" with no 年度指标值; the over-spent 运转类经费 with its deviation.
    expect(indicator(dept, '机关运行经费')).toMatchObject({ level2: '成本指标', target: '', actual: '267.14万元' });
    expect(indicator(dept, '平安昭化建设、雪亮工程建设等运转类经费')).toMatchObject({
      target: '≤891.13万元', actual: '926.25万元', deviation: '增加司法救助资金',
    });
    expect(indicator(dept, '建设更高水平的平安昭化，确保社会大局稳定')).toMatchObject({ target: '优良中差', actual: '优' });
    expect(dept.indicators.filter((i) => i.deviation !== undefined)).toHaveLength(1);
  });

  it('keeps goals, conclusions, problems and suggestions', () => {
    expect(xueliang.goals!.actual).toContain('前端监控摄像机1307台（点位）');
    expect(wangge.goals!.expected.split('\n')).toHaveLength(2);
    expect(dept.conclusion).toMatch(/自评得分为98分。$/);
    expect(dept.problems).toEqual([expect.stringMatching(/^预算编制精准性还有待进一步提高。/)]);
    expect(dept.suggestions).toEqual([expect.stringMatching(/^精准编制预算。/)]);
    // "存在的问题：无" / "相关措施建议：无".
    expect(xueliang.problems).toEqual([]);
    expect(xueliang.suggestions).toEqual([]);
    expect(wangge.problems).toHaveLength(1);
    expect(wangge.suggestions).toHaveLength(1);
  });

  it('keeps the report texts as written, without what the seed copied from the other report', () => {
    expect(Object.keys(xueliang.report)).toEqual(['前言', '项目基本情况', '项目实施及管理情况', '项目绩效情况']);
    expect(xueliang.report['前言']).toContain('结合我委2022年“雪亮工程”建设和运维费用项目实施情况');
    expect(xueliang.report['项目基本情况']).toContain('共计560万元');
    expect(xueliang.report['项目绩效情况']).not.toContain('专兼职网格员补助、电信业务使用费');
    expect(wangge.report['项目基本情况']).toContain('网格化管理服务项目于2022年年初通过预算申报，由财政预算下达指标，共计162.13万元。');
    expect(dept.report['部门财政收支情况']).toContain('2022年初财政批复预算收入1158.27万元');
  });
});

describe('绩效自评 of 米易 2021', () => {
  const d = loadExample('miyi-zfw-2021');
  const leaflet = evaluation(d, '“清廉米易 平安米易”进万家宣传册');
  const centre = evaluation(d, '米易县全响应中心提档升级项目');

  it('has the two project forms (and the 部门整体 report)', () => {
    expect(d.evaluations.length).toBeGreaterThanOrEqual(2);
    expect(d.evaluations.filter((e) => e.kind === 'project')).toHaveLength(2);
    for (const e of d.evaluations) {
      expect(e.department).toBe('中共米易县委政法委员会');
      expect(e.implementer).toBe('中共米易县委政法委员会');
      expect(e.year).toBe(2021);
    }
    const dept = d.evaluations.filter((e) => e.kind === 'department');
    if (dept.length > 0) {
      expect(dept).toHaveLength(1);
      expect(dept[0]!.selfScore).toBe('95');
      expect(dept[0]!.indicators).toEqual([]);
      expect(dept[0]!.funds).toEqual([]);
      expect(dept[0]!.problems).toHaveLength(2);
      expect(dept[0]!.suggestions).toHaveLength(3);
    }
  });

  it('reads the 元 amounts of the forms exactly', () => {
    expect(leaflet.funds.map((f) => f.source)).toEqual(['total', 'fiscal']);
    expect(fund(leaflet, 'total')).toEqual({
      source: 'total',
      annual: { fen: 16_737_500n, precision: 100n },
      executed: { fen: 16_737_500n, precision: 100n },
    });
    expect(fund(leaflet, 'fiscal').executed!.fen).toBe(16_737_500n);
    expect(fund(centre, 'total').annual).toEqual({ fen: 815_526_740n, precision: 10n });
    expect(fund(centre, 'total').executed!.fen).toBe(815_526_740n);
    expect(fund(centre, 'fiscal').executed!.fen).toBe(815_526_740n);
    for (const e of [leaflet, centre]) for (const f of e.funds) expect(f.initial).toBeUndefined();
  });

  it('keeps what the 全响应中心 report states, which is not what its form says', () => {
    expect(centre.selfScore).toBe('98');
    expect(centre.stated.budget!.fen).toBe(1_615_526_740n);
    expect(centre.stated.executed!.fen).toBe(1_615_526_740n);
    expect(centre.stated.executed!.fen).not.toBe(fund(centre, 'total').executed!.fen);
    expect(centre.report['项目资金申报及使用情况']).toContain('27,184,224.65元');
    expect(centre.problems).toHaveLength(1);
    expect(centre.suggestions).toHaveLength(1);
    expect(leaflet.selfScore).toBeUndefined();
    expect(leaflet.report).toEqual({});
  });

  it('keeps every indicator as printed, 一级 “完成指标” included', () => {
    expect(leaflet.indicators).toHaveLength(7);
    expect(centre.indicators).toHaveLength(9);
    expect(leaflet.indicators.map((i) => i.level1)).toEqual(['完成指标', '完成指标', '完成指标', '完成指标', '效益指标', '效益指标', '满意度指标']);
    expect(indicator(leaflet, '宣传册   垃圾桶')).toMatchObject({ target: '40000份7950个', actual: '宣传册 40000份    垃圾桶7950个' });
    expect(leaflet.indicators.find((i) => i.level2 === '成本指标')).toMatchObject({ level3: '金额', target: '167375元', actual: '167375元' });
    expect(centre.indicators.find((i) => i.level2 === '成本指标')).toMatchObject({ target: '8155267.4元', actual: '8155267.4元' });
    expect(indicator(centre, '提档升级项目')).toMatchObject({ target: '1个', actual: '完成' });
    expect(centre.indicators.map((i) => i.level2)).toEqual([
      '数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '满意度指标',
    ]);
    expect(centre.goals!.actual).toBe(centre.goals!.expected);
  });
});

describe('evaluations survive writing the dataset back', () => {
  it.each(EXAMPLES)('%s: parseDataset(datasetToYaml(d)) deep-equals d', (name) => {
    const d = loadExample(name);
    expect(d.evaluations.length).toBeGreaterThan(0);
    const back = parseDataset(datasetToYaml(d), `${name}.yaml`);
    expect(back.evaluations).toEqual(d.evaluations);
    expect(back).toEqual(d);
  });
});
