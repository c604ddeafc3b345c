import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../../test/examples.js';
import { computeAccounts, type Dataset } from '../model/index.js';
import { wan } from '../money/index.js';
import type { ChartBlock, ChartSpec } from '../report/tree.js';
import { FONTS_CONF, chartPng } from './png.js';
import { CHART_IDS, buildCharts, chartShares, chartValueText, type ChartId } from '../report/charts.js';
import { chartSvg } from './svg.js';

function charts(d: Dataset) {
  return buildCharts(d, computeAccounts(d));
}

function chart(d: Dataset, id: ChartId): ChartBlock {
  const c = charts(d)[id];
  if (!c) throw new Error(`no ${id} chart`);
  return c;
}

/** Category → printed value (two decimals), per series. */
function printed(spec: ChartSpec): Record<string, Record<string, string>> {
  return Object.fromEntries(
    spec.series.map((s) => [s.name, Object.fromEntries(spec.categories.map((c, i) => [c, chartValueText(s.values[i]!)]))]),
  );
}

const zhaohua = loadExample('zhaohua-zfw-2022');
const miyi = loadExample('miyi-zfw-2021');

describe('chart specs', () => {
  it('昭化: one income source, 基本/项目, 总计 against last year, five 类 and 公务接待费 alone', () => {
    const all = charts(zhaohua);
    expect(Object.keys(all)).toEqual([...CHART_IDS]);
    for (const id of CHART_IDS) expect(all[id]).toMatchObject({ kind: 'chart', id, chart: { unit: '万元' } });

    expect(all.incomeStructure!.chart).toEqual({
      type: 'pie',
      categories: ['一般公共预算财政拨款收入'],
      series: [{ name: '本年收入', values: ['1193.39'] }],
      unit: '万元',
    });
    expect(printed(all.expenseStructure!.chart)).toEqual({ 本年支出: { 基本支出: '613.39', 项目支出: '580.00' } });
    // The prior year states 收、支总计, so the chart compares 总计.
    expect(all.totalsVsPrior!.title).toBe('收入支出决算总体情况');
    expect(all.totalsVsPrior!.chart.type).toBe('bar');
    expect(printed(all.totalsVsPrior!.chart)).toEqual({
      收入总计: { '2021年': '577.74', '2022年': '1193.39' },
      支出总计: { '2021年': '577.74', '2022年': '1193.39' },
    });
    const structure = all.generalBudgetStructure!.chart;
    expect(structure.categories).toEqual(['一般公共服务支出', '公共安全支出', '社会保障和就业支出', '卫生健康支出', '住房保障支出']);
    expect(structure.series[0]!.values.map((v) => chartValueText(v))).toEqual(['555.67', '580.00', '26.81', '10.04', '20.87']);
    // The same shares as the text prints (46.56%, 48.60%, 2.25%, 0.84%, 1.75%).
    expect(chartShares(structure.series[0]!.values)).toEqual(['46.56', '48.60', '2.25', '0.84', '1.75']);
    expect(all.sangongComposition!.chart.categories).toEqual(['公务接待费']);
    expect(all.sangongComposition!.chart.series[0]!.values).toEqual(['9.84']);
  });

  it('米易: 本年收入/支出合计 against last year, 一般公共预算 1734.79 → 614.67, 三公 3.13 and 1.04', () => {
    const totals = chart(miyi, 'totalsVsPrior').chart;
    expect(totals.categories).toEqual(['2020年', '2021年']);
    expect(printed(totals)).toEqual({
      本年收入合计: { '2020年': '2160.32', '2021年': '1652.54' },
      本年支出合计: { '2020年': '2180.32', '2021年': '1652.54' },
    });
    const change = chart(miyi, 'generalBudgetChange');
    expect(change.title).toBe('一般公共预算财政拨款支出决算变动情况');
    // Exact values (the data is in 元), printed with two decimals.
    expect(change.chart.series).toEqual([{ name: '一般公共预算财政拨款支出', values: ['1734.79', '614.667619'] }]);
    expect(printed(change.chart)).toEqual({ 一般公共预算财政拨款支出: { '2020年': '1734.79', '2021年': '614.67' } });

    const income = chart(miyi, 'incomeStructure').chart;
    expect(income.categories).toEqual(['一般公共预算财政拨款收入', '政府性基金预算财政拨款收入']);
    expect(chartShares(income.series[0]!.values)).toEqual(['37.20', '62.80']);
    expect(chartShares(chart(miyi, 'expenseStructure').chart.series[0]!.values)).toEqual(['25.09', '74.91']);

    const sangong = chart(miyi, 'sangongComposition').chart;
    expect(printed(sangong)).toEqual({ '“三公”经费财政拨款支出': { 公务用车购置及运行维护费: '3.13', 公务接待费: '1.04' } });
    expect(chartShares(sangong.series[0]!.values)).toEqual(['75.06', '24.94']);
  });

  it('leaves a chart out when its figures are missing or all zero', () => {
    const zero = { fen: 0n, precision: 1n };
    const bare: Dataset = {
      ...miyi,
      prior: {},
      income: {},
      expenditure: [],
      sangong: { ...miyi.sangong, actual: { abroad: zero, vehiclePurchase: zero, vehicleOperation: zero, receptionDomestic: zero } },
    };
    expect(charts(bare)).toEqual({
      totalsVsPrior: undefined,
      incomeStructure: undefined,
      expenseStructure: undefined,
      generalBudgetChange: undefined,
      generalBudgetStructure: undefined,
      sangongComposition: undefined,
    });
    // One side known is enough for the totals chart.
    const oneSide = charts({ ...miyi, prior: { 'expense.total': { fen: wan('2180.32'), precision: 10_000n } } });
    expect(oneSide.totalsVsPrior!.chart.series.map((s) => s.name)).toEqual(['本年支出合计']);
  });

  it('prints values with two decimals (四舍五入) and shares that add up to 100.00', () => {
    expect(chartValueText('1193.385')).toBe('1193.39');
    expect(chartValueText('1193.384999')).toBe('1193.38');
    expect(chartValueText('2')).toBe('2.00');
    expect(chartValueText('-0.005')).toBe('-0.01');
    expect(() => chartValueText('1,193.39')).toThrow(/not a decimal/);
    expect(chartShares(['1', '1', '1'])).toEqual(['33.34', '33.33', '33.33']);
    expect(chartShares(['0', '0'])).toEqual(['0.00', '0.00']);
  });
});

