/**
 * Excel import: a workbook → the authoring dataset (YAML) and what is still
 * missing. Two kinds of workbook are read:
 *  (a) our own export (render/xlsx) — its "数据" sheet gives the exact dataset;
 *  (b) the 部门决算 reporting software's export — the Z01/Z04/Z05_1 sheets give
 *      income, expenditure and basic expenses (layout in reportSheets.ts).
 * The bytes are checked (size, type, zip bombs, sheet/row/cell limits) before
 * exceljs loads them. Every failure is an XlsxImportError with a Chinese
 * message; there is never partial output.
 */
import ExcelJS from 'exceljs';
import type { Dataset } from '../../model/schema.js';
import { datasetToRaw, rawToYaml, type RawValue } from '../../model/save.js';
import { DATA_SHEET_NAME } from '../../render/xlsx/index.js';
import { readDataSheet } from './dataSheet.js';
import { XlsxImportError } from './errors.js';
import type { MappingFile } from './mapping.js';
import { readReportWorkbook } from './reportSheets.js';
import { DEFAULT_LIMITS, inspectXlsx, type XlsxLimits } from './zipGuard.js';

export { XlsxImportError } from './errors.js';
export { parseMappingFile, type MappingFile } from './mapping.js';
export { DEFAULT_LIMITS, type XlsxLimits } from './zipGuard.js';

export interface ImportResult {
  /** The dataset, when the workbook gave all of it (our own export). */
  dataset?: Dataset;
  /** The dataset in YAML; fields the workbook does not contain are left out and listed in its header comment. */
  yaml: string;
  /** The same as plain data (the authoring form: `parseDataset` accepts it as JSON). */
  raw: { [key: string]: RawValue };
  /** Names of the sheets read. */
  sheets: string[];
  /** Dataset paths the user must fill in (see FIELD_LABELS). */
  missing: string[];
  /** Things to check by hand (figures that do not add up, assumed fund sources …). */
  warnings: string[];
  /** Which kind of workbook it was. */
  source: 'data-sheet' | 'report-sheets';
}

export interface ImportOptions {
  /** The file name, for messages. */
  file: string;
  mapping?: MappingFile;
  limits?: Partial<XlsxLimits>;
}

/** Chinese descriptions of the paths `missing` can list. */
export const FIELD_LABELS: Record<string, string> = {
  year: '年度',
  'unit.name': '单位名称',
  'unit.shortName': '单位简称',
  'unit.region': '所在地区（省、市、县）',
  'unit.level': '部门还是单位（部门 / 单位）',
  'unit.kind': '单位性质（行政 / 参公 / 事业）',
  'unit.duties': '主要职责',
  'unit.organisation': '机构设置（内设机构、下属单位）',
  'unit.staffing': '人员情况（编制数、实有人数、离退休人数）',
  income: '收入（收入支出决算总表）',
  openingBalance: '年初结转和结余（按资金来源分列）',
  closingBalance: '年末结转和结余（按资金来源分列）',
  expenditure: '支出（支出决算表，按功能分类项级科目）',
  'expenditure[].initialBudget': '各项级科目的年初预算数或调整预算数（说明预算完成情况用）',
  basicExpense: '基本支出的人员经费、公用经费及经济分类明细',
  sangong: '“三公”经费预算数、决算数，以及出国团组、公务用车、公务接待的数量',
  operatingCost: '机关运行经费',
  procurement: '政府采购支出（货物、工程、服务，授予中小企业合同金额）',
  assets: '国有资产占用情况（车辆、大型设备）',
  performance: '预算绩效管理情况',
  prior: '上年决算数（同比说明用）',
  reasons: '增减变动原因',
};

export function describeMissing(path: string): string {
  const label = FIELD_LABELS[path];
  return label ? `${path}：${label}` : path;
}

/** Reads a workbook. Throws XlsxImportError; never returns partial results. */
export async function importXlsx(bytes: Uint8Array, o: ImportOptions): Promise<ImportResult> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  inspectXlsx(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new XlsxImportError(`无法读取工作簿：文件已损坏，或含有本程序不支持的内容（${oneLine(e)}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。`);
  }
  if (wb.worksheets.length === 0) throw new XlsxImportError('工作簿中没有工作表。');
  if (wb.worksheets.length > limits.maxSheets) throw new XlsxImportError(`工作簿中的工作表过多（${wb.worksheets.length} 个），上限 ${limits.maxSheets} 个。`);
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount > limits.maxRows) throw new XlsxImportError(`工作表“${ws.name}”有 ${ws.actualRowCount} 行，超过上限 ${limits.maxRows} 行，已拒绝。`);
  }
  try {
    const data = wb.getWorksheet(DATA_SHEET_NAME);
    if (data) {
      const dataset = readDataSheet(data, o.file);
      const raw = datasetToRaw(dataset);
      const yaml = rawToYaml(raw, { header: [`由 juesuan 从 Excel 工作簿 ${o.file} 的“${DATA_SHEET_NAME}”工作表导入。`] });
      return { dataset, yaml, raw, sheets: [data.name], missing: [], warnings: [], source: 'data-sheet' };
    }
    const r = readReportWorkbook(wb, o.mapping);
    const header = [
      `由 juesuan 从 Excel 工作簿 ${o.file} 导入（工作表：${r.sheets.map((s) => `“${s}”`).join('、')}）。`,
      '金额按工作簿中的原值写入：以元为单位的表精确到分，写作“…元”。',
      '',
      '以下内容工作簿中没有，请补充后用 juesuan check 检查：',
      ...r.missing.map((p) => `  - ${describeMissing(p)}`),
      ...(r.warnings.length > 0 ? ['', '请核对：', ...r.warnings.map((w) => `  - ${w}`)] : []),
    ];
    return { yaml: rawToYaml(r.raw, { header }), raw: r.raw, sheets: r.sheets, missing: r.missing, warnings: r.warnings, source: 'report-sheets' };
  } catch (e) {
    if (e instanceof XlsxImportError) throw e;
    throw new XlsxImportError(`读取工作簿时出错：${oneLine(e)}`);
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}
