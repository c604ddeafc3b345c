/**
 * 机关运行经费、资产占用情况及政府采购支出信息表 (米易 2021 表15). One list of
 * items: 机关运行经费; 政府采购 (总额, 货物, 工程, 服务, 授予中小企业, 其中小微企业);
 * 国有资产占用 (车辆 by type, 单价50万元以上通用设备, 单价100万元以上专用设备).
 * Columns 项目 | 计量单位 | 数量（金额）. A figure the dataset does not state
 * prints as —; vehicle types the dataset does not list are 0 (it lists what
 * the unit holds, and an empty list means none, as in the facts).
 */
import { VEHICLE_TYPES } from '../../model/index.js';
import type { FigureUnit, TableBlock, TableCell } from '../tree.js';
import { count, frame, head, money, text, type TableContext, type Val } from './common.js';

export function buildOperatingAssetsProcurement(ctx: TableContext): TableBlock {
  const { a, d } = ctx;
  const p = d.procurement;
  const moneyRow = (label: string, concept: string, v: Val): TableCell[] =>
    [text(label), text('万元', 'center'), money(ctx, { concept }, v)];
  const countRow = (label: string, concept: string, n: number | undefined, unit: FigureUnit, dims: Record<string, string> = {}): TableCell[] =>
    [text(label), text(unit, 'center'), count(ctx, concept, n, unit, dims)];
  const section = (label: string): TableCell[] => [text(label, 'left', { colSpan: 3 })];

  const vehicles = d.assets.vehicles;
  const vehicleTotal = VEHICLE_TYPES.reduce((t, v) => t + (vehicles[v] ?? 0), 0);
  const body: TableCell[][] = [
    moneyRow('一、机关运行经费', 'operating_cost', d.operatingCost?.fen),
    section('二、政府采购支出'),
    moneyRow('　政府采购支出总额', 'procurement.total', a.procurementTotal),
    moneyRow('　　其中：货物', 'procurement.goods', p.goods?.fen),
    moneyRow('　　　　　工程', 'procurement.works', p.works?.fen),
    moneyRow('　　　　　服务', 'procurement.services', p.services?.fen),
    moneyRow('　授予中小企业合同金额', 'procurement.sme', p.sme?.fen),
    moneyRow('　　其中：授予小微企业合同金额', 'procurement.sme_small', p.smeSmall?.fen),
    section('三、国有资产占用情况'),
    countRow('　车辆合计', 'vehicles.total', vehicleTotal, '辆'),
    ...VEHICLE_TYPES.map((type, i) =>
      countRow(`${i === 0 ? '　　其中：' : '　　　　　'}${type}`, 'vehicles.total', vehicles[type] ?? 0, '辆', { vehicleType: type })),
    countRow('　单价50万元以上通用设备', 'equipment.general_500k', d.assets.generalEquipment500k, '台（套）'),
    countRow('　单价100万元以上专用设备', 'equipment.special_1m', d.assets.specialEquipment1m, '台（套）'),
  ];
  const unstated = body.some((row) => row.some((c) => c.content[0] === '—'));
  return frame(ctx, {
    header: [[head('项目'), head('计量单位'), head('数量（金额）')]],
    body,
    notes: [
      d.unit.kind === '事业' && `${ctx.self}为事业单位，不统计机关运行经费。`,
      unstated && '以“—”表示的项目数据集未填报。',
    ],
  });
}
