/**
 * The application layer's services as a server calls them: bytes and objects
 * in, data out, nothing written; refusals as typed errors with Chinese messages.
 */
import { describe, expect, it } from 'vitest';
import { auditReport, DocumentError } from '../../src/app/audit.js';
import { checkDataset, checkDatasetWithReport, checkReportJson } from '../../src/app/check.js';
import { importWorkbook, XlsxImportError } from '../../src/app/import.js';
import { DatasetError, datasetFromJson, loadDataset, resolveProfile, UnknownProfile } from '../../src/app/load.js';
import { DRAFT_MARK, NotFinal, OUTPUT_FORMATS, RENDERERS, RenderSession, renderDataset } from '../../src/app/render.js';
import { checkVerdict, reviewDataset } from '../../src/app/review.js';
import { datasetToRaw, datasetToYaml } from '../../src/model/save.js';
import { buildReport } from '../../src/report/build.js';
import { PROFILES } from '../../src/profiles/index.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { checkInputWithReport } from '../../src/check/index.js';
import { RULE_PACK, runRules } from '../../src/rules/index.js';
import { COMPLETE_EXAMPLE, loadExample } from '../examples.js';
import { reportWorkbook, UNIT_NAME, Z01 } from '../xlsx/reportWorkbook.js';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('load', () => {
  it('reads YAML and JSON text, and a parsed JSON object, into the same dataset', () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    expect(loadDataset(datasetToYaml(d), 'unit.yaml')).toEqual(d);
    expect(loadDataset(JSON.stringify(datasetToRaw(d)), 'unit.json')).toEqual(d);
    expect(datasetFromJson(datasetToRaw(d))).toEqual(d);
  });

  it('refuses an invalid dataset with a DatasetError carrying each field’s Chinese message', () => {
    const raw = { ...datasetToRaw(loadExample(COMPLETE_EXAMPLE)), year: '二〇二四' };
    let error: unknown;
    try {
      datasetFromJson(raw, 'upload.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    const issues = (error as DatasetError).issues;
    expect(issues.map((i) => i.path)).toContain('year');
    expect(issues.every((i) => /[\u4e00-\u9fff]/u.test(i.message))).toBe(true);
    expect(() => datasetFromJson([])).toThrow(DatasetError);
    expect(() => loadDataset('', 'empty.yaml')).toThrow('文件为空');
  });

  it('resolves the profile requested, else the dataset’s; an unknown one is a typed error', () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    expect(resolveProfile(d)).toBe(PROFILES[d.profile ?? 'sichuan']);
    expect(resolveProfile(d, 'national')).toBe(PROFILES.national);
    expect(() => resolveProfile(d, 'atlantis')).toThrow(UnknownProfile);
  });
});

describe('render', () => {
  it('renders a final report in memory: one file per format, named and typed', async () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    const r = await renderDataset(d, resolveProfile(d), ['html', 'json', 'txt'], { stem: COMPLETE_EXAMPLE });
    expect(r.final).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.files.map((f) => [f.name, f.extension, f.mediaType])).toEqual([
      [`${COMPLETE_EXAMPLE}.html`, 'html', 'text/html; charset=utf-8'],
      [`${COMPLETE_EXAMPLE}.json`, 'json', 'application/json'],
      [`${COMPLETE_EXAMPLE}.txt`, 'txt', 'text/plain; charset=utf-8'],
    ]);
    expect(decode(r.files[0]!.data)).toContain(d.unit.name);
    expect(decode(r.files[2]!.data)).not.toContain(DRAFT_MARK);
    expect((await renderDataset(d, resolveProfile(d), ['txt'])).files[0]!.name).toBe(`${d.year}年度${d.unit.level}决算公开.txt`);
  });

  it('refuses a dataset that fails its review with NotFinal, and renders it as a marked draft on request', async () => {
    const d = loadExample('zhaohua-zfw-2022');
    const profile = resolveProfile(d);
    const refused = await renderDataset(d, profile, ['txt']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(NotFinal);
    expect((refused as NotFinal).missing.length).toBeGreaterThan(0);
    expect((refused as NotFinal).missing.every((f) => f.severity === 'error')).toBe(true);
    const session = new RenderSession();
    try {
      const draft = await renderDataset(d, profile, ['txt'], { draft: true, session });
      expect(draft.final).toBe(false);
      expect(draft.missing).toEqual((refused as NotFinal).missing);
      expect(decode(draft.files[0]!.data)).toContain(DRAFT_MARK);
    } finally {
      await session.close();
    }
  });

  it('knows a media type for every format', () => {
    expect(OUTPUT_FORMATS).toEqual(['html', 'docx', 'txt', 'json', 'pdf', 'xlsx']);
    for (const f of OUTPUT_FORMATS) expect(RENDERERS[f]!.mediaType).toMatch(/^(text|application)\/[a-z.+-]+/);
  });
});

