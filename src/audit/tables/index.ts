/** Tables read from published reports: recognition of the standard 决算 tables and the TB rules. Pure. */
export * from './types.js';
export { cleanCell, parseCell, unitOf, isNumberText, type CellValue } from './cells.js';
export { toGrid, layoutGrid, MAX_COLUMNS, MAX_ROWS, type Grid } from './grid.js';
export { recognise, findTitle, kindOfTitle, columnsOf, KIND_TITLE, type TableKind, type Recognised, type Column } from './recognize.js';
export { auditTables, TABLE_RULES, type TableAuditInput, type TableAuditResult, type TableRuleId, type Outcome } from './rules.js';
