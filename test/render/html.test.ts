import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlRenderer, renderHtml } from '../../src/render/html/index.js';
import { sanitizeText } from '../../src/render/html/escape.js';
import { chartShares, chartValueText } from '../../src/report/charts.js';
import {
  inlineText,
  type Block,
  type ChartBlock,
  type FigureRun,
  type Inline,
  type ReportTree,
  type TableBlock,
  type TableCell,
} from '../../src/report/tree.js';
import { sampleTree } from '../fixtures/sampleTree.js';

// ---------------------------------------------------------------------------
// A tiny, strict reader for the HTML we write. It accepts only well-formed
// tags with quoted attributes and text without raw "<" or ">", so any
// escaping slip makes it throw. It is not a general HTML parser.
// ---------------------------------------------------------------------------

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | string;

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'wbr']);

/** Decode the character references our renderer may emit (and numeric ones). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const r = ref.toLowerCase();
    if (r.startsWith('#x')) return String.fromCodePoint(parseInt(r.slice(2), 16));
    if (r.startsWith('#')) return String.fromCodePoint(parseInt(r.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[r] ?? '';
  });
}

function parseHtml(html: string): El {
  const prefix = '<!doctype html>\n';
  if (!html.startsWith(prefix)) throw new Error('missing doctype');
  const root: El = { tag: '#document', attrs: {}, children: [] };
  const stack: El[] = [root];
  const token =
    /<\/([a-z][a-z0-9]*)>|<([a-z][a-z0-9]*)((?:\s+[a-z][a-zA-Z0-9-]*(?:="[^"<>]*"|='[^'<>]*')?)*)>|([^<>]+)/y;
  // Attribute names are lower case, except SVG's camel-case ones (viewBox).
  const attr = /\s+([a-z][a-zA-Z0-9-]*)(?:="([^"]*)"|='([^']*)')?/g;
  token.lastIndex = prefix.length;
  while (token.lastIndex < html.length) {
    const at = token.lastIndex;
    const m = token.exec(html);
    if (m === null) throw new Error(`unexpected markup at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`);
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) {
      if (top.tag !== m[1]) throw new Error(`</${m[1]}> closes <${top.tag}> at ${at}`);
      stack.pop();
    } else if (m[2] !== undefined) {
      const el: El = { tag: m[2], attrs: {}, children: [] };
      for (const a of (m[3] ?? '').matchAll(attr)) {
        const name = a[1]!;
        if (name in el.attrs) throw new Error(`duplicate attribute ${name}`);
        el.attrs[name] = decodeEntities(a[2] ?? a[3] ?? '');
      }
      top.children.push(el);
      if (!VOID.has(el.tag)) stack.push(el);
    } else {
      top.children.push(decodeEntities(m[4]!));
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.tag}>`);
  return root;
}

function textOf(node: Node): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

function* walk(node: Node): Generator<El> {
  if (typeof node === 'string') return;
  yield node;
  for (const child of node.children) yield* walk(child);
}

function all(root: Node, pred: (el: El) => boolean): El[] {
  return [...walk(root)].filter(pred);
}

function one(root: Node, pred: (el: El) => boolean): El {
  const found = all(root, pred);
  if (found.length !== 1) throw new Error(`expected one element, found ${found.length}`);
  return found[0]!;
}

const byTag = (tag: string) => (el: El) => el.tag === tag;
const hasClass = (cls: string) => (el: El) => (el.attrs.class ?? '').split(' ').includes(cls);

/** Tags stripped and entities decoded: the page's text as a reader gets it. */
function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

// ---------------------------------------------------------------------------
// What the tree says should be printed.
// ---------------------------------------------------------------------------

function figuresOf(runs: readonly Inline[]): FigureRun[] {
  return runs.filter((r): r is FigureRun => typeof r !== 'string' && r.kind === 'figure');
}

function cellsOf(table: TableBlock): TableCell[] {
  return [...table.header.flat(), ...table.body.flat()];
}

function allFigures(blocks: readonly Block[]): FigureRun[] {
  return blocks.flatMap((b) => {
    switch (b.kind) {
      case 'paragraph':
      case 'note':
        return figuresOf(b.content);
      case 'table':
        return [...cellsOf(b).flatMap((c) => figuresOf(c.content)), ...figuresOf(b.note ?? [])];
      default:
        return [];
    }
  });
}