describe('chart SVG', () => {
  const bar = chart(miyi, 'totalsVsPrior').chart;
  const pie = chart(zhaohua, 'generalBudgetStructure').chart;

  it('is an SVG document with the Chinese labels, single-quoted fonts and a white background', () => {
    for (const spec of [bar, pie]) {
      const svg = chartSvg(spec);
      expect(svg.startsWith('<svg ')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
      const height = /^<svg width="640" height="(\d+)"/.exec(svg)?.[1];
      expect(Number(height)).toBeGreaterThanOrEqual(360);
      expect(svg).toContain(`<rect width="640" height="${height}" x="0" y="0" fill="#ffffff"></rect>`);
      expect(svg).toContain("font-family:'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif");
      expect(svg).not.toContain('font-family:"');
      expect(svg).toContain('单位：万元');
      // Live-chart leftovers are gone: hover styles, per-instance class names, metadata.
      expect(svg).not.toMatch(/<style|class="zr|ecmeta_/);
      // Tags balance (a cheap well-formedness check).
      const opened = (svg.match(/<[a-z][a-zA-Z]*[\s>]/g) ?? []).length;
      const closed = (svg.match(/<\/[a-z][a-zA-Z]*>/g) ?? []).length + (svg.match(/\/>/g) ?? []).length;
      expect(closed).toBe(opened);
    }
    const barSvg = chartSvg(bar);
    for (const label of ['2020年', '2021年', '本年收入合计', '本年支出合计', '>2160.32<', '>2180.32<', '>1652.54<']) expect(barSvg).toContain(label);
    const pieSvg = chartSvg(pie);
    for (const label of ['一般公共服务支出', '公共安全支出', '住房保障支出', '555.67（46.56%）', '580.00（48.60%）']) expect(pieSvg).toContain(label);
  });

  it('is deterministic, and ids take the given prefix', () => {
    expect(chartSvg(pie)).toBe(chartSvg(pie));
    expect(chartSvg(bar, { idPrefix: 'x' })).toBe(chartSvg(bar, { idPrefix: 'x' }));
    expect(chartSvg(bar)).not.toMatch(/zr\d+-/);
  });

  it('escapes labels and refuses a malformed spec', () => {
    const svg = chartSvg({ type: 'bar', categories: ['A<&>B'], series: [{ name: '"引号"', values: ['1'] }], unit: '万元' });
    expect(svg).toContain('A&lt;&amp;&gt;B');
    expect(svg).not.toContain('A<&>B');
    expect(() => chartSvg({ type: 'bar', categories: ['a', 'b'], series: [{ name: 's', values: ['1'] }], unit: '万元' })).toThrow(/1 values for 2 categories/);
    expect(() => chartSvg({ type: 'pie', categories: ['a'], series: [{ name: 's', values: ['1'] }, { name: 't', values: ['1'] }], unit: '万元' })).toThrow(/exactly one series/);
  });

  it('makes a pie with many slices taller, so every label has room', () => {
    const names = ['一般公共服务支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出', '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '住房保障支出'];
    const many: ChartSpec = { type: 'pie', categories: names, series: [{ name: 's', values: ['3000', '0.5', '1200', '15.3', '2.1', '8', '300', '120', '1', '2500', '40', '88.8'] }], unit: '万元' };
    const svg = chartSvg(many);
    const height = Number(/^<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1]);
    expect(height).toBeGreaterThan(360);
    for (const name of names) expect(svg).toContain(`>${name}<`);
  });
});

describe('chart PNG', () => {
  it('rasterises at 2× with the CJK fonts configured', async () => {
    const png = await chartPng(chart(miyi, 'generalBudgetChange').chart);
    expect(process.env.FONTCONFIG_FILE).toBeTruthy();
    expect(FONTS_CONF.endsWith('config/fonts.conf')).toBe(true);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1280, height: 720 });
    // Not blank: the bars and text give plenty of distinct colours.
    const stats = await sharp(png).stats();
    expect(stats.isOpaque).toBe(true);
    expect(stats.channels[0]!.min).toBeLessThan(100);
    expect(Buffer.compare(png, await chartPng(chart(miyi, 'generalBudgetChange').chart))).toBe(0);
  });

  it('rasterises every chart of both examples', async () => {
    for (const d of [zhaohua, miyi]) {
      for (const c of Object.values(charts(d))) {
        if (!c) continue;
        const meta = await sharp(await chartPng(c.chart)).metadata();
        expect(meta.width).toBe(1280);
        expect(meta.height).toBeGreaterThanOrEqual(720);
      }
    }
  });
});
