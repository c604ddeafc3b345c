/**
 * Bytes → text for plain-text and HTML files: a BOM decides (UTF-8, UTF-16),
 * otherwise strict UTF-8, then GB18030 (a superset of GBK and GB 2312, which
 * many Chinese .txt files use; stack.md pitfall 18), then an encoding the
 * caller found declared in the file. Binary data is refused by its control
 * characters, which no text file has.
 */
export interface Decoded {
  text: string;
  encoding: string;
}

/** The text, or undefined when the bytes are not valid in that encoding (or it is unknown). */
function strict(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Control characters other than tab, line feed, vertical tab, form feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** True when the text looks like decoded binary data. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > 0 && controls >= Math.max(1, text.length / 1000);
}

export function decodeText(bytes: Uint8Array, declared?: string): Decoded | undefined {
  const boms: [number[], string][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [bom, encoding] of boms) {
    if (bom.every((b, i) => bytes[i] === b)) {
      const text = strict(bytes, encoding);
      return text === undefined || looksBinary(text) ? undefined : { text, encoding };
    }
  }
  // A declared encoding goes before GB18030, which would also accept Big5 bytes, wrongly.
  const candidates = ['utf-8', ...(declared ? [declared.toLowerCase()] : []), 'gb18030'];
  for (const encoding of candidates) {
    const text = strict(bytes, encoding);
    if (text !== undefined) return looksBinary(text) ? undefined : { text, encoding };
  }
  return undefined;
}
