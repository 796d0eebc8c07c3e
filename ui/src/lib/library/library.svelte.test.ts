import { describe, expect, it } from 'vitest';
import { MockBackend } from '$lib/backend/mock';
import { storedDoc } from '$lib/compare/testing';
import { LibraryState } from './library.svelte';

const PROVINCES = ['广东', '浙江'];
const docs = Array.from({ length: 30 }, (_, i) =>
  // One date: either date order ties by id.
  storedDoc(i + 1, { title: `第${i + 1}号措施`, date: '2023-05-01', province: PROVINCES[i % 2]! }),
);

describe('LibraryState.reveal', () => {
  it("asks for the row where the pane's filter and sort put the document", async () => {
    const backend = new MockBackend(docs);
    const lib = new LibraryState(backend);
    await lib.setFilter({ region: '浙江', sort: 'date_desc' });
    // 浙江's documents are the even ids: document 8 is the fourth row.
    expect(await lib.reveal(8)).toBe(true);
    expect(lib.revealed).toEqual({ id: 8, index: 3 });
    const first = lib.revealed;
    const page = await backend.listDocumentsPage({ ...lib.filter }, 3, 1);
    expect(page.rows[0]!.id).toBe(8);
    // Again: a new request, though the row is the same.
    expect(await lib.reveal(8)).toBe(true);
    expect(lib.revealed).toEqual({ id: 8, index: 3 });
    expect(lib.revealed).not.toBe(first);
  });

  it('leaves the list where it is for a document the filter leaves out', async () => {
    const lib = new LibraryState(new MockBackend(docs));
    await lib.setFilter({ region: '浙江' });
    expect(await lib.reveal(7)).toBe(false);
    expect(lib.revealed).toBeNull();
  });
});
