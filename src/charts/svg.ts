/**
 * A ChartSpec → a static SVG string, drawn by ECharts' server-side renderer.
 * The output is deterministic for a given spec and size: ECharts' per-instance
 * ids and hover styles are stripped, and the ids that remain (clip paths) get a
 * prefix derived from the spec, so several charts can share one HTML page.
 */
import * as echarts from 'echarts';
import type { ChartSpec } from '../report/tree.js';
import { chartShares, chartValueText } from '../report/charts.js';

export interface ChartSvgOptions {
  width?: number;
  height?: number;
  /** Prefix for ids inside the SVG; defaults to one derived from the spec. */
  idPrefix?: string;
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;

/** Single quotes only: a double quote would end ECharts' style="…" attribute (stack.md pitfall 9). */
export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif";

/** Office-like colours, familiar from the Excel charts the seed reports pasted in. */
const PALETTE = [
  '#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47',
  '#264478', '#9e480e', '#636363', '#997300', '#255e91', '#43682b',
];

const TEXT = '#333333';
const AXIS = '#666666';

/** FNV-1a over the spec, as a short id prefix. */
function specHash(spec: ChartSpec): string {
  let h = 0x811c9dc5;
  const s = JSON.stringify(spec);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `c${h.toString(36)}`;
}

function checkSpec(spec: ChartSpec): void {
  if (spec.series.length === 0) throw new Error('chart has no series');
  if (spec.type === 'pie' && spec.series.length !== 1) throw new Error('a pie chart has exactly one series');
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) {
      throw new Error(`series "${s.name}" has ${s.values.length} values for ${spec.categories.length} categories`);
    }
  }
}

function unitTitle(unit: string) {
  return {
    text: `单位：${unit}`,
    left: 8,
    top: 6,
    textStyle: { fontSize: 13, fontWeight: 'normal' as const, color: AXIS, fontFamily: CHART_FONT_FAMILY },
  };
}

function legend(bottom: boolean) {
  return {
    ...(bottom ? { bottom: 8, left: 'center' } : { top: 6, right: 12 }),
    selectedMode: false,
    itemWidth: 18,
    itemHeight: 12,
    textStyle: { fontSize: 13, color: TEXT, fontFamily: CHART_FONT_FAMILY },
  };
}

function barOption(spec: ChartSpec) {
  const labels = spec.series.map((s) => s.values.map((v) => chartValueText(v)));
  return {
    title: unitTitle(spec.unit),
    legend: legend(false),
    grid: { left: 16, right: 24, top: 52, bottom: 16, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: AXIS } },
      axisLabel: { fontSize: 13, color: TEXT, fontFamily: CHART_FONT_FAMILY, interval: 0 },
    },
    yAxis: {
      type: 'value',
      // Headroom above the tallest bar for its value label.
      boundaryGap: [0, '12%'],
      // Plain numbers like the tables (no thousands separators).
      axisLabel: { fontSize: 12, color: AXIS, fontFamily: CHART_FONT_FAMILY, formatter: (v: number) => String(v) },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    series: spec.series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: s.values.map(Number),
      barMaxWidth: 56,
      barGap: '20%',
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      label: {
        show: true,
        position: 'top',
        fontSize: 13,
        color: TEXT,
        fontFamily: CHART_FONT_FAMILY,
        // No white halo: paint-order is ignored by some SVG consumers (stack.md pitfall 9).
        textBorderWidth: 0,
        formatter: (p: { dataIndex: number }) => labels[i]?.[p.dataIndex] ?? '',
      },
      emphasis: { disabled: true },
      silent: true,
    })),
  };
}

/** Rough text width at `size` px: CJK and full-width characters are square, others about half. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/u.test(ch) ? size : size * 0.55;
  return w;
}

const LEGEND_FONT = 13;
const LEGEND_ROW = 24;
const PIE_TOP = 40;

/** Rows the bottom legend needs at this width (ECharts wraps a horizontal legend the same greedy way). */
function legendRows(names: readonly string[], width: number): number {
  const available = width - 24;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const item = 18 + 5 + textWidth(name, LEGEND_FONT) + 10;
    if (x > 0 && x + item > available) {
      rows += 1;
      x = 0;
    }
    x += item;
  }
  return rows;
}

