/**
 * The 目录 pass reads each heading's page from the printed PDF's named
 * destinations: directly from a file laid out as Chromium writes it, with
 * pdf.js otherwise — both must agree.
 */
import { describe, expect, it } from 'vitest';
import { destinationPages, pdfjsDestinationPages, skiaDestinationPages } from '../../src/render/pdf/destinations.js';
import { pdfFile } from '../parse/document/pdfFixture.js';

/** A PDF of the given objects (1-based), a classic xref table and a trailer with /Root 1 0 R. */
const pdfOf = (objects: string[]): Uint8Array => pdfFile(objects, '', '1.4');

const page = (parent: number) => `<</Type /Page\n/MediaBox [0 0 595 842]\n/Parent ${parent} 0 R>>`;

/** Five pages in a two-level tree (3: pages 1–2, 4: pages 3–5), destinations on pages 1, 4 and 5. */
function chromiumLike(dests = '<</pdf-1 [5 0 R /XYZ 0 800 0]\n/sec-a#23b [9 0 R /XYZ 0 600 0]\n/tbl-x [10 0 R /XYZ 0 834.41998 0]>>'): Uint8Array {
  return pdfOf([
    '<</Type /Catalog\n/Pages 2 0 R\n/Dests 11 0 R>>',
    '<</Type /Pages\n/Count 5\n/Kids [3 0 R 4 0 R]>>',
    '<</Type /Pages\n/Count 2\n/Kids [5 0 R 6 0 R]\n/Parent 2 0 R>>',
    '<</Type /Pages\n/Count 3\n/Kids [7 0 R 9 0 R 10 0 R]\n/Parent 2 0 R>>',
    page(3),
    page(3),
    page(4),
    '<</Length 0>> stream\n\nendstream',
    page(4),
    page(4),
    dests,
  ]);
}

describe('named destinations of a printed PDF', () => {
  it('reads a file laid out as Chromium writes it directly, as pdf.js does', async () => {
    const pdf = chromiumLike();
    const direct = skiaDestinationPages(pdf);
    expect(direct).toEqual(
      new Map([
        ['pdf-1', 1],
        ['sec-a#b', 4],
        ['tbl-x', 5],
      ]),
    );
    expect(await pdfjsDestinationPages(pdf)).toEqual(direct);
    expect(await destinationPages(pdf)).toEqual(direct);
  });

  it('leaves to pdf.js what it does not follow: a /Names tree, a destination not naming a page', async () => {
    const names = pdfOf([
      '<</Type /Catalog\n/Pages 2 0 R\n/Names <</Dests 4 0 R>>>>',
      '<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>',
      page(2),
      '<</Names [(h1) [3 0 R /XYZ 0 0 0]]>>',
    ]);
    expect(skiaDestinationPages(names)).toBeUndefined();
    expect(await destinationPages(names)).toEqual(new Map([['h1', 1]]));
    expect(skiaDestinationPages(chromiumLike('<</a 12 0 R>>'))).toBeUndefined();
    expect(skiaDestinationPages(new Uint8Array(Buffer.from('%PDF-1.7\nnot really\n')))).toBeUndefined();
  });

  it('finds no destinations in a file without /Dests', () => {
    const none = pdfOf(['<</Type /Catalog\n/Pages 2 0 R>>', '<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>', page(2)]);
    expect(skiaDestinationPages(none)).toEqual(new Map());
  });
});
