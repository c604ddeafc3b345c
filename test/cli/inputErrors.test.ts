/**
 * Bad input files on the command line: a clear Chinese message naming the file, exit 2,
 * never a stack trace, never the file's bytes on the terminal, never a long wait.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplesDir } from '../../src/cli/demo.js';
import { nodeEffects, type Effects } from '../../src/app/effects.js';
import { run } from '../../src/cli/main.js';
import { MAX_DATASET_BYTES } from '../../src/model/index.js';

function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}
const example = join(examplesDir(), 'qingjiang-cdc-2024.yaml');
const fresh = () => mkdtempSync(join(tmpdir(), 'input-errors-'));

/** What may not reach a terminal: control characters (other than the line feeds between lines) and undecodable bytes. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd\u202a-\u202e]/;
/** English words in a message, once the file name, the dataset paths, quotes of the file's own text (“…”) and the names we use on purpose are taken out. */
function englishIn(text: string, file: string): string[] {
  const rest = text.split(file).join('').replace(/“[^”]*”/g, '').replace(/^ {2}- [^：\n]*：/gm, '').replace(/juesuan-dataset\/1|YAML|JSON|UTF-8|UTF-16|GBK|GB18030|MB|Tab|U\+[0-9A-F]{4}|\\u[0-9A-F]{4}/g, '');
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

describe('dataset files that are not datasets', () => {
  it('a file over the size limit is refused before it is read', async () => {
    const file = join(fresh(), 'huge.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_DATASET_BYTES + 1); // sparse: reading it would take the whole 10 MB
    closeSync(fd);
    const fx = recording();
    const t0 = performance.now();
    expect(await run(['check', file], fx)).toBe(2);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(fx.errLines).toEqual([`错误：无法读取数据文件 ${file}：文件过大（10.0 MB），数据文件的上限为 10 MB；请确认没有选错文件`]);
  });
  it('binary content (NUL bytes) is refused without echoing it', async () => {
    const file = join(fresh(), 'photo.yaml');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x1b, 0x5b, 0x32, 0x4a]));
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    expect(fx.errLines).toEqual([`错误：无法读取数据文件 ${file}：文件含有二进制内容（第 9 个字节为 0），不是 YAML/JSON 文本文件；请确认没有选错文件`]);
  });
  it('a GBK file is refused with the line and what to do', async () => {
    const file = join(fresh(), 'gbk.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('format: juesuan-dataset/1\nyear: 2022\nunit: '), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from('\n')]));
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    expect(fx.errLines[0]).toBe(`错误：无法读取数据文件 ${file}：文件不是 UTF-8 编码的文本（第 3 行起有无法识别的字节）：可能是二进制文件，或以 GBK/GB18030 等编码保存；请用 UTF-8 编码另存后再试`);
  });
  it('UTF-16 with its byte-order mark (Notepad’s “Unicode”) is read', async () => {
    const file = join(fresh(), 'utf16.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(example, 'utf8'), 'utf16le')]));
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(0);
  });
  it('a control character inside the text is named with its line and column', async () => {
    const file = join(fresh(), 'ctl.yaml');
    writeFileSync(file, 'format: juesuan-dataset/1\nyear: 20\u001b[2J22\n');
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toBe(`错误：数据文件 ${file} 有 1 处错误：\n  - （文件）：文件含有控制字符 U+001B，第2行第9列：不是 YAML/JSON 文本文件（可能选错了文件，或文件已损坏）`);
  });
  it('a YAML syntax error is said in Chinese with the line, the column and the line as written', async () => {
    const file = join(fresh(), 'syntax.yaml');
    writeFileSync(file, 'format: juesuan-dataset/1\nyear: 2022\nyear: 2023\n');
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toBe(`错误：数据文件 ${file} 有 1 处错误：\n  - （文件）：YAML 格式错误（第3行第1列，该行为“year: 2023”）：同一层级中有重复的键`);
  });
  it('a JSON syntax error too', async () => {
    const file = join(fresh(), 'syntax.json');
    writeFileSync(file, '{"format": "juesuan-dataset/1",\n "year": 2022,,\n}');
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toBe(`错误：数据文件 ${file} 有 1 处错误：\n  - （文件）：JSON 格式错误（第2行第15列，该行为“"year": 2022,,”）：不是有效的 JSON（检查逗号、引号和括号）`);
  });
  it('a folder named as a dataset', async () => {
    const dir = fresh();
    const fx = recording();
    expect(await run(['render', join(dir, 'x.yaml'), '-o', dir], fx)).toBe(2);
    expect(fx.errLines).toEqual([`错误：无法读取数据文件 ${join(dir, 'x.yaml')}：文件不存在`]);
  });
  it('a key outside its list is named with every allowed key and its meaning, in Chinese', async () => {
    const file = join(fresh(), 'source.yaml');
    writeFileSync(file, readFileSync(example, 'utf8').replace('{ source: govFund,', '{ source: 基金,'));
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(2);
    const err = fx.errLines.join('\n');
    expect(err).toContain('资金来源应为以下之一：“total”（年度资金总额）、“fiscal”（财政拨款）、“generalBudget”（一般公共预算）');
    expect(englishIn(err, file)).toEqual([]);
  });
  it('hostile bytes (property): exit 2, one Chinese message naming the file, nothing unprintable, no stack', async () => {
    const dir = fresh();
    const text = readFileSync(example);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          // The example with bytes spliced in: mostly valid YAML with something wrong in it.
          fc.tuple(fc.nat({ max: text.length }), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, b]) => Buffer.concat([text.subarray(0, at), b, text.subarray(at + b.length)])),
          // YAML-ish punctuation after a valid start: syntax errors and wrong shapes.
          fc.string({ unit: fc.constantFrom(...'ab:- \n\t{}[]"\'&*!|>%@`#,?019.'), maxLength: 60 }).map((t) => Buffer.from(`format: juesuan-dataset/1\nyear: 2022\n${t}`)),
        ),
        fc.constantFrom('h.yaml', 'h.json'),
        async (bytes, name) => {
          const file = join(dir, name);
          writeFileSync(file, bytes);
          const fx = recording();
          const code = await run(['check', file], fx);
          if (code === 0 || code === 1) return; // still a dataset (a splice into a comment)
          expect(code).toBe(2);
          const err = fx.errLines.join('\n');
          expect(err.startsWith('错误：')).toBe(true);
          expect(err).toContain(file);
          expect(err).not.toMatch(UNPRINTABLE);
          expect(err).not.toMatch(/\n\s+at |内部错误/);
          expect(englishIn(err, file)).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });
});

