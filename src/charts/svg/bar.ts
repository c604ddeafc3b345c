/**
 * Grouped bar chart: one group per category, one bar per series, the value
 * printed on each bar, a value axis with round ticks and light grid lines,
 * the legend top right and the category names under the plot (wrapped, and
 * shrunk if need be, so neighbours never overlap).
 */
import type { ChartSpec } from '../../report/tree.js';
import { chartValueText } from '../../report/charts.js';
import { niceTicks, type Ticks } from './axis.js';
import { drawLegend, layoutLegend } from './legend.js';
import { AXIS, color, GRID, LABEL_FONT, TEXT, TICK_FONT, TITLE_FONT } from './style.js';
import { fitText, num, text, textWidth } from './text.js';

const MARGIN = { left: 16, right: 24, bottom: 16 };
const TITLE_X = 8;
const LEGEND_TOP = 6;
const LEGEND_RIGHT = 12;
const MIN_PLOT_TOP = 52;
const TICK_GAP = 8;
const CATEGORY_GAP = 8;
const LINE = 1.35;
const BAR_MAX_WIDTH = 56;
/** Share of a category's band left empty between groups, and the gap between bars as a share of a bar. */
const CATEGORY_GAP_SHARE = 0.2;
const BAR_GAP_SHARE = 0.2;
/** Distance between a bar's end and its value label. */
const LABEL_GAP = 5;

/** A line at y drawn 1 px wide lands on whole pixels. */
const crisp = (y: number): number => Math.round(y - 0.5) + 0.5;

interface BarGeometry {
  band: number;
  width: number;
  /** Distance between neighbouring bars' centres. */
  pitch: number;
  /** Centre of bar `s` in category `c`. */
  center(c: number, s: number): number;
}

function barGeometry(left: number, right: number, categories: number, series: number): BarGeometry {
  const band = (right - left) / categories;
  const group = band * (1 - CATEGORY_GAP_SHARE);
  const width = Math.min(BAR_MAX_WIDTH, group / (series + (series - 1) * BAR_GAP_SHARE));
  const step = width * (1 + BAR_GAP_SHARE);
  const used = width * series + width * BAR_GAP_SHARE * (series - 1);
  return {
    band,
    width,
    pitch: series > 1 ? step : band,
    center: (c, s) => left + band * c + (band - used) / 2 + s * step + width / 2,
  };
}

/** Value labels: horizontal at the largest size (13…10 px) that keeps neighbours apart, else vertical. */
function valueLabelStyle(labels: readonly string[], pitch: number): { size: number; vertical: boolean; extent: number } {
  for (let size = LABEL_FONT; size >= 10; size--) {
    const widest = Math.max(...labels.map((l) => textWidth(l, size)));
    if (widest <= pitch - 4) return { size, vertical: false, extent: size + LABEL_GAP };
  }
  const size = Math.max(8, Math.min(11, Math.floor(pitch - 2)));
  return { size, vertical: true, extent: Math.max(...labels.map((l) => textWidth(l, size))) + LABEL_GAP };
}

/** Ticks for the data with room beyond the longest bars for their labels (`extent` px of `plotHeight`). */
function ticksWithRoom(lo: number, hi: number, extent: number, plotHeight: number): Ticks {
  const range = Math.max(0, hi) - Math.min(0, lo) || 1;
  // Room for the label on both ends at most; never more than half the plot.
  const share = Math.min(0.45, extent / Math.max(1, plotHeight));
  const pad = (range * share) / (1 - 2 * share);
  return niceTicks(lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi);
}