/** Every printed text of the body, in reading order. */
function expectedTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'heading':
        return [b.numbering + b.text];
      case 'paragraph':
        return [(b.label ?? '') + inlineText(b.content)];
      case 'note':
        return [inlineText(b.content)];
      case 'table':
        return [
          ...(b.number ? [b.number] : []),
          b.title,
          `编制单位：${b.unitName}`,
          `金额单位：${b.moneyUnit}`,
          ...cellsOf(b).map((c) => inlineText(c.content)),
          ...(b.note && b.note.length > 0 ? [inlineText(b.note)] : []),
        ];
      case 'pageBreak':
        return [];
      case 'chart':
        return chartTableTexts(b);
    }
  });
}

/** The cells of a chart's (visually hidden) data table: header row, then one row per category. */
function chartTableTexts(b: ChartBlock): string[] {
  const pie = b.chart.type === 'pie';
  const head = pie
    ? ['项目', `金额（${b.chart.unit}）`, '占比（%）']
    : ['项目', ...b.chart.series.map((s) => `${s.name}（${b.chart.unit}）`)];
  const shares = pie ? chartShares(b.chart.series[0]!.values) : [];
  return [
    ...head,
    ...b.chart.categories.flatMap((c, i) => [
      c,
      ...b.chart.series.map((s) => chartValueText(s.values[i]!)),
      ...(pie ? [shares[i]!] : []),
    ]),
  ];
}

/** The body elements that carry text, in document order. */
function bodyTextElements(main: El): El[] {
  return all(
    main,
    (el) =>
      /^h[2-6]$/.test(el.tag) ||
      el.tag === 'th' ||
      el.tag === 'td' ||
      (el.tag === 'p' && !hasClass('table-meta')(el)) ||
      (el.tag === 'span' && (hasClass('table-unit')(el) || hasClass('table-money-unit')(el))),
  );
}

function expectFigureSpan(span: El, fig: FigureRun): void {
  expect(span.tag).toBe('span');
  expect(textOf(span)).toBe(fig.text);
  expect(span.attrs['data-concept']).toBe(fig.concept);
  expect(span.attrs['data-value']).toBe(fig.value);
  expect(span.attrs['data-unit']).toBe(fig.unit);
  expect(span.attrs['data-year']).toBe(String(fig.year));
  expect(span.attrs['data-scenario']).toBe(fig.scenario);
  if (fig.dims === undefined) expect(span.attrs).not.toHaveProperty('data-dims');
  else expect(JSON.parse(span.attrs['data-dims']!)).toEqual(fig.dims);
}

const html = renderHtml(sampleTree);
const doc = parseHtml(html);
const main = one(doc, byTag('main'));

