/**
 * Text for the SVG writer: XML escaping, width estimates for the CJK font
 * (no font metrics at hand, so a conservative per-character estimate), line
 * wrapping for long Chinese names, and the <text> element itself.
 */

/** Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF). */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '\ufffd').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A coordinate with at most two decimals, never "-0". */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r === 0 ? '0' : String(r);
}

/** Wide characters: CJK, full-width forms and punctuation, which the CJK font draws 1 em wide. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Approximate advance of one character in em (Noto Sans CJK SC proportional Latin, rounded up). */
function advance(ch: string): number {
  if (WIDE.test(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.56;
  if (ch === '.' || ch === ',' || ch === ':' || ch === ';' || ch === '!' || ch === '|' || ch === "'") return 0.3;
  if (ch === ' ') return 0.25;
  if (ch === '%') return 0.9;
  if (/[A-Z@#&WMmw]/.test(ch)) return 0.7;
  return 0.56;
}

/** Estimated width of `text` at font size `size` px. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * size;
}

const CLOSING = /^[，。、；：！？）》」』】〕”’,.;:!?)\]%％]/u;
const OPENING = /[（《「『【〔“‘(\[]$/u;

/**
 * Pieces a line may break between: a run of Latin letters or digits stays
 * whole, each CJK character stands alone, closing punctuation keeps to what
 * precedes it and opening punctuation to what follows (no line starts with
 * "）" or ends with "（").
 */
function pieces(text: string): string[] {
  const raw = text.match(/[A-Za-z0-9.\-+/]+|[\s\S]/gu) ?? [];
  const out: string[] = [];
  for (const p of raw) {
    const last = out.length - 1;
    if (last >= 0 && (CLOSING.test(p) || OPENING.test(out[last]!))) out[last] += p;
    else out.push(p);
  }
  return out;
}

/** `text` broken greedily into lines no wider than `width` at `size` px (a piece wider than that gets a line of its own). */
function greedy(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const p of pieces(text)) {
    if (line !== '' && textWidth(line + p, size) > width) {
      lines.push(line);
      line = p.trimStart();
    } else {
      line += p;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * `text` in as few lines no wider than `width` as greedy breaking gives; when
 * that leaves a short last line, the breaks are evened out: "社会保/障和就/业支出",
 * not "社会保障/和就业支/出" (but "公共安全/支出" stays).
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines = greedy(text, size, width);
  if (lines.length < 2) return lines;
  const widest = Math.max(...lines.map((l) => textWidth(l, size)));
  if (textWidth(lines[lines.length - 1]!, size) >= 0.4 * widest) return lines;
  // The narrowest width that still needs no more lines.
  let lo = textWidth(text, size) / lines.length;
  let hi = width;
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (greedy(text, size, mid).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return greedy(text, size, hi);
}

/**
 * Fits `text` into `width` px: on one line at `size` if it fits, otherwise
 * wrapped into at most `maxLines` lines, shrinking the font (not below
 * `minSize`) until it does; at `minSize` the lines may be more or wider.
 */
export function fitText(text: string, size: number, width: number, maxLines: number, minSize: number): { lines: string[]; size: number } {
  for (let s = size; s >= minSize; s -= 1) {
    const lines = wrapText(text, s, width);
    if (lines.length <= maxLines && lines.every((l) => textWidth(l, s) <= width)) return { lines, size: s };
  }
  return { lines: wrapText(text, minSize, width), size: minSize };
}

/** Baseline offset below a line's vertical centre: CJK glyphs sit about 0.88 em above and 0.12 em below the baseline. */
export const BASELINE = 0.36;

export interface TextOptions {
  size: number;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  /** Rotation in degrees about (x, y). */
  rotate?: number;
}

/** A <text> element whose line is vertically centred on y. */
export function text(x: number, y: number, content: string, o: TextOptions): string {
  const baseline = y + o.size * BASELINE;
  const anchor = o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : '';
  const rotate = o.rotate ? ` transform="rotate(${num(o.rotate)} ${num(x)} ${num(y)})"` : '';
  return `<text x="${num(x)}" y="${num(baseline)}" font-size="${o.size}" fill="${o.fill}"${anchor}${rotate}>${escapeXml(content)}</text>`;
}
