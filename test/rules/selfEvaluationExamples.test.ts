/** The seeds' performance contradictions, found by `check` on the example data (issue 6). */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/profiles/index.js';
import { checkDataset } from '../../src/app/check.js';
import { loadExample } from '../examples.js';

const findings = (name: 'zhaohua-zfw-2022' | 'miyi-zfw-2021') =>
  checkDataset(loadExample(name), PROFILES.sichuan!).findings.filter((f) => f.rule.startsWith('PE'));

describe('seed self-evaluation contradictions', () => {
  it('昭化: cost indicators 450 vs 560, unmet ＞80% without a reason, copied 网格化 text, 98 vs 100, funds beyond 项目支出', () => {
    const f = findings('zhaohua-zfw-2022');
    const has = (rule: string, location: string, text?: string) =>
      expect(f.some((x) => x.rule === rule && x.location === location && (!text || x.message.includes(text))), `${rule} ${location}`).toBe(true);
    has('PE4', 'evaluations[1].indicators[7].actual', '450.00万元');
    has('PE5', 'evaluations[1].indicators[5].deviation', '平台及其设备维护完好率');
    has('PE6', 'evaluations[0].indicators[5].target', '机关运行经费');
    has('PE6', 'evaluations[0].indicators[0].actual', '单位不一致');
    has('PE8', 'evaluations[2].selfScore', '100.00');
    has('PE10', 'evaluations[2].report.项目实施及管理情况', '几乎相同');
    // The example's 雪亮工程 report no longer opens with the 网格化 project nor carries its 效益 paragraph.
    expect(f.filter((x) => x.rule === 'PE10' && x.location.startsWith('evaluations[1].'))).toEqual([]);
    has('PE11', 'evaluations[1].funds', '722.13');
    has('PE14', 'evaluations[1].report.项目绩效情况', '53件');
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('米易: 16,155,267.4元 in the report vs 8,155,267.4元 on the form, goals copied as results, a score without its form', () => {
    const f = findings('miyi-zfw-2021');
    expect(f.find((x) => x.rule === 'PE9' && x.location === 'evaluations[1].stated.executed')?.message).toContain('1615.52674万元');
    expect(f.filter((x) => x.rule === 'PE10' && x.location.endsWith('goals.actual'))).toHaveLength(2);
    expect(f.find((x) => x.rule === 'PE8' && x.location === 'evaluations[2].selfScore')?.message).toContain('未附评分表');
  });
  it('昭化 as published: the 雪亮工程 report opens with the 网格化 project and carries its 效益 paragraph (PE10)', () => {
    // The example carries the consistent text; the seed's copy is put back here.
    const d = structuredClone(loadExample('zhaohua-zfw-2022'));
    const report = d.evaluations[1]!.report;
    report['前言'] = report['前言']!.replace('“雪亮工程”建设和运维费用项目实施情况', '网格化管理经费项目实施情况');
    report['项目绩效情况'] += '\n（二）项目效益情况\n通过实施“雪亮工程”建设和运维项目，切实解决了专兼职网格员补助、电信业务使用费等资金需求，保障了有充足的人员到村、社区，深入网格，通过走家串户、网格巡查等方式，开展走访、核实信息、交换数据、上报信息、矛盾纠纷排查化解，主动发现和受理群众诉求，现场办结或通过APP报送、处理各类综治等事项，反映居民诉求，帮助人民群众解决实际困难，多形式化解网格难题，群众满意度、认可度高，充分保障了全区网格化工作开展，为昭化经济社会健康发展提供了强有力的支撑。';
    const f = checkDataset(d, PROFILES.sichuan!).findings.filter((x) => x.rule === 'PE10');
    expect(f.some((x) => x.location === 'evaluations[1].report.前言' && x.message.includes('网格化管理'))).toBe(true);
    expect(f.some((x) => x.location === 'evaluations[1].report.项目绩效情况' && x.message.includes('几乎相同'))).toBe(true);
  });
  it('finds nothing wrong in the 网格化 funds, which add up', () => {
    const f = findings('zhaohua-zfw-2022');
    expect(f.filter((x) => x.location.startsWith('evaluations[2].funds') || x.rule === 'PE1' || x.rule === 'PE2')).toEqual([]);
  });
});
