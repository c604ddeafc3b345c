/**
 * HTML escaping. One function serves text and attribute values alike: it
 * escapes all five significant characters (& < > " '), so the result is safe
 * in element content and in single- or double-quoted attributes. Escaping `>`
 * as well keeps every literal `<` and `>` in the output a tag delimiter,
 * which makes the markup easy to check and to parse back.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Code points HTML forbids in a document's input stream (parse errors):
 * C0 controls other than tab, LF, FF and CR; DEL and the C1 controls;
 * noncharacters; and lone surrogates (which UTF-8 cannot encode at all).
 * Global: meant for String.prototype.replace.
 */
export const FORBIDDEN = new RegExp(
  '[\\u{0}-\\u{8}\\u{B}\\u{E}-\\u{1F}\\u{7F}-\\u{9F}\\u{FDD0}-\\u{FDEF}' +
    Array.from({ length: 17 }, (_, plane) => {
      const base = (plane * 0x10000).toString(16);
      const hi = plane === 0 ? '' : base.slice(0, -4);
      return `\\u{${hi}FFFE}\\u{${hi}FFFF}`;
    }).join('') +
    ']|\\p{Cs}',
  'gu',
);

/** The replacement for a forbidden code point: visible, so the gap is noticed. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Replace code points that cannot appear in an HTML document with U+FFFD. */
export function sanitizeText(text: string): string {
  return text.replace(FORBIDDEN, REPLACEMENT_CHARACTER);
}

/** Escape text for element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return sanitizeText(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/**
 * Escape a value for a single-quoted attribute, leaving double quotes as
 * they are, so JSON stays readable: data-dims='{"code":"2010101"}'.
 */
export function escapeSingleQuotedAttr(value: string): string {
  return sanitizeText(value).replace(/[&<>']/g, (ch) => ENTITIES[ch] ?? ch);
}
