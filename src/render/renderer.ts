import type { ReportTree } from '../report/tree.js';

/** Options every renderer understands. */
export interface RenderOptions {
  /** Printed on every page when the report has not passed its checks. */
  draftMark?: string;
}

/**
 * One output format. Every renderer walks the same format-neutral tree and
 * passes the shared conformance suite (test/render/conformance.test.ts).
 */
export interface Renderer {
  format: 'html' | 'docx' | 'txt' | 'pdf' | 'xlsx';
  /** File extension without the dot. */
  extension: string;
  render(tree: ReportTree, options?: RenderOptions): Promise<Uint8Array>;
}
