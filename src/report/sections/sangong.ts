// 七、“三公”经费财政拨款支出决算情况说明: （一）总体 （二）具体, with a budget-vs-actual table.
import { sharesOf, type Fen } from '../../money/index.js';
import { chart, deeper, listItems, para, priorComparison, reason, type SectionContext, type SectionWriter } from '../context.js';
import { budgetGapRuns, changeRuns, completionRuns, countFig, joinRuns, shareOf, todo, trimEnd, wan, wanFig } from '../phrases.js';
import type { Block, Inline, TableBlock, TableCell } from '../tree.js';

export const sangongSection: SectionWriter = (ctx) => ({
  blocks: [],
  subsections: [
    { title: '“三公”经费财政拨款支出决算总体情况说明', blocks: overall(ctx) },
    { title: '“三公”经费财政拨款支出决算具体情况说明', blocks: detail(deeper(ctx)) },
  ],
});

/** 公务用车 body types in the 四川 template's order. */
const VEHICLE_BODIES = ['轿车', '越野车', '载客汽车'] as const;

const budgetScenario = { scenario: 'budget' as const };

/** Completion, the gap reason and the prior-year change for one 三公 figure. */
function assess(ctx: SectionContext, key: string, actual: Fen, budget: Fen | undefined, subject: string): Inline[] {
  const runs: Inline[] = [...completionRuns(key, actual, budget, ctx.fig, `sangong.budget`)];
  if (budget !== undefined && budget !== 0n) runs.push('，', ...budgetGapRuns(actual, budget, reason(ctx, 'vsBudget', key)));
  runs.push('。', ...priorComparison(ctx, key, actual, subject, (c, b) => changeRuns(key, c, b, ctx.fig)));
  return runs;
}

function overall(ctx: SectionContext): Block[] {
  const { actual, budget } = ctx.a.sangong;
  if (actual.total === undefined) {
    return [para(`${ctx.year}年“三公”经费财政拨款支出决算`, todo('“三公”经费决算数', 'sangong.actual'), '。')];
  }
  return [
    para(`${ctx.year}年“三公”经费财政拨款支出决算为`, ...wan('sangong.total', actual.total, ctx.fig), '，',
      ...assess(ctx, 'sangong.total', actual.total, budget.total, '“三公”经费财政拨款支出')),
    sangongTable(ctx),
  ];
}

