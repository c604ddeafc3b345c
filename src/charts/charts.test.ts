import { describe, expect, it } from 'vitest';
import { loadExample } from '../../test/examples.js';
import { computeAccounts, type Dataset } from '../model/index.js';
import { wan } from '../money/index.js';
import type { ChartBlock, ChartSpec } from '../report/tree.js';
import { CHART_IDS, buildCharts, chartShares, chartValueText, type ChartId } from '../report/charts.js';
import { CHART_FONT_FAMILY, CHART_HEIGHT, CHART_WIDTH, chartSvg } from './svg.js';
import { niceTicks } from './svg/axis.js';
import { textWidth } from './svg/text.js';

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

/**
 * A strict well-formedness check of the writer's XML: every tag is closed in
 * order, attributes are double-quoted, text and attributes hold only the five
 * entities, and there is exactly one root element.
 */
function checkXml(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (const m of svg.matchAll(token)) {
    if (m[6] !== undefined) throw new Error(`stray "<" at ${m.index}: ${svg.slice(m.index, m.index + 40)}`);
    const content = m[5] ?? m[3] ?? '';
    if (/&(?!(?:amp|lt|gt|quot|#39);)/.test(content)) throw new Error(`bare "&" near ${m.index}`);
    if (m[5] !== undefined) {
      if (stack.length === 0) throw new Error('text outside the root element');
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> does not close the open element at ${m.index}`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClose) stack.push(name!);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

/** The contents of every <text> element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

function textElements(svg: string): { x: number; y: number; size: number; anchor: string; text: string; rotated: boolean }[] {
  return [...svg.matchAll(/<text x="([-\d.]+)" y="([-\d.]+)" font-size="(\d+)"[^>]*?(?: text-anchor="(\w+)")?( transform="[^"]*")?>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    size: Number(m[3]),
    anchor: m[4] ?? 'start',
    rotated: m[5] !== undefined,
    text: m[6]!,
  }));
}

/** Horizontal extent of a text element, by the writer's own width estimate. */
function extent(t: { x: number; anchor: string; text: string; size: number }): [number, number] {
  const w = textWidth(t.text, t.size);
  const left = t.anchor === 'middle' ? t.x - w / 2 : t.anchor === 'end' ? t.x - w : t.x;
  return [left, left + w];
}

/** No two unrotated text elements' boxes overlap. */
function expectNoOverlap(svg: string): void {
  const boxes = textElements(svg)
    .filter((t) => !t.rotated)
    .map((t) => ({ t, x: extent(t), y: [t.y - t.size * 0.88, t.y + t.size * 0.12] as [number, number] }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x[0] < b.x[1] - 0.5 && b.x[0] < a.x[1] - 0.5 && a.y[0] < b.y[1] - 0.5 && b.y[0] < a.y[1] - 0.5;
      if (overlap) throw new Error(`"${a.t.text}" overlaps "${b.t.text}"`);
    }
  }
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
}

/** Every text element lies inside the picture. */
function expectInside(svg: string): void {
  const { width, height } = svgSize(svg);
  for (const t of textElements(svg).filter((e) => !e.rotated)) {
    const [left, right] = extent(t);
    expect(left, t.text).toBeGreaterThanOrEqual(0);
    expect(right, t.text).toBeLessThanOrEqual(width);
    expect(t.y - t.size, t.text).toBeGreaterThanOrEqual(0);
    expect(t.y, t.text).toBeLessThanOrEqual(height);
  }
}

/** Every value the spec holds is printed: bars "1193.39", pie slices "1193.39（100.00%）". */
function expectValueLabels(spec: ChartSpec, svg: string): void {
  const shown = texts(svg);
  if (spec.type === 'pie') {
    const values = spec.series[0]!.values;
    const shares = chartShares(values);
    values.forEach((v, i) => expect(shown).toContain(`${chartValueText(v)}（${shares[i]}%）`));
  } else {
    for (const s of spec.series) for (const v of s.values) expect(shown).toContain(chartValueText(v));
  }
}

const CLASSES = ['一般公共服务支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出', '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '住房保障支出'];

const EDGE: Record<string, ChartSpec> = {
  oneCategory: { type: 'bar', categories: ['2022年'], series: [{ name: '支出', values: ['1193.385'] }], unit: '万元' },
  allZero: { type: 'bar', categories: ['2021年', '2022年'], series: [{ name: '支出', values: ['0', '0.00'] }], unit: '万元' },
  negative: {
    type: 'bar',
    categories: ['2021年', '2022年', '2023年'],
    series: [{ name: '结余', values: ['120.5', '-45.25', '0'] }, { name: '变动', values: ['-10', '30', '80.126'] }],
    unit: '万元',
  },
  allNegative: { type: 'bar', categories: ['2021年', '2022年'], series: [{ name: '差额', values: ['-3.5', '-12'] }], unit: '万元' },
  longLabels: {
    type: 'bar',
    categories: CLASSES.slice(0, 8),
    series: [
      { name: '2021年', values: ['555.67', '0', '580', '26.81', '10.04', '20.87', '1234.5', '8'] },
      { name: '2022年', values: ['600', '3', '500', '30', '12', '25', '1400', '9'] },
    ],
    unit: '万元',
  },
  manySeries: {
    type: 'bar',
    categories: ['2020年', '2021年', '2022年'],
    series: ['一般公共预算财政拨款收入', '政府性基金预算财政拨款收入', '国有资本经营预算财政拨款收入', '事业收入', '经营收入', '其他收入'].map((name, i) => ({
      name,
      values: ['1193.39', '577.74', String(100 * i + 3.5)],
    })),
    unit: '万元',
  },
  manySlices: {
    type: 'pie',
    categories: CLASSES,
    series: [{ name: 's', values: ['3000', '0.5', '1200', '15.3', '2.1', '8', '300', '120', '1', '2500', '40', '88.8'] }],
    unit: '万元',
  },
  oneSlice: { type: 'pie', categories: ['一般公共预算财政拨款收入'], series: [{ name: '本年收入', values: ['1193.39'] }], unit: '万元' },
  zeroPie: { type: 'pie', categories: ['基本支出', '项目支出'], series: [{ name: '本年支出', values: ['0', '0'] }], unit: '万元' },
  longSlice: {
    type: 'pie',
    categories: ['对附属单位补助支出以及其他各种名目很长很长的支出项目合计', '项目支出'],
    series: [{ name: 's', values: ['1', '3'] }],
    unit: '万元',
  },
};

describe('value axis ticks', () => {
  it('steps by 1, 2 or 5 × 10^k with 4–6 ticks from zero', () => {
    expect(niceTicks(0, 1193.39).labels).toEqual(['0', '500', '1000', '1500']);
    expect(niceTicks(0, 2180.32)).toMatchObject({ min: 0, max: 2500, step: 500 });
    expect(niceTicks(0, 9.84).labels).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(niceTicks(0, 0.3).labels).toEqual(['0', '0.1', '0.2', '0.3']);
    expect(niceTicks(0, 0.07).labels).toEqual(['0', '0.02', '0.04', '0.06', '0.08']);
    for (let i = 0; i < 400; i++) {
      const hi = 10 ** ((i % 97) / 10 - 3) * (1 + (i % 7) / 3);
      const t = niceTicks(0, hi);
      expect(t.values.length).toBeGreaterThanOrEqual(4);
      expect(t.values.length).toBeLessThanOrEqual(6);
      // Covers the data (up to float noise such as 0.30000000000000004 for 0.3).
      expect(t.max).toBeGreaterThanOrEqual(hi * (1 - 1e-9));
      expect(t.min).toBe(0);
      const mantissa = t.step / 10 ** Math.floor(Math.log10(t.step) + 1e-9);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      // Printed without float noise.
      for (const l of t.labels) expect(l).toMatch(/^-?\d+(\.\d{1,4})?$/);
    }
  });

  it('spans zero for negative values and gives all-zero data 0–1', () => {
    expect(niceTicks(0, 0)).toMatchObject({ min: 0, max: 1, labels: ['0', '0.2', '0.4', '0.6', '0.8', '1'] });
    const mixed = niceTicks(-45.25, 120.5);
    expect(mixed.labels).toEqual(['-50', '0', '50', '100', '150']);
    expect(niceTicks(-12, -3.5)).toMatchObject({ min: -15, max: 0 });
    expect(niceTicks(-12, -3.5).labels).not.toContain('-0');
  });
});

describe('chart SVG', () => {
  const bar = chart(miyi, 'totalsVsPrior').chart;
  const pie = chart(zhaohua, 'generalBudgetStructure').chart;
  const all = [zhaohua, miyi].flatMap((d) => Object.values(charts(d)).flatMap((c) => (c ? [c.chart] : [])));

  it('is a well-formed SVG document with the unit line, single-quoted fonts and a white background', () => {
    for (const spec of [...all, ...Object.values(EDGE)]) {
      const svg = chartSvg(spec);
      checkXml(svg);
      const { width, height } = svgSize(svg);
      expect(width).toBe(CHART_WIDTH);
      expect(height).toBeGreaterThanOrEqual(CHART_HEIGHT);
      expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
      expect(svg).toContain(`<rect width="640" height="${height}" x="0" y="0" fill="#ffffff"></rect>`);
      expect(svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
      expect(CHART_FONT_FAMILY).not.toContain('"');
      expect(texts(svg)).toContain('单位：万元');
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it('prints every value of the spec, and the names of categories and series', () => {
    for (const spec of [...all, ...Object.values(EDGE)]) {
      const svg = chartSvg(spec);
      expectValueLabels(spec, svg);
      const shown = texts(svg).join('');
      for (const name of spec.categories) expect(shown).toContain(name);
      if (spec.type === 'bar') for (const s of spec.series) expect(texts(svg)).toContain(s.name);
    }
    const barTexts = texts(chartSvg(bar));
    for (const label of ['2020年', '2021年', '本年收入合计', '本年支出合计', '2160.32', '2180.32', '1652.54']) expect(barTexts).toContain(label);
    const pieTexts = texts(chartSvg(pie));
    for (const label of ['一般公共服务支出', '公共安全支出', '住房保障支出', '555.67（46.56%）', '580.00（48.60%）']) expect(pieTexts).toContain(label);
  });

  it('keeps every label inside the picture and clear of the others', () => {
    for (const spec of [...all, ...Object.values(EDGE)]) {
      const svg = chartSvg(spec);
      expectInside(svg);
      expectNoOverlap(svg);
    }
  });

  it('draws one bar per nonzero value, the legend top right and round ticks with grid lines', () => {
    const svg = chartSvg(bar, { idPrefix: 'b' });
    expect(svg.match(/<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" fill="#(?:4472c4|ed7d31)"><\/rect>/g)).toHaveLength(4);
    const tickLabels = textElements(svg).filter((t) => t.anchor === 'end').map((t) => t.text);
    expect(tickLabels).toEqual(['0', '500', '1000', '1500', '2000', '2500']);
    expect(svg.match(/stroke="#e0e0e0"/g)).toHaveLength(6);
    // The legend sits at the top right, the unit line at the top left.
    const legend = textElements(svg).filter((t) => t.text === '本年收入合计' || t.text === '本年支出合计');
    for (const t of legend) expect(t.y).toBeLessThan(30);
    expect(Math.max(...legend.map((t) => extent(t)[1]))).toBeGreaterThan(560);
    // Bars use the palette in series order.
    expect(svg.indexOf('#4472c4')).toBeLessThan(svg.indexOf('#ed7d31'));
  });

  it('hangs negative bars below the zero line with their labels under them', () => {
    const svg = chartSvg(EDGE.negative!);
    const ticks = textElements(svg).filter((t) => t.anchor === 'end').map((t) => t.text);
    expect(ticks).toContain('0');
    expect(ticks.some((t) => t.startsWith('-'))).toBe(true);
    const zero = textElements(svg).find((t) => t.anchor === 'end' && t.text === '0')!;
    const label = (v: string) => textElements(svg).find((t) => t.text === v)!;
    expect(label('-45.25').y).toBeGreaterThan(zero.y);
    expect(label('120.50').y).toBeLessThan(zero.y);
    const negatives = chartSvg(EDGE.allNegative!);
    expect(textElements(negatives).filter((t) => t.anchor === 'end').map((t) => t.text)).toContain('0');
    const zeros = chartSvg(EDGE.allZero!);
    expect(texts(zeros).filter((t) => t === '0.00')).toHaveLength(2);
    // No bar of zero height.
    expect(zeros).toMatch(/<g id="[^"]*-bars"><\/g>/);
  });

  it('wraps or shrinks long category names so neighbours do not overlap, and turns crowded value labels upright', () => {
    const svg = chartSvg(EDGE.longLabels!);
    const lines = textElements(svg).filter((t) => t.anchor === 'middle' && /[\u4e00-\u9fff]/.test(t.text));
    expect(lines.length).toBeGreaterThan(8);
    // Each name is printed whole, over one or more lines.
    expect(lines.map((t) => t.text).join('')).toBe(CLASSES.slice(0, 8).join(''));
    const crowded = chartSvg(EDGE.manySeries!);
    expect(crowded).toMatch(/transform="rotate\(-90 /);
    // The six-name legend wraps into rows that stay right of the unit line.
    const legend = textElements(crowded).filter((t) => (EDGE.manySeries!.series.map((s) => s.name) as string[]).includes(t.text));
    expect(new Set(legend.map((t) => t.y)).size).toBeGreaterThan(1);
  });

  it('draws a pie clockwise from 12 o\'clock with a wedge per slice, a circle for a lone slice, equal wedges for a zero total', () => {
    const svg = chartSvg(pie, { idPrefix: 'p' });
    expect(svg.match(/<path d="M320 [^"]*A[^"]*Z"/g)).toHaveLength(5);
    // The first wedge starts straight up from the centre.
    expect(/<path d="M320 ([\d.]+)L320 ([\d.]+)A/.exec(svg)).not.toBeNull();
    expect(chartSvg(EDGE.oneSlice!)).toMatch(/<circle cx="320" /);
    const zero = chartSvg(EDGE.zeroPie!);
    expect(zero.match(/<path d="M320 [^"]*A[^"]*Z"/g)).toHaveLength(2);
    expect(texts(zero)).toEqual(expect.arrayContaining(['0.00（0.00%）']));
    // The legend is at the bottom, centred.
    const legend = textElements(svg).filter((t) => t.y > 330 && CLASSES.includes(t.text));
    expect(legend.length).toBe(5);
  });

  it('makes a pie with many slices taller, so every label has room', () => {
    const svg = chartSvg(EDGE.manySlices!);
    expect(svgSize(svg).height).toBeGreaterThan(360);
    for (const name of CLASSES) expect(texts(svg)).toContain(name);
    // A fixed height is kept; a tall box makes the pie larger only as far as the labels still fit.
    expect(svgSize(chartSvg(EDGE.manySlices!, { height: 500 })).height).toBe(500);
    for (const spec of [pie, EDGE.longSlice!, EDGE.manySlices!]) {
      const tall = chartSvg(spec, { height: 900 });
      expectInside(tall);
      expectNoOverlap(tall);
    }
  });

  it('is deterministic, and every id takes the given prefix', () => {
    expect(chartSvg(pie)).toBe(chartSvg(pie));
    expect(chartSvg(bar, { idPrefix: 'x' })).toBe(chartSvg(bar, { idPrefix: 'x' }));
    for (const spec of [bar, pie]) {
      const ids = [...chartSvg(spec, { idPrefix: 'chart-a' }).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
      expect(ids.length).toBeGreaterThan(1);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.startsWith('chart-a-')).toBe(true);
      // Without a prefix, one derived from the spec: two specs never share an id.
      const own = [...chartSvg(spec).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
      const other = [...chartSvg(spec === bar ? pie : bar).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
      expect(own.filter((id) => other.includes(id))).toEqual([]);
    }
  });

  it('escapes labels and refuses a malformed spec', () => {
    const svg = chartSvg({ type: 'bar', categories: ['A<&>B'], series: [{ name: '"引号"\u0001', values: ['1'] }], unit: "万'元" });
    checkXml(svg);
    expect(svg).toContain('A&lt;&amp;&gt;B');
    expect(svg).not.toContain('A<&>B');
    expect(svg).toContain('&quot;引号&quot;\ufffd');
    expect(texts(svg)).toContain("单位：万'元");
    expect(() => chartSvg({ type: 'bar', categories: ['a', 'b'], series: [{ name: 's', values: ['1'] }], unit: '万元' })).toThrow(/1 values for 2 categories/);
    expect(() => chartSvg({ type: 'pie', categories: ['a'], series: [{ name: 's', values: ['1'] }, { name: 't', values: ['1'] }], unit: '万元' })).toThrow(/exactly one series/);
    expect(() => chartSvg({ type: 'bar', categories: [], series: [{ name: 's', values: [] }], unit: '万元' })).toThrow(/no categories/);
    expect(() => chartSvg({ type: 'bar', categories: ['a'], series: [{ name: 's', values: ['1,0'] }], unit: '万元' })).toThrow(/not a decimal/);
  });
});