/**
 * The most labels on one side of the pie. Slices run clockwise from 12 o'clock
 * (startAngle 90), and a label sits on the side of its slice's middle.
 */
function labelsPerSide(values: readonly string[]): number {
  const numbers = values.map(Number);
  const total = numbers.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return values.length;
  let before = 0;
  let right = 0;
  for (const v of numbers) {
    const middle = (before + v / 2) / total;
    if (middle <= 0.5) right += 1;
    before += v;
  }
  return Math.max(right, values.length - right);
}

/** The pie's box: tall enough for two-line labels on both sides, with the legend below it. */
function pieLayout(spec: ChartSpec, width: number, height?: number) {
  const legendHeight = legendRows(spec.categories, width) * LEGEND_ROW + 8;
  const box = Math.max(260, labelsPerSide(spec.series[0]!.values) * 40 + 40);
  const total = height ?? Math.max(CHART_HEIGHT, PIE_TOP + box + legendHeight + 12);
  return { height: total, legendHeight };
}

function pieOption(spec: ChartSpec, legendHeight: number) {
  const series = spec.series[0]!;
  const shares = chartShares(series.values);
  const texts = series.values.map((v) => chartValueText(v));
  return {
    title: unitTitle(spec.unit),
    legend: legend(true),
    series: [
      {
        type: 'pie',
        name: series.name,
        // The layout box: below the unit line, above the legend; the radius is relative to it.
        top: PIE_TOP,
        bottom: legendHeight + 12,
        radius: ['0%', '68%'],
        center: ['50%', '50%'],
        startAngle: 90,
        clockwise: true,
        avoidLabelOverlap: true,
        data: spec.categories.map((name, i) => ({
          name,
          value: Number(series.values[i]),
          itemStyle: { color: PALETTE[i % PALETTE.length], borderColor: '#ffffff', borderWidth: 1 },
        })),
        label: {
          show: true,
          fontSize: 13,
          lineHeight: 18,
          color: TEXT,
          fontFamily: CHART_FONT_FAMILY,
          textBorderWidth: 0,
          formatter: (p: { dataIndex: number; name: string }) => `${p.name}\n${texts[p.dataIndex] ?? ''}（${shares[p.dataIndex] ?? ''}%）`,
        },
        labelLine: { show: true, length: 12, length2: 14 },
        emphasis: { disabled: true },
        silent: true,
      },
    ],
  };
}

/** Removes what only makes sense in a live chart and makes ids deterministic. */
function clean(svg: string, prefix: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/\bzr\d+-/g, `${prefix}-`)
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * ECharts output of recent charts, keyed by spec and size. One report draws
 * each chart up to three times (HTML, the PDF's HTML, the DOCX picture), and
 * ECharts is most of the cost of an HTML report; a handful of entries covers
 * one document, and the bound keeps a batch's memory flat.
 */
const recent = new Map<string, string>();
const RECENT_MAX = 32;

function drawn(spec: ChartSpec, width: number, height: number, pie: ReturnType<typeof pieLayout> | undefined): string {
  const key = `${width}x${height}|${JSON.stringify(spec)}`;
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: PALETTE,
      textStyle: { fontFamily: CHART_FONT_FAMILY, color: TEXT },
      tooltip: { show: false },
      ...(pie ? pieOption(spec, pie.legendHeight) : barOption(spec)),
    });
    const svg = chart.renderToSVGString();
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(key, svg);
    return svg;
  } finally {
    // Always: an undisposed SSR chart keeps a zrender timer that holds Node open.
    chart.dispose();
  }
}

/** The chart as a standalone SVG document (white background, CJK fonts, no animation). */
export function chartSvg(spec: ChartSpec, o: ChartSvgOptions = {}): string {
  checkSpec(spec);
  const width = o.width ?? CHART_WIDTH;
  const pie = spec.type === 'pie' ? pieLayout(spec, width, o.height) : undefined;
  // A pie with many slices grows taller unless the caller fixes the height.
  const height = pie?.height ?? o.height ?? CHART_HEIGHT;
  return clean(drawn(spec, width, height, pie), o.idPrefix ?? specHash(spec));
}