function detail(ctx: SectionContext): Block[] {
  const { actual, budget } = ctx.a.sangong;
  const d = ctx.d.sangong;
  const y = ctx.year;
  const parts: [string, string, Fen | undefined][] = [
    ['因公出国（境）费', 'sangong.abroad', actual.abroad],
    ['公务用车购置及运行维护费', 'sangong.vehicle', actual.vehicle],
    ['公务接待费', 'sangong.reception', actual.reception],
  ];
  const blocks: Block[] = [];
  if (actual.total !== undefined) {
    const shares = actual.total === 0n ? undefined : sharesOf(parts.map((p) => p[2]!), actual.total);
    const lead = parts.map(([label, concept, v], i) => [
      `${label}支出决算`, ...wan(concept, v!, ctx.fig),
      ...(shares ? ['，', ...shareOf(concept, v!, actual.total!, ctx.fig, shares[i])] : []),
    ]);
    blocks.push(para(`${y}年“三公”经费财政拨款支出决算中，`, ...joinRuns(lead, '；'), actual.total === 0n ? '，均未发生支出。具体情况如下：' : '。具体情况如下：'));
    blocks.push(...chart(ctx, 'sangongComposition'));
  }
  const count = (concept: string, n: number | undefined, unit: '个' | '人次' | '辆' | '批次', path: string): Inline =>
    n === undefined ? todo('数量', path) : countFig(concept, n, unit, ctx.fig);
  const money = (concept: string, v: Fen | undefined, path: string): Inline[] => (v === undefined ? [todo('金额', path)] : wan(concept, v, ctx.fig));

  const abroad: Inline[] = ['因公出国（境）费支出', ...money('sangong.abroad', actual.abroad, 'sangong.actual.abroad'), '，'];
  if (actual.abroad !== undefined) abroad.push(...assess(ctx, 'sangong.abroad', actual.abroad, budget.abroad, '因公出国（境）费支出'));
  abroad.push('全年安排因公出国（境）团组', count('abroad.groups', d.abroad.groups, '个', 'sangong.abroad.groups'), '个，出国（境）',
    count('abroad.people', d.abroad.people, '人次', 'sangong.abroad.people'), '人次。');
  if (d.notes.abroad) abroad.push(`${trimEnd(d.notes.abroad)}。`);

  const vehicle: Inline[] = ['公务用车购置及运行维护费支出', ...money('sangong.vehicle', actual.vehicle, 'sangong.actual'), '，'];
  if (actual.vehicle !== undefined) vehicle.push(...assess(ctx, 'sangong.vehicle', actual.vehicle, budget.vehicle, '公务用车购置及运行维护费支出'));
  vehicle.push('其中：公务用车购置费支出', ...money('sangong.vehicle_purchase', actual.vehiclePurchase, 'sangong.actual.vehiclePurchase'),
    '，全年按规定更新购置公务用车', count('vehicles.purchased', d.vehicles.purchased, '辆', 'sangong.vehicles.purchased'), '辆；',
    '公务用车运行维护费支出', ...money('sangong.vehicle_operation', actual.vehicleOperation, 'sangong.actual.vehicleOperation'));
  if (d.notes.vehicleOperation) vehicle.push(`，${trimEnd(d.notes.vehicleOperation)}`);
  vehicle.push(`。截至${y}年12月31日，${ctx.self}共有公务用车`, count('vehicles.held', d.vehicles.held, '辆', 'sangong.vehicles.held'), '辆');
  const byType = VEHICLE_BODIES.filter((t) => d.vehicles.heldByType?.[t] !== undefined);
  if (byType.length > 0) {
    vehicle.push('，其中：', ...joinRuns(byType.map((t) => [t, countFig('vehicles.held', d.vehicles.heldByType![t]!, '辆', { ...ctx.fig, dims: { vehicleBody: t } }), '辆']), '、'));
  }
  vehicle.push('。');
  if (d.notes.vehicle) vehicle.push(`${trimEnd(d.notes.vehicle)}。`);

  const reception: Inline[] = ['公务接待费支出', ...money('sangong.reception', actual.reception, 'sangong.actual'), '，'];
  if (actual.reception !== undefined) reception.push(...assess(ctx, 'sangong.reception', actual.reception, budget.reception, '公务接待费支出'));
  reception.push('其中：国内公务接待支出', ...money('sangong.reception_domestic', actual.receptionDomestic, 'sangong.actual.receptionDomestic'),
    '，国内公务接待', count('reception.batches', d.reception.domestic.batches, '批次', 'sangong.reception.domestic.batches'), '批次、',
    count('reception.people', d.reception.domestic.people, '人次', 'sangong.reception.domestic.people'), '人次');
  if (d.notes.reception) reception.push(`，${trimEnd(d.notes.reception)}`);
  reception.push('；外事接待支出', ...money('sangong.reception_foreign', actual.receptionForeign, 'sangong.actual.receptionForeign'),
    '，外事接待', count('reception_foreign.batches', d.reception.foreign.batches, '批次', 'sangong.reception.foreign.batches'), '批次、',
    count('reception_foreign.people', d.reception.foreign.people, '人次', 'sangong.reception.foreign.people'), '人次。');

  blocks.push(...listItems(ctx, [abroad, vehicle, reception]));
  return blocks;
}

function sangongTable(ctx: SectionContext): TableBlock {
  const { actual, budget } = ctx.a.sangong;
  const cell = (concept: string, v: Fen | undefined, scenario: 'budget' | 'actual'): TableCell => ({
    content: v === undefined ? ['—'] : [wanFig(concept, v, { ...ctx.fig, ...(scenario === 'budget' ? budgetScenario : {}) })],
    align: 'right',
  });
  const row = (label: string, s: typeof actual | typeof budget, scenario: 'budget' | 'actual'): TableCell[] => [
    { content: [label] },
    cell('sangong.total', s.total, scenario),
    cell('sangong.abroad', s.abroad, scenario),
    cell('sangong.vehicle', s.vehicle, scenario),
    cell('sangong.vehicle_purchase', s.vehiclePurchase, scenario),
    cell('sangong.vehicle_operation', s.vehicleOperation, scenario),
    cell('sangong.reception', s.reception, scenario),
  ];
  return {
    kind: 'table',
    id: 'sangong-budget-actual',
    title: `${ctx.year}年度“三公”经费财政拨款支出预算与决算`,
    unitName: ctx.d.unit.name,
    moneyUnit: '万元',
    header: [
      [
        { content: ['项目'], rowSpan: 2 },
        { content: ['合计'], rowSpan: 2 },
        { content: ['因公出国（境）费'], rowSpan: 2 },
        { content: ['公务用车购置及运行维护费'], colSpan: 3 },
        { content: ['公务接待费'], rowSpan: 2 },
      ],
      [{ content: ['小计'] }, { content: ['购置费'] }, { content: ['运行维护费'] }],
    ],
    body: [row('预算数', budget, 'budget'), row('决算数', actual, 'actual')],
    // A table of zeros is an empty table, and an empty table says why (ST1; found by synthetic units with no 三公 at all).
    ...(budget.total === 0n && actual.total === 0n
      ? { note: [`本${ctx.d.unit.level}${ctx.year}年度无“三公”经费财政拨款支出，故本表为空表。`] }
      : {}),
  };
}
