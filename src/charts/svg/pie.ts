/**
 * Pie chart: slices clockwise from 12 o'clock in the palette's order, each
 * labelled outside with its name and "value（share%）" on a leader line,
 * labels spread vertically per side so they never overlap, the legend at the
 * bottom centre. A pie with many slices grows taller so every label has room.
 */
import type { ChartSpec } from '../../report/tree.js';
import { chartShares, chartValueText } from '../../report/charts.js';
import { drawLegend, layoutLegend, type Legend } from './legend.js';
import { AXIS, BACKGROUND, CHART_HEIGHT, color, LABEL_FONT, TEXT, TITLE_FONT } from './style.js';
import { num, text, textWidth, wrapText } from './text.js';

const TITLE_X = 8;
const PIE_TOP = 40;
const LEGEND_BOTTOM = 8;
const LEGEND_SIDE = 12;
/** Space between the pie's box and the legend. */
const BOX_GAP = 12;
const MIN_BOX = 260;
/** Radius as a share of half the box's shorter side. */
const RADIUS = 0.68;
/** Leader line: radial part beyond the rim, then horizontal part; then the gap before the text. */
const LEADER_OUT = 12;
const LEADER_ACROSS = 14;
const LEADER_TEXT_GAP = 4;
const LINE_HEIGHT = 18;
const LABEL_SPACING = 4;
/** Labels keep below the unit line and above the legend. */
const LABEL_TOP = 30;

export interface Label {
  index: number;
  lines: string[];
  size: number;
  height: number;
  right: boolean;
  /** Middle angle of the slice, clockwise from 12 o'clock, in radians. */
  angle: number;
  /** Centre of the label block. */
  y: number;
}

interface Slice {
  start: number;
  end: number;
}

