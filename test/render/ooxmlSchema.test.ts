/**
 * Our DOCX and XLSX are written as XML strings, not through an object model,
 * so nothing but a schema check stands between a wrong element order and
 * Word or Excel refusing the file ("unreadable content"). This runs
 * Microsoft's Open XML SDK validator (@ooxml-tools/validate, the SDK compiled
 * to WebAssembly) over real outputs, against Office 2007 (the oldest schema,
 * still common in government offices) and Microsoft 365.
 */
import validate, { ready, type OfficeVersion, type ValidationResult } from '@ooxml-tools/validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import type { ReportTree } from '../../src/report/tree.js';
import { checkInputWithReport } from '../../src/check/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { EXAMPLES, loadExample } from '../examples.js';
import { sampleTree } from '../fixtures/sampleTree.js';
import { unzip, unzipText, zipText } from './zipHelpers.js';

const VERSIONS: readonly OfficeVersion[] = ['Office2007', 'Microsoft365'];

/** The problems as "part xpath: description", so a failure names the place. */
const problems = (results: readonly ValidationResult[]) => results.map((r) => `${r.path.partUri} ${r.path.xpath}: ${r.description}`);

async function expectValid(bytes: Uint8Array, format: 'docx' | 'xlsx'): Promise<void> {
  for (const version of VERSIONS) expect(problems(await validate(bytes, format, version)), version).toEqual([]);
  if (format !== 'docx') return;
  // The charts' embedded workbooks (the data Word's "Edit Data" opens) are packages of their own.
  for (const [name, entry] of unzip(bytes)) {
    if (name.startsWith('word/embeddings/')) for (const version of VERSIONS) expect(problems(await validate(entry.data, 'xlsx', version)), `${name} ${version}`).toEqual([]);
  }
}

/** A tree with what the examples lack: a draft mark, a landscape table, hostile text, a one-slice pie. */
const edgeTree: ReportTree = {
  ...sampleTree,
  title: ['A&B <单位> "决算"\u0001', '第二行'],
  meta: { ...sampleTree.meta, draftMark: '草稿（未通过审核）', date: '2023-09-01' },
  blocks: [
    ...sampleTree.blocks,
    { kind: 'pageBreak' },
    { kind: 'pageBreak' },
    {
      kind: 'table', id: 'wide', title: '横排表 _x0041_ \u2028', unitName: "O'Brien & Co", moneyUnit: '万元', number: '公开99表', orientation: 'landscape',
      header: [[{ content: ['项目'], rowSpan: 2 }, { content: ['金额'], colSpan: 2 }], [{ content: ['上年'] }, { content: ['本年'] }]],
      body: [[{ content: ['合计'] }, { content: [{ kind: 'figure', concept: 'x', value: '1.5', unit: '万元', text: '1.50', year: 2022, scenario: 'actual' }], align: 'right' }, { content: [{ kind: 'todo', what: '金额', path: 'x' }] }]],
      note: ['注：', { kind: 'strong', text: '加粗' }],
    },
    { kind: 'chart', id: 'one', title: '单一收入', chart: { type: 'pie', categories: ['唯一来源'], series: [{ name: '收入', values: ['10.00'] }], unit: '万元' } },
  ],
};

describe('OOXML schema (Open XML SDK validator)', () => {
  beforeAll(async () => {
    await ready();
  }, 120_000);

  it.each(EXAMPLES)('%s: DOCX and XLSX are valid in both profiles', async (name) => {
    const d = loadExample(name);
    for (const profileId of ['sichuan', 'national']) {
      const input = checkInputWithReport(d, findProfile(profileId)!);
      await expectValid(await renderDocx(input.tree), 'docx');
      await expectValid(await renderXlsx(input.tree, d), 'xlsx');
    }
  }, 120_000);

  it('a draft with a landscape table, merged cells, gaps, hostile text and a one-slice pie is valid', async () => {
    await expectValid(await renderDocx(edgeTree), 'docx');
    await expectValid(await renderXlsx(edgeTree), 'xlsx');
  }, 120_000);

  it('synthetic units (other kinds, fund mixes and evaluations) are valid', async () => {
    for (const i of [0, 1, 2, 3]) {
      const d = parseDataset(synthYaml(2026, i), `synth-${i}.yaml`);
      const input = checkInputWithReport(d, findProfile(d.profile ?? 'sichuan')!);
      await expectValid(await renderDocx(input.tree), 'docx');
      await expectValid(await renderXlsx(input.tree, d), 'xlsx');
    }
  }, 120_000);

  it('the validator does find a misplaced element (the check can fail)', async () => {
    const bytes = await renderDocx(sampleTree);
    const parts = unzipText(bytes);
    parts['word/document.xml'] = parts['word/document.xml']!.replace('<w:pPr><w:pStyle w:val="BodyText"/>', '<w:pPr><w:jc w:val="left"/><w:pStyle w:val="BodyText"/>');
    const found = problems(await validate(zipText(parts), 'docx', 'Microsoft365'));
    expect(found.join('\n')).toMatch(/word\/document\.xml .*unexpected child element .*pStyle/);
  }, 120_000);
});
