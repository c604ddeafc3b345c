/** The charts' fixed look: size, font, colours. */

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;

/** Single quotes only, so the family list fits in a double-quoted attribute. */
export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif";

/** Office-like colours, familiar from the Excel charts the seed reports pasted in. */
export const PALETTE = [
  '#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47',
  '#264478', '#9e480e', '#636363', '#997300', '#255e91', '#43682b',
] as const;

export const color = (i: number): string => PALETTE[i % PALETTE.length]!;

/** Labels and legend text. */
export const TEXT = '#333333';
/** The unit line, axis lines and tick labels. */
export const AXIS = '#666666';
export const GRID = '#e0e0e0';
export const BACKGROUND = '#ffffff';

/** Font sizes in px. */
export const TITLE_FONT = 13;
export const LABEL_FONT = 13;
export const TICK_FONT = 12;
