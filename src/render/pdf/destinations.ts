/**
 * Where each named destination of a PDF lands: its 1-based page number.
 * Chromium writes a named destination for every element id that a link
 * points at (the 目录's links to the headings), so after one printing this
 * says on which page each heading was set.
 *
 * Chromium's PDF writer (Skia) writes a plain file: a classic xref table,
 * no object streams, the catalog's /Dests a dictionary of name → [page …],
 * the page tree in uncompressed dictionaries. That is read directly
 * (skiaDestinationPages), a few milliseconds; pdf.js (pdfjs-dist) took ~1 s
 * to load in a fresh process, on the critical path of a one-document
 * `render --format pdf`. Any other file, or one this reader does not follow,
 * is read with pdf.js as before.
 */
import { openPdf } from '../../parse/document/pdfjs.js';

/** Destination name → page number (1-based). Names whose target page cannot be resolved are left out. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const direct = skiaDestinationPages(pdf);
  return direct ?? pdfjsDestinationPages(pdf);
}

/** The same through pdf.js: any PDF. */
export async function pdfjsDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const task = await openPdf(pdf);
  try {
    const doc = await task.promise;
    const dests = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(dests)) {
      const ref = dest?.[0];
      if (ref === undefined || ref === null) continue;
      // A page reference ({num, gen}) or, in some writers, a page index.
      const index = typeof ref === 'number' ? ref : await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0]);
      pages.set(name, index + 1);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

const REF = /^\s*(\d+)\s+(\d+)\s+R/;

/**
 * The destinations of a PDF as Chromium writes it, or undefined when the file
 * is not laid out that way (an xref stream, an incremental update, a /Names
 * tree, a destination that is not [pageRef …]): the caller then uses pdf.js.
 */
export function skiaDestinationPages(pdf: Uint8Array): Map<string, number> | undefined {
  try {
    const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
    if (!start) return undefined;
    const offsets = xrefOffsets(text, Number(start[1]));
    if (!offsets) return undefined;
    const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(Number(start[1])));
    if (!trailer || /\/Prev\b/.test(trailer[1]!)) return undefined;
    const object = (n: number): string | undefined => {
      const at = offsets.get(n);
      if (at === undefined) return undefined;
      const head = new RegExp(`^${n}\\s+\\d+\\s+obj`).exec(text.slice(at, at + 32));
      if (!head) return undefined;
      const end = text.indexOf('endobj', at);
      const body = text.slice(at + head[0].length, end < 0 ? undefined : end);
      const stream = body.indexOf('stream');
      return stream < 0 ? body : body.slice(0, stream);
    };
    const refAfter = (dict: string, key: string): number | undefined => {
      const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
      return m ? Number(m[1]) : undefined;
    };
    const root = refAfter(trailer[1]!, 'Root');
    const catalog = root === undefined ? undefined : object(root);
    if (!catalog || /\/Names\b/.test(catalog)) return undefined;
    const pagesRoot = refAfter(catalog, 'Pages');
    if (pagesRoot === undefined) return undefined;

    // Page object number → 1-based page number, in the order of the page tree.
    const pageNumbers = new Map<number, number>();
    const walk = (n: number, depth: number): boolean => {
      const node = object(n);
      if (node === undefined || depth > 32) return false;
      if (/\/Type\s*\/Pages\b/.test(node)) {
        const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
        if (!kids) return false;
        for (const k of kids[1]!.matchAll(/(\d+)\s+\d+\s+R/g)) if (!walk(Number(k[1]), depth + 1)) return false;
        return true;
      }
      if (!/\/Type\s*\/Page\b/.test(node)) return false;
      pageNumbers.set(n, pageNumbers.size + 1);
      return true;
    };
    if (!walk(pagesRoot, 0)) return undefined;

    const pages = new Map<string, number>();
    if (!/\/Dests\b/.test(catalog)) return pages;
    const destsRef = refAfter(catalog, 'Dests');
    const dests = destsRef === undefined ? /\/Dests\s*(<<[\s\S]*>>)/.exec(catalog)?.[1] : object(destsRef);
    if (dests === undefined) return undefined;
    const inner = dests.trim().replace(/^<<|>>$/g, '');
    const ENTRY = /\/([^\s/[\]<>()]+)\s*\[([^\]]*)\]/g;
    for (const m of inner.matchAll(ENTRY)) {
      const ref = REF.exec(m[2]!);
      if (!ref) return undefined;
      const page = pageNumbers.get(Number(ref[1]));
      if (page !== undefined) pages.set(decodeName(m[1]!), page);
    }
    // Every entry read: a dictionary with anything else in it (a reference to an array, …) is left to pdf.js.
    if (inner.replace(ENTRY, '').trim() !== '') return undefined;
    return pages;
  } catch {
    return undefined;
  }
}

/** A PDF name's #xx escapes decoded (as UTF-8, as Chromium writes them). */
function decodeName(name: string): string {
  if (!name.includes('#')) return name;
  const bytes = Buffer.from(name.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** Object number → byte offset, from a classic xref table at `at` (one or more subsections); undefined if it is not one. */
function xrefOffsets(text: string, at: number): Map<number, number> | undefined {
  if (!text.startsWith('xref', at)) return undefined;
  const offsets = new Map<number, number>();
  const re = /(\d+)\s+(\d+)\s*\r?\n/y;
  let p = at + 4;
  while (p < text.length) {
    while (/\s/.test(text[p]!)) p++;
    if (text.startsWith('trailer', p)) return offsets;
    re.lastIndex = p;
    const sub = re.exec(text);
    if (!sub) return undefined;
    p = re.lastIndex;
    const first = Number(sub[1]);
    const count = Number(sub[2]);
    for (let i = 0; i < count; i++) {
      const line = text.slice(p, p + 20);
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (!entry) return undefined;
      if (entry[3] === 'n') offsets.set(first + i, Number(entry[1]));
      p += 20;
    }
  }
  return undefined;
}
