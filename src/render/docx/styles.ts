/**
 * Word styles for GB/T 9704-2012. Every visible format lives in a named style
 * (Normal, Title, Heading 1–5, Body Text, table and note styles), so a user can
 * restyle the whole document in Word and the navigation pane shows the headings.
 * The part is the same for every report, so it is written once.
 */
import { paragraphPropsXml, runPropsXml, type ParagraphProps, type RunProps } from './props.js';
import { BODY_LINE, FONT, SIZE, TEXT_WIDTH, halfPoints, ptTwips, runFont } from './units.js';
import { NS, XML_DECLARATION, escapeAttr } from './xml.js';

/** Style ids used by the block writers. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  body: 'BodyText',
  note: 'JsNote',
  tableCaption: 'JsTableCaption',
  tableInfo: 'JsTableInfo',
  tableHead: 'JsTableHead',
  tableText: 'JsTableText',
  tableNote: 'JsTableNote',
  header: 'Header',
  footer: 'Footer',
  tocTitle: 'JsTocTitle',
} as const;

/** The 目录's entry styles by heading level (built-in "toc 1", "toc 2", the styles Word's TOC field applies). */
export const TOC_STYLE = { 1: 'TOC1', 2: 'TOC2' } as const;

/** Heading 1–5 style ids (built-in names, so Word's navigation pane and outline see them). */
export const HEADING_STYLE = { 1: 'Heading1', 2: 'Heading2', 3: 'Heading3', 4: 'Heading4', 5: 'Heading5' } as const;

const exact = (line: number) => ({ before: 0, after: 0, line, lineRule: 'exact' as const });
const single = { before: 0, after: 0, line: 240, lineRule: 'auto' as const };
const black = '000000';

/** A first-line indent of two characters: `firstLineChars` for Word, twips for readers that ignore it. */
export function twoCharIndent(fontSizePt: number): { firstLine: number; firstLineChars: number } {
  return { firstLine: ptTwips(2 * fontSizePt), firstLineChars: 200 };
}

interface StyleSpec {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  quickFormat?: boolean;
  isDefault?: boolean;
  paragraph?: ParagraphProps;
  run?: RunProps;
}

interface HeadingSpec {
  font: string;
  bold: boolean;
  centred: boolean;
}

/** Heading 1 = 第一部分, 2 = 一、, 3 = （一）, 4 = 1., 5 = （1）. */
const HEADINGS: readonly HeadingSpec[] = [
  { font: FONT.heiTi, bold: false, centred: true },
  { font: FONT.heiTi, bold: false, centred: false },
  { font: FONT.kaiTi, bold: false, centred: false },
  { font: FONT.fangSong, bold: true, centred: false },
  { font: FONT.fangSong, bold: false, centred: false },
];

function headingStyle(spec: HeadingSpec, level: 1 | 2 | 3 | 4 | 5): StyleSpec {
  return {
    id: HEADING_STYLE[level],
    name: `heading ${level}`,
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { fonts: runFont(spec.font), eastAsiaHint: true, size: halfPoints(SIZE.san), bold: spec.bold, italics: false, color: black },
    paragraph: {
      keepNext: true,
      keepLines: true,
      // Part titles stand apart with a blank line above and half a line below.
      spacing: spec.centred ? { ...exact(BODY_LINE), before: BODY_LINE, after: Math.round(BODY_LINE / 2) } : exact(BODY_LINE),
      indent: spec.centred ? { firstLine: 0, firstLineChars: 0 } : twoCharIndent(SIZE.san),
      align: spec.centred ? 'center' : 'both',
      outlineLevel: level - 1,
    },
  };
}

const font = (eastAsia: string, latin?: string): RunProps => ({ fonts: runFont(eastAsia, latin), eastAsiaHint: true });

