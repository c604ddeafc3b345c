/**
 * Load and validate a dataset: text or parsed JSON → Dataset. A dataset that
 * does not validate is a DatasetError (src/model) whose `issues` are the
 * Chinese field messages `{ path, message }[]` (path such as
 * "expenditure[3].code", "" for the whole file) and whose message lists them
 * all. The CLI and the batch read files through `readDatasetFile`; a server
 * passes the text (or the JSON body) it received.
 */
import { DatasetError, parseDataset, type Dataset, type DatasetIssue } from '../model/index.js';
import { findProfile, PROFILES, TABLE_SETS, type Profile } from '../profiles/index.js';
import { UserError, type Effects } from './effects.js';

export { DatasetError, type DatasetIssue };

/**
 * Dataset text (YAML, or JSON when `fileName` ends in .json) → Dataset.
 * `fileName` decides the syntax and names the file in messages. Throws DatasetError.
 */
export function loadDataset(text: string, fileName: string): Dataset {
  return parseDataset(text, fileName);
}

/**
 * A dataset already parsed from JSON (a request body, `importWorkbook`'s
 * `dataset`) → Dataset, validated exactly as a .json dataset file is (money
 * in 万元 may carry up to six decimals). Throws DatasetError.
 */
export function datasetFromJson(obj: unknown, fileName = 'dataset.json'): Dataset {
  let text: string | undefined;
  try {
    text = JSON.stringify(obj);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new DatasetError(fileName, [{ path: '', message: '数据应为一个 JSON 对象（键: 值）' }]);
  return parseDataset(text, /\.json$/i.test(fileName) ? fileName : `${fileName}.json`);
}

/** A dataset file read through the effects; unreadable or invalid → UserError (exit 2) with the Chinese reason. */
export function readDatasetFile(file: string, fx: Effects): Dataset {
  let text: string;
  try {
    text = fx.readText(file);
  } catch (e) {
    throw new UserError(`无法读取数据文件 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  try {
    return loadDataset(text, file);
  } catch (e) {
    if (e instanceof DatasetError) throw new UserError(e.message);
    throw e;
  }
}

/** A profile or table set named by the request or the dataset that does not exist. */
export class UnknownProfile extends Error {
  constructor(
    /** What was unknown: the profile (template) or the dataset's table set. */
    readonly field: 'profile' | 'tableSet',
    readonly id: string,
    /** Whether the request named it (true) or the dataset did. */
    readonly requested: boolean,
    readonly available: readonly string[],
  ) {
    super(`未知的${field === 'profile' ? '模板' : '表格套'}“${id}”；可用：${available.join(', ')}`);
    this.name = 'UnknownProfile';
  }
}

/** The profile to use: the one requested, else the dataset's, else sichuan. Throws UnknownProfile. */
export function resolveProfile(d: Dataset, requested?: string): Profile {
  const id = requested ?? d.profile ?? 'sichuan';
  const p = findProfile(id);
  if (!p) throw new UnknownProfile('profile', id, Boolean(requested), Object.keys(PROFILES));
  if (d.tableSet !== undefined && !TABLE_SETS[d.tableSet]) throw new UnknownProfile('tableSet', d.tableSet, false, Object.keys(TABLE_SETS));
  return p;
}

/** resolveProfile for a dataset file, its refusal a UserError naming the option or the file's field. */
export function chooseProfile(d: Dataset, requested: string | undefined, file: string): Profile {
  try {
    return resolveProfile(d, requested);
  } catch (e) {
    if (!(e instanceof UnknownProfile)) throw e;
    if (e.field === 'tableSet') throw new UserError(`未知的表格套“${e.id}”（${file} 的 tableSet 字段）；可用：${e.available.join(', ')}`);
    throw new UserError(`未知的模板“${e.id}”（${e.requested ? '--profile' : `${file} 的 profile 字段`}）；可用：${e.available.join(', ')}`);
  }
}
