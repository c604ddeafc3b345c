/**
 * Damaged workbooks into the XLSX importer: bytes flipped, zeroed or cut off,
 * and well-formed workbooks whose cells hold anything at all. The result is a
 * dataset/YAML or an XlsxImportError with a Chinese message, never another
 * exception. Fixed budgets (numRuns) keep CI fast.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { importXlsx, XlsxImportError, type ImportResult } from '../../src/parse/xlsx/index.js';
import { renderXlsx } from '../../src/render/xlsx/index.js';
import { checkInputWithReport } from '../../src/check/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { reportWorkbook } from '../xlsx/reportWorkbook.js';
import { applyByteEdits, byteEdits } from './mutate.js';

const SEED = 20261123;

async function importOrRefuse(bytes: Uint8Array): Promise<ImportResult | undefined> {
  try {
    return await importXlsx(bytes, { file: 'fuzz.xlsx' });
  } catch (e) {
    if (!(e instanceof XlsxImportError)) throw new Error(`importXlsx threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message).not.toMatch(/\n\s+at /);
    return undefined;
  }
}

let ownExport: Uint8Array;
let reportingSoftware: Uint8Array;
beforeAll(async () => {
  const d: Dataset = parseDataset(synthYaml(4, 2), 'fuzz.yaml');
  ownExport = await renderXlsx(checkInputWithReport(d, findProfile(d.profile ?? 'sichuan')!).tree, d);
  reportingSoftware = await reportWorkbook();
  // Both originals import cleanly: the fuzzing starts from good files.
  expect((await importOrRefuse(ownExport))?.dataset).toBeDefined();
  expect(await importOrRefuse(reportingSoftware)).toBeDefined();
});

describe('importXlsx under hostile input', () => {
  it('our own export and a reporting-software workbook with bytes flipped, zeroed or cut off', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), byteEdits, async (own, edits) => {
        await importOrRefuse(applyByteEdits(own ? ownExport : reportingSoftware, edits));
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await importOrRefuse(bytes)).toBeUndefined();
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('well-formed workbooks whose cells hold any value', async () => {
    const cellValue = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
      fc.constantFrom('=1/0', '=A1', '#N/A', '1,234.5', '１２３', '-', '—', '二〇二二', '2013150', '１'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.record({ sheet: fc.nat(), row: fc.integer({ min: 1, max: 60 }), col: fc.integer({ min: 1, max: 12 }), value: cellValue }), { minLength: 1, maxLength: 8 }),
        async (own, changes) => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load((own ? ownExport : reportingSoftware) as unknown as ArrayBuffer);
          for (const c of changes) {
            const ws = wb.worksheets[c.sheet % wb.worksheets.length]!;
            ws.getCell(c.row, c.col).value = c.value as ExcelJS.CellValue;
          }
          await importOrRefuse(new Uint8Array(await wb.xlsx.writeBuffer()));
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  });
});
