/**
 * xl/sharedStrings.xml: every text cell refers to its string by index, the
 * form every spreadsheet reader supports. Indices follow first use, so the
 * same workbook gives the same part.
 */
import { cellString, escapeText, NS, XML_DECLARATION } from './xml.js';

/** Leading or trailing whitespace, or a line break: Excel keeps them only with xml:space="preserve". */
const NEEDS_PRESERVE = /^\s|\n|\s$/;

export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly strings: string[] = [];
  /** Cells referring to a shared string (the `count` attribute). */
  private uses = 0;

  /** The index of `text` (as given, before cleaning), adding it on first use. */
  add(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    let items = '';
    for (const text of this.strings) {
      const s = cellString(text);
      items += NEEDS_PRESERVE.test(s) ? `<si><t xml:space="preserve">${escapeText(s)}</t></si>` : `<si><t>${escapeText(s)}</t></si>`;
    }
    return `${XML_DECLARATION}<sst xmlns="${NS.main}" count="${this.uses}" uniqueCount="${this.strings.length}">${items}</sst>`;
  }
}
