/**
 * The inline stylesheet. Fonts name the government faces first (Windows
 * readers have them) and then faces installed on our server and on common
 * phones; the fontconfig aliases in stack.md map the government names too.
 * Layout follows GB/T 9704-2012 for print (A4, 版心 156 × 225 mm, 3号 body,
 * 22 lines of 28 characters) and a fluid single column on screen.
 * A page break in the tree (a "page-break" marker) makes no box of its own:
 * the block after it starts the new page, so a break next to a change of
 * page orientation gives one new page, not a blank one; a break right after
 * a heading is dropped (the heading belongs to what follows it), and a table
 * short enough for one page is not split.
 * The stylesheet avoids "<", ">" and double quotes, so the page holds no
 * angle bracket outside a tag (the tests rely on that to check the markup).
 */

/** CSS font-family values, each a comma-separated list with single quotes. */
export interface FontStacks {
  /** 仿宋_GB2312 body text. */
  body: string;
  /** 黑体 headings (parts and 一、). */
  heading: string;
  /** 楷体 headings （一）. */
  kai: string;
  /** 方正小标宋简体 report title. */
  title: string;
}

export const DEFAULT_FONT_STACKS: Readonly<FontStacks> = {
  body: "'仿宋_GB2312', '仿宋', FangSong, 'STFangsong', 'Noto Serif CJK SC', 'AR PL UMing CN', serif",
  heading: "'黑体', SimHei, 'STHeiti', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif",
  kai: "'楷体_GB2312', '楷体', KaiTi, 'STKaiti', 'AR PL UKai CN', serif",
  title: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', '小标宋', 'Noto Serif CJK SC', 'AR PL UMing CN', serif",
};

/** Font stacks go into a <style> element verbatim, so refuse anything that could end a rule or the element. */
function checkFontStack(name: string, value: string): string {
  if (/[<>{};\\]/.test(value)) {
    throw new Error(`font stack "${name}" contains a character not allowed in a font-family list: ${value}`);
  }
  return value;
}

/** Build the whole stylesheet for the given fonts (defaults for any not given). */
export function buildCss(fonts: Partial<FontStacks> = {}): string {
  const f: FontStacks = {
    body: checkFontStack('body', fonts.body ?? DEFAULT_FONT_STACKS.body),
    heading: checkFontStack('heading', fonts.heading ?? DEFAULT_FONT_STACKS.heading),
    kai: checkFontStack('kai', fonts.kai ?? DEFAULT_FONT_STACKS.kai),
    title: checkFontStack('title', fonts.title ?? DEFAULT_FONT_STACKS.title),
  };
  return `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; padding: 0 0 3em; font-family: ${f.body}; font-size: 1.125rem; line-height: 1.8; color: #000; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.report-header, .toc, .report { max-width: 46em; margin-left: auto; margin-right: auto; padding-left: 1rem; padding-right: 1rem; }
.report-header { padding-top: 1.5em; }
h1 { font-family: ${f.title}; font-size: 1.5em; font-weight: normal; line-height: 1.5; text-align: center; margin: 0 0 1em; }
.title-line { display: block; }
h2, h3, h4, h5, h6 { font-size: 1em; line-height: inherit; margin: 0; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h2 { font-family: ${f.heading}; font-size: 1.25em; font-weight: normal; text-align: center; margin: 1.5em 0 0.75em; }
h2 .heading-number { margin-right: 0.5em; }
h3 { font-family: ${f.heading}; font-weight: normal; text-indent: 2em; margin-top: 0.5em; }
h4 { font-family: ${f.kai}; font-weight: normal; text-indent: 2em; }
h5 { font-weight: bold; text-indent: 2em; }
h6 { font-weight: normal; text-indent: 2em; }
p { margin: 0; }
.para, .note { text-indent: 2em; }
.align-center { text-align: center; text-indent: 0; }
.align-right { text-align: right; text-indent: 0; }
.align-left { text-align: left; }
.fig { white-space: nowrap; }
mark.todo { background: #fff176; color: #c00000; font-weight: bold; padding: 0 0.1em; outline: 1px dashed #c00000; }
.toc { margin-bottom: 1.5em; }
.toc-title { font-family: ${f.heading}; font-size: 1.25em; text-align: center; margin: 0 0 0.5em; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc ol ol { padding-left: 2em; }
.toc a { color: inherit; text-decoration: none; }
.toc a:hover, .toc a:focus { text-decoration: underline; }
.toc-part .heading-number { margin-right: 0.5em; }
.toc a.toc-paged { display: flex; align-items: last baseline; }
.toc-leader { flex: 1 1 auto; min-width: 1.5em; margin: 0 0.3em; border-bottom: 0.12em dotted currentColor; }
.toc-page { flex: none; min-width: 1.5em; text-align: right; }
figure.table { margin: 1em 0 1.25em; break-inside: avoid; page-break-inside: avoid; }
.table-caption { break-after: avoid; page-break-after: avoid; }
.table-number { text-align: right; }
.table-title { font-family: ${f.heading}; text-align: center; }
.table-meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1em; font-size: 0.875em; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.5; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; vertical-align: middle; min-width: 4em; }
thead th { text-align: center; font-weight: bold; }
tbody th { text-align: left; font-weight: normal; min-width: 8em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.center { text-align: center; }
.left { text-align: left; }
.table-note { font-size: 0.875em; margin-top: 0.25em; }
.page-break { display: none; }
.page-break + * { break-before: page; page-break-before: always; }
:is(h2, h3, h4, h5, h6) + .page-break + * { break-before: auto; page-break-before: auto; }
.draft-banner { margin: 0; padding: 0.5em 1rem; text-align: center; font-family: ${f.heading}; color: #fff; background: #c00000; }
.draft-mark { position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%) rotate(-30deg); font-family: ${f.heading}; font-size: 3rem; color: rgba(192, 0, 0, 0.14); white-space: nowrap; pointer-events: none; user-select: none; z-index: 10; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { font-size: 16pt; line-height: 28.95pt; padding: 0; }
  .report-header, .toc, .report { max-width: none; padding: 0; }
  .report-header { padding-top: 0; }
  h1 { font-size: 22pt; line-height: 1.5; }
  h2 { font-size: 16pt; }
  .toc { break-after: page; page-break-after: always; }
  .toc-title { font-size: 16pt; }
  .table-scroll { overflow: visible; }
  table { font-size: 10.5pt; line-height: 1.4; }
  th, td, tbody th { min-width: 0; }
  .table-meta, .table-note { font-size: 10.5pt; line-height: 1.6; }
  .draft-banner { font-size: 12pt; line-height: 1.6; }
  .draft-mark { font-size: 48pt; }
}
`.trimStart();
}
