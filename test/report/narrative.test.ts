import { describe, expect, it } from 'vitest';
import { flatten, isConceptId } from '../../src/model/index.js';
import { formatWan } from '../../src/money/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { renderText } from '../../src/render/text/index.js';
import { buildReport } from '../../src/report/build.js';
import { inlineText, type FigureRun, type Inline, type ReportTree } from '../../src/report/tree.js';
import { EXAMPLES, loadExample } from '../examples.js';
import { expectGolden } from '../golden.js';

const text = (name: (typeof EXAMPLES)[number], profile = 'sichuan') => renderText(buildReport(loadExample(name), PROFILES[profile]!));

function figures(tree: ReportTree): FigureRun[] {
  const out: FigureRun[] = [];
  const visit = (runs: Inline[]) => runs.forEach((r) => typeof r === 'object' && r.kind === 'figure' && out.push(r));
  for (const b of tree.blocks) {
    if (b.kind === 'paragraph' || b.kind === 'note') visit(b.content);
    if (b.kind === 'table') [...b.header, ...b.body].flat().forEach((c) => visit(c.content));
  }
  return out;
}

describe('generated narrative, golden files', () => {
  for (const name of EXAMPLES) {
    for (const profile of Object.keys(PROFILES)) {
      it(`${name} under the ${profile} profile matches its golden text`, () => {
        expectGolden(name, `${profile}.txt`, text(name, profile));
      });
    }
    it(`${name} flattens to the golden facts`, () => {
      const facts = flatten(loadExample(name)).map((f) => ({ ...f, value: f.value.toString(), precision: f.precision.toString() }));
      expectGolden(name, 'facts.json', `${JSON.stringify(facts, null, 1)}\n`);
    });
  }
});

describe('昭化 2022 states what the seed states, computed', () => {
  const t = text('zhaohua-zfw-2022');
  it.each([
    '2022年度收、支总计1193.39万元',
    '收、支总计各增加615.65万元，增长106.56%',
    '基本支出613.39万元，占51.40%',
    '项目支出580.00万元，占48.60%',
    '一般公共服务支出（类）555.67万元，占46.56%',
    '社会保障和就业支出（类）26.81万元，占2.25%',
    '卫生健康支出（类）10.04万元，占0.84%',
    '住房保障支出（类）20.87万元，占1.75%',
    '公共安全支出（类）580.00万元，占48.60%',
    '“三公”经费财政拨款支出决算为9.84万元，完成预算96.00%',
    '减少0.54万元，下降5.20%',
    '国内公务接待233批次、1450人次',
    '截至2022年12月31日',
  ])('%s', (s) => expect(t).toContain(s));
  it('never labels its own figures with the wrong year (the seed wrote 2021 in places)', () => {
    expect(t).not.toMatch(/2021年“三公”经费财政拨款支出决算中/);
    expect(t).not.toMatch(/截至2021年/);
  });
  it('leaves the missing prior-year 机关运行经费 visible instead of inventing it', () => {
    expect(t).toContain('机关运行经费变动情况【待补充：上年决算数】');
  });
});

describe('米易 2021 states what the seed states, computed', () => {
  const t = text('miyi-zfw-2021');
  it.each([
    '2021年本年收入合计1652.54万元',
    '一般公共预算财政拨款收入614.67万元，占37.20%',
    '政府性基金预算财政拨款收入1037.88万元，占62.80%',
    '与2020年相比减少507.78万元，下降23.50%',
    '与2020年相比减少527.78万元，下降24.21%',
    '基本支出414.67万元，占25.09%',
    '项目支出1237.87万元，占74.91%',
    // the seed printed 64.56% and 64.09%; recomputed from its own figures:
    '减少1120.12万元，下降64.57%',
    '完成预算64.06%',
    '公务用车购置及运行维护费支出决算3.13万元，占75.06%',
    '共有车辆1辆，其中：其他用车1辆',
  ])('%s', (s) => expect(t).toContain(s));
  it('asks for the reason the seed left out and the SME amounts it never stated', () => {
    expect(t).toContain('机关运行经费减少0.73万元，下降2.38%。主要变动原因是【待补充：变动原因】');
    expect(t).toContain('授予中小企业合同金额【待补充：授予中小企业合同金额】');
  });
});

describe('no figure in the generated text disagrees with the dataset', () => {
  for (const name of EXAMPLES) {
    it(`${name}: every stated figure matches its fact, and every year label is the report year or the one before`, () => {
      const d = loadExample(name);
      const tree = buildReport(d, PROFILES.sichuan!);
      const facts = flatten(d);
      let checked = 0;
      for (const f of figures(tree)) {
        expect([d.year, d.year - 1]).toContain(f.year);
        if (f.unit !== '万元') continue;
        const match = facts.filter(
          (x) => x.concept === f.concept && x.year === f.year && (x.scenario === f.scenario || (f.scenario === 'actual' && x.scenario === 'actual'))
            && JSON.stringify(x.dims) === JSON.stringify(f.dims ?? {}),
        );
        if (match.length === 0) continue;
        for (const m of match) expect(formatWan(m.value), `${f.concept} ${JSON.stringify(f.dims)}`).toBe(f.text);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
      // The unit's own 自评报告 prose (stated) may cite other years' documents; generated text may not.
      const prose = tree.blocks.map((b) => (b.kind === 'paragraph' && !b.stated ? inlineText(b.content) : b.kind === 'heading' ? b.text : '')).join('\n');
      const unquoted = prose.replace(/“[^”]*”/g, '');
      for (const m of unquoted.matchAll(/(\d{4})年/g)) expect([d.year, d.year - 1], m[0]).toContain(Number(m[1]));
    });
  }
});

describe('every figure names a concept of the taxonomy', () => {
  for (const name of EXAMPLES) {
    for (const profile of Object.keys(PROFILES)) {
      it(`${name} (${profile})`, () => {
        const tree = buildReport(loadExample(name), PROFILES[profile]!);
        const unknown = figures(tree)
          .map((f) => f.concept.replace(/^(share|change|change_pct|completion)\./, ''))
          .filter((c) => !isConceptId(c));
        expect([...new Set(unknown)]).toEqual([]);
      });
    }
  }
});
