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
  /**
   * Per code unit: 0 kept, 1 dropped, 2 replaced (by `replaced`'s entry), so apply looks the map up only where needed.
   * Made at the first edit: most steps of a round find nothing to do.
   */
  private state: Uint8Array | undefined;
  private readonly replaced = new Map<number, string>();
  private count = 0;
  private droppedCount = 0;

  constructor(readonly length: number) {}

  private states(): Uint8Array {
    return (this.state ??= new Uint8Array(this.length));
  }

  get empty(): boolean {
    return this.count === 0;
  }

  drop(from: number, to: number = from + 1): void {
    const end = Math.min(to, this.length);
    if (Math.max(0, from) >= end) return;
    const state = this.states();
    for (let i = Math.max(0, from); i < end; i++) {
      if (state[i] !== 1) {
        if (state[i] === 2) this.replaced.delete(i);
        state[i] = 1;
        this.droppedCount++;
        this.count++;
      }
    }
  }

  /** Replaces one code unit by one code unit. */
  replace(at: number, ch: string): void {
    if (ch.length !== 1) throw new RangeError('replace takes exactly one code unit');
    if (at < 0 || at >= this.length) return;
    const state = this.states();
    if (state[at] === 1) return;
    if (state[at] !== 2) this.count++;
    state[at] = 2;
    this.replaced.set(at, ch);
  }

  isDropped(at: number): boolean {
    return this.state?.[at] === 1;
  }

  apply(m: Mapped): Mapped {
    if (this.count === 0) return m;
    const { text } = m;
    const state = this.states();
    const parts: string[] = [];
    const map = new Int32Array(text.length + 1 - this.droppedCount);
    let out = 0;
    let runStart = 0;
    for (let i = 0; i < text.length; i++) {
      const s = state[i];
      if (s !== 0) {
        if (runStart < i) parts.push(text.slice(runStart, i));
        runStart = i + 1;
        if (s === 2) {
          parts.push(this.replaced.get(i)!);
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
}
