/**
 * `juesuan import <workbook.xlsx> [-o dataset.yaml] [--mapping mapping.json]`:
 * an Excel workbook → a dataset file (the import service, src/app/import.ts). Writes the YAML atomically to `out`, or
 * prints it; lists what is still missing on stderr. Exit 0 when the workbook
 * was read (complete or not); unusable input throws UserError (exit 2) and
 * writes nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_LIMITS, importWorkbook, parseMappingFile, XlsxImportError, type MappingFile } from '../app/import.js';
import { UserError, type Effects } from '../app/effects.js';

export interface ImportCommandOptions {
  /** Where to write the YAML; printed to stdout when absent. */
  out?: string;
  /** A mapping file (JSON) for workbooks laid out differently. */
  mapping?: string;
}

/** Effects may offer byte reads (tests, the web server); otherwise the file system is used. */
type ByteEffects = Effects & { readBytes?: (path: string) => Uint8Array };

function readWorkbookBytes(file: string, fx: ByteEffects): Uint8Array {
  if (!fx.readBytes) {
    let size: number;
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw new UserError(`无法读取 ${file}：这是一个文件夹，不是 Excel 文件`);
      size = st.size;
    } catch (e) {
      if (e instanceof UserError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(`无法读取 ${file}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
    }
    // Refuse before reading a huge file into memory.
    if (size > DEFAULT_LIMITS.maxFileBytes) {
      throw new UserError(`无法导入 ${file}：文件过大（${Math.round(size / 1024 / 1024)} MB），上限为 ${DEFAULT_LIMITS.maxFileBytes / 1024 / 1024} MB。`);
    }
  }
  try {
    return fx.readBytes ? fx.readBytes(file) : readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`无法读取 ${file}：${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹，不是 Excel 文件' : (e as Error).message}`);
  }
}

export async function importCommand(file: string, o: ImportCommandOptions, fx: Effects): Promise<number> {
  let mapping: MappingFile | undefined;
  if (o.mapping) {
    let text: string;
    try {
      text = fx.readText(o.mapping);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(`无法读取映射文件 ${o.mapping}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
    }
    try {
      mapping = parseMappingFile(text, o.mapping);
    } catch (e) {
      if (e instanceof XlsxImportError) throw new UserError(e.message);
      throw e;
    }
  }
  const bytes = readWorkbookBytes(file, fx as ByteEffects);
  let result;
  try {
    result = await importWorkbook(bytes, { fileName: file, ...(mapping ? { mapping } : {}) });
  } catch (e) {
    if (e instanceof XlsxImportError) throw new UserError(`无法导入 ${file}：${e.message}`);
    throw e;
  }
  if (o.out) {
    fx.writeFile(o.out, result.yaml);
    fx.out(o.out);
  } else {
    fx.out(result.yaml.replace(/\n$/, ''));
  }
  if (result.missing.length > 0) {
    fx.err(`已从 ${file} 读入工作簿中的数据；以下 ${result.missing.length} 项工作簿中没有，请在数据文件中补充后再用 juesuan check 检查：`);
    for (const line of result.missing) fx.err(`  - ${line}`);
  } else {
    fx.err(`已从 ${file} 读入完整的数据。`);
  }
  if (result.problems.length > 0) {
    fx.err('请核对：');
    for (const w of result.problems) fx.err(`  - ${w}`);
  }
  return 0;
}