export function barSvg(spec: ChartSpec, width: number, height: number, id: string): string {
  const values = spec.series.map((s) => s.values.map(Number));
  const labels = spec.series.map((s) => s.values.map((v) => chartValueText(v)));
  const flat = values.flat();
  const lo = Math.min(0, ...flat);
  const hi = Math.max(0, ...flat);

  const title = `单位：${spec.unit}`;
  const legendAvailable = width - LEGEND_RIGHT - (TITLE_X + textWidth(title, TITLE_FONT) + 24);
  const legend = layoutLegend(spec.series.map((s) => s.name), legendAvailable);
  const plotTop = Math.max(MIN_PLOT_TOP, LEGEND_TOP + legend.height + 22);
  const plotRight = width - MARGIN.right;

  // The tick labels' width sets the plot's left edge, which sets the bands,
  // which set the category labels' height and the value labels' size, which
  // set the ticks: settle in a few rounds (the left edge only ever grows).
  let plotLeft = MARGIN.left + TICK_GAP + textWidth('0', TICK_FONT);
  let layout!: ReturnType<typeof layOut>;
  function layOut(left: number) {
    const geometry = barGeometry(left, plotRight, spec.categories.length, spec.series.length);
    const fitted = spec.categories.map((c) => fitText(c, LABEL_FONT, geometry.band - 8, 3, 10));
    const catSize = Math.min(...fitted.map((f) => f.size));
    const catLines = spec.categories.map((c, i) => (fitted[i]!.size === catSize ? fitted[i]!.lines : fitText(c, catSize, geometry.band - 8, 3, catSize).lines));
    const catHeight = Math.max(...catLines.map((l) => l.length)) * catSize * LINE;
    const plotBottom = height - MARGIN.bottom - catHeight - CATEGORY_GAP;
    const valueStyle = valueLabelStyle(labels.flat(), geometry.pitch);
    const ticks = ticksWithRoom(lo, hi, valueStyle.extent, plotBottom - plotTop);
    return { geometry, catSize, catLines, plotBottom, valueStyle, ticks };
  }
  for (let round = 0; round < 4; round++) {
    layout = layOut(plotLeft);
    const needed = MARGIN.left + TICK_GAP + Math.max(...layout.ticks.labels.map((l) => textWidth(l, TICK_FONT)));
    if (needed <= plotLeft) break;
    plotLeft = needed;
  }
  const { geometry, catSize, catLines, plotBottom, valueStyle, ticks } = layout;
  const y = (v: number): number => plotBottom - ((v - ticks.min) / (ticks.max - ticks.min)) * (plotBottom - plotTop);
  const y0 = y(0);

  const out: string[] = [];
  out.push(text(TITLE_X, LEGEND_TOP + 12, title, { size: TITLE_FONT, fill: AXIS }));
  out.push(drawLegend(legend, width - LEGEND_RIGHT, LEGEND_TOP, 'right', `${id}-legend`));

  // Value axis: grid lines and tick labels.
  out.push(`<g id="${id}-axis">`);
  ticks.values.forEach((v, i) => {
    const ty = y(v);
    out.push(`<path d="M${num(plotLeft)} ${num(crisp(ty))}H${num(plotRight)}" stroke="${GRID}" stroke-width="1" fill="none"></path>`);
    out.push(text(plotLeft - TICK_GAP, ty, ticks.labels[i]!, { size: TICK_FONT, fill: AXIS, anchor: 'end' }));
  });
  out.push('</g>');

  // Bars.
  out.push(`<g id="${id}-bars">`);
  values.forEach((series, s) => {
    series.forEach((v, c) => {
      const top = Math.min(y(v), y0);
      const h = Math.abs(y(v) - y0);
      if (h <= 0) return;
      const x = geometry.center(c, s) - geometry.width / 2;
      out.push(`<rect x="${num(x)}" y="${num(top)}" width="${num(geometry.width)}" height="${num(h)}" fill="${color(s)}"></rect>`);
    });
  });
  out.push('</g>');

  // The category axis along zero, with a tick under each category (none when bars hang below it).
  const axis = [`M${num(plotLeft)} ${num(crisp(y0))}H${num(plotRight)}`];
  if (ticks.min >= 0) {
    spec.categories.forEach((_, c) => {
      const x = crisp(plotLeft + geometry.band * (c + 0.5));
      axis.push(`M${num(x)} ${num(crisp(y0))}V${num(crisp(y0) + 5)}`);
    });
  }
  out.push(`<path d="${axis.join('')}" stroke="${AXIS}" stroke-width="1" fill="none"></path>`);

  // Category names under the plot, each line centred in its band.
  out.push(`<g id="${id}-categories">`);
  catLines.forEach((lines, c) => {
    const x = plotLeft + geometry.band * (c + 0.5);
    lines.forEach((line, l) => {
      out.push(text(x, plotBottom + CATEGORY_GAP + catSize * LINE * (l + 0.5), line, { size: catSize, fill: TEXT, anchor: 'middle' }));
    });
  });
  out.push('</g>');

  // Value labels beyond each bar's end.
  out.push(`<g id="${id}-values">`);
  values.forEach((series, s) => {
    series.forEach((v, c) => {
      const x = geometry.center(c, s);
      const label = labels[s]![c]!;
      const size = valueStyle.size;
      if (valueStyle.vertical) {
        const end = v < 0 ? y(v) + LABEL_GAP : y(v) - LABEL_GAP;
        out.push(text(x, end, label, { size, fill: TEXT, anchor: v < 0 ? 'end' : 'start', rotate: -90 }));
      } else {
        const cy = v < 0 ? y(v) + LABEL_GAP + size / 2 : y(v) - LABEL_GAP - size / 2;
        out.push(text(x, cy, label, { size, fill: TEXT, anchor: 'middle' }));
      }
    });
  });
  out.push('</g>');
  return out.join('');
}
