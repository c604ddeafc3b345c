// 其他重要事项: 机关运行经费, 政府采购, 国有资产占有使用, 其他需要说明的情况.
import { percentOf, type Fen } from '../../money/index.js';
import { VEHICLE_TYPES } from '../../model/index.js';
import { para, priorComparison, priorMoney, reason, type SectionContext, type SectionWriter } from '../context.js';
import { changeRuns, countFig, joinRuns, pctFig, todo, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

/**
 * “与2020年30.63万元相比，机关运行经费减少…” — the prior-year figure stated, as the seeds
 * write it, so every figure the dataset holds is printed; a missing one is a visible gap.
 */
export function priorComparisonStated(ctx: SectionContext, key: string, current: Fen, subject: string): Inline[] {
  const base = priorMoney(ctx, key);
  const change = (c: Fen, b: Fen) => changeRuns(key, c, b, ctx.fig);
  if (base === undefined) return priorComparison(ctx, key, current, subject, change);
  const runs: Inline[] = [`与${ctx.priorYear}年`, ...wan(key, base, { year: ctx.priorYear }), `相比，${subject}`, ...change(current, base), '。'];
  if (current !== base) runs.push('主要变动原因是', reason(ctx, 'vsPrior', key), '。');
  return runs;
}

export const operatingCostSection: SectionWriter = (ctx) => {
  const { d, year } = ctx;
  const short = d.unit.shortName;
  if (d.unit.kind === '事业') {
    return { blocks: [para(`${short}为事业单位，机关运行经费统计范围为行政单位和参照公务员法管理的事业单位，${ctx.self}无机关运行经费支出。`)] };
  }
  const v = d.operatingCost?.fen;
  if (v === undefined) return { blocks: [para(`${year}年，${short}机关运行经费支出`, todo('机关运行经费', 'operatingCost'), '。')] };
  return {
    blocks: [
      para(`${year}年，${short}机关运行经费支出`, ...wan('operating_cost', v, ctx.fig), '。',
        ...priorComparisonStated(ctx, 'operating_cost', v, '机关运行经费')),
    ],
  };
};

export const procurementSection: SectionWriter = (ctx) => {
  const { d, a, year } = ctx;
  const short = d.unit.shortName;
  const p = d.procurement;
  const total = a.procurementTotal;
  if (total === undefined) {
    const missing = (['goods', 'works', 'services'] as const).filter((k) => !p[k]).join('、');
    return { blocks: [para(`${year}年，${short}政府采购支出总额`, todo('政府采购支出', `procurement.${missing}`), '。')] };
  }
  if (total === 0n) return { blocks: [para(`${year}年，${short}无政府采购支出。`)] };
  const runs: Inline[] = [
    `${year}年，${short}政府采购支出总额`, ...wan('procurement.total', total, ctx.fig), '，其中：',
    ...joinRuns([
      ['政府采购货物支出', ...wan('procurement.goods', p.goods!.fen, ctx.fig)],
      ['政府采购工程支出', ...wan('procurement.works', p.works!.fen, ctx.fig)],
      ['政府采购服务支出', ...wan('procurement.services', p.services!.fen, ctx.fig)],
    ], '、'), '。',
  ];
  const smeShare = (label: string, concept: string, path: string, v: bigint | undefined): Inline[] => {
    if (v === undefined) return [label, todo(label, path)];
    const pct = percentOf(v, total)!;
    return [label, ...wan(concept, v, ctx.fig), '，占政府采购支出总额的', pctFig(`share.${concept}`, pct, ctx.fig), '%'];
  };
  runs.push(...smeShare('授予中小企业合同金额', 'procurement.sme', 'procurement.sme', p.sme?.fen), '，其中：',
    ...smeShare('授予小微企业合同金额', 'procurement.sme_small', 'procurement.smeSmall', p.smeSmall?.fen), '。');
  return { blocks: [para(...runs)] };
};

function chineseDate(iso: string): string {
  const [y, m, day] = iso.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

export const assetsSection: SectionWriter = (ctx) => {
  const { d, year } = ctx;
  const as = d.assets;
  const asOf = chineseDate(as.asOf ?? `${year}-12-31`);
  const types = VEHICLE_TYPES.filter((t) => (as.vehicles[t] ?? 0) > 0);
  const total = types.reduce((s, t) => s + as.vehicles[t]!, 0);
  const runs: Inline[] = [`截至${asOf}，${d.unit.shortName}共有车辆`, countFig('vehicles.total', total, '辆', ctx.fig), '辆'];
  if (types.length > 0) {
    runs.push('，其中：', ...joinRuns(types.map((t) => [t, countFig('vehicles.total', as.vehicles[t]!, '辆', { ...ctx.fig, dims: { vehicleType: t } }), '辆']), '，'));
  }
  const equipment = (concept: string, n: number | undefined, path: string): Inline => (n === undefined ? todo('数量', path) : countFig(concept, n, '台（套）', ctx.fig));
  runs.push('；单价50万元以上通用设备', equipment('equipment.general_500k', as.generalEquipment500k, 'assets.generalEquipment500k'), '台（套），',
    '单价100万元以上专用设备', equipment('equipment.special_1m', as.specialEquipment1m, 'assets.specialEquipment1m'), '台（套）。');
  return { blocks: [para(...runs)] };
};

export const otherSection: SectionWriter = (ctx) => {
  const items = ctx.d.otherMatters ?? [];
  if (items.length === 0) return { blocks: [para(`${ctx.self}无其他需要说明的情况。`)] };
  return { blocks: items.map((t) => para(t)) };
};
