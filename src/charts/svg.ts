/**
 * A ChartSpec → a static SVG string, written directly for the two chart kinds
 * the report uses (grouped bars, pie): see svg/bar.ts and svg/pie.ts. The
 * output is deterministic for a given spec and size, and its ids take a
 * prefix (by default one derived from the spec), so several charts can share
 * one HTML page.
 */
import type { ChartSpec } from '../report/tree.js';
import { barSvg } from './svg/bar.js';
import { pieLayout, pieSvg } from './svg/pie.js';
import { BACKGROUND, CHART_FONT_FAMILY, CHART_HEIGHT, CHART_WIDTH } from './svg/style.js';
import { escapeXml, num } from './svg/text.js';

export { CHART_FONT_FAMILY, CHART_HEIGHT, CHART_WIDTH, PALETTE } from './svg/style.js';

export interface ChartSvgOptions {
  width?: number;
  height?: number;
  /** Prefix for ids inside the SVG; defaults to one derived from the spec. */
  idPrefix?: string;
}

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
  if (spec.categories.length === 0) throw new Error('chart has no categories');
  if (spec.type === 'pie' && spec.series.length !== 1) throw new Error('a pie chart has exactly one series');
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) {
      throw new Error(`series "${s.name}" has ${s.values.length} values for ${spec.categories.length} categories`);
    }
  }
}

/** The chart's size in SVG pixels: a pie with many slices is taller than the default. */
export function chartSize(spec: ChartSpec, width: number = CHART_WIDTH): { width: number; height: number } {
  checkSpec(spec);
  return { width, height: spec.type === 'pie' ? pieLayout(spec, width).height : CHART_HEIGHT };
}

/** The chart as a standalone SVG document (white background, CJK fonts). */
export function chartSvg(spec: ChartSpec, o: ChartSvgOptions = {}): string {
  checkSpec(spec);
  const width = o.width ?? CHART_WIDTH;
  const id = escapeXml(o.idPrefix ?? specHash(spec));
  // A pie with many slices grows taller unless the caller fixes the height.
  const pie = spec.type === 'pie' ? pieLayout(spec, width, o.height) : undefined;
  const height = pie?.height ?? o.height ?? CHART_HEIGHT;
  const body = pie ? pieSvg(spec, width, pie, id) : barSvg(spec, width, height, id);
  const w = num(width);
  const h = num(height);
  return (
    `<svg width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${w} ${h}">` +
    `<rect width="${w}" height="${h}" x="0" y="0" fill="${BACKGROUND}"></rect>` +
    `<g id="${id}-chart" font-family="${CHART_FONT_FAMILY}">${body}</g>` +
    '</svg>'
  );
}
