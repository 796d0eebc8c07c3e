/**
 * The matrix view's state: the base and the documents chosen (picked from the library a page at
 * a time, searched by title or 文号), the computed coverage matrix,
 * the row filter and order, which document's additions are shown, the focused cell (keyboard
 * navigation) and the export. Components render from it and call its methods.
 */
import type { DiffOptions, DocRow, ListFilter, Matrix, MatrixFormat, MatrixRequest, ReportLang } from '$lib/bindings';
import { MATRIX_FORMAT_EXTENSIONS } from '$lib/bindings/formats';
import { BackendError, type Backend } from '$lib/backend/backend';
import { DocPages, PAGE_SIZE } from '$lib/library/pages.svelte';
import { visibleRows, type MatrixFilter, type MatrixOrder } from './cells';

/**
 * Most documents "all" takes: a matrix of more columns is neither computed in reasonable time nor
 * readable. When more match, the first ones (newest first) are taken and {@link MatrixState.allCapped} says so.
 */
export const MATRIX_ALL_MAX = 200;

/** Formats the view offers, in menu order (the shell also writes `text`). */
export const MATRIX_EXPORT_FORMATS = ['xlsx', 'docx', 'pdf', 'html', 'csv', 'json'] as const satisfies readonly MatrixFormat[];
export type MatrixExportFormat = (typeof MATRIX_EXPORT_FORMATS)[number];

/** A cell of the grid: row index into `visible`, column index into `documents`. */
export interface CellPos {
  row: number;
  col: number;
}

/** The outcome of the last export. */
export type MatrixExportResult = { ok: true; path: string } | { ok: false; error: BackendError };

/** The file name the save dialog proposes, e.g. `粤办函〔2023〕41号 覆盖矩阵.xlsx`. */
export function matrixFileName(m: Matrix, format: MatrixFormat, word = '覆盖矩阵'): string {
  const name = (m.base.doc_number ?? m.base.title).replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '_').trim();
  return `${[...name].slice(0, 40).join('')} ${word}.${MATRIX_FORMAT_EXTENSIONS[format]}`;
}

export class MatrixState {
  base = $state<number | null>(null);
  /** The documents to compare with the base, in column order. */
  others = $state<number[]>([]);
  matrix = $state.raw<Matrix | null>(null);
  loading = $state(false);
  error = $state.raw<BackendError | null>(null);
  filter = $state<MatrixFilter>('all');
  order = $state<MatrixOrder>('reading');
  /** Column whose additions are shown instead of the grid, `null` for the grid. */
  additionsOf = $state<number | null>(null);
  focus = $state<CellPos | null>(null);
  exportFormat = $state<MatrixExportFormat>('xlsx');
  exporting = $state(false);
  exportResult = $state.raw<MatrixExportResult | null>(null);
  /** The picker's search: a part of the title or 文号 (empty: every document). */
  pickerText = $state('');
  /** Rows of the picker shown (more are fetched by {@link showMore}). */
  pickerShown = $state(PAGE_SIZE);
  /** The documents the picker offers, newest first, fetched a page at a time. */
  readonly picker: DocPages;
  /** Set when "all" took only the first {@link MATRIX_ALL_MAX} of `total` matching documents. */
  allCapped = $state.raw<{ taken: number; total: number } | null>(null);
  /** The request the shown matrix was computed from (what an export writes). */
  #computed: MatrixRequest | null = null;
  #pickerStarted = false;

  /** Indices into `matrix.rows` of the rows shown, in order. */
  readonly visible = $derived(this.matrix ? visibleRows(this.matrix, this.filter, this.order) : []);

  constructor(
    readonly backend: Backend,
    /** The word-diff options of the comparisons (the app's settings). */
    readonly diff: () => DiffOptions,
  ) {
    this.picker = new DocPages((filter, offset, limit) => backend.listDocumentsPage(filter, offset, limit));
  }

  /** The picker's filter: the search text, newest first. */
  pickerFilter(): ListFilter {
    const text = this.pickerText.trim();
    return { region: null, level: null, year: null, ...(text ? { text } : {}), sort: 'date_desc' };
  }

  /** The picker's rows fetched so far, up to those shown, in order. */
  pickerRows(): DocRow[] {
    const out: DocRow[] = [];
    const n = Math.min(this.pickerShown, this.picker.total);
    for (let i = 0; i < n; i++) {
      const r = this.picker.row(i);
      if (r) out.push(r);
    }
    return out;
  }

  /** Search the picker (a part of the title or 文号). */
  async searchPicker(text: string): Promise<void> {
    this.pickerText = text;
    this.pickerShown = PAGE_SIZE;
    this.allCapped = null;
    this.#pickerStarted = true;
    await this.picker.reset(this.pickerFilter());
  }

