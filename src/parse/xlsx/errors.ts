/** The one error the xlsx importer throws: a Chinese message naming the sheet and cell where it can. */
export class XlsxImportError extends Error {
  constructor(
    message: string,
    readonly where: { sheet?: string; cell?: string } = {},
  ) {
    super(message);
    this.name = 'XlsxImportError';
  }
}

/** "工作表“Z01 …”单元格 C7：" — the prefix of messages about one cell. */
export function at(sheet: string, cell?: string): string {
  return cell ? `工作表“${sheet}”单元格 ${cell}：` : `工作表“${sheet}”：`;
}

export function cellError(sheet: string, cell: string, what: string): XlsxImportError {
  return new XlsxImportError(`${at(sheet, cell)}${what}`, { sheet, cell });
}

export function sheetError(sheet: string, what: string): XlsxImportError {
  return new XlsxImportError(`${at(sheet)}${what}`, { sheet });
}
