/**
 * Tables read from a published report (PDF, DOCX, HTML): the shape every
 * reader produces and the table rules read. Pure: no Node imports.
 *
 * A table is a grid. Merged cells are expanded: in `header` a merged cell's
 * text is repeated in every slot it covers (so each column's label can be read
 * from top to bottom); in `rows` it stands in its first slot and the slots it
 * covers are empty strings with no span.
 */

/** [start, end) offsets into the raw text of the document (the text as read). */
export interface RawSpan {
  start: number;
  end: number;
}

export interface ReadRow {
  cells: string[];
  /** Raw offsets of each cell's text (undefined for a covered slot or a cell that could not be located). */
  spans: (RawSpan | undefined)[];
}

export interface ReadTable {
  /** The standard title found above the table (or the nearest line that looks like one). */
  title?: string;
  /** The lines just above the table (title, 公开XX表, 编制单位, 金额单位), nearest last. */
  context: string[];
  /** 1-based page of the table's first cell (PDF). */
  page?: number;
  /** Later pages the table continues on (PDF). */
  pages?: number[];
  header: string[][];
  rows: ReadRow[];
  /** Raw offsets of the whole table. */
  span?: RawSpan;
  /** How the grid was read. */
  source: 'html' | 'docx' | 'pdf';
}

/** A cell as a format reader sees it, before merged cells are expanded. */
export interface RawCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  span?: RawSpan;
}

/** A page whose tables could not be read, and why (a scanned page has no text layer). */
export interface UnreadPage {
  page: number;
  reason: string;
}