const STYLES: readonly StyleSpec[] = [
  {
    id: STYLE.normal,
    name: 'Normal',
    isDefault: true,
    quickFormat: true,
    run: { ...font(FONT.fangSong), size: halfPoints(SIZE.san), color: black },
    paragraph: { spacing: exact(BODY_LINE), align: 'both' },
  },
  {
    id: STYLE.title,
    name: 'Title',
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { ...font(FONT.xiaoBiaoSong), size: halfPoints(SIZE.er), bold: false, color: black },
    // A fixed 35 pt pitch: 22 pt 小标宋 would be clipped by the 28.95 pt body pitch.
    paragraph: { keepNext: true, keepLines: true, spacing: exact(ptTwips(35)), align: 'center' },
  },
  ...([1, 2, 3, 4, 5] as const).map((level) => headingStyle(HEADINGS[level - 1]!, level)),
  {
    id: STYLE.body,
    name: 'Body Text',
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    paragraph: { indent: twoCharIndent(SIZE.san) },
  },
  {
    id: STYLE.note,
    name: '注释',
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { ...font(FONT.kaiTi), size: halfPoints(SIZE.si) },
    paragraph: { spacing: exact(ptTwips(24)), indent: twoCharIndent(SIZE.si) },
  },
  {
    id: STYLE.tableCaption,
    name: '表格标题',
    basedOn: STYLE.normal,
    next: STYLE.tableInfo,
    quickFormat: true,
    run: { ...font(FONT.heiTi), size: halfPoints(SIZE.xiaoEr) },
    paragraph: { keepNext: true, keepLines: true, spacing: { ...single, before: ptTwips(12), after: ptTwips(6) }, align: 'center' },
  },
  {
    id: STYLE.tableInfo,
    name: '表格单位行',
    basedOn: STYLE.normal,
    quickFormat: true,
    run: { ...font(FONT.songTi), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { keepNext: true, tabs: [{ type: 'right', position: TEXT_WIDTH }], spacing: { ...single, after: ptTwips(3) }, align: 'left' },
  },
  {
    id: STYLE.tableText,
    name: '表格文字',
    basedOn: STYLE.normal,
    quickFormat: true,
    run: { ...font(FONT.songTi), size: halfPoints(SIZE.wu) },
    paragraph: { spacing: single, align: 'left' },
  },
  {
    id: STYLE.tableHead,
    name: '表头文字',
    basedOn: STYLE.tableText,
    quickFormat: true,
    run: { bold: true },
    paragraph: { keepNext: true, align: 'center' },
  },
  {
    id: STYLE.tableNote,
    name: '表注',
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { ...font(FONT.fangSong), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { spacing: { ...single, before: ptTwips(3), after: ptTwips(6) }, align: 'left' },
  },
  {
    id: STYLE.tocTitle,
    name: '目录标题',
    basedOn: STYLE.normal,
    next: TOC_STYLE[1],
    quickFormat: true,
    // Set like a part title but no heading: the 目录 does not list itself.
    run: { fonts: runFont(FONT.heiTi), eastAsiaHint: true, size: halfPoints(SIZE.san) },
    paragraph: { keepNext: true, spacing: { ...exact(BODY_LINE), before: BODY_LINE, after: Math.round(BODY_LINE / 2) }, align: 'center' },
  },
  ...([1, 2] as const).map(
    (level): StyleSpec => ({
      id: TOC_STYLE[level],
      name: `toc ${level}`,
      basedOn: STYLE.normal,
      next: STYLE.normal,
      // Page numbers at the right edge of the 版心 after a dot leader; 一、 entries indented two characters.
      paragraph: {
        tabs: [{ type: 'right', leader: 'dot', position: TEXT_WIDTH }],
        indent: { left: level === 1 ? 0 : ptTwips(2 * SIZE.san), firstLine: 0, firstLineChars: 0 },
        align: 'left',
      },
    }),
  ),
  {
    id: STYLE.header,
    name: 'header',
    basedOn: STYLE.normal,
    run: { ...font(FONT.heiTi), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { spacing: single, align: 'center' },
  },
  {
    id: STYLE.footer,
    name: 'footer',
    basedOn: STYLE.normal,
    // 4号 half-width 宋体 digits with a dash each side.
    run: { ...font(FONT.songTi, FONT.songTi), size: halfPoints(SIZE.si) },
    paragraph: { spacing: single },
  },
];

function styleXml(s: StyleSpec): string {
  const p = s.paragraph ? paragraphPropsXml(s.paragraph) : '';
  const r = s.run ? runPropsXml(s.run) : '';
  return (
    `<w:style w:type="paragraph" w:styleId="${s.id}"${s.isDefault ? ' w:default="1"' : ''}>` +
    `<w:name w:val="${escapeAttr(s.name)}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
    (s.next ? `<w:next w:val="${s.next}"/>` : '') +
    (s.quickFormat ? '<w:qFormat/>' : '') +
    (p ? `<w:pPr>${p}</w:pPr>` : '') +
    (r ? `<w:rPr>${r}</w:rPr>` : '') +
    '</w:style>'
  );
}

/** word/styles.xml: document defaults (仿宋_GB2312 三号, zh-CN, the 28.95 pt pitch), the table default and our styles. */
export const STYLES_XML =
  XML_DECLARATION +
  `<w:styles xmlns:w="${NS.w}">` +
  '<w:docDefaults>' +
  `<w:rPrDefault><w:rPr>${runPropsXml({ ...font(FONT.fangSong), size: halfPoints(SIZE.san), lang: { val: 'en-US', eastAsia: 'zh-CN' } })}</w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr>${paragraphPropsXml({ spacing: exact(BODY_LINE) })}</w:pPr></w:pPrDefault>` +
  '</w:docDefaults>' +
  STYLES.map(styleXml).join('') +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '</w:styles>';