describe('HTML renderer: page skeleton', () => {
  it('is one well-formed HTML5 document in Chinese with charset, viewport and title', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    const head = one(doc, byTag('head'));
    expect(head.children.filter((c): c is El => typeof c !== 'string')[0]).toEqual({
      tag: 'meta',
      attrs: { charset: 'utf-8' },
      children: [],
    });
    expect(one(head, (el) => el.tag === 'meta' && el.attrs.name === 'viewport').attrs.content).toContain(
      'width=device-width',
    );
    expect(textOf(one(doc, byTag('title')))).toBe('中共示例县委政法委员会2022年度单位决算');
  });

  it('is self-contained: inline CSS only, no script, no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link|<img|\ssrc=|url\(|@import/i);
    expect(all(doc, byTag('style'))).toHaveLength(1);
    expect(all(doc, (el) => Object.keys(el.attrs).some((a) => a.startsWith('on')))).toEqual([]);
  });

  it('puts the title lines in a <header> with one <h1>', () => {
    const header = one(doc, byTag('header'));
    const h1 = one(header, byTag('h1'));
    expect(all(h1, hasClass('title-line')).map(textOf)).toEqual(sampleTree.title);
    expect(all(doc, byTag('h1'))).toHaveLength(1);
  });

  it('prints for A4 with repeated table headers and explicit page breaks; fonts name the government faces first', () => {
    const css = textOf(one(doc, byTag('style')));
    expect(css).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(css).toMatch(/thead \{ display: table-header-group; \}/);
    // The marker itself makes no box (a box of its own would take a page of its own after a landscape table);
    // the block after it starts the new page.
    expect(css).toContain('.page-break { display: none; }');
    expect(css).toMatch(/\.page-break \+ \* \{ break-before: page;/);
    expect(css).toMatch(/figure\.table \{[^}]*break-inside: avoid/);
    expect(css).toMatch(/h2, h3, h4, h5, h6 \{[^}]*break-after: avoid/);
    expect(css).toContain("font-family: '仿宋_GB2312', '仿宋', FangSong");
    expect(css).toContain("font-family: '黑体', SimHei");
    expect(css).toContain("font-family: '楷体_GB2312', '楷体', KaiTi");
    expect(css).toContain("font-family: '方正小标宋简体'");
    expect(css).toMatch(/max-width: 46em/);
    expect(css).toMatch(/\.table-scroll \{ overflow-x: auto;/);
    expect(css).toMatch(/\.para, \.note \{ text-indent: 2em; \}/);
    expect(css).not.toContain('"');
  });

  it('lets the caller put other font stacks first (e.g. glyf-TTF faces for PDF), and refuses ones that could break the CSS', () => {
    const out = renderHtml(sampleTree, { fonts: { body: "'AR PL UMing CN', serif" } });
    expect(textOf(one(parseHtml(out), byTag('style')))).toContain("body { margin: 0; padding: 0 0 3em; font-family: 'AR PL UMing CN', serif;");
    expect(() => renderHtml(sampleTree, { fonts: { heading: 'x; } </style><script>' } })).toThrow(/font stack/);
  });

  it('carries the report meta on <main>', () => {
    expect(main.attrs).toMatchObject({
      'data-unit-name': '中共示例县委政法委员会',
      'data-year': '2022',
      'data-profile': 'sichuan',
    });
  });

  it('is deterministic, and htmlRenderer returns the same page as UTF-8 bytes', async () => {
    expect(renderHtml(sampleTree)).toBe(html);
    expect(htmlRenderer.format).toBe('html');
    expect(htmlRenderer.extension).toBe('html');
    const bytes = await htmlRenderer.render(sampleTree);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(html);
  });
});