describe('a folder with nothing to process', () => {
  it.each([
    ['check', '数据文件（.yaml、.yml、.json）'],
    ['render', '数据文件（.yaml、.yml、.json）'],
    ['audit', '报告文件（.txt、.docx、.pdf、.html）'],
    ['extract', '报告文件（.txt、.docx、.pdf、.html）'],
  ])('%s <empty folder> exits 2 saying nothing was found there', async (command, what) => {
    const dir = fresh();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'notes.md'), '说明');
    const fx = recording();
    expect(await run([command, dir, ...(command === 'render' ? ['-o', join(dir, 'out')] : [])], fx)).toBe(2);
    expect(fx.errLines).toEqual([`错误：文件夹 ${dir} 中没有找到${what}，没有可处理的文件`]);
    expect(fx.outLines).toEqual([]);
  });
  it('an empty folder beside a file: the file is done and the folder mentioned', async () => {
    const dir = fresh();
    const fx = recording();
    expect(await run(['check', dir, example], fx)).toBe(0);
    expect(fx.errLines[0]).toBe(`提示：文件夹 ${dir} 中没有找到数据文件（.yaml、.yml、.json）`);
    expect(fx.outLines).toHaveLength(1);
  });
});

describe('a dataset Excel cannot hold', () => {
  it('a text over a cell’s 32767 characters: exit 2 naming the item, no xlsx written', async () => {
    const dir = fresh();
    const file = join(dir, 'long.yaml');
    writeFileSync(file, `${readFileSync(example, 'utf8')}\notherMatters:\n  - ${'很长的说明'.repeat(7000)}\n`);
    const fx = recording();
    expect(await run(['render', file, '-o', join(dir, 'out'), '-f', 'xlsx', '--force'], fx)).toBe(2);
    expect(fx.errLines[0]).toMatch(/^错误：数据项“otherMatters\[0\]”超过 Excel 单元格上限（32767 个字符），无法写入工作表“数据”/);
  });
});
