/**
 * fast-check arbitraries that damage a valid text or byte string the ways
 * files get damaged: cut short, bytes flipped, spans deleted, duplicated or
 * replaced with characters that trip parsers.
 */
import fc from 'fast-check';

/** Tokens that mean something to YAML, JSON, XML or our own number and code parsers. */
const NASTY = [
  '', ':', ': ', '- ', '"', "'", '{', '}', '[', ']', ',', '&a', '*a', '!!binary', '!!js/function', '<<: *a', '|', '>', '#', '%YAML 1.1\n',
  '---\n', '...\n', '\t', '\n', '\r\n', '\u0000', '\uFEFF', '\uD800', '😀', '１２３．４５', '1e309', '-0', 'NaN', '0x10', '~', 'null', 'true',
  '99999999999999999999999999', '-1', '1,2,3.4', '二〇二二', '万元', '元', '<![CDATA[', '&amp;', '&#0;', '\\u0000', '{{', '__proto__', 'constructor',
];

export type TextEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swapLines'; a: number; b: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  position.map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: position, b: position }),
);

export function applyEdit(s: string, e: TextEdit): string {
  const at = (p: number) => Math.floor(p * s.length);
  switch (e.kind) {
    case 'truncate':
      return s.slice(0, at(e.at));
    case 'delete':
      return s.slice(0, at(e.at)) + s.slice(at(e.at) + e.length);
    case 'insert':
      return s.slice(0, at(e.at)) + e.text + s.slice(at(e.at));
    case 'duplicate':
      return s.slice(0, at(e.at) + e.length) + s.slice(at(e.at));
    case 'swapLines': {
      const lines = s.split('\n');
      const a = Math.floor(e.a * lines.length);
      const b = Math.floor(e.b * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
  }
}

/** One to five edits of a text. */
export const textEdits = fc.array(textEdit, { minLength: 1, maxLength: 5 });

export type ByteEdit = { kind: 'flip'; at: number; xor: number } | { kind: 'truncate'; at: number } | { kind: 'zero'; at: number; length: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, xor: fc.integer({ min: 1, max: 255 }) }),
  { arbitrary: position.map((at) => ({ kind: 'truncate' as const, at })), weight: 1 },
  fc.record({ kind: fc.constant('zero' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
);

export function applyByteEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b = Uint8Array.from(bytes);
  for (const e of edits) {
    const at = Math.floor(e.at * b.length);
    if (e.kind === 'flip' && at < b.length) b[at]! ^= e.xor;
    if (e.kind === 'truncate') b = b.subarray(0, at);
    if (e.kind === 'zero') b.fill(0, at, at + e.length);
  }
  return b;
}

export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 6 });
