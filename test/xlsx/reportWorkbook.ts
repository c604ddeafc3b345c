/**
 * A workbook laid out like the 部门决算 reporting software's Excel export, with
 * 昭化区委政法委 2022 figures in 元 (examples/zhaohua-zfw-2022.yaml): Z01, Z03
 * (ignored), Z04, Z05_1 and an F01 sheet (ignored).
 */
import ExcelJS from 'exceljs';

export const UNIT_NAME = '中共广元市昭化区委政法委员会';
export const Z01 = 'Z01 收入支出决算总表(财决01表)';
export const Z04 = 'Z04 支出决算表(财决04表)';
export const Z05_1 = 'Z05_1 基本支出决算明细表(财决05-1表)';

type Cell = string | number | null;

/** Fills values first, then merges (exceljs unmerges cells assigned inside a merge). */
function sheet(wb: ExcelJS.Workbook, name: string, rows: Cell[][], merges: string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  for (const m of merges) ws.mergeCells(m);
  return ws;
}

export interface ReportWorkbookOptions {
  /** Runs on the finished workbook before it is written (to break it). */
  tweak?: (wb: ExcelJS.Workbook) => void;
  omit?: ('Z01' | 'Z04' | 'Z05_1')[];
}

export async function reportWorkbook(o: ReportWorkbookOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const omit = new Set(o.omit ?? []);

  if (!omit.has('Z01')) {
    sheet(
      wb,
      Z01,
      [
        ['收入支出决算总表'],
        [null, null, null, null, null, '财决01表'],
        [`编制单位：${UNIT_NAME}`, null, null, '2022年度', null, '金额单位：元'],
        ['收入', null, null, '支出'],
        ['项目', '行次', '金额', '项目', '行次', '金额'],
        ['栏次', null, 1, '栏次', null, 2],
        ['一、一般公共预算财政拨款收入', 1, 11933900, '一、一般公共服务支出', 32, 5556700],
        ['二、政府性基金预算财政拨款收入', 2, null, '二、外交支出', 33, null],
        ['三、国有资本经营预算财政拨款收入', 3, null, '三、国防支出', 34, null],
        ['四、上级补助收入', 4, null, '四、公共安全支出', 35, 5800000],
        ['五、事业收入', 5, 0, '五、教育支出', 36, null],
        ['六、经营收入', 6, null, '六、社会保障和就业支出', 37, '268,100.00'],
        ['七、附属单位上缴收入', 7, null, '七、卫生健康支出', 38, 100400],
        ['八、其他收入', 8, null, '八、住房保障支出', 39, 208700],
        ['本年收入合计', 9, 11933900, '本年支出合计', 40, 11933900],
        ['使用非财政拨款结余', 10, null, '结余分配', 41, null],
        ['年初结转和结余', 11, 0, '年末结转和结余', 42, 0],
        ['总计', 12, 11933900, '总计', 43, 11933900],
      ],
      ['A1:F1', 'A3:C3', 'A4:C4', 'D4:F4'],
    );
  }

  sheet(wb, 'Z03 收入决算表(财决03表)', [['收入决算表'], ['（本表不需要读取）']], []);

  if (!omit.has('Z04')) {
    const row = (cls: Cell, kuan: Cell, xiang: Cell, name: string, basic: number | null, project: number | null): Cell[] => [
      cls, kuan, xiang, name, (basic ?? 0) + (project ?? 0), basic, project, null, null, null,
    ];
    sheet(
      wb,
      Z04,
      [
        ['支出决算表'],
        [null, null, null, null, null, null, null, null, null, '财决04表'],
        [`编制单位：${UNIT_NAME}　　2022年度　　金额单位：元`],
        ['科目编码', null, null, '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
        ['类', '款', '项'],
        ['栏次', null, null, null, 1, 2, 3, 4, 5, 6],
        ['合计', null, null, null, 11933900, 6133900, 5800000, null, null, null],
        row('201', null, null, '一般公共服务支出', 5556700, null),
        row('201', '31', null, '党委办公厅（室）及相关机构事务', 5556700, null),
        row('201', '31', '50', '事业运行', 5556700, null),
        row('204', null, null, '公共安全支出', null, 5800000),
        row('204', '02', null, '公安', null, 5800000),
        row('204', '02', '02', '一般行政管理事务', null, 5800000),
        row('208', null, null, '社会保障和就业支出', 268100, null),
        row('208', 5, null, '行政事业单位养老支出', 268100, null),
        row('208', 5, 5, '机关事业单位基本养老保险缴费支出', 268100, null),
        row(210, null, null, '卫生健康支出', 100400, null),
        row(210, 11, null, '行政事业单位医疗', 100400, null),
        row(210, 11, 1, '行政单位医疗', 100400, null),
        row('221', null, null, '住房保障支出', 208700, null),
        row('221', '02', null, '住房改革支出', 208700, null),
        row('221', '02', '01', '住房公积金', 208700, null),
        ['注：本表反映单位本年度各项支出情况。'],
      ],
      ['A1:J1', 'A3:J3', 'A4:C4', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:J5', 'A6:D6', 'A7:D7', 'A23:J23'],
    );
  }

  if (!omit.has('Z05_1')) {
    const personnel: [string, string, number][] = [
      ['301', '工资福利支出', 2350000],
      ['30101', '基本工资', 800000],
      ['30102', '津贴补贴', 600000],
      ['30103', '奖金', 200000],
      ['30107', '绩效工资', 300000],
      ['30108', '机关事业单位基本养老保险缴费', 250000],
      ['30113', '住房公积金', 200000],
      ['303', '对个人和家庭的补助', 167400],
      ['30302', '退休费', 150000],
      ['30305', '生活补助', 17400],
    ];
    const pub: [string, string, number][] = [
      ['302', '商品和服务支出', 3416500],
      ['30201', '办公费', 500000],
      ['30211', '差旅费', 300000],
      ['30217', '公务接待费', 98400],
      ['30228', '工会经费', 100000],
      ['30299', '其他商品和服务支出', 2418100],
      ['310', '资本性支出', 200000],
      ['31002', '办公设备购置', 200000],
    ];
    const rows: Cell[][] = [
      ['基本支出决算明细表'],
      [null, null, null, null, null, '财决05-1表'],
      [`编制单位：${UNIT_NAME}`, null, null, null, null, '金额单位：元'],
      ['人员经费', null, null, '公用经费'],
      ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
    ];
    for (let i = 0; i < Math.max(personnel.length, pub.length); i++) {
      const p = personnel[i];
      const q = pub[i];
      rows.push([...(p ?? [null, null, null]), ...(q ?? [null, null, null])]);
    }
    const last = rows.length + 1;
    rows.push(['人员经费合计', null, 2517400, '公用经费合计', null, 3616500]);
    sheet(wb, Z05_1, rows, ['A1:F1', 'A4:C4', 'D4:F4', `A${last}:B${last}`, `D${last}:E${last}`]);
  }

  sheet(wb, 'F01 预算支出相关信息表(财决附01表)', [['预算支出相关信息表'], ['“三公”经费', 98400]], []);
  o.tweak?.(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
