/**
 * normalizeText: the canonical text claims are found in, with an index map
 * back to the raw text. Pure: no Node imports, no I/O.
 *
 * 1. Characters, one for one (chars.ts): full-width → ASCII, radicals →
 *    ideographs, traditional → simplified; CR LF → LF, and CR, FF, VT, U+2028,
 *    U+2029 → LF.
 * 2. Then, repeated until nothing changes: field codes and markers go
 *    (noise.ts), page-number lines go (noise.ts), broken lines are joined
 *    (lines.ts), numbers are written one way (numbers.ts). One step can
 *    uncover work for another (a join can complete "1,23\n4,567"), and running
 *    to a fixed point makes normalising twice the same as normalising once.
 *
 * Every step only drops characters or replaces one by one, so map is strictly
 * increasing, map[i] is the raw index of text[i], and a dropped character
 * always lies inside the raw span of the characters on either side of it.
 */
import { canonicalUnit } from './chars.js';
import { Edits, identity, type Mapped } from './edit.js';
import { joinLines, type BreakHints } from './lines.js';
import { removeFieldCodes, removePageNumberLines } from './noise.js';
import { canonicalNumbers } from './numbers.js';

export type { BreakHints, BreakKind } from './lines.js';

export interface NormalizeOptions {
  /** Line breaks a reader could classify (PDF geometry), by raw offset. */
  breaks?: BreakHints;
}

/** Each step is a pure function of the current text. */
const STEPS: ((m: Mapped, o: NormalizeOptions) => Edits)[] = [
  (m) => removeFieldCodes(m),
  (m) => removePageNumberLines(m),
  (m, o) => joinLines(m, o.breaks),
  (m) => canonicalNumbers(m),
];

/** A safety stop for adversarial input; real reports settle in two or three rounds. */
const MAX_ROUNDS = 64;

function canonicalChars(m: Mapped): Edits {
  const { text } = m;
  const edits = new Edits(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) edits.drop(i);
      else edits.replace(i, '\n');
    } else if (c === 0x0b || c === 0x0c || c === 0x2028 || c === 0x2029) {
      edits.replace(i, '\n');
    } else {
      const to = canonicalUnit(c);
      if (to !== c) edits.replace(i, String.fromCharCode(to));
    }
  }
  return edits;
}

export function normalizeText(raw: string, options: NormalizeOptions = {}): { text: string; map: Int32Array } {
  const start = identity(raw);
  let m = canonicalChars(start).apply(start);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const step of STEPS) {
      const edits = step(m, options);
      if (!edits.empty) {
        m = edits.apply(m);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return m;
}
