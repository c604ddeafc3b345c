/**
 * Text → validated Dataset. Pure: the caller reads the file. YAML is read
 * with the failsafe schema so every scalar stays the exact string the user
 * typed ("580.00" keeps its two decimals and never becomes a binary float).
 */
import { FAILSAFE_SCHEMA, load as loadYamlFast } from 'js-yaml';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { makeDatasetSchema, MAX_WAN_DECIMALS, type Dataset } from './schema.js';
import { maxDecimals } from '../money/index.js';
import { MAX_DATASET_BYTES } from './limits.js';

export interface DatasetIssue {
  /** Dataset path such as "expenditure[3].code" ("" for the whole file). */
  path: string;
  message: string;
}

export class DatasetError extends Error {
  readonly issues: DatasetIssue[];
  constructor(
    readonly file: string,
    issues: DatasetIssue[],
  ) {
    // What the file contains is quoted in messages and paths: shown printable and short, never raw bytes.
    const shown = issues.map((i) => ({ path: printable(i.path, 120), message: printable(i.message, 400) }));
    super(`数据文件 ${printable(file, 300)} 有 ${shown.length} 处错误：\n${shown.map((i) => `  - ${i.path || '（文件）'}：${i.message}`).join('\n')}`);
    this.name = 'DatasetError';
    this.issues = shown;
  }
}

export { MAX_DATASET_BYTES };

/**
 * Text as it may be shown on a terminal: control characters, lone surrogates,
 * bidirectional overrides and U+FFFD (bytes that were not UTF-8) written as
 * escapes, and at most `max` characters (the middle dropped, marked “…”).
 */
export function printable(s: string, max = 80): string {
  let out = s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`),
  );
  const chars = [...out];
  if (chars.length > max) {
    const head = Math.ceil((max - 1) * 0.7);
    out = `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
  }
  return out;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

const zh = z.locales.zhCN();

/** What a dataset value should be, in words (zod's names are English: string, object …). */
const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', object: '对象（键: 值）', array: '列表', boolean: '是/否',
  undefined: '空', null: '空值', bigint: '数字', nan: '非数字',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? '其他值';
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** zod's Chinese messages, with the English parts (type names, “key”, origins) said in Chinese. */
const datasetError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少此项（必填）';
      return `应为${typeName(issue.expected)}，实际为${typeName(kindOf(issue.input))}`;
    case 'unrecognized_keys':
      return `未知的键${issue.keys.map((k) => `“${k}”`).join('、')}（请检查拼写，或删去）`;
    case 'invalid_key':
      return '键不正确';
    case 'invalid_element':
      return '含有不正确的值';
    case 'invalid_union':
      if (issue.input === undefined) return '缺少此项（必填）';
      return `应为文字或数字，实际为${typeName(kindOf(issue.input))}`;
    case 'too_small':
      if (issue.origin === 'array') return `至少应有${issue.minimum.toString()}项`;
      if (issue.origin === 'string') return issue.minimum.toString() === '1' ? '不能为空' : `至少应有${issue.minimum.toString()}个字符`;
      return zh.localeError(issue);
    case 'too_big':
      if (issue.origin === 'array') return `最多${issue.maximum.toString()}项`;
      if (issue.origin === 'string') return `最多${issue.maximum.toString()}个字符`;
      return zh.localeError(issue);
    default:
      return zh.localeError(issue);
  }
};

/**
 * One schema per money unit, made on first use: building the schema and zod's
 * first parse with it (which compiles a fast path) cost ~4 ms, five times
 * the parse itself, on every dataset of a batch.
 */
const schemas = new Map<string, ReturnType<typeof makeDatasetSchema>>();
function schemaFor(unit: '元' | '万元', authored: boolean): ReturnType<typeof makeDatasetSchema> {
  const key = `${unit}|${authored}`;
  let s = schemas.get(key);
  if (!s) schemas.set(key, (s = makeDatasetSchema(unit, authored ? MAX_WAN_DECIMALS : maxDecimals('万元'))));
  return s;
}

/** Parses YAML or JSON text (by file name, or by content when unsure) into a Dataset. Throws DatasetError. */
export function parseDataset(source: string, file = 'dataset.yaml'): Dataset {
  const raw = readRaw(source, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DatasetError(file, [{ path: '', message: '文件内容应为一个对象（键: 值）' }]);
  }
  const unitRaw = (raw as Record<string, unknown>).moneyUnit;
  const unit = unitRaw === '元' ? '元' : '万元';
  // YAML is what people type: 万元 to two decimals, as published. JSON is machine-written (the open-data
  // export, the workbook import) and may state exact 万元 with up to six decimals.
  const result = schemaFor(unit, !/\.json$/i.test(file)).safeParse(raw, { error: datasetError });
  if (!result.success) {
    throw new DatasetError(
      file,
      result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    );
  }
  return result.data;
}

