/**
 * The standard tables of our own rendered reports, read back from PDF, DOCX
 * and HTML: cell for cell equal to the report tree's tables (a golden
 * comparison against the tree, not a snapshot), clean of TB findings, and a
 * planted fault in a cell found in every format with the cell quoted (and its
 * page for PDF).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDocument, type AuditFileResult } from '../../../src/app/audit.js';
import { cleanCell, toGrid, type RawCell, type ReadTable } from '../../../src/audit/tables/index.js';
import { readDocumentBytes, type ReadDocument } from '../../../src/parse/document/index.js';
import { PROFILES } from '../../../src/profiles/index.js';
import { renderDocx } from '../../../src/render/docx/index.js';
import { renderHtml } from '../../../src/render/html/index.js';
import { chromiumPath, createPdfRenderer, type PdfRenderer } from '../../../src/render/pdf/index.js';
import { buildReport } from '../../../src/report/build.js';
import { inlineText, type ReportTree, type TableBlock } from '../../../src/report/tree.js';
import { parseDataset } from '../../../src/model/index.js';
import { synthYaml } from '../../../src/synth/index.js';
import { COMPLETE_EXAMPLE, EXAMPLES, loadExample, type ExampleName } from '../../examples.js';

const haveChromium = existsSync(chromiumPath());
let pdf: PdfRenderer | undefined;
beforeAll(async () => {
  if (haveChromium) pdf = await createPdfRenderer();
}, 60_000);
afterAll(async () => pdf?.close());

type Format = 'html' | 'docx' | 'pdf';
const FORMATS: Format[] = ['html', 'docx', 'pdf'];

function tree(name: ExampleName): ReportTree {
  const d = loadExample(name);
  return buildReport(d, PROFILES[d.profile ?? 'sichuan']!);
}

async function read(t: ReportTree, format: Format): Promise<ReadDocument> {
  const bytes = format === 'html' ? new TextEncoder().encode(renderHtml(t)) : format === 'docx' ? await renderDocx(t) : await pdf!.render(t);
  return readDocumentBytes(bytes, `report.${format}`);
}

const norm = (s: string) => cleanCell(s);
const raw = (rows: TableBlock['header']): RawCell[][] =>
  rows.map((r) => r.map((c) => ({ text: inlineText(c.content), ...(c.colSpan ? { colSpan: c.colSpan } : {}), ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}) })));

/** The tree's table as a grid the way the readers lay one out. */
function expected(b: TableBlock): { header: string[][]; rows: string[][] } {
  const g = toGrid([...raw(b.header), ...raw(b.body)], b.header.length > 0 ? b.header.length : undefined);
  return { header: g.header.map((r) => r.map(norm)), rows: g.rows.map((r) => r.cells.map(norm)) };
}

function compare(b: TableBlock, t: ReadTable | undefined): { cells: number; wrong: string[] } {
  if (!t) return { cells: 0, wrong: [`${b.title}: not read`] };
  const e = expected(b);
  const got = { header: t.header.map((r) => r.map(norm)), rows: t.rows.map((r) => r.cells.map(norm)) };
  const wrong: string[] = [];
  let cells = 0;
  const all = (x: typeof e) => [...x.header, ...x.rows];
  if (got.header.length !== e.header.length) wrong.push(`${b.title}: ${got.header.length} header rows, expected ${e.header.length}`);
  const ea = all(e);
  const ga = all(got);
  if (ga.length !== ea.length) wrong.push(`${b.title}: ${ga.length} rows, expected ${ea.length}`);
  ea.forEach((row, i) => {
    row.forEach((cell, j) => {
      cells++;
      const g = ga[i]?.[j];
      if (g !== cell) wrong.push(`${b.title} [${i},${j}]: read “${g}”, expected “${cell}”`);
    });
  });
  return { cells, wrong };
}

const standard = (t: ReportTree) => t.blocks.filter((b): b is TableBlock => b.kind === 'table' && b.number !== undefined);
const findTable = (doc: ReadDocument, b: TableBlock) => (doc.tables ?? []).find((t) => t.title !== undefined && norm(t.title).endsWith(norm(b.title)) && !(norm(t.title).length > norm(b.title).length && /财政拨款|一般公共预算|政府性基金|国有资本/.test(norm(t.title).slice(0, -norm(b.title).length))));
const tb = (r: AuditFileResult) => r.findings.filter((f) => f.rule.startsWith('TB-'));

const NAMES: ExampleName[] = [...EXAMPLES, COMPLETE_EXAMPLE];

