/**
 * The legend: a coloured rounded square and the name per item, in rows
 * filled greedily. Bar charts put it top right, pies bottom centre.
 */
import { color, LABEL_FONT, TEXT } from './style.js';
import { num, text, textWidth } from './text.js';

const ICON_W = 18;
const ICON_H = 12;
const ICON_GAP = 5;
const ITEM_GAP = 10;
export const LEGEND_ROW = 24;

interface Item {
  name: string;
  index: number;
  width: number;
}

export interface Legend {
  rows: Item[][];
  /** Width of the widest row. */
  width: number;
  height: number;
}

function rowWidth(row: readonly Item[]): number {
  return row.reduce((w, it) => w + it.width, 0) + ITEM_GAP * Math.max(0, row.length - 1);
}

/** Lays the names out in rows no wider than `available` (an item wider than that gets a row of its own). */
export function layoutLegend(names: readonly string[], available: number): Legend {
  const rows: Item[][] = [];
  let row: Item[] = [];
  names.forEach((name, index) => {
    const item = { name, index, width: ICON_W + ICON_GAP + textWidth(name, LABEL_FONT) };
    if (row.length > 0 && rowWidth([...row, item]) > available) {
      rows.push(row);
      row = [];
    }
    row.push(item);
  });
  if (row.length > 0) rows.push(row);
  return { rows, width: Math.max(0, ...rows.map(rowWidth)), height: rows.length * LEGEND_ROW };
}

/**
 * The legend's SVG with its first row's centre line at `top + LEGEND_ROW / 2`.
 * `align` 'right' right-aligns the block at `x` (rows left-aligned inside it);
 * 'center' centres each row on `x`.
 */
export function drawLegend(legend: Legend, x: number, top: number, align: 'right' | 'center', id: string): string {
  const out: string[] = [`<g id="${id}">`];
  legend.rows.forEach((row, r) => {
    const cy = top + r * LEGEND_ROW + LEGEND_ROW / 2;
    let left = align === 'right' ? x - legend.width : x - rowWidth(row) / 2;
    for (const item of row) {
      out.push(
        `<rect x="${num(left)}" y="${num(cy - ICON_H / 2)}" width="${ICON_W}" height="${ICON_H}" rx="3" ry="3" fill="${color(item.index)}"></rect>`,
      );
      out.push(text(left + ICON_W + ICON_GAP, cy, item.name, { size: LABEL_FONT, fill: TEXT }));
      left += item.width + ITEM_GAP;
    }
  });
  out.push('</g>');
  return out.join('');
}
