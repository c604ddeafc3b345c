/**
 * A ChartSpec → PNG (for DOCX, which needs a raster image): the SVG from
 * chartSvg rasterised by sharp (librsvg) at 2× density. librsvg finds fonts
 * through fontconfig, so FONTCONFIG_FILE points at config/fonts.conf (which
 * includes the system fonts and maps the government font names) unless the
 * caller set it; that must happen before sharp loads, hence the lazy import.
 */
import { fileURLToPath } from 'node:url';
import type { ChartSpec } from '../report/tree.js';
import { chartSvg, type ChartSvgOptions } from './svg.js';

/** Rasterising density: 2 device pixels per SVG pixel. */
export const PNG_SCALE = 2;

export const FONTS_CONF = fileURLToPath(new URL('../../config/fonts.conf', import.meta.url));

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | undefined;

function loadSharp(): Promise<Sharp> {
  if (process.env.FONTCONFIG_FILE === undefined || process.env.FONTCONFIG_FILE === '') {
    process.env.FONTCONFIG_FILE = FONTS_CONF;
  }
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/** The chart as PNG bytes, PNG_SCALE × the SVG size, on white. */
export async function chartPng(spec: ChartSpec, o: ChartSvgOptions = {}): Promise<Buffer> {
  const svg = chartSvg(spec, o);
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 * PNG_SCALE })
    .flatten({ background: '#ffffff' })
    // zlib level 6: as fast as the rasterising itself; level 9 took three times as long for ~15% fewer bytes.
    .png({ compressionLevel: 6, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
