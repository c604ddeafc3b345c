/**
 * The optional mapping file (JSON) for workbooks laid out differently from
 * what reportSheets.ts expects. Every field is optional; whatever is given
 * replaces the detection for that part. Example:
 *
 * {
 *   "unitName": "中共广元市昭化区委政法委员会", "year": 2022,
 *   "summary":     { "sheet": "收支总表", "moneyUnit": "元", "amountColumns": ["C", "F"] },
 *   "expenditure": { "sheet": "^支出", "headerRow": 5, "columns": { "code": "A", "basic": "D", "project": "E" }, "fund": "generalBudget" },
 *   "basic":       { "sheet": "基本支出", "headerRow": 4, "columns": { "code": "A", "amount": "C" } }
 * }
 *
 * `sheet` is a regular expression matched against sheet names; `labels` adds
 * header labels (after normalisation: no spaces) per column role.
 */
import { z } from 'zod';
import { FUNDS } from '../../model/schema.js';
import { XlsxImportError } from './errors.js';

const column = z.string().regex(/^[A-Za-z]{1,3}$/, { message: '列应为字母，如 "C"' });
const row = z.number().int().positive().max(1_000_000);

const sheetBase = {
  /** Regular expression matched against sheet names. */
  sheet: z.string().min(1).optional(),
  /** Last header row (1-based); data starts on the next row unless firstDataRow says otherwise. */
  headerRow: row.optional(),
  firstDataRow: row.optional(),
  moneyUnit: z.enum(['元', '万元']).optional(),
  /** Column letters per role, e.g. { "code": "A", "basic": "D" }. */
  columns: z.record(z.string(), column).optional(),
  /** Extra header labels per role, e.g. { "total": ["支出决算合计"] }. */
  labels: z.record(z.string(), z.array(z.string().min(1))).optional(),
};

export const mappingSchema = z
  .object({
    unitName: z.string().trim().min(1).optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    summary: z.object({ ...sheetBase, amountColumns: z.array(column).min(1).optional() }).strict().optional(),
    expenditure: z.object({ ...sheetBase, fund: z.enum(FUNDS).optional() }).strict().optional(),
    basic: z.object({ ...sheetBase, codeColumns: z.record(column, z.string().regex(/^\d{3}(\d{2})?$/)).optional() }).strict().optional(),
  })
  .strict();

export type MappingFile = z.infer<typeof mappingSchema>;
export type SheetMapping = z.infer<typeof mappingSchema>['expenditure'] & {};

/** Reads a mapping file's text. Throws XlsxImportError with the problems listed in Chinese. */
export function parseMappingFile(text: string, file: string): MappingFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new XlsxImportError(`映射文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  const r = mappingSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.map(String).join('.') || '（文件）'}：${i.message}`);
    throw new XlsxImportError(`映射文件 ${file} 有误：\n${lines.join('\n')}`);
  }
  for (const part of ['summary', 'expenditure', 'basic'] as const) {
    const p = r.data[part]?.sheet;
    if (p !== undefined) {
      try {
        new RegExp(p);
      } catch {
        throw new XlsxImportError(`映射文件 ${file} 有误：${part}.sheet 不是有效的正则表达式：${p}`);
      }
    }
  }
  return r.data;
}
