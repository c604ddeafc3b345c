/**
 * A ChartSpec → a DrawingML chart part (word/charts/chartN.xml): Word and
 * LibreOffice draw it themselves, as vector graphics the reader can restyle,
 * from the values cached in the part; the same table is embedded as a small
 * workbook (chartTable → xlsx/chartData.ts), so Word's "Edit Data" opens
 * it. The look follows
 * our SVG charts (src/charts/svg): Office colours, values on the bars, a pie
 * whose legend reads "name value（share%）" with the report's own shares,
 * which add up to 100.00 (Word's own percentages would be rounded
 * independently).
 */
import { PALETTE } from '../../charts/svg.js';
import { chartShares, chartValueText } from '../../report/charts.js';
import type { ChartSpec } from '../../report/tree.js';
import type { ChartDataTable } from '../xlsx/chartData.js';
import { FONT } from './units.js';
import { escapeAttr, escapeText, NS, XML_DECLARATION } from './xml.js';

const colour = (i: number) => PALETTE[i % PALETTE.length]!.slice(1).toUpperCase();
const fill = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
const NO_LINE = '<a:ln><a:noFill/></a:ln>';

/** Text properties: 宋体 at `size` points, dark grey. */
function txPr(size: number, rgb = '333333'): string {
  const face = escapeAttr(FONT.songTi);
  return (
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>' +
    `<a:defRPr sz="${Math.round(size * 100)}" b="0">${fill(rgb)}<a:latin typeface="${escapeAttr(FONT.latin)}"/><a:ea typeface="${face}"/></a:defRPr>` +
    '</a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
  );
}

/** A column reference of the nominal data sheet (A = categories, B… = series), for Word's data editor. */
const column = (i: number) => String.fromCharCode(66 + i);

function stringCache(ref: string, values: readonly string[]): string {
  return (
    `<c:strRef><c:f>${escapeText(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join('') +
    '</c:strCache></c:strRef>'
  );
}

/** Values as printed (two decimals), which is also what the embedded sheet holds. */
function numberCache(ref: string, values: readonly string[]): string {
  return (
    `<c:numRef><c:f>${escapeText(ref)}</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('') +
    '</c:numCache></c:numRef>'
  );
}

/** The chart's data as a table (category labels in A2…, series names in B1…, values as printed), as its workbook holds it. */
export interface ChartTable extends ChartDataTable {
  /** A pie's shares as "37.20" (the report's, adding up to 100.00). */
  shares?: readonly string[];
}

/** The table behind a chart. A pie's categories carry "value（share%）" (its legend names every slice with them). */
export function chartTable(spec: ChartSpec): ChartTable {
  const series = spec.series.map((s) => ({ name: s.name, values: s.values.map((v) => chartValueText(v)) }));
  if (spec.type !== 'pie') return { categories: [...spec.categories], series };
  const shares = chartShares(spec.series[0]!.values);
  return { categories: spec.categories.map((name, i) => `${name} ${series[0]!.values[i]}（${shares[i]}%）`), series, shares };
}

/** A series' index and name, its categories and its values (they sit apart in c:ser). */
function seriesParts(table: ChartTable, s: number): { head: string; cat: string; val: string } {
  const n = table.categories.length;
  const series = table.series[s]!;
  const col = column(s);
  return {
    head: `<c:idx val="${s}"/><c:order val="${s}"/><c:tx>${stringCache(`Sheet1!$${col}$1`, [series.name])}</c:tx>`,
    cat: `<c:cat>${stringCache(`Sheet1!$A$2:$A$${n + 1}`, table.categories)}</c:cat>`,
    val: `<c:val>${numberCache(`Sheet1!$${col}$2:$${col}$${n + 1}`, series.values)}</c:val>`,
  };
}

const showOnly = (value: boolean) =>
  `<c:showLegendKey val="0"/><c:showVal val="${value ? 1 : 0}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>`;

