/** Inline runs of the report tree → Word runs (<w:r>). */
import { runText, type Inline } from '../../report/tree.js';
import { rPr, type RunProps } from './props.js';
import { cleanText, escapeText } from './xml.js';

export { cleanText } from './xml.js';

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * A text run (a line feed becomes a space; use `inlineRuns` for line breaks).
 * Text beyond ASCII carries Word's eastAsia font hint, as Word itself writes
 * for Chinese text, so shared punctuation such as “ ” — … is set in the
 * Chinese font rather than in Times New Roman.
 */
export function textRun(text: string, props: RunProps = {}, lineBreakBefore = false): string {
  const clean = cleanText(text).replace(/\n/g, ' ');
  const hint = props.fonts === undefined && NON_ASCII.test(clean);
  const format = hint ? { ...props, eastAsiaHint: true } : props;
  return `<w:r>${rPr(format)}${lineBreakBefore ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeText(clean)}</w:t></w:r>`;
}

/** A tab character as a run of its own. */
export const TAB_RUN = '<w:r><w:tab/></w:r>';

/** Text runs for a line of inline content; line feeds inside strings become line breaks. */
export function inlineRuns(runs: readonly Inline[]): string {
  let x = '';
  for (const run of runs) {
    const text = cleanText(runText(run));
    if (text === '') continue;
    const props = runFormat(run);
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) x += textRun(parts[i]!, props, i > 0);
  }
  return x;
}

/**
 * Word has no data attributes, so a figure is plain text (its value is the
 * printed text). A gap the data did not fill stays visible and is highlighted
 * so the reviewer cannot miss it before publishing.
 */
function runFormat(run: Inline): RunProps {
  if (typeof run === 'string') return {};
  switch (run.kind) {
    case 'strong':
      return { bold: true };
    case 'todo':
      return { highlight: 'yellow' };
    case 'figure':
      return {};
  }
}