/** Slice angles; a pie whose values add up to zero gets equal slices (as ECharts drew it). Negative values count as zero. */
function slices(values: readonly number[]): Slice[] {
  const clean = values.map((v) => (v > 0 ? v : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  const out: Slice[] = [];
  let at = 0;
  for (const v of clean) {
    const sweep = total > 0 ? (v / total) * 2 * Math.PI : (2 * Math.PI) / values.length;
    out.push({ start: at, end: at + sweep });
    at += sweep;
  }
  return out;
}

/** The label's lines: the name (wrapped to two lines if need be) and "value（share%）", at the largest size (13…10 px) that fits `width`. */
function labelLines(name: string, value: string, width: number): { lines: string[]; size: number } {
  for (let size = LABEL_FONT; size > 10; size--) {
    const lines = wrapText(name, size, width);
    if (lines.length <= 2 && textWidth(value, size) <= width && lines.every((l) => textWidth(l, size) <= width)) return { lines: [...lines, value], size };
  }
  return { lines: [...wrapText(name, 10, width), value], size: 10 };
}

/**
 * Spreads the labels of one side between `top` and `bottom` keeping their
 * order: each moves as little as possible from where its slice points.
 */
function spread(labels: Label[], top: number, bottom: number): void {
  labels.sort((a, b) => a.y - b.y);
  let edge = top;
  for (const l of labels) {
    l.y = Math.max(l.y, edge + l.height / 2);
    edge = l.y + l.height / 2 + LABEL_SPACING;
  }
  edge = bottom;
  for (let i = labels.length - 1; i >= 0; i--) {
    const l = labels[i]!;
    l.y = Math.min(l.y, edge - l.height / 2);
    edge = l.y - l.height / 2 - LABEL_SPACING;
  }
  // Too many to fit: stack them from the top (the chart is sized so this is rare).
  if (labels.length > 0 && labels[0]!.y - labels[0]!.height / 2 < top) {
    edge = top;
    for (const l of labels) {
      l.y = edge + l.height / 2;
      edge += l.height + LABEL_SPACING;
    }
  }
}

export interface PieLayout {
  height: number;
  legend: Legend;
  radius: number;
  cx: number;
  cy: number;
  labels: Label[];
}

export function pieLayout(spec: ChartSpec, width: number, fixedHeight?: number): PieLayout {
  const series = spec.series[0]!;
  const numbers = series.values.map(Number);
  const shares = chartShares(series.values);
  const legend = layoutLegend(spec.categories, width - 2 * LEGEND_SIDE);
  const below = legend.height + LEGEND_BOTTOM + BOX_GAP;
  const angles = slices(numbers).map((s) => (s.start + s.end) / 2);

  // Labels get the room beside a pie in the smallest box; a taller box may
  // make the pie larger only as far as the widest label still fits.
  const beside = LEADER_OUT + LEADER_ACROSS + LEADER_TEXT_GAP + 8;
  const labelWidth = width / 2 - (RADIUS * Math.min(width, MIN_BOX)) / 2 - beside;
  const labels: Label[] = spec.categories.map((name, i) => {
    const { lines, size } = labelLines(name, `${chartValueText(series.values[i]!)}（${shares[i]}%）`, labelWidth);
    const angle = angles[i]!;
    return { index: i, lines, size, height: lines.length * LINE_HEIGHT * (size / LABEL_FONT), right: angle <= Math.PI, angle, y: 0 };
  });
  const sideHeight = (right: boolean) =>
    labels.filter((l) => l.right === right).reduce((h, l) => h + l.height + LABEL_SPACING, 0);
  const box = Math.max(MIN_BOX, sideHeight(true) + 40, sideHeight(false) + 40);
  const height = fixedHeight ?? Math.max(CHART_HEIGHT, PIE_TOP + box + below);
  const boxHeight = Math.max(40, height - PIE_TOP - below);
  const widest = Math.max(...labels.map((l) => Math.max(...l.lines.map((line) => textWidth(line, l.size)))));
  const radius = Math.max(20, Math.min((RADIUS * Math.min(width, boxHeight)) / 2, width / 2 - beside - widest));
  const cx = width / 2;
  const cy = PIE_TOP + boxHeight / 2;
  for (const l of labels) l.y = cy - (radius + LEADER_OUT) * Math.cos(l.angle);
  const bottom = height - legend.height - LEGEND_BOTTOM - 4;
  spread(labels.filter((l) => l.right), LABEL_TOP, bottom);
  spread(labels.filter((l) => !l.right), LABEL_TOP, bottom);
  return { height, legend, radius, cx, cy, labels };
}

/** An arc-bounded wedge; a whole circle when it sweeps all the way round. */
function wedge(cx: number, cy: number, r: number, s: Slice, fill: string): string {
  const sweep = s.end - s.start;
  if (sweep <= 0) return '';
  if (sweep >= 2 * Math.PI - 1e-9) {
    return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${fill}" stroke="${BACKGROUND}" stroke-width="1"></circle>`;
  }
  const at = (a: number) => `${num(cx + r * Math.sin(a))} ${num(cy - r * Math.cos(a))}`;
  const large = sweep > Math.PI ? 1 : 0;
  return `<path d="M${num(cx)} ${num(cy)}L${at(s.start)}A${num(r)} ${num(r)} 0 ${large} 1 ${at(s.end)}Z" fill="${fill}" stroke="${BACKGROUND}" stroke-width="1" stroke-linejoin="round"></path>`;
}

export function pieSvg(spec: ChartSpec, width: number, layout: PieLayout, id: string): string {
  const { height, legend, radius: r, cx, cy, labels } = layout;
  const numbers = spec.series[0]!.values.map(Number);
  const out: string[] = [];
  out.push(text(TITLE_X, 18, `单位：${spec.unit}`, { size: TITLE_FONT, fill: AXIS }));

  out.push(`<g id="${id}-slices">`);
  slices(numbers).forEach((s, i) => out.push(wedge(cx, cy, r, s, color(i))));
  out.push('</g>');

  // Leader lines end on an ellipse round the pie that reaches every label's height.
  const out2 = r + LEADER_OUT;
  const reach = (right: boolean) => Math.max(out2, ...labels.filter((l) => l.right === right).map((l) => Math.abs(l.y - cy) + 1));
  const reachRight = reach(true);
  const reachLeft = reach(false);
  out.push(`<g id="${id}-labels">`);
  for (const l of labels) {
    const dir = l.right ? 1 : -1;
    const ry = l.right ? reachRight : reachLeft;
    const dy = l.y - cy;
    const elbow = cx + dir * out2 * Math.sqrt(Math.max(0, 1 - (dy * dy) / (ry * ry)));
    const end = elbow + dir * LEADER_ACROSS;
    const rimX = cx + r * Math.sin(l.angle);
    const rimY = cy - r * Math.cos(l.angle);
    out.push(
      `<path d="M${num(rimX)} ${num(rimY)}L${num(elbow)} ${num(l.y)}H${num(end)}" stroke="${color(l.index)}" stroke-width="1" fill="none"></path>`,
    );
    const lineHeight = l.height / l.lines.length;
    const x = end + dir * LEADER_TEXT_GAP;
    l.lines.forEach((line, k) => {
      const ly = l.y - l.height / 2 + lineHeight * (k + 0.5);
      out.push(text(x, ly, line, { size: l.size, fill: TEXT, anchor: l.right ? 'start' : 'end' }));
    });
  }
  out.push('</g>');

  out.push(drawLegend(legend, width / 2, height - LEGEND_BOTTOM - legend.height, 'center', `${id}-legend`));
  return out.join('');
}