function barChart(spec: ChartSpec, table: ChartTable): string {
  const series = spec.series
    .map((_, s) => {
      const { head, cat, val } = seriesParts(table, s);
      return (
        `<c:ser>${head}<c:spPr>${fill(colour(s))}${NO_LINE}</c:spPr><c:invertIfNegative val="0"/>` +
        `<c:dLbls><c:numFmt formatCode="0.00" sourceLinked="0"/><c:spPr><a:noFill/>${NO_LINE}</c:spPr>${txPr(9.75)}<c:dLblPos val="outEnd"/>${showOnly(true)}</c:dLbls>` +
        `${cat}${val}</c:ser>`
      );
    })
    .join('');
  const axisLine = '<c:spPr><a:ln w="9525">' + fill('666666') + '</a:ln></c:spPr>';
  return (
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    '<c:gapWidth val="80"/><c:overlap val="-20"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>' +
    '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisLine}${txPr(9)}` +
    '<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    `<c:majorGridlines><c:spPr><a:ln w="6350">${fill('E0E0E0')}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="900" b="0">${fill('666666')}<a:ea typeface="${escapeAttr(FONT.songTi)}"/></a:rPr><a:t>单位：${escapeText(spec.unit)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>${NO_LINE}</c:spPr>${txPr(9, '666666')}` +
    '<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
  );
}

/** Share of the whole below which a slice carries no label on the pie (its neighbours' labels would collide). */
const LABELLED_SHARE = 10;

/**
 * The pie: the legend (right) names every slice with its value and share,
 * so nothing is lost however thin a slice is; slices of 10 % or more also
 * carry their share on the pie. Label texts are written out, so the shares
 * are the report's (adding up to 100.00).
 */
function pieChart(spec: ChartSpec, table: ChartTable): string {
  const series = spec.series[0]!;
  const shares = table.shares!;
  const { head, cat, val } = seriesParts(table, 0);
  // White edges part the slices; a lone slice has nothing to part (its edge would draw a radius).
  const slices = series.values.filter((v) => !/^[-0.]*$/.test(v)).length;
  const edge = slices > 1 ? `<a:ln w="12700">${fill('FFFFFF')}</a:ln>` : NO_LINE;
  const points = spec.categories.map((_, i) => `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr>${fill(colour(i))}${edge}</c:spPr></c:dPt>`).join('');
  const labels = shares
    .map((share, i) =>
      Number(share) >= LABELLED_SHARE
        ? `<c:dLbl><c:idx val="${i}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN"/><a:t>${share}%</a:t></a:r></a:p></c:rich></c:tx>` +
          `<c:dLblPos val="inEnd"/>${showOnly(true)}</c:dLbl>`
        : `<c:dLbl><c:idx val="${i}"/><c:delete val="1"/></c:dLbl>`,
    )
    .join('');
  return (
    `<c:pieChart><c:varyColors val="1"/><c:ser>${head}${points}` +
    `<c:dLbls>${labels}<c:spPr><a:noFill/>${NO_LINE}</c:spPr>${txPr(9.75, 'FFFFFF')}<c:dLblPos val="inEnd"/>${showOnly(true)}<c:showLeaderLines val="0"/></c:dLbls>` +
    `${cat}${val}</c:ser><c:firstSliceAng val="0"/></c:pieChart>`
  );
}

/** The chart part's XML; `dataRelId` names the relationship to its embedded workbook, when there is one. */
export function chartPartXml(spec: ChartSpec, dataRelId?: string): string {
  const pie = spec.type === 'pie';
  const table = chartTable(spec);
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>' +
    // The title is the paragraph above the chart (表格标题 style), as for tables.
    '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>' +
    (pie ? pieChart(spec, table) : barChart(spec, table)) +
    '</c:plotArea>' +
    `<c:legend><c:legendPos val="${pie ? 'r' : 't'}"/><c:overlay val="0"/>${txPr(9.75)}</c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:spPr>${fill('FFFFFF')}${NO_LINE}</c:spPr>${txPr(9.75)}` +
    (dataRelId ? `<c:externalData r:id="${dataRelId}"><c:autoUpdate val="0"/></c:externalData>` : '') +
    '</c:chartSpace>'
  );
}
