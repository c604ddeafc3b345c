/**
 * Text with its index map, and the only two edits normalisation makes:
 * drop a character, or replace it by exactly one other. Neither can reorder
 * or insert, so the map stays strictly increasing and every normalised
 * character points at the raw character it came from.
 */
export interface Mapped {
  text: string;
  /** map[i] = raw index of text[i]; map[text.length] = raw.length. */
  map: Int32Array;
}

export function identity(raw: string): Mapped {
  const map = new Int32Array(raw.length + 1);
  for (let i = 0; i <= raw.length; i++) map[i] = i;
  return { text: raw, map };
}

/** The edits of one step over a text of `length` code units. */
export class Edits {
  private readonly dropped: Uint8Array;
  private readonly replaced = new Map<number, string>();
  private count = 0;

  constructor(readonly length: number) {
    this.dropped = new Uint8Array(length);
  }

  get empty(): boolean {
    return this.count === 0;
  }

  drop(from: number, to: number = from + 1): void {
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) {
      if (!this.dropped[i]) {
        this.dropped[i] = 1;
        this.replaced.delete(i);
        this.count++;
      }
    }
  }

  /** Replaces one code unit by one code unit. */
  replace(at: number, ch: string): void {
    if (ch.length !== 1) throw new RangeError('replace takes exactly one code unit');
    if (at < 0 || at >= this.length || this.dropped[at]) return;
    if (!this.replaced.has(at)) this.count++;
    this.replaced.set(at, ch);
  }

  isDropped(at: number): boolean {
    return this.dropped[at] === 1;
  }

  apply(m: Mapped): Mapped {
    if (this.count === 0) return m;
    const { text } = m;
    const parts: string[] = [];
    const map = new Int32Array(text.length + 1 - this.countDropped());
    let out = 0;
    let runStart = 0;
    for (let i = 0; i < text.length; i++) {
      const sub = this.replaced.get(i);
      if (this.dropped[i] || sub !== undefined) {
        if (runStart < i) parts.push(text.slice(runStart, i));
        runStart = i + 1;
        if (sub !== undefined) {
          parts.push(sub);
          map[out++] = m.map[i]!;
        }
        continue;
      }
      map[out++] = m.map[i]!;
    }
    if (runStart < text.length) parts.push(text.slice(runStart));
    map[out] = m.map[text.length]!;
    return { text: parts.join(''), map };
  }

  private countDropped(): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) n += this.dropped[i]!;
    return n;
  }
}
