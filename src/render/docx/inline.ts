/** Inline runs of the report tree → Word text runs. */
import { HighlightColor, TextRun, type IRunOptions } from 'docx';
import { runText, type Inline } from '../../report/tree.js';

/** Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text fit for a Word run: line ends normalised to "\n", tabs as spaces, characters XML cannot hold dropped. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVALID_XML, '');
}

/** Text runs for a line of inline content; line feeds inside strings become line breaks. */
export function inlineRuns(runs: readonly Inline[]): TextRun[] {
  return runs.flatMap((run) => {
    const text = cleanText(runText(run));
    if (text === '') return [];
    const options = runFormat(run);
    return text.split('\n').map((part, i) => textRun(part, { ...options, ...(i > 0 ? { break: 1 } : {}) }));
  });
}

/**
 * A text run (a line feed becomes a space; use `inlineRuns` for line breaks).
 * Text beyond ASCII carries Word's eastAsia font hint, as Word itself writes
 * for Chinese text, so shared punctuation such as “ ” — … is set in the
 * Chinese font rather than in Times New Roman.
 */
export function textRun(text: string, options: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun {
  const clean = cleanText(text).replace(/\n/g, ' ');
  const hint = /[^\u0000-\u007f]/.test(clean) && options.font === undefined ? { font: { hint: 'eastAsia' } } : {};
  return new TextRun({ ...hint, ...options, text: clean });
}

/**
 * Word has no data attributes, so a figure is plain text (its value is the
 * printed text). A gap the data did not fill stays visible and is highlighted
 * so the reviewer cannot miss it before publishing.
 */
function runFormat(run: Inline): { bold?: boolean; highlight?: (typeof HighlightColor)[keyof typeof HighlightColor] } {
  if (typeof run === 'string') return {};
  switch (run.kind) {
    case 'strong':
      return { bold: true };
    case 'todo':
      return { highlight: HighlightColor.YELLOW };
    case 'figure':
      return {};
  }
}
