/**
 * The notes of the open comparison: loads them (and the tags to offer) from the backend,
 * places them on the pairs of the compare view (see {@link matchNotes}), and holds the one
 * note being written or edited. Components render from it and call its methods.
 */
import type { Pair, StoredNote } from '$lib/bindings';
import { BackendError, type Backend } from '$lib/backend/backend';
import type { CompareViewModel } from '$lib/compare/compareView.svelte';
import { matchNotes, panelEntries } from './match';

/** The note being written (`id` null) or edited, on the pair at `pair`. */
export interface NoteDraft {
  id: number | null;
  pair: number;
  tag: string;
  text: string;
}

export class NotesState {
  notes = $state.raw<StoredNote[]>([]);
  tags = $state.raw<string[]>([]);
  draft = $state<NoteDraft | null>(null);
  busy = $state(false);
  error = $state<BackendError | null>(null);
  /** The comparison the notes belong to. */
  #docs: { left: number; right: number } | null = null;

  readonly match = $derived.by(() => matchNotes(this.view.pairs, this.notes));
  readonly entries = $derived.by(() => panelEntries(this.match, this.notes));

  constructor(
    readonly backend: Backend,
    readonly view: CompareViewModel,
  ) {}

  /** Load the notes of the comparison of `left` with `right` (and the tags). */
  async load(left: number, right: number): Promise<void> {
    if (this.#docs?.left !== left || this.#docs?.right !== right) this.draft = null;
    this.#docs = { left, right };
    await this.#run(async () => {
      const [notes, tags] = await Promise.all([this.backend.listNotes(left, right), this.backend.noteTags()]);
      if (this.#docs?.left === left && this.#docs?.right === right) {
        this.notes = notes;
        this.tags = tags;
      }
    });
  }

  /** Forget the notes (comparison closed). */
  clear(): void {
    this.#docs = null;
    this.notes = [];
    this.draft = null;
  }

  /** The notes shown under a pair. */
  forPair(i: number): StoredNote[] {
    return this.match.byPair.get(i) ?? [];
  }

  /** Start a new note on a pair. */
  startAdd(pair: number): void {
    this.error = null;
    this.draft = { id: null, pair, tag: '', text: '' };
  }

  /** Start editing a note (on its pair, or where it was listed when it has none). */
  startEdit(note: StoredNote, pair: number | null = this.match.pairOf.get(note.id) ?? null): void {
    this.error = null;
    this.draft = { id: note.id, pair: pair ?? -1, tag: note.tag ?? '', text: note.text };
  }

  /** Drop the draft; the keyboard focus goes back to its pair's row (arrow keys work on). */
  cancel(): void {
    const d = this.draft;
    this.draft = null;
    this.error = null;
    if (d) this.#returnTo(d.pair);
  }

  /** Whether the draft can be saved (it has text). */
  get canSave(): boolean {
    return !!this.draft && this.draft.text.trim() !== '' && !this.busy;
  }

  /**
   * Save the draft: add it or update the note; the keyboard focus then goes back to the
   * pair's row. Returns whether it was saved.
   */
  async save(): Promise<boolean> {
    const d = this.draft;
    const docs = this.#docs;
    if (!d || !docs || !this.canSave) return false;
    const tag = d.tag.trim() || null;
    const text = d.text.trim();
    const ok = await this.#run(async () => {
      if (d.id !== null) {
        await this.backend.updateNote(d.id, tag, text);
      } else {
        const p: Pair | undefined = this.view.pairs[d.pair];
        if (!p) throw new BackendError('not_found', 'the pair is gone', 'add_note');
        await this.backend.addNote({ left: docs.left, right: docs.right, left_path: p.left?.path ?? null, right_path: p.right?.path ?? null, tag, text });
      }
    });
    if (ok) {
      this.draft = null;
      await this.load(docs.left, docs.right);
      this.#returnTo(d.pair);
    }
    return ok;
  }

  /**
   * Delete a note. When it stood under a pair, the keyboard focus goes to that pair's row
   * (the delete button it was pressed on is gone). Returns whether it was deleted.
   */
  async remove(id: number): Promise<boolean> {
    const docs = this.#docs;
    if (!docs) return false;
    const pair = this.match.pairOf.get(id);
    const ok = await this.#run(() => this.backend.deleteNote(id));
    if (this.draft?.id === id) this.draft = null;
    if (ok) {
      await this.load(docs.left, docs.right);
      if (pair !== undefined) this.#returnTo(pair);
    }
    return ok;
  }

  /** Jump to a note's pair (focus it in the table); `false` for a note without a pair. */
  jump(note: StoredNote): boolean {
    const i = this.match.pairOf.get(note.id);
    if (i === undefined) return false;
    this.view.focus(i);
    return true;
  }

  /** Focus the row of pair `i` (scrolled into view by the table) when it still exists. */
  #returnTo(i: number): void {
    if (i >= 0 && this.view.pairs[i]) this.view.focus(i);
  }

  async #run(f: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await f();
      return true;
    } catch (e) {
      this.error = BackendError.from(e, 'notes');
      return false;
    } finally {
      this.busy = false;
    }
  }
}
