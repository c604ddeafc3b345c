/**
 * Units, sizes and font names for the GB/T 9704-2012 Word layout.
 * Word measures lengths in twips (1/20 pt) and font sizes in half-points.
 */
import type { Fonts } from './props.js';

/** Millimetres → twips. */
export function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/** Points → twips. */
export function ptTwips(value: number): number {
  return Math.round(value * 20);
}

/** Points → half-points (w:sz). */
export function halfPoints(value: number): number {
  return Math.round(value * 2);
}

/** Chinese font sizes (字号) in points. */
export const SIZE = {
  er: 22, // 二号
  xiaoEr: 18, // 小二
  san: 16, // 三号
  si: 14, // 四号
  xiaoSi: 12, // 小四
  wu: 10.5, // 五号
} as const;

/**
 * Font names as GB/T 9704 names them. They are proprietary; the reader's Word
 * supplies them, and config/fonts.conf maps them for LibreOffice.
 */
export const FONT = {
  fangSong: '仿宋_GB2312',
  xiaoBiaoSong: '方正小标宋简体',
  heiTi: '黑体',
  kaiTi: '楷体_GB2312',
  songTi: '宋体',
  latin: 'Times New Roman',
} as const;

/** Run fonts: Chinese in `eastAsia`, digits and Latin letters in Times New Roman. */
export function runFont(eastAsia: string, latin: string = FONT.latin): Fonts {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

/** A4 portrait, in twips. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** GB/T 9704 margins: 天头 37 mm, 订口 28 mm; the 156 × 225 mm 版心 gives right 26 mm and bottom 35 mm. */
export const MARGIN = {
  top: mm(37),
  left: mm(28),
  right: mm(26),
  bottom: mm(35),
  /** Distance from the top edge to the header (draft mark). */
  header: mm(15),
  /** Distance from the bottom edge to the footer: puts the page number about 7 mm below the 版心. */
  footer: mm(22),
} as const;

/** Width of the 版心 (text area) in twips. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Text width of a landscape A4 page with the same margins (top and bottom stay 37/35 mm). */
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - MARGIN.left - MARGIN.right;

/** 22 lines on a 225 mm 版心: a fixed line pitch of 28.95 pt (579 twips). */
export const BODY_LINE = 579;

/** Two characters of 三号 text (32 pt) as a first-line indent, in twips. */
export const BODY_INDENT = ptTwips(2 * SIZE.san);
