import { runText, type FigureRun, type Inline } from '../../report/tree.js';
import { FORBIDDEN, escapeHtml, escapeSingleQuotedAttr } from './escape.js';

/**
 * Inline runs → HTML. Every figure carries its machine-readable fact
 * (concept, exact value, unit, year, scenario, dims) as data-* attributes,
 * so a published page can be audited exactly, without re-parsing numbers.
 */

export function renderInlines(runs: readonly Inline[]): string {
  return runs.map(renderInline).join('');
}

export function renderInline(run: Inline): string {
  if (typeof run === 'string') return escapeHtml(run);
  switch (run.kind) {
    case 'figure':
      return renderFigure(run);
    case 'todo':
      // 【待补充：…】 (to be supplied) stays visible on purpose.
      return `<mark class="todo" data-path="${escapeHtml(run.path)}">${escapeHtml(runText(run))}</mark>`;
    case 'strong':
      return `<strong>${escapeHtml(run.text)}</strong>`;
  }
}

function renderFigure(run: FigureRun): string {
  const attrs = [
    `data-concept="${escapeHtml(run.concept)}"`,
    `data-value="${escapeHtml(run.value)}"`,
    `data-unit="${escapeHtml(run.unit)}"`,
    `data-year="${escapeHtml(String(run.year))}"`,
    `data-scenario="${escapeHtml(run.scenario)}"`,
  ];
  if (run.dims !== undefined) {
    // Single quotes keep the JSON's double quotes readable; a single quote inside is escaped.
    attrs.push(`data-dims='${escapeSingleQuotedAttr(dimsJson(run.dims))}'`);
  }
  return `<span class="fig" ${attrs.join(' ')}>${escapeHtml(run.text)}</span>`;
}

/**
 * Dimensions as JSON with sorted keys, so equal dims always print the same.
 * Code points HTML forbids are written as JSON \u escapes, so even those
 * survive the trip through the attribute exactly.
 */
export function dimsJson(dims: Readonly<Record<string, string>>): string {
  // Built by hand rather than via an object, so a key like "__proto__" stays a plain key.
  const entries = Object.keys(dims)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(dims[key])}`);
  return `{${entries.join(',')}}`.replace(FORBIDDEN, jsonEscape);
}

function jsonEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
