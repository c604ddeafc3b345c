/**
 * Paragraph and run properties → <w:pPr>/<w:rPr>, the elements in the order
 * the schema (ECMA-376 CT_PPr, CT_RPr) requires. Used by the styles part and
 * by the document body alike, so a style and a direct format read the same.
 */
import { escapeAttr } from './xml.js';

export interface Fonts {
  ascii: string;
  hAnsi: string;
  cs: string;
  eastAsia: string;
}

export interface RunProps {
  /** Named fonts; without them the run only carries the eastAsia hint. */
  fonts?: Fonts;
  /** Word's hint to set shared punctuation (“ ” — …) in the East Asian font. */
  eastAsiaHint?: boolean;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  /** Extra space after each character, in twips. */
  characterSpacing?: number;
  /** Font size in half-points. */
  size?: number;
  highlight?: 'yellow';
  lang?: { val: string; eastAsia: string };
}

export type Align = 'left' | 'center' | 'right' | 'both';

export interface ParagraphProps {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  /** Tab stops (position in twips). */
  tabs?: { type: 'left' | 'right' | 'center'; position: number; leader?: 'dot' }[];
  spacing?: { before?: number; after?: number; line?: number; lineRule?: 'exact' | 'auto' };
  indent?: { left?: number; right?: number; firstLine?: number; firstLineChars?: number };
  align?: Align;
  outlineLevel?: number;
}

const onOff = (name: string, value: boolean | undefined) => (value === undefined ? '' : value ? `<w:${name}/>` : `<w:${name} w:val="0"/>`);

const attrs = (pairs: readonly (readonly [string, number | string | undefined])[]) =>
  pairs.map(([k, v]) => (v === undefined ? '' : ` w:${k}="${v}"`)).join('');

/** The properties' inner XML (without the <w:rPr> wrapper); '' when there are none. */
export function runPropsXml(p: RunProps): string {
  let x = '';
  if (p.fonts) {
    const f = p.fonts;
    x += `<w:rFonts w:ascii="${escapeAttr(f.ascii)}" w:hAnsi="${escapeAttr(f.hAnsi)}" w:eastAsia="${escapeAttr(f.eastAsia)}" w:cs="${escapeAttr(f.cs)}"${p.eastAsiaHint ? ' w:hint="eastAsia"' : ''}/>`;
  } else if (p.eastAsiaHint) {
    x += '<w:rFonts w:hint="eastAsia"/>';
  }
  x += onOff('b', p.bold) + onOff('bCs', p.bold) + onOff('i', p.italics) + onOff('iCs', p.italics);
  if (p.color) x += `<w:color w:val="${p.color}"/>`;
  if (p.characterSpacing !== undefined) x += `<w:spacing w:val="${p.characterSpacing}"/>`;
  if (p.size !== undefined) x += `<w:sz w:val="${p.size}"/><w:szCs w:val="${p.size}"/>`;
  if (p.highlight) x += `<w:highlight w:val="${p.highlight}"/>`;
  if (p.lang) x += `<w:lang w:val="${p.lang.val}" w:eastAsia="${p.lang.eastAsia}"/>`;
  return x;
}

export function rPr(p: RunProps): string {
  const inner = runPropsXml(p);
  return inner === '' ? '' : `<w:rPr>${inner}</w:rPr>`;
}

/** The properties' inner XML (without the <w:pPr> wrapper). `extra` goes last (a section's <w:sectPr>). */
export function paragraphPropsXml(p: ParagraphProps): string {
  let x = '';
  if (p.style) x += `<w:pStyle w:val="${p.style}"/>`;
  x += p.keepNext ? '<w:keepNext/>' : '';
  x += p.keepLines ? '<w:keepLines/>' : '';
  x += p.pageBreakBefore ? '<w:pageBreakBefore/>' : '';
  if (p.tabs && p.tabs.length > 0) x += `<w:tabs>${p.tabs.map((t) => `<w:tab w:val="${t.type}"${t.leader ? ` w:leader="${t.leader}"` : ''} w:pos="${t.position}"/>`).join('')}</w:tabs>`;
  if (p.spacing) {
    const s = p.spacing;
    x += `<w:spacing${attrs([['before', s.before], ['after', s.after], ['line', s.line], ['lineRule', s.lineRule]])}/>`;
  }
  if (p.indent) {
    const i = p.indent;
    x += `<w:ind${attrs([['left', i.left], ['right', i.right], ['firstLine', i.firstLine], ['firstLineChars', i.firstLineChars]])}/>`;
  }
  if (p.align) x += `<w:jc w:val="${p.align}"/>`;
  if (p.outlineLevel !== undefined) x += `<w:outlineLvl w:val="${p.outlineLevel}"/>`;
  return x;
}

export function pPr(p: ParagraphProps, sectPr = ''): string {
  const inner = paragraphPropsXml(p) + sectPr;
  return inner === '' ? '' : `<w:pPr>${inner}</w:pPr>`;
}

/** A paragraph of ready-made runs. */
export function paragraph(p: ParagraphProps, runs: string): string {
  return `<w:p>${pPr(p)}${runs}</w:p>`;
}
