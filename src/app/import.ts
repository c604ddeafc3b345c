/**
 * The import service: an Excel workbook's bytes → a dataset in its authoring
 * form, with what was read, what is still missing and what to check by hand,
 * all in Chinese. Two kinds of workbook are read (src/parse/xlsx): our own
 * export (its 数据 sheet gives the whole dataset) and the 部门决算 reporting
 * software's Z01/Z04/Z05_1 sheets (a partial dataset). Unusable bytes are an
 * XlsxImportError with a Chinese message, and nothing is returned.
 */
import type { RawValue } from '../model/save.js';
import { describeMissing, FIELD_LABELS, importXlsx, type MappingFile, type XlsxLimits } from '../parse/xlsx/index.js';

export { DEFAULT_LIMITS, parseMappingFile, XlsxImportError, type MappingFile, type XlsxLimits } from '../parse/xlsx/index.js';

export interface WorkbookImport {
  /**
   * The dataset as plain data (the authoring form): `datasetFromJson` (src/app/load.ts) validates it.
   * Fields the workbook does not hold are absent, so a partial one does not validate until they are filled in.
   */
  dataset: { [key: string]: RawValue };
  /** The same dataset as a YAML file, its header comment saying where it came from and what is missing. */
  yaml: string;
  /** What was read, one line each: the sheets and what they gave. */
  read: string[];
  /** What the workbook does not hold and the user must fill in, one line each (“unit.duties：主要职责”). */
  missing: string[];
  /** The dataset paths of `missing`. */
  missingPaths: string[];
  /** What to check by hand: figures that do not add up, assumed fund sources … */
  problems: string[];
  /** Which kind of workbook it was. */
  source: 'data-sheet' | 'report-sheets';
}

export interface ImportWorkbookOptions {
  /** The workbook's file name, for messages and the YAML header. */
  fileName: string;
  /** A mapping for workbooks laid out differently (parseMappingFile reads one). */
  mapping?: MappingFile;
  limits?: Partial<XlsxLimits>;
}

/** Workbook bytes → dataset. Throws XlsxImportError (Chinese message); never returns partial results. */
export async function importWorkbook(bytes: Uint8Array, o: ImportWorkbookOptions): Promise<WorkbookImport> {
  const r = await importXlsx(bytes, { file: o.fileName, ...(o.mapping ? { mapping: o.mapping } : {}), ...(o.limits ? { limits: o.limits } : {}) });
  const sheets = r.sheets.map((s) => `“${s}”`).join('、');
  const read = [
    r.source === 'data-sheet' ? `工作表 ${sheets}：juesuan 导出的完整数据` : `决算报表软件导出的工作表 ${sheets}`,
    ...fieldsRead(r.raw).map((p) => `已读入 ${describeMissing(p)}`),
  ];
  return {
    dataset: r.raw,
    yaml: r.yaml,
    read,
    missing: r.missing.map(describeMissing),
    missingPaths: r.missing,
    problems: r.warnings,
    source: r.source,
  };
}

/** The described dataset paths (FIELD_LABELS) that the raw dataset has a value for, in FIELD_LABELS' order. */
function fieldsRead(raw: { [key: string]: RawValue }): string[] {
  const has = (path: string): boolean => {
    let v: RawValue | undefined = raw;
    for (const k of path.replace(/\[\]/g, '').split('.')) {
      if (Array.isArray(v)) v = v.find((x) => typeof x === 'object' && !Array.isArray(x) && x[k] !== undefined);
      if (v === undefined || typeof v !== 'object' || Array.isArray(v)) return false;
      v = v[k];
    }
    return v !== undefined;
  };
  return Object.keys(FIELD_LABELS).filter(has);
}
