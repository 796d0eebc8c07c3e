/**
 * The app session: library readiness (first-run corpus import), which two documents are
 * chosen, the open document, the running comparison and recent comparisons, and whether the
 * comparison or the coverage matrix is shown. Owns the other state objects (library, compare
 * view, matrix, import) and wires backend events to them.
 */
import { getContext, setContext } from 'svelte';
import type { CompareRequest, DocMeta, MetaEdit, PointMark, RecentComparison, StoredDoc } from '$lib/bindings';
import { BackendError, type Backend, type CorpusImportProgress, type Unsubscribe, type VectorProgress } from '$lib/backend/backend';
import { CompareViewModel, sameDocuments } from '$lib/compare/compareView.svelte';
import { PairingState, comparisonIds } from '$lib/compare/pairing.svelte';
import { ExportState } from '$lib/export/export.svelte';
import { NotesState } from '$lib/notes/notes.svelte';
import { ImportState } from '$lib/importing/importer.svelte';
import { LibraryState } from '$lib/library/library.svelte';
import { MatrixState } from '$lib/matrix/matrix.svelte';
import type { Settings } from '$lib/settings/settings.svelte';
import { LibrarySettings } from '$lib/settings/library.svelte';

/** How often the library's revision is asked for while the window is visible, ms. */
export const POLL_MS = 10_000;

/** 文号 of the example comparison offered on first run (looked up in the library). */
export const EXAMPLE = { left: '粤办函〔2023〕41号', right: '佛府办函〔2023〕75号' } as const;

export type Side = 'left' | 'right';

export class Session {
  readonly library: LibraryState;
  readonly view = new CompareViewModel();
  readonly importer: ImportState;
  readonly notes: NotesState;
  readonly pairing: PairingState;
  readonly exporter: ExportState;
  readonly matrix: MatrixState;
  /** Where the library is (local file or team server) and the author name. */
  readonly librarySettings: LibrarySettings;
  /** What the main area shows: the pairwise comparison or the coverage matrix. */
  mode = $state<'compare' | 'matrix'>('compare');

  ready = $state(false);
  /** Why the library is read-only (changes are disabled and a banner says so); `null` when writable. */
  readOnly = $state<string | null>(null);
  corpus = $state<CorpusImportProgress | null>(null);
  /** Sentence vectors being computed in the background (null when none are). */
  vectors = $state<VectorProgress | null>(null);
  /** Why clauses are paired by wording alone (model not loaded, damaged vectors). */
  vectorsWarning = $state<string | null>(null);
  left = $state<number | null>(null);
  right = $state<number | null>(null);
  /** "Compare with…": the document waiting for a partner. */
  pickingFor = $state<number | null>(null);
  openDoc = $state.raw<StoredDoc | null>(null);
  /** Clause to scroll to in the open document (from a search hit). */
  openClause = $state<number | null>(null);
  comparing = $state(false);
  /** The keyboard shortcuts dialog is open (ShortcutsDialog.svelte). */
  shortcutsOpen = $state(false);
  error = $state<BackendError | null>(null);
  recent = $state.raw<RecentComparison[]>([]);
  /** Why the library could not be asked for changes (a team server gone); cleared when it answers again. */
  pollError = $state.raw<BackendError | null>(null);

  /** The document the delete confirmation asks about (`null`: no confirmation open). */
  confirmDelete = $state.raw<DocLabel | null>(null);
  /** What the last delete did (the status line shows it until dismissed). */
  notice = $state.raw<Notice | null>(null);

  /** The example documents, when both are in the library (looked up at each reload). */
  example = $state.raw<{ left: number; right: number } | null>(null);

  #unsub: Unsubscribe[] = [];
  /** The library's revision when the UI last loaded it. */
  #revision: number | null = null;

  constructor(
    readonly backend: Backend,
    readonly settings: Settings,
  ) {
    this.library = new LibraryState(backend);
    this.importer = new ImportState(backend);
    this.notes = new NotesState(backend, this.view);
    this.pairing = new PairingState(this);
    this.exporter = new ExportState(backend);
    this.matrix = new MatrixState(backend, () => this.settings.options);
    this.librarySettings = new LibrarySettings(backend);
    this.view.order = settings.rowOrder;
  }

  /** Subscribe to events, load the library, restore the last comparison. */
  async start(): Promise<void> {
    this.#unsub.push(
      await this.backend.onCorpusImportProgress((p) => (this.corpus = p)),
      await this.backend.onVectorProgress((p) => this.onVectors(p)),
      await this.backend.onImportProgress(this.importer.onProgress),
      await this.backend.onLibraryChanged(() => void this.#refresh()),
      await this.backend.onFileDrop((e) => {
        if (e.type === 'drop') void this.importer.run(e.paths);
      }),
    );
    await this.#guard(() => this.librarySettings.load());
    await this.#refresh();
  }