/** The examples in their own template, the complete one also in the national one, and synthetic units whose long tables run over a page break in the PDF. */
const CASES: { name: string; tree: () => ReportTree }[] = [
  ...NAMES.map((name) => ({ name, tree: () => tree(name) })),
  { name: `${COMPLETE_EXAMPLE} (national)`, tree: () => buildReport(loadExample(COMPLETE_EXAMPLE), PROFILES.national!) },
  ...[5, 6].flatMap((i) => ['sichuan', 'national'].map((profile) => ({
    name: `synthetic unit ${i} (${profile})`,
    tree: () => buildReport(parseDataset(synthYaml(7, i), `synth-${i}.yaml`), PROFILES[profile]!),
  }))),
];

describe('standard tables read back cell for cell, and audit clean of TB findings', () => {
  for (const { name, tree: make } of CASES) {
    for (const format of FORMATS) {
      it.skipIf(format === 'pdf' && !haveChromium)(`${name} as ${format}`, async () => {
        const t = make();
        const doc = await read(t, format);
        const blocks = standard(t);
        let cells = 0;
        const wrong: string[] = [];
        for (const b of blocks) {
          const c = compare(b, findTable(doc, b));
          cells += c.cells;
          wrong.push(...c.wrong);
        }
        expect(wrong).toEqual([]);
        expect(blocks.length).toBeGreaterThanOrEqual(9);
        expect(cells).toBeGreaterThan(300);
        if (format === 'pdf' && name.startsWith('synthetic')) expect((doc.tables ?? []).some((x) => x.pages && x.title)).toBe(true);
        const r = auditDocument(doc);
        expect(tb(r)).toEqual([]);
        expect(r.tables!.recognised).toBeGreaterThanOrEqual(9);
        expect(r.tables!.checks.pass).toBeGreaterThan(100);
        expect(r.tables!.checks.fail).toBe(0);
        const joined = (doc.tables ?? []).filter((x) => x.pages).length;
        console.info(`${name}.${format}: ${blocks.length} standard tables, ${cells} cells equal; ${r.tables!.checks.pass} TB checks passed, ${r.tables!.checks.insufficient} unjudged${joined ? `; ${joined} tables joined over page breaks` : ''}`);
      }, 120_000);
    }
  }
});

/** Sets a body cell's printed text. */
function plant(t: ReportTree, id: string, row: number, col: number, text: string): string {
  const b = t.blocks.find((x): x is TableBlock => x.kind === 'table' && x.id === id)!;
  const cell = b.body[row]![col]!;
  const before = inlineText(cell.content);
  cell.content = [text];
  return before;
}

describe('a planted fault in a table cell is found in every format, quoting the cell', () => {
  const faulty = (): ReportTree => {
    const t = tree(COMPLETE_EXAMPLE);
    // 类 208 年初预算数 no longer the sum of its 款.
    expect(plant(t, 'general-budget-expense', 1, 4, '160.27')).toBe('150.27');
    // 本年收入合计 of 表1 changed.
    expect(plant(t, 'totals', 8, 2, '5221.66')).toBe('5211.66');
    // 人员经费合计 no longer what the narrative says (人员经费850.22万元).
    expect(plant(t, 'general-budget-basic', 0, 1, '851.22')).toBe('850.22');
    return t;
  };
  for (const format of FORMATS) {
    it.skipIf(format === 'pdf' && !haveChromium)(`as ${format}`, async () => {
      const doc = await read(faulty(), format);
      const r = auditDocument(doc);
      const found = tb(r);
      const quoting = (rule: string, cell: string) => found.find((f) => f.rule === rule && f.quotes.some((q) => q.trim() === cell));
      const tree = quoting('TB-tree', '160.27');
      const total = quoting('TB-total', '5221.66');
      const text = quoting('TB-text', '851.22');
      expect(tree, JSON.stringify(found, null, 1)).toBeDefined();
      expect(total).toBeDefined();
      expect(text).toBeDefined();
      for (const f of [tree!, total!, text!]) expect(f.severity).toBe('error');
      // The narrative sentence is quoted beside the cell.
      expect(text!.quotes.some((q) => q.includes('人员经费850.22万元'))).toBe(true);
      if (format === 'pdf') {
        const page = (f: typeof tree, cell: string) => f!.locations[f!.quotes.findIndex((q) => q.trim() === cell)]!.page;
        const basic = doc.tables!.find((t) => t.title?.includes('基本支出'))!;
        expect(page(text, '851.22')).toBe(basic.page);
        expect(page(tree, '160.27')).toBeGreaterThan(1);
      }
      // Only the planted faults: every TB finding quotes one of the three cells.
      expect(found.every((f) => f.quotes.some((q) => ['160.27', '5221.66', '851.22'].includes(q.trim())))).toBe(true);
      expect(r.summary.errors).toBeGreaterThanOrEqual(3);
    }, 120_000);
  }
});