  /** Fetch the picker's first page, once (when the matrix setup is first shown). */
  async startPicker(): Promise<void> {
    if (this.#pickerStarted) return;
    this.#pickerStarted = true;
    await this.picker.reset(this.pickerFilter());
  }

  /** The library changed: fetch the picker's rows again, if it was shown. */
  async refreshPicker(): Promise<void> {
    if (!this.#pickerStarted) return;
    await this.picker.reset(this.pickerFilter());
    await this.picker.ensure(0, this.pickerShown);
  }

  /** Show another page of the picker. */
  async showMore(): Promise<void> {
    this.pickerShown += PAGE_SIZE;
    await this.picker.ensure(0, this.pickerShown);
  }

  /**
   * Document `id` was deleted: take it out of the base and the columns, and drop a matrix shown
   * that has it (it can no longer be computed as it is). True when the matrix had it anywhere.
   */
  forget(id: number): boolean {
    const m = this.matrix;
    const shown = !!m && (m.base.id === id || m.documents.some((d) => d.id === id));
    const chosen = this.base === id || this.others.includes(id);
    if (this.base === id) this.base = null;
    this.others = this.others.filter((x) => x !== id);
    if (shown) {
      this.matrix = null;
      this.#computed = null;
      this.additionsOf = null;
      this.focus = null;
    }
    return shown || chosen;
  }

  setBase(id: number | null): void {
    this.base = id;
    if (id !== null) this.others = this.others.filter((x) => x !== id);
  }

  /** Add a document to the columns, or take it out. */
  toggle(id: number): void {
    if (id === this.base) return;
    this.others = this.others.includes(id) ? this.others.filter((x) => x !== id) : [...this.others, id];
  }

  /**
   * "All": every document matching the picker's search but the base, asked of the library (the
   * first {@link MATRIX_ALL_MAX} newest first when more match; {@link allCapped} then says so).
   */
  async chooseAll(): Promise<void> {
    const page = await this.backend.listDocumentsPage(this.pickerFilter(), 0, MATRIX_ALL_MAX + 1);
    const ids = page.rows.map((r) => r.id).filter((id) => id !== this.base);
    this.others = ids.slice(0, MATRIX_ALL_MAX);
    // More than were taken match (`total` counts the base too when it matches).
    const capped = ids.length > MATRIX_ALL_MAX || page.total > page.rows.length;
    this.allCapped = capped ? { taken: this.others.length, total: page.total } : null;
  }

  clearOthers(): void {
    this.others = [];
    this.allCapped = null;
  }

  /** The request for the current choice, `null` when incomplete. */
  request(): MatrixRequest | null {
    if (this.base === null || this.others.length === 0) return null;
    // Rows come in reading order; the view sorts them itself, so a new order is instant.
    return { base: this.base, others: [...this.others], order: 'reading', diff: { ...this.diff() } };
  }

  /** Compute the matrix for the current choice. */
  async run(): Promise<void> {
    const request = this.request();
    if (request === null) return;
    this.loading = true;
    this.error = null;
    try {
      this.matrix = await this.backend.coverageMatrix(request);
      this.#computed = request;
      this.focus = null;
      this.additionsOf = null;
      this.exportResult = null;
    } catch (e) {
      this.error = BackendError.from(e, 'coverage_matrix');
    } finally {
      this.loading = false;
    }
  }

  setFilter(f: MatrixFilter): void {
    this.filter = f;
    this.additionsOf = null;
    this.focus = null;
  }

  setOrder(o: MatrixOrder): void {
    this.order = o;
    this.focus = null;
  }

  showAdditions(col: number | null): void {
    this.additionsOf = col;
  }

  /** Focus a cell, clamped to the grid. */
  focusCell(row: number, col: number): void {
    const rows = this.visible.length;
    const cols = this.matrix?.documents.length ?? 0;
    if (rows === 0 || cols === 0) return;
    this.focus = { row: Math.min(rows - 1, Math.max(0, row)), col: Math.min(cols - 1, Math.max(0, col)) };
  }

  /** Move the focus by rows and columns (arrow keys, Page Up/Down); from nothing, the first cell. */
  move(dRow: number, dCol: number): void {
    const f = this.focus;
    if (f === null) this.focusCell(0, 0);
    else this.focusCell(f.row + dRow, f.col + dCol);
  }

  /** The focused cell as (row of `matrix.rows`, column), `null` when nothing is focused. */
  get focused(): { rowIndex: number; col: number } | null {
    const f = this.focus;
    if (f === null) return null;
    const rowIndex = this.visible[f.row];
    return rowIndex === undefined ? null : { rowIndex, col: f.col };
  }

  /**
   * Forget the last export's outcome (its status line): the view was left, or the language
   * changed. A finished export's line then does not greet a later visit as if just done.
   */
  clearExportResult(): void {
    this.exportResult = null;
  }

  /**
   * Ask where to save, then export the matrix shown (computed again, rows in the view's order),
   * worded in `lang`.
   */
  async export(word?: string, lang: ReportLang = 'zh'): Promise<MatrixExportResult | null> {
    const request = this.#computed;
    const m = this.matrix;
    if (request === null || m === null || this.exporting) return null;
    this.exporting = true;
    this.exportResult = null;
    const format = this.exportFormat;
    try {
      const path = await this.backend.pickSavePath(matrixFileName(m, format, word), [
        { name: format.toUpperCase(), extensions: [MATRIX_FORMAT_EXTENSIONS[format]] },
      ]);
      if (path === null) return null;
      await this.backend.exportMatrix({ matrix: { ...request, order: this.order }, format, path, lang });
      this.exportResult = { ok: true, path };
    } catch (e) {
      this.exportResult = { ok: false, error: BackendError.from(e, 'export_matrix') };
    } finally {
      this.exporting = false;
    }
    return this.exportResult;
  }
}
