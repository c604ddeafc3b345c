/**
 * Conversion noise ([bookmark: _Toc…], [image: …], private-use glyphs) masked
 * by spaces of the same length, so every offset found in the masked text is
 * an offset in the text the caller gave us.
 */
const NOISE = /\[(?:bookmark|image|图片|书签)[:：][^\]\n]{0,200}\]|[\uE000-\uF8FF\uFEFF\u200B-\u200D]/g;

export function maskNoise(text: string): string {
  return text.replace(NOISE, (m) => ' '.repeat(m.length));
}