describe('HTML renderer: body', () => {
  it('prints every heading, paragraph, caption, cell and note, in order', () => {
    expect(bodyTextElements(main).map(textOf)).toEqual(expectedTexts(sampleTree.blocks));
    // The same holds for plain tag stripping, which is what a crude reader does.
    const text = stripTags(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
    let from = 0;
    for (const expected of expectedTexts(sampleTree.blocks)) {
      const at = text.indexOf(expected, from);
      expect(at, expected).toBeGreaterThanOrEqual(from);
      from = at + expected.length;
    }
  });

  it('maps heading levels 1–5 to h2–h6 with unique ids, and lists levels 1–2 in the table of contents', () => {
    const headings = sampleTree.blocks.filter((b) => b.kind === 'heading');
    const hs = all(main, (el) => /^h[1-6]$/.test(el.tag));
    expect(hs.map((h) => h.tag)).toEqual(headings.map((h) => `h${h.level + 1}`));
    const ids = hs.map((h) => h.attrs.id ?? '');
    expect(ids.every((id) => /^sec-\S+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    const nav = one(doc, byTag('nav'));
    const links = all(nav, byTag('a'));
    const tocHeadings = headings.filter((h) => h.level <= 2);
    expect(links.map(textOf)).toEqual(tocHeadings.map((h) => h.numbering + h.text));
    expect(links.map((a) => a.attrs.href)).toEqual(
      hs.filter((_, i) => headings[i]!.level <= 2).map((h) => `#${h.attrs.id}`),
    );
    // Nested: each part's 一、 sections sit in an <ol> inside the part's <li>.
    const topList = nav.children.find((c): c is El => typeof c !== 'string' && c.tag === 'ol')!;
    const topItems = topList.children.filter((c): c is El => typeof c !== 'string');
    expect(topItems).toHaveLength(2);
    expect(all(topItems[0]!, byTag('a')).map(textOf)).toEqual(['第一部分单位概况', '一、主要职责']);
  });

  it('wraps every figure in a span carrying its fact as data-* attributes', () => {
    const spans = all(main, hasClass('fig'));
    const figures = allFigures(sampleTree.blocks);
    expect(figures).toHaveLength(3);
    expect(spans).toHaveLength(figures.length);
    figures.forEach((fig, i) => expectFigureSpan(spans[i]!, fig));
    expect(html).toContain(
      '<span class="fig" data-concept="total.income" data-value="1193.39" data-unit="万元" data-year="2022" data-scenario="actual">1193.39</span>',
    );
  });

  it('writes dims as single-quoted JSON, sorted, and figures inside table cells too', () => {
    const tree: ReportTree = {
      ...sampleTree,
      blocks: [
        {
          kind: 'table',
          id: 't',
          title: '支出决算表',
          number: '公开04表',
          unitName: '单位',
          moneyUnit: '万元',
          header: [[{ content: ['科目'] }, { content: ['金额'] }]],
          body: [
            [
              { content: ['一般公共服务支出'] },
              {
                align: 'right',
                content: [
                  {
                    kind: 'figure',
                    text: '12.30',
                    concept: 'expense.total',
                    value: '12.30',
                    unit: '万元',
                    year: 2022,
                    scenario: 'actual',
                    dims: { func: '201', fund: "it's \"odd\" <&>" },
                  },
                ],
              },
            ],
          ],
        },
      ],
    };
    const out = renderHtml(tree);
    expect(out).toContain(`data-dims='{"func":"201","fund":"it&#39;s \\"odd\\" &lt;&amp;&gt;"}'`);
    const span = one(parseHtml(out), hasClass('fig'));
    expectFigureSpan(span, allFigures(tree.blocks)[0]!);
    expect(one(parseHtml(out), hasClass('table-number')).children).toEqual(['公开04表']);
  });

  it('marks a gap to fill as a visible <mark class="todo"> with its dataset path', () => {
    expect(html).toContain(
      '<mark class="todo" data-path="reasons.vsPrior.total.income">【待补充：变动原因】</mark>',
    );
    expect(textOf(one(doc, byTag('style')))).toMatch(/mark\.todo \{ background: #fff176; color: #c00000;/);
  });

  it('writes a real table: caption block, thead of column headers with spans, row headers, right-aligned numbers, note', () => {
    const figure = one(main, hasClass('table'));
    expect(figure.tag).toBe('figure');
    expect(figure.attrs.id).toBe('tbl-sangong');
    const caption = one(figure, byTag('figcaption'));
    expect(textOf(one(caption, hasClass('table-title')))).toBe('“三公”经费财政拨款支出预算与决算');
    expect(textOf(one(caption, hasClass('table-unit')))).toBe('编制单位：中共示例县委政法委员会');
    expect(textOf(one(caption, hasClass('table-money-unit')))).toBe('金额单位：万元');

    const table = one(figure, byTag('table'));
    const thead = one(table, byTag('thead'));
    const headerCells = all(thead, (el) => el.tag === 'th' || el.tag === 'td');
    expect(headerCells).toHaveLength(8);
    expect(headerCells.every((c) => c.tag === 'th' && c.attrs.scope === 'col')).toBe(true);
    expect(headerCells.filter((c) => c.attrs.rowspan === '2')).toHaveLength(4);
    expect(one(thead, (el) => el.attrs.colspan !== undefined).attrs.colspan).toBe('3');
    expect(html).toContain('<th scope="col" colspan="3">公务用车购置及运行费</th>');

    const rows = all(one(table, byTag('tbody')), byTag('tr'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cells = row.children.filter((c): c is El => typeof c !== 'string');
      expect(cells[0]).toMatchObject({ tag: 'th', attrs: { scope: 'row' } });
      expect(cells.slice(1).every((c) => c.tag === 'td' && c.attrs.class === 'num')).toBe(true);
    }
    expect(all(figure, byTag('p')).at(-1)).toMatchObject({ attrs: { class: 'table-note' } });
    expect(textOf(one(figure, hasClass('table-note')))).toBe('注：“三公”经费为财政拨款安排的支出。');
    // The scroll wrapper is a labelled, keyboard-reachable region.
    expect(one(figure, hasClass('table-scroll')).attrs).toMatchObject({
      role: 'region',
      tabindex: '0',
      'aria-labelledby': 'tbl-sangong-title',
    });
  });

  it('draws a chart as inline SVG in figure.chart, titled by its figcaption, with its data in a hidden table', () => {
    const figure = one(main, hasClass('chart'));
    expect(figure.tag).toBe('figure');
    expect(figure.attrs.id).toBe('chart-totalsvsprior');
    const caption = one(figure, byTag('figcaption'));
    expect(textOf(caption)).toBe('收入支出决算总体情况');
    expect(caption.attrs.id).toBe('chart-totalsvsprior-title');

    const svg = one(figure, byTag('svg'));
    expect(svg.attrs).toMatchObject({ role: 'img', 'aria-labelledby': 'chart-totalsvsprior-title', viewBox: '0 0 640 360' });
    // Inline SVG in HTML needs no namespace declarations (and the page links nowhere).
    expect(svg.attrs).not.toHaveProperty('xmlns');
    const labels = all(svg, byTag('text')).map(textOf);
    for (const label of ['单位：万元', '2021年', '2022年', '收入总计', '支出总计', '577.74', '1193.39']) expect(labels).toContain(label);
    // Values print rounded to two decimals, like the text; the exact value stays in the data.
    expect(labels).not.toContain('1193.386');
    // Four bars (two years × 收入/支出) besides the legend's two keys, and grid lines.
    expect(all(svg, byTag('rect')).length).toBeGreaterThanOrEqual(6);
    expect(all(svg, byTag('path')).length).toBeGreaterThan(4);
    const svgMarkup = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svgMarkup).toContain('font-family="\'Noto Sans CJK SC\', ');
    expect(svgMarkup).not.toMatch(/<style|<script/);
    // Ids inside the picture take the figure's id, so they stay unique on the page.
    const inner = all(svg, (el) => el.attrs.id !== undefined).map((el) => el.attrs.id!);
    expect(inner.length).toBeGreaterThan(0);
    for (const id of inner) expect(id.startsWith('chart-totalsvsprior-')).toBe(true);

    const hidden = one(figure, hasClass('chart-data'));
    expect(hidden.attrs.style).toContain('clip-path: inset(50%)');
    const table = one(hidden, byTag('table'));
    expect(textOf(one(table, byTag('caption')))).toBe('收入支出决算总体情况');
    const rows = all(table, byTag('tr')).map((tr) => tr.children.filter((c): c is El => typeof c !== 'string'));
    expect(rows.map((cells) => cells.map(textOf))).toEqual([
      ['项目', '收入总计（万元）', '支出总计（万元）'],
      ['2021年', '577.74', '577.74'],
      ['2022年', '1193.39', '1193.39'],
    ]);
    expect(rows[0]!.every((c) => c.tag === 'th' && c.attrs.scope === 'col')).toBe(true);
    expect(rows[1]![0]).toMatchObject({ tag: 'th', attrs: { scope: 'row' } });
  });

  it('gives a pie chart\'s data table the shares, and keeps ids distinct across charts', () => {
    const pie: Block = {
      kind: 'chart',
      id: 'expenseStructure',
      title: '支出决算结构情况',
      chart: { type: 'pie', categories: ['基本支出', '项目支出'], series: [{ name: '本年支出', values: ['414.670119', '1237.874754'] }], unit: '万元' },
    };
    const out = renderHtml({ ...sampleTree, blocks: [pie, pie] });
    const d = parseHtml(out);
    const figures = all(d, hasClass('chart'));
    expect(figures.map((f) => f.attrs.id)).toEqual(['chart-expensestructure', 'chart-expensestructure-2']);
    const rows = all(figures[0]!, byTag('tr')).map((tr) => all(tr, (el) => el.tag === 'th' || el.tag === 'td').map(textOf));
    expect(rows).toEqual([
      ['项目', '金额（万元）', '占比（%）'],
      ['基本支出', '414.67', '25.09'],
      ['项目支出', '1237.87', '74.91'],
    ]);
    const labels = all(figures[0]!, byTag('text')).map(textOf);
    expect(labels.some((l) => l.includes('基本支出'))).toBe(true);
    expect(labels.some((l) => l.includes('25.09%'))).toBe(true);
    const ids = all(d, (el) => el.attrs.id !== undefined).map((el) => el.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the 目录 dot leaders and page numbers only when given the numbers (print)', () => {
    expect(html).not.toContain('class="toc-page"');
    const headings = sampleTree.blocks.filter((b) => b.kind === 'heading' && b.level <= 2);
    const ids = [...html.matchAll(/<li><a(?: class="[^"]*")? href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(headings.length);
    const paged = renderHtml(sampleTree, { tocPages: new Map(ids.map((id, i) => [id, String(i + 3)])) });
    const pages = [...paged.matchAll(/<a class="(?:toc-part )?toc-paged" href="#([^"]+)">.*?<span class="toc-leader" aria-hidden="true"><\/span><span class="toc-page">(\d+)<\/span><\/a>/g)];
    expect(pages.map((m) => [m[1], m[2]])).toEqual(ids.map((id, i) => [id, String(i + 3)]));
  });

  it('writes notes, page breaks, labels, alignment and emphasis', () => {
    expect(textOf(one(main, hasClass('note')))).toBe('本单位2022年度无政府性基金预算财政拨款收支，本表为空表。');
    expect(html).toContain('<div class="page-break"></div>');
    expect(html).toContain('<p class="para"><span class="label">（一）</span>深入贯彻执行');
    expect(html).toContain('<p class="para align-right"><strong>中共示例县委政法委员会</strong></p>');
  });

  it('gives repeated headings distinct ids', () => {
    const tree: ReportTree = {
      ...sampleTree,
      blocks: [
        { kind: 'heading', level: 2, numbering: '一、', text: '情况说明' },
        { kind: 'heading', level: 2, numbering: '一、', text: '情况说明' },
        { kind: 'heading', level: 2, numbering: '', text: '' },
        { kind: 'table', id: 'toc', title: 't', unitName: 'u', moneyUnit: '万元', header: [], body: [] },
      ],
    };
    const ids = all(parseHtml(renderHtml(tree)), (el) => el.attrs.id !== undefined).map((el) => el.attrs.id);
    expect(ids).toContain('sec-一-情况说明');
    expect(ids).toContain('sec-一-情况说明-2');
    expect(ids).toContain('sec-heading');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('HTML renderer: draft mark', () => {
  it('shows a banner and a fixed mark repeated on every printed page', () => {
    const out = renderHtml(sampleTree, { draftMark: '草稿（未通过审核）' });
    const d = parseHtml(out);
    expect(textOf(one(d, hasClass('draft-banner')))).toBe('草稿（未通过审核）');
    const mark = one(d, hasClass('draft-mark'));
    expect(textOf(mark)).toBe('草稿（未通过审核）');
    expect(mark.attrs['aria-hidden']).toBe('true');
    expect(textOf(one(d, byTag('style')))).toMatch(/\.draft-mark \{ position: fixed;/);
    // The banner comes before the title.
    expect(out.indexOf('draft-banner')).toBeLessThan(out.indexOf('<header'));
  });

  it('takes the mark from the tree meta when the options give none, and prints nothing when neither does', () => {
    const fromMeta = renderHtml({ ...sampleTree, meta: { ...sampleTree.meta, draftMark: '征求意见稿' } });
    expect(textOf(one(parseHtml(fromMeta), hasClass('draft-mark')))).toBe('征求意见稿');
    expect(all(doc, hasClass('draft-banner'))).toHaveLength(0);
    expect(all(doc, hasClass('draft-mark'))).toHaveLength(0);
  });
});

describe('HTML renderer: escaping', () => {
  it('replaces code points HTML forbids (controls, noncharacters, lone surrogates) with U+FFFD', () => {
    expect(sanitizeText('a\u0000b\u0007c\u007f\u0085d\uFDD0e\uFFFF\u{1FFFE}f\uD800g')).toBe(
      'a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uFFFDe\uFFFD\uFFFDf\uFFFDg',
    );
    expect(sanitizeText('tab\tline\nfeed\fcr\r😀中文')).toBe('tab\tline\nfeed\fcr\r😀中文');
  });

  const tricky = fc.constantFrom(
    '<', '>', '&', '"', "'", '&amp;', '&lt;', '&#39;', '</p>', '<p>', '<p class="x">', '</main>',
    '<script>alert(1)</script>', '<!--', '-->', '\n', ' ', '　', '【待补充：x】', '=', '`', '/', '{', '}',
  );
  const textArb = (unit: 'grapheme' | 'binary') =>
    fc.string({ unit: fc.oneof(tricky, fc.string({ unit, minLength: 1, maxLength: 1 })), maxLength: 12 });

  const treeArb = (unit: 'grapheme' | 'binary') => {
    const text = textArb(unit);
    const figure = fc.record(
      {
        kind: fc.constant('figure' as const),
        text,
        concept: text,
        value: text,
        unit: fc.constantFrom('万元' as const, '%' as const),
        year: fc.integer({ min: 1990, max: 2100 }),
        scenario: fc.constant('actual' as const),
        dims: fc.dictionary(text, text, { maxKeys: 3 }),
      },
      { requiredKeys: ['kind', 'text', 'concept', 'value', 'unit', 'year', 'scenario'] },
    );
    const inline: fc.Arbitrary<Inline> = fc.oneof(
      text,
      figure,
      fc.record({ kind: fc.constant('todo' as const), what: text, path: text }),
      fc.record({ kind: fc.constant('strong' as const), text }),
    );
    const inlines = fc.array(inline, { maxLength: 4 });
    const cell = fc.record({ content: inlines });
    return fc.record({
      title: fc.array(text, { minLength: 1, maxLength: 3 }),
      draftMark: text,
      heading: text,
      numbering: text,
      label: text,
      paragraph: inlines,
      tableTitle: text,
      tableId: text,
      unitName: text,
      moneyUnit: text,
      number: text,
      header: fc.array(cell, { minLength: 1, maxLength: 3 }),
      body: fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
      note: inlines,
    }).map(
      (g): { tree: ReportTree; draftMark: string } => ({
        draftMark: g.draftMark,
        tree: {
          title: g.title,
          meta: { unitName: g.unitName, year: 2022, profile: 'sichuan' },
          blocks: [
            { kind: 'heading', level: 1, numbering: g.numbering, text: g.heading },
            { kind: 'heading', level: 2, numbering: g.numbering, text: g.heading },
            { kind: 'paragraph', label: g.label, content: g.paragraph },
            {
              kind: 'table',
              id: g.tableId,
              title: g.tableTitle,
              number: g.number,
              unitName: g.unitName,
              moneyUnit: g.moneyUnit,
              header: [g.header],
              body: g.body,
              note: g.note,
            },
            { kind: 'note', content: g.paragraph },
          ],
        },
      }),
    );
  };

  /** Every text of the tree comes back, exactly (after U+FFFD replacement), from a strict parse. */
  function checkRoundTrip(tree: ReportTree, draftMark: string): void {
    const out = renderHtml(tree, { draftMark });
    const d = parseHtml(out); // throws on any broken tag or stray < >
    expect((out.match(/<p[\s>]/g) ?? []).length).toBe((out.match(/<\/p>/g) ?? []).length);
    expect(all(d, byTag('main'))).toHaveLength(1);
    expect(all(d, byTag('figure'))).toHaveLength(1);

    const clean = (s: string) => sanitizeText(s);
    expect(textOf(one(d, byTag('title')))).toBe(clean(tree.title.join('')));
    expect(all(d, hasClass('title-line')).map(textOf)).toEqual(tree.title.map(clean));
    if (draftMark !== '') expect(textOf(one(d, hasClass('draft-mark')))).toBe(clean(draftMark));
    const m = one(d, byTag('main'));
    expect(bodyTextElements(m).map(textOf)).toEqual(expectedTexts(tree.blocks).map(clean));

    const figures = allFigures(tree.blocks);
    const spans = all(m, hasClass('fig'));
    expect(spans).toHaveLength(figures.length);
    figures.forEach((fig, i) => {
      const span = spans[i]!;
      expect(textOf(span)).toBe(clean(fig.text));
      expect(span.attrs['data-concept']).toBe(clean(fig.concept));
      expect(span.attrs['data-value']).toBe(clean(fig.value));
      if (fig.dims !== undefined) {
        // Exact, not cleaned: forbidden code points travel as JSON escapes.
        expect(JSON.parse(span.attrs['data-dims']!)).toEqual(fig.dims);
      }
    });

    const ids = all(d, (el) => el.attrs.id !== undefined).map((el) => el.attrs.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^\S+$/.test(id))).toBe(true);
    for (const a of all(d, byTag('a'))) expect(ids).toContain(a.attrs.href!.slice(1));
  }

  it('keeps the structure and the text for arbitrary printable strings', () => {
    fc.assert(
      fc.property(treeArb('grapheme'), ({ tree, draftMark }) => checkRoundTrip(tree, draftMark)),
      { numRuns: 300 },
    );
  });

  it('keeps the structure for any code points, and never lets a forbidden one through', () => {
    const forbidden = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|\p{Cs}/u;
    fc.assert(
      fc.property(treeArb('binary'), ({ tree, draftMark }) => {
        checkRoundTrip(tree, draftMark);
        expect(renderHtml(tree, { draftMark })).not.toMatch(forbidden);
      }),
      { numRuns: 300 },
    );
  });
});
