/**
 * Word styles for GB/T 9704-2012. Every visible format lives in a named style
 * (Normal, Title, Heading 1–5, Body Text, table and note styles), so a user can
 * restyle the whole document in Word and the navigation pane shows the headings.
 */
import { AlignmentType, LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import { BODY_LINE, FONT, SIZE, TEXT_WIDTH, halfPoints, ptTwips, runFont } from './units.js';

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
} as const;

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const single = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } as const;
const black = '000000';

/** A first-line indent of two characters: `firstLineChars` for Word, twips for readers that ignore it. */
export function twoCharIndent(fontSizePt: number): { firstLine: number; firstLineChars: number } {
  return { firstLine: ptTwips(2 * fontSizePt), firstLineChars: 200 };
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

function headingStyle(spec: HeadingSpec, level: number) {
  return {
    name: `heading ${level}`,
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { font: runFont(spec.font), size: halfPoints(SIZE.san), bold: spec.bold, italics: false, color: black },
    paragraph: {
      alignment: spec.centred ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      // Part titles stand apart with a blank line above and half a line below.
      spacing: spec.centred ? { ...exact(BODY_LINE), before: BODY_LINE, after: Math.round(BODY_LINE / 2) } : exact(BODY_LINE),
      indent: spec.centred ? { firstLine: 0, firstLineChars: 0 } : twoCharIndent(SIZE.san),
      keepNext: true,
      keepLines: true,
      outlineLevel: level - 1,
    },
  };
}

const paragraphStyles: IParagraphStyleOptions[] = [
  {
    id: STYLE.normal,
    name: 'Normal',
    quickFormat: true,
    run: { font: runFont(FONT.fangSong), size: halfPoints(SIZE.san), color: black },
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: exact(BODY_LINE) },
  },
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
    run: { font: runFont(FONT.kaiTi), size: halfPoints(SIZE.si) },
    paragraph: { indent: twoCharIndent(SIZE.si), spacing: exact(ptTwips(24)) },
  },
  {
    id: STYLE.tableCaption,
    name: '表格标题',
    basedOn: STYLE.normal,
    next: STYLE.tableInfo,
    quickFormat: true,
    run: { font: runFont(FONT.heiTi), size: halfPoints(SIZE.xiaoEr) },
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { ...single, before: ptTwips(12), after: ptTwips(6) },
      keepNext: true,
      keepLines: true,
    },
  },
  {
    id: STYLE.tableInfo,
    name: '表格单位行',
    basedOn: STYLE.normal,
    quickFormat: true,
    run: { font: runFont(FONT.songTi), size: halfPoints(SIZE.xiaoSi) },
    paragraph: {
      alignment: AlignmentType.LEFT,
      spacing: { ...single, after: ptTwips(3) },
      keepNext: true,
      rightTabStop: TEXT_WIDTH,
    },
  },
  {
    id: STYLE.tableText,
    name: '表格文字',
    basedOn: STYLE.normal,
    quickFormat: true,
    run: { font: runFont(FONT.songTi), size: halfPoints(SIZE.wu) },
    paragraph: { alignment: AlignmentType.LEFT, spacing: single },
  },
  {
    id: STYLE.tableHead,
    name: '表头文字',
    basedOn: STYLE.tableText,
    quickFormat: true,
    run: { bold: true },
    paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
  },
  {
    id: STYLE.tableNote,
    name: '表注',
    basedOn: STYLE.normal,
    next: STYLE.body,
    quickFormat: true,
    run: { font: runFont(FONT.fangSong), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { alignment: AlignmentType.LEFT, spacing: { ...single, before: ptTwips(3), after: ptTwips(6) } },
  },
  {
    id: STYLE.header,
    name: 'header',
    basedOn: STYLE.normal,
    run: { font: runFont(FONT.heiTi), size: halfPoints(SIZE.xiaoSi) },
    paragraph: { alignment: AlignmentType.CENTER, spacing: single },
  },
  {
    id: STYLE.footer,
    name: 'footer',
    basedOn: STYLE.normal,
    // 4号 half-width 宋体 digits with a dash each side.
    run: { font: runFont(FONT.songTi, FONT.songTi), size: halfPoints(SIZE.si) },
    paragraph: { spacing: single },
  },
];

const [h1, h2, h3, h4, h5] = HEADINGS.map((spec, i) => headingStyle(spec, i + 1));

export const documentStyles: IStylesOptions = {
  default: {
    document: {
      run: {
        font: runFont(FONT.fangSong),
        size: halfPoints(SIZE.san),
        language: { value: 'en-US', eastAsia: 'zh-CN' },
      },
      paragraph: { spacing: exact(BODY_LINE) },
    },
    title: {
      name: 'Title',
      basedOn: STYLE.normal,
      next: STYLE.body,
      quickFormat: true,
      run: { font: runFont(FONT.xiaoBiaoSong), size: halfPoints(SIZE.er), bold: false, color: black },
      // A fixed 35 pt pitch: 22 pt 小标宋 would be clipped by the 28.95 pt body pitch.
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact(ptTwips(35)), keepNext: true, keepLines: true },
    },
    heading1: h1,
    heading2: h2,
    heading3: h3,
    heading4: h4,
    heading5: h5,
  },
  paragraphStyles,
};
