/**
 * Test data of the matrix components: library documents with the ids, titles and 文号 of the
 * Guangdong matrix fixture (the mock serves the Guangdong/Foshan comparison for that pair).
 */
import type { Matrix, StoredDoc } from '$lib/bindings';
import gdm from '$lib/backend/fixtures/gd.matrix.json';
import { roughTree } from '$lib/backend/mock/parse';

/** The fixture matrix. */
export const fixtureMatrix = gdm as Matrix;

/** The fixture's base and documents as stored documents (each a title only). */
export function fixtureLibrary(): StoredDoc[] {
  return [fixtureMatrix.base, ...fixtureMatrix.documents].map((d) => {
    const { title, issuer, date, doc_number, province, city, level, source_url, source_file, fragment, excerpt, warnings } = d;
    return {
      id: d.id!,
      meta: { title, issuer, date, doc_number, province, city, level, source_url, source_file, fragment, excerpt, warnings },
      original: title,
      text: title,
      tree: roughTree([title], title),
    };
  });
}