  /**
   * Ask the library whether anyone changed it since it was loaded (a colleague's import on the
   * team server, another PolicyDiff on the same file) and reload it when so. Cheap: called
   * when the window regains focus and every {@link POLL_MS} while it is visible.
   */
  async poll(): Promise<void> {
    let revision: number;
    try {
      revision = await this.backend.libraryRevision();
      this.pollError = null;
    } catch (e) {
      this.pollError = BackendError.from(e, 'library_revision');
      return;
    }
    if (this.#revision !== null && revision !== this.#revision) await this.#refresh();
  }

  /**
   * Poll on focus and on a timer while the document is visible ({@link poll});
   * returns what stops it.
   */
  watch(win: Window, intervalMs = POLL_MS): Unsubscribe {
    const onFocus = () => void this.poll();
    win.addEventListener('focus', onFocus);
    const timer = win.setInterval(() => {
      if (win.document.visibilityState === 'visible') void this.poll();
    }, intervalMs);
    return () => {
      win.removeEventListener('focus', onFocus);
      win.clearInterval(timer);
    };
  }

  /** Another library is in use (the settings dialog switched it): forget the old one's documents. */
  librarySwitched(): void {
    this.left = null;
    this.right = null;
    this.pickingFor = null;
    this.openDoc = null;
    this.closeComparison();
    this.settings.last = null;
    this.settings.save();
  }

  /** Apply the settings dialog; the library reloads through `library-changed`. */
  async saveLibrarySettings(): Promise<void> {
    const before = this.librarySettings.info?.location;
    if ((await this.librarySettings.save()) && this.librarySettings.info?.location !== before) {
      this.librarySwitched();
      await this.#refresh();
    }
  }

  /** A `vector-progress` event: progress while a run lasts, or a fallback warning. */
  onVectors(p: VectorProgress): void {
    if (p.warning) this.vectorsWarning = p.warning;
    this.vectors = p.total > 0 && p.done < p.total ? p : null;
  }

  stop(): void {
    this.#unsub.forEach((u) => u());
    this.#unsub = [];
  }

  async #refresh(): Promise<void> {
    await this.#guard(async () => {
      // Before reading: a change made meanwhile shows at the next poll.
      this.#revision = await this.backend.libraryRevision();
      const status = await this.backend.libraryStatus();
      if (status.vectors_warning) this.vectorsWarning = status.vectors_warning;
      const recent = await this.backend.recentComparisons(8);
      const last = this.settings.last;
      // The rows of every document the UI names, looked up by id: the library is never listed.
      await this.library.reload([
        this.left,
        this.right,
        this.pickingFor,
        this.matrix.base,
        ...recent.flatMap((r) => [r.left, r.right]),
        last?.left ?? null,
        last?.right ?? null,
      ]);
      this.recent = recent;
      const [l, r] = await Promise.all([this.library.byDocNumber(EXAMPLE.left), this.library.byDocNumber(EXAMPLE.right)]);
      this.example = l && r ? { left: l.id, right: r.id } : null;
      await this.matrix.refreshPicker();
      const wasReady = this.ready;
      this.ready = status.ready;
      this.readOnly = status.read_only;
      if (this.ready) this.corpus = null;
      if (!wasReady && this.ready && last && !this.view.comparison && this.library.byId(last.left) && this.library.byId(last.right)) {
        this.left = last.left;
        this.right = last.right;
        await this.compare();
      }
    });
  }

  async #guard(f: () => Promise<void>): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.error = BackendError.from(e, 'ui');
    }
  }

  /**
   * The chosen sides are not the pair of the comparison on screen (a side was set or cleared
   * after comparing). The table is then kept, but marked as stale with a way to compare the new
   * choice or go back to the old one: comparing on every change of one side would run (and
   * record as recent) a half-chosen pair whenever both sides are changed one after the other,
   * and would throw away the reading position without being asked.
   */
  get stale(): boolean {
    const c = this.view.comparison;
    if (!c || this.comparing || c.left.id === null || c.right.id === null) return false;
    return this.left !== c.left.id || this.right !== c.right.id;
  }

  /**
   * One document in both slots. It is not compared: the table would only say 没有差异, which
   * reads like a finding about two documents. The picker says so and its 比较 is disabled.
   */
  get sameSides(): boolean {
    return this.left !== null && this.left === this.right;
  }

  /** Put the sides of the comparison on screen back into the slots (undoes a stale choice). */
  revertSides(): void {
    const c = this.view.comparison;
    if (!c || c.left.id === null || c.right.id === null) return;
    this.left = c.left.id;
    this.right = c.right.id;
    this.pickingFor = null;
  }

  /** Put a document on one side. */
  choose(side: Side, id: number): void {
    if (side === 'left') this.left = id;
    else this.right = id;
    this.pickingFor = null;
    void this.#guard(() => this.library.need([id]));
  }

  clear(side: Side): void {
    if (side === 'left') this.left = null;
    else this.right = null;
  }

  swap(): void {
    [this.left, this.right] = [this.right, this.left];
    if (this.view.comparison && this.left !== null && this.right !== null) void this.compare();
  }

  /** Start "compare with…" from a document. */
  compareWith(id: number): void {
    this.pickingFor = id;
    void this.#guard(() => this.library.need([id]));
  }

  /** A document was picked while "compare with…" waits: compare the two. */
  async completePick(id: number): Promise<void> {
    const first = this.pickingFor;
    this.pickingFor = null;
    if (first === null || first === id) return;
    this.left = first;
    this.right = id;
    await this.compare();
  }

  /** Compare the chosen documents with the current options. */
  async compare(): Promise<void> {
    const { left, right } = this;
    if (left === null || right === null || this.sameSides) return;
    this.mode = 'compare';
    this.comparing = true;
    this.openDoc = null;
    await this.#guard(async () => {
      const c = await this.backend.compareDocuments(this.request(left, right));
      // The same documents again (an option changed) keep the reading place; new ones start at the top.
      const keepFocus = sameDocuments(this.view.comparison, c) ? this.view.current : null;
      this.view.load(c);
      if (keepFocus !== null && keepFocus < c.pairs.length) this.view.current = keepFocus;
      const ids = comparisonIds(c);
      if (ids) await this.notes.load(ids.left, ids.right);
      else this.notes.clear();
      this.settings.last = { left, right };
      this.settings.save();
      const recent = await this.backend.recentComparisons(8);
      await this.library.need([left, right, ...recent.flatMap((r) => [r.left, r.right])]);
      this.recent = recent;
    });
    this.comparing = false;
  }

  /** The request comparing `left` with `right` under the current options. */
  request(left: number, right: number): CompareRequest {
    return { left, right, diff: { ...this.settings.options } };
  }

  /**
   * Pin, hide or (`null`) restore a key point of the open comparison. The shell stores it with
   * the notes and answers with the points arranged anew, which the panel then shows.
   */
  async markPoint(pointId: string, mark: PointMark | null): Promise<void> {
    const c = this.view.comparison;
    if (!c || c.left.id === null || c.right.id === null) return;
    const request = this.request(c.left.id, c.right.id);
    await this.#guard(async () => {
      const list = await this.backend.markKeyPoint({ compare: request, point_id: pointId, mark });
      if (this.view.comparison === c) this.view.setPoints(list);
    });
  }

  /** Compare the open comparison's documents again (after a manual re-pairing). */
  async rerun(): Promise<void> {
    const c = this.view.comparison;
    if (!c) return;
    this.left = c.left.id;
    this.right = c.right.id;
    await this.compare();
  }

  /** Open the first-run example. */
  async compareExample(): Promise<void> {
    const ex = this.example;
    if (!ex) return;
    this.left = ex.left;
    this.right = ex.right;
    await this.compare();
  }

  async openRecent(r: RecentComparison): Promise<void> {
    this.left = r.left;
    this.right = r.right;
    await this.compare();
  }

  /** Show the coverage matrix; its base starts as the left document (or the example's). */
  showMatrix(): void {
    this.mode = 'matrix';
    this.openDoc = null;
    if (this.matrix.base === null) this.matrix.setBase(this.left ?? this.example?.left ?? null);
  }

  /** Show the pairwise comparison again (the matrix is kept). */
  showCompare(): void {
    this.mode = 'compare';
  }

  /**
   * Open the pairwise comparison of a matrix cell: the base against the cell's document,
   * focused on the pair of the row's unit. A missing cell that names possible counterparts
   * opens 与…配对 on that pair, those first (which a read-only library does not open).
   */
  async openMatrixCell(rowIndex: number, col: number): Promise<void> {
    const m = this.matrix.matrix;
    const row = m?.rows[rowIndex];
    const doc = m?.documents[col];
    if (!m || !row || !doc || m.base.id === null || doc.id === null) return;
    const i = await this.compareAt(m.base.id, row.unit.path, doc.id);
    const cell = row.cells[col];
    if (i !== null && cell?.kind === 'missing' && cell.suggestions?.length) this.pairing.startForce(i);
  }

  /**
   * Compare `left` with `right`, focused on the pair of the left clause at `leftPath` (the one
   * with the right clause at `rightPath` when there are several, e.g. a split): its index, or
   * `null` when the comparison has no such pair.
   */
  async compareAt(left: number, leftPath: string, right: number, rightPath: string | null = null): Promise<number | null> {
    this.left = left;
    this.right = right;
    await this.compare();
    const c = this.view.comparison;
    if (!c || c.left.id !== left || c.right.id !== right) return null;
    const both = rightPath === null ? -1 : c.pairs.findIndex((p) => p.left?.path === leftPath && p.right?.path === rightPath);
    const i = both >= 0 ? both : c.pairs.findIndex((p) => p.left?.path === leftPath);
    if (i < 0) return null;
    this.view.focus(i);
    return i;
  }

  /** Read one document (leaves the comparison loaded underneath). */
  async open(id: number, clause: number | null = null): Promise<void> {
    await this.#guard(async () => {
      this.openDoc = await this.backend.getDocument(id);
      this.openClause = clause;
    });
  }

  /** Read one document at the clause of `path` (a similar clause). */
  async openAt(id: number, path: string): Promise<void> {
    await this.#guard(async () => {
      const doc = await this.backend.getDocument(id);
      this.openDoc = doc;
      this.openClause = doc.tree.clauses.find((c) => c.path === path)?.index ?? null;
    });
  }

  closeDoc(): void {
    this.openDoc = null;
  }

  closeComparison(): void {
    this.view.load(null);
    this.notes.clear();
    this.pairing.cancelForce();
    this.exporter.close();
  }

  /** Ask to confirm deleting a document (the dialog names it); nothing when the library is read-only. */
  askDelete(id: number, known: { title: string; doc_number: string | null } | null = null): void {
    if (this.readOnly !== null) {
      this.error = new BackendError('read_only', this.readOnly, 'delete_document');
      return;
    }
    const open = this.openDoc?.id === id ? this.openDoc.meta : null;
    const meta = known ?? this.library.byId(id) ?? open;
    this.confirmDelete = { id, title: meta?.title ?? `#${id}`, doc_number: meta?.doc_number ?? null };
  }

  /**
   * Delete a document. Afterwards nothing on screen names it: it leaves the sides (and the
   * "compare with…" wait), the open document, the comparison on screen that has it (closed) and
   * the coverage matrix (its base or columns; a matrix shown with it is dropped). The notice
   * says what was deleted and what was closed. False (with the error shown) when the library
   * refused (read-only, gone): then nothing on screen changes.
   */
  async remove(id: number): Promise<boolean> {
    const label = this.confirmDelete?.id === id ? this.confirmDelete : null;
    this.confirmDelete = null;
    try {
      await this.backend.deleteDocument(id);
    } catch (e) {
      this.error = BackendError.from(e, 'delete_document');
      return false;
    }
    const closed: NoticeClosed[] = [];
    if (this.left === id) this.left = null;
    if (this.right === id) this.right = null;
    if (this.pickingFor === id) this.pickingFor = null;
    if (this.openDoc?.id === id) this.openDoc = null;
    const c = this.view.comparison;
    if (c && (c.left.id === id || c.right.id === id)) {
      this.closeComparison();
      closed.push('comparison');
    }
    if (this.matrix.forget(id)) closed.push('matrix');
    const last = this.settings.last;
    if (last && (last.left === id || last.right === id)) {
      this.settings.last = null;
      this.settings.save();
    }
    this.notice = { kind: 'deleted', title: label?.title ?? `#${id}`, doc_number: label?.doc_number ?? null, closed };
    await this.#refresh();
    return true;
  }

  /**
   * Save a metadata edit of document `id`; resolves to the metadata now stored, or throws the
   * library's error (a bad field, read-only) for the form to show: nothing is changed then.
   * The open document, the rows and a comparison on screen that has the document show the new
   * metadata.
   */
  async saveMeta(id: number, edit: MetaEdit): Promise<DocMeta> {
    const meta = await this.backend.editDocument(id, edit);
    if (this.openDoc?.id === id) this.openDoc = { ...this.openDoc, meta };
    const c = this.view.comparison;
    if (c && (c.left.id === id || c.right.id === id)) {
      const info = (d: typeof c.left) => (d.id === id ? { ...d, ...meta, id } : d);
      this.view.comparison = { ...c, left: info(c.left), right: info(c.right) };
    }
    await this.#refresh();
    return meta;
  }

}

/** A document as a confirmation names it: its title and 文号. */
export interface DocLabel {
  id: number;
  title: string;
  doc_number: string | null;
}

/** What a delete closed besides the document itself. */
export type NoticeClosed = 'comparison' | 'matrix';

/** What the status line says after a change the user made. */
export interface Notice {
  kind: 'deleted';
  title: string;
  doc_number: string | null;
  closed: NoticeClosed[];
}

const KEY = Symbol('session');
export function setSession(s: Session): Session {
  return setContext(KEY, s);
}
export function getSession(): Session {
  return getContext<Session>(KEY);
}
