/** Bounds that keep a hostile or broken file from exhausting memory or time. */
export interface DocumentLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** DOCX: largest total uncompressed size of the zip entries, as declared. */
  maxUncompressedBytes: number;
  /** DOCX: largest total size of the XML parts mammoth parses, inflated and checked. */
  maxXmlBytes: number;
  /** DOCX: most zip entries. */
  maxZipEntries: number;
  /** PDF: most pages. */
  maxPages: number;
  /** HTML (and DOCX through its HTML): deepest element nesting. */
  maxDepth: number;
  /** Longest text kept, in UTF-16 code units. */
  maxTextLength: number;
  /** PDF: the whole read gives up after this many milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxXmlBytes: 64 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxPages: 2_000,
  maxDepth: 1_000,
  maxTextLength: 20_000_000,
  timeoutMs: 120_000,
};
