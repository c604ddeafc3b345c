/**
 * 一般公共预算财政拨款基本支出决算(明细)表 (domain.md §2.6): two panels side
 * by side, 人员经费 (301, 303 and their 款) | 公用经费 (302, 307, 310, 399 …),
 * each 科目编码 | 科目名称 | 决算数, closed by 人员经费合计 | 公用经费合计.
 * The panels list 经济分类 rows only when the dataset gives every item's
 * amount and they add up to the two totals; otherwise only the totals row.
 */
import type { TableBlock, TableCell } from '../tree.js';
import { blank, economicName, emptyNote, frame, head, money, text, type TableContext } from './common.js';
import { basicEconomicRows, classSum, isPersonnel, type EconomicRow } from './economic.js';

export function buildGeneralBudgetBasic(ctx: TableContext): TableBlock {
  const { a, d, year } = ctx;
  const { personnel, public: pub } = a.basicExpense;
  const rows = basicEconomicRows(d);
  const consistent = rows !== undefined
    && personnel !== undefined && pub !== undefined
    && classSum(rows, isPersonnel) === personnel && classSum(rows, (c) => !isPersonnel(c)) === pub;

  const cells = (r: EconomicRow | undefined, concept: string): TableCell[] =>
    r === undefined
      ? [blank(), blank(), blank()]
      : [
        text(r.code, 'center'),
        text(r.level === '款' ? `　${economicName(r.code, year)}` : economicName(r.code, year)),
        money(ctx, { concept }, r.value, { economic: r.code }),
      ];
  const shown = consistent && rows ? rows : [];
  const left = shown.filter((r) => isPersonnel(r.code));
  const right = shown.filter((r) => !isPersonnel(r.code));
  const body: TableCell[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    body.push([...cells(left[i], 'basic.personnel'), ...cells(right[i], 'basic.public')]);
  }
  body.push([
    text('人员经费合计', 'center', { colSpan: 2 }), money(ctx, { concept: 'basic.personnel' }, personnel),
    text('公用经费合计', 'center', { colSpan: 2 }), money(ctx, { concept: 'basic.public' }, pub),
  ]);

  const gbBasic = a.byFund.generalBudget.basic;
  const empty = gbBasic === 0n && (personnel ?? 0n) === 0n && (pub ?? 0n) === 0n;
  const notes: string[] = [];
  if (empty) notes.push(emptyNote(ctx, '一般公共预算财政拨款基本支出'));
  else {
    if (personnel === undefined || pub === undefined) notes.push('数据集未提供人员经费或公用经费合计，相应单元格以“—”表示。');
    if (rows === undefined) notes.push('数据集未提供基本支出按支出经济分类款级科目的金额，故本表仅列示人员经费合计和公用经费合计。');
    else if (!consistent && personnel !== undefined && pub !== undefined) {
      notes.push('数据集中按支出经济分类科目填报的金额与人员经费、公用经费合计不一致，故本表仅列示合计行，请核对数据。');
    }
  }
  return frame(ctx, {
    header: [
      [head('人员经费', { colSpan: 3 }), head('公用经费', { colSpan: 3 })],
      [head('科目编码'), head('科目名称'), head('决算数'), head('科目编码'), head('科目名称'), head('决算数')],
    ],
    body,
    notes,
  });
}
