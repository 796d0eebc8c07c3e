import { describe, expect, it } from 'vitest';
import { MockBackend } from '$lib/backend/mock';
import { CompareViewModel } from '$lib/compare/compareView.svelte';
import { everyKind } from '$lib/compare/testing';
import { NotesState } from './notes.svelte';

function setup() {
  const backend = new MockBackend([]);
  const view = new CompareViewModel();
  view.load(everyKind());
  const notes = new NotesState(backend, view);
  return { backend, view, notes };
}

describe('NotesState', () => {
  it('adds a note with a tag on a pair and shows it under that pair and in the panel', async () => {
    const { backend, notes } = setup();
    await notes.load(1, 2);
    expect(notes.tags).toContain('需关注');
    notes.startAdd(1);
    notes.draft!.tag = ' 需关注 ';
    notes.draft!.text = '时限提前到9月底，需核实能否完成。';
    expect(await notes.save()).toBe(true);
    expect(notes.draft).toBeNull();
    expect(notes.forPair(1).map((n) => [n.tag, n.text])).toEqual([['需关注', '时限提前到9月底，需核实能否完成。']]);
    expect(notes.entries.map((e) => e.pair)).toEqual([1]);
    // Stored under the pair's two paths, for this comparison only.
    const stored = await backend.listNotes(1, 2);
    expect([stored[0]!.left_path, stored[0]!.right_path]).toEqual(['¶2', '¶2']);
    expect(await backend.listNotes(2, 1)).toEqual([]);
  });

  it('stores a note on a one-sided pair with the missing side as null; tag may be empty', async () => {
    const { backend, notes } = setup();
    await notes.load(1, 2);
    notes.startAdd(9);
    notes.draft!.text = '佛山新增的报送要求';
    await notes.save();
    const [n] = await backend.listNotes(1, 2);
    expect([n!.left_path, n!.right_path, n!.tag]).toEqual([null, '¶8', null]);
    expect(notes.forPair(9)).toHaveLength(1);
  });

  it('will not save an empty note', async () => {
    const { backend, notes } = setup();
    await notes.load(1, 2);
    notes.startAdd(1);
    notes.draft!.text = '   ';
    expect(notes.canSave).toBe(false);
    expect(await notes.save()).toBe(false);
    expect(await backend.listNotes(1, 2)).toEqual([]);
  });

  it('edits and deletes notes', async () => {
    const { notes } = setup();
    await notes.load(1, 2);
    notes.startAdd(2);
    notes.draft!.text = '删除了备案要求';
    await notes.save();
    const n = notes.forPair(2)[0]!;
    notes.startEdit(n);
    expect(notes.draft).toMatchObject({ id: n.id, pair: 2, tag: '', text: '删除了备案要求' });
    notes.draft!.tag = '地方创新';
    notes.draft!.text = '删除了备案要求（已确认）';
    await notes.save();
    expect(notes.forPair(2).map((x) => [x.id, x.tag, x.text])).toEqual([[n.id, '地方创新', '删除了备案要求（已确认）']]);
    expect(notes.tags).toContain('地方创新');
    await notes.remove(n.id);
    expect(notes.notes).toEqual([]);
    expect(notes.forPair(2)).toEqual([]);
  });

  it('reports a failed call and keeps the draft', async () => {
    const { notes } = setup();
    await notes.load(1, 2);
    notes.startEdit({ id: 99, left_path: '¶1', right_path: '¶1', tag: null, text: 'x', created_at: '', updated_at: '' });
    notes.draft!.text = '改写';
    expect(await notes.save()).toBe(false);
    expect(notes.error?.code).toBe('not_found');
    expect(notes.draft?.text).toBe('改写');
  });

  it('jumps from the panel to the note pair, showing all rows if the filter hides it; unmatched notes do not jump', async () => {
    const { view, notes } = setup();
    await notes.load(1, 2);
    notes.startAdd(8);
    notes.draft!.text = '保障措施一致';
    await notes.save();
    view.setFilter('changed');
    expect(notes.jump(notes.entries[0]!.note)).toBe(true);
    expect(view.current).toBe(8);
    expect(view.filter).toBe('all');
    // The comparison changes (re-paired): the note loses its pair and is listed as unmatched.
    const c = everyKind();
    view.load({ ...c, pairs: c.pairs.filter((_, i) => i !== 8) });
    expect(notes.match.unmatched.map((n) => n.text)).toEqual(['保障措施一致']);
    expect(notes.entries.map((e) => e.pair)).toEqual([null]);
    expect(notes.jump(notes.entries[0]!.note)).toBe(false);
  });
});