/** The yaml library's error codes, said in Chinese. */
const YAML_REASONS: Record<string, string> = {
  ALIAS_PROPS: '别名（*）不能带锚点或标签',
  BAD_ALIAS: '别名（*）写法不正确',
  BAD_DIRECTIVE: '“%”开头的指令不正确',
  BAD_DQ_ESCAPE: '双引号字符串中的转义符（\\）不正确',
  BAD_INDENT: '缩进不正确（或方括号、花括号未闭合）',
  BAD_PROP_ORDER: '锚点（&）或标签（!）的位置不正确',
  BAD_SCALAR_START: '值不能以这个符号开头，如需原样填写请加引号',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不正确（可能缺少冒号后的空格，或缩进不对）',
  BLOCK_IN_FLOW: '方括号或花括号内不能换行书写多行内容',
  DUPLICATE_KEY: '同一层级中有重复的键',
  IMPOSSIBLE: '无法解析',
  KEY_OVER_1024_CHARS: '键过长（超过1024个字符）',
  MISSING_CHAR: '缺少配对的符号（引号、方括号或花括号未闭合）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号，或引号未闭合）',
  MULTIPLE_ANCHORS: '一个值有多个锚点（&）',
  MULTIPLE_DOCS: '文件中有多个 YAML 文档（“---”），只应有一个',
  MULTIPLE_TAGS: '一个值有多个标签（!）',
  NON_STRING_KEY: '键应为文字',
  RESOURCE_EXHAUSTION: '别名（*）展开过多，可能是恶意构造的文件',
  TAB_AS_INDENT: '不能用制表符（Tab）缩进，请改用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签（!）',
  UNEXPECTED_TOKEN: '此处出现了不应有的符号',
  BAD_COLLECTION_TYPE: '列表或对象的类型不正确',
};

/** Line and column (1-based) of a UTF-16 offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** “（第3行第1列，该行为“year: [2022”）”: where, with the line as written (printable, short). */
function where(text: string, line: number, col: number): string {
  const lines = text.split('\n');
  const content = (lines[line - 1] ?? '').replace(/\r$/, '').trim();
  return `（第${line}行第${col}列${content ? `，该行为“${printable(content, 60)}”` : ''}）`;
}

/** A control character (other than tab, line feed and carriage return) or NUL: binary, not text. */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/*
 * The fast YAML path (js-yaml, ~13x faster than the yaml library on our files: parsing was half of a
 * whole-process `check`) takes only texts in a plain subset on which the two readers agree, line by line:
 * block mappings and lists; one-line scalars (plain, "double" or 'single' quoted); one-line flow
 * collections of plain or double-quoted scalars; literal block scalars `|` and `|-` whose first line is
 * not blank; comments. Everything else (multi-line plain or quoted scalars, folded and kept block
 * scalars, indentation indicators, anchors, aliases, tags, directives, several documents, tabs, CR, a key
 * that is a collection) goes to the yaml library, which also gives every Chinese error message. The
 * property tests in test/model/yamlFast.test.ts found the edges this subset leaves out (js-yaml drops `|-`
 * chomping after a blank first line, takes `""#x` as a comment, and reads an under-indented quoted
 * continuation the yaml library refuses).
 */
const PLAIN = String.raw`(?:[^\s\-?:,\[\]{}#&*!|>'"%@\x60<=~]|[-?:](?=[^\s,\[\]{}]))(?:[^:#\s]|:(?=[^\s])|(?<=[^\s])#|[ ]+(?=[^#\s]))*`;
const PLAIN_FLOW = String.raw`(?:[^\s\-?:,\[\]{}#&*!|>'"%@\x60<=~]|[-?:](?=[^\s,\[\]{}]))(?:[^:#\s,\[\]{}]|:(?=[^\s,\[\]{}])|(?<=[^\s])#|[ ]+(?=[^#\s,\[\]{}]))*`;
const DQ = String.raw`"(?:[^"\\]|\\.)*"`;
const SQ = String.raw`'(?:[^']|'')*'`;
/** One-line flow collections whose items are scalars or (one level down) such collections. */
const flow = (value: string): string => {
  const item = String.raw`(?:(?:${PLAIN_FLOW}|${DQ}):[ ]+)?(?:${value})`;
  return String.raw`\{[ ]*\}|\[[ ]*\]|\{[ ]*${item}(?:[ ]*,[ ]*${item})*[ ]*\}|\[[ ]*${item}(?:[ ]*,[ ]*${item})*[ ]*\]`;
};
const FLOW = flow(`${PLAIN_FLOW}|${DQ}|${flow(`${PLAIN_FLOW}|${DQ}`)}`);
const KEY = String.raw`(?:(?![<=~])${PLAIN}|${DQ})`;
const COMMENT = String.raw`(?:[ ]+#.*)?`;
/** A line outside block scalars: indentation, list dashes, then a key with or without a value, or a value. */
const SIMPLE_LINE = new RegExp(String.raw`^([ ]*)((?:-(?:[ ]+|$))*)(?:${KEY}:(?:[ ]+(${PLAIN}|${DQ}|${SQ}|${FLOW}|(\|-?)))?|(${PLAIN}|${DQ}|${SQ}|${FLOW}|(\|-?)))?${COMMENT}$`);