describe('import', () => {
  it('reads the reporting software’s sheets: a partial dataset, what was read and what is missing, in Chinese', async () => {
    const r = await importWorkbook(await reportWorkbook(), { fileName: '昭化.xlsx' });
    expect(r.source).toBe('report-sheets');
    expect((r.dataset.unit as { name: string }).name).toBe(UNIT_NAME);
    expect(r.read[0]).toContain(`“${Z01}”`);
    expect(r.read).toContain('已读入 expenditure：支出（支出决算表，按功能分类项级科目）');
    expect(r.missing).toContain('unit.duties：主要职责');
    expect(r.missingPaths).toContain('unit.duties');
    // Partial: it validates only once the missing fields are filled in.
    expect(() => datasetFromJson(r.dataset)).toThrow(DatasetError);
  });

  it('reads our own export back exactly, as data a server can validate', async () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    const bytes = await renderXlsx(checkInputWithReport(d, resolveProfile(d)).tree, d);
    const r = await importWorkbook(bytes, { fileName: 'unit.xlsx' });
    expect(r.source).toBe('data-sheet');
    expect(r.missing).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(datasetFromJson(r.dataset)).toEqual(d);
    expect(loadDataset(r.yaml, 'unit.yaml')).toEqual(d);
  });

  it('refuses bytes that are no workbook with a Chinese XlsxImportError', async () => {
    await expect(importWorkbook(new TextEncoder().encode('not a workbook'), { fileName: 'x.xlsx' })).rejects.toThrow(XlsxImportError);
    await expect(importWorkbook(new TextEncoder().encode('not a workbook'), { fileName: 'x.xlsx' })).rejects.toThrow(/[\u4e00-\u9fff]/u);
  });
});

describe('check and review', () => {
  it('builds the report tree, then runs the pack over it: the tree is the one render gets', () => {
    for (const name of [COMPLETE_EXAMPLE, 'zhaohua-zfw-2022'] as const) {
      const d = loadExample(name);
      const profile = resolveProfile(d);
      const c = checkDatasetWithReport(d, profile);
      expect(c.tree).toEqual(buildReport(d, profile));
      expect(c.report).toEqual(runRules(RULE_PACK, checkInputWithReport(d, profile)));
      expect(checkDataset(d, profile)).toEqual(c.report);
      expect(reviewDataset(d, profile).tree).toEqual(c.tree);
      expect(JSON.parse(checkReportJson('x.yaml', c.report))).toMatchObject({ dataset: 'x.yaml', rulesVersion: c.report.rulesVersion });
    }
  });

  it('check gives the pack from facts; with the read-back, exactly the review render and the server use', () => {
    for (const name of [COMPLETE_EXAMPLE, 'zhaohua-zfw-2022'] as const) {
      const d = loadExample(name);
      const profile = resolveProfile(d);
      const plain = checkVerdict(d, profile);
      expect(plain.report).toEqual(checkDataset(d, profile));
      expect(plain.final).toBe(!plain.report.findings.some((f) => f.severity === 'error'));
      const { report, final } = reviewDataset(d, profile);
      expect(checkVerdict(d, profile, { readBack: true })).toEqual({ report, final });
      // The read-back ran where the pack passed (ST3 applicable), not where it failed.
      const st3 = report.results.find((r) => r.rule === 'ST3-readback')!.outcome;
      expect(st3).toBe(plain.final ? 'pass' : 'not_applicable');
      expect(plain.report.results.find((r) => r.rule === 'ST3-readback')!.outcome).toBe('not_applicable');
    }
  });
});

describe('audit', () => {
  it('audits a report received as bytes: our own final report has no certain finding', async () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    const txt = (await renderDataset(d, resolveProfile(d), ['txt'])).files[0]!;
    const r = await auditReport(txt.data, txt.name);
    expect(r.file).toBe(txt.name);
    expect(r.format).toBe('txt');
    expect(r.facts.length).toBeGreaterThan(0);
    expect(r.summary.errors).toBe(0);
  });

  it('refuses what it cannot read with a Chinese DocumentError', async () => {
    await expect(auditReport(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'broken.docx')).rejects.toThrow(DocumentError);
  });
});