function inFastSubset(text: string): boolean {
  if (text.includes('\r') || text.includes('\t')) return false;
  let parent = -1; // inside a literal block scalar: the column of the key or dash that opened it; -1 outside one
  let content = -1; // its first line's indentation (-1 before that line)
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (parent >= 0) {
      if (content < 0) {
        if (blank || indent <= parent) return false;
        content = indent;
        continue;
      }
      if (line === '' || (!blank && indent >= content)) continue;
      if (blank || indent > parent) return false;
      parent = -1;
    }
    if (blank || /^[ ]*#/.test(line)) continue;
    const m = SIMPLE_LINE.exec(line);
    // A list in a list on one line (`- - a`), an empty item (`- `): js-yaml misplaces what follows them.
    if (!m || /-[ ]*-/.test(m[2]!) || (m[2] !== '' && line.trim() === '-')) return false;
    if (m[4] !== undefined || m[6] !== undefined) {
      parent = indent + m[2]!.length;
      content = -1;
    }
  }
  return parent < 0 || content >= 0;
}

/** Colons (keys, at most) a text outside the fast subset may hold: the yaml library's key check is quadratic. */
export const MAX_SLOW_YAML_KEYS = 30_000;

/**
 * The text as js-yaml reads it, when the text is in the fast subset (failsafe schema: every scalar a
 * string; an empty scalar '' and an empty document null, as the yaml library reads them); undefined
 * otherwise, and for a text js-yaml refuses (e.g. a duplicate key): the yaml library then reads it, or
 * gives the message.
 */
export function readFastYaml(text: string): { value: unknown } | undefined {
  if (!inFastSubset(text)) return undefined;
  let doc: unknown;
  try {
    doc = loadYamlFast(text, { schema: FAILSAFE_SCHEMA });
  } catch {
    return undefined;
  }
  if (doc === undefined || doc === null) return { value: null };
  if (typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const empty = (v: unknown): unknown => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = empty(v[i]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = empty(o[k]);
    }
    return v;
  };
  return { value: empty(doc) };
}

function readRaw(source: string, file: string): unknown {
  if (source.length > MAX_DATASET_BYTES) {
    throw new DatasetError(file, [{ path: '', message: `文件过大（约 ${Math.round(source.length / 1024 / 1024)} MB），数据文件的上限为 ${MAX_DATASET_BYTES / 1024 / 1024} MB；请确认没有选错文件` }]);
  }
  const trimmed = source.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') throw new DatasetError(file, [{ path: '', message: '文件为空' }]);
  // (Bytes that are not UTF-8 are refused by the reader, which sees the bytes: src/app/effects.ts.)
  const bad = BINARY.exec(trimmed);
  if (bad) {
    const { line, col } = lineCol(trimmed, bad.index);
    const what = `控制字符 U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
    throw new DatasetError(file, [{ path: '', message: `文件含有${what}，第${line}行第${col}列：不是 YAML/JSON 文本文件（可能选错了文件，或文件已损坏）` }]);
  }
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const at = m ? lineCol(trimmed, Number(m[1])) : undefined;
      const end = /end of (JSON|data) input/i.test((e as Error).message);
      throw new DatasetError(file, [{ path: '', message: `JSON 格式错误${at ? where(trimmed, at.line, at.col) : ''}：${end ? '文件提前结束（括号或引号未闭合）' : '不是有效的 JSON（检查逗号、引号和括号）'}` }]);
    }
  }
  const fast = readFastYaml(trimmed);
  if (fast) return fast.value;
  // The yaml library checks each key against the others of its mapping (quadratic): 40,000 keys took 7.5 s,
  // and a 10 MB file could hold a million. A dataset has a few thousand; refuse what could only be an attack.
  let colons = 0;
  for (let i = trimmed.indexOf(':'); i !== -1 && colons <= MAX_SLOW_YAML_KEYS; i = trimmed.indexOf(':', i + 1)) colons++;
  if (colons > MAX_SLOW_YAML_KEYS) {
    throw new DatasetError(file, [{ path: '', message: `文件中的“键: 值”超过 ${MAX_SLOW_YAML_KEYS} 个，不像一个单位一年的决算数据文件（请确认没有选错文件）` }]);
  }
  try {
    return parseYaml(trimmed, { schema: 'failsafe', uniqueKeys: true, prettyErrors: true, logLevel: 'error', maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const pos = e.linePos?.[0] ?? lineCol(trimmed, e.pos[0]);
      throw new DatasetError(file, [{ path: '', message: `YAML 格式错误${where(trimmed, pos.line, pos.col)}：${YAML_REASONS[e.code] ?? '不符合 YAML 语法'}` }]);
    }
    // The yaml library reports some problems (unresolved aliases, alias bombs) as other errors.
    const message = (e as Error).message;
    const reason = /Excessive alias count/.test(message)
      ? '别名（*）展开过多，可能是恶意构造的文件'
      : /Unresolved alias/.test(message)
        ? `别名 ${printable(/: (\S+)/.exec(message)?.[1] ?? '', 40)} 找不到对应的锚点（&，锚点须写在别名之前）`
        : '不符合 YAML 语法';
    throw new DatasetError(file, [{ path: '', message: `YAML 格式错误：${reason}` }]);
  }
}
