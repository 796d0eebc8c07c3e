/**
 * The export dialog's state: format and contents of the report, the save dialog, the
 * `export_comparison` call, and its outcome in plain words.
 */
import type { CompareRequest, Comparison, DocInfo, ExportRequest, ExportStage, Format, PairOrder, ReportLang } from '$lib/bindings';
import { FORMAT_EXTENSIONS } from '$lib/bindings/formats';
import { BackendError, type Backend, type SaveFilter } from '$lib/backend/backend';

/** Formats the dialog offers, in menu order (the shell also writes `text`). */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'markdown', 'csv', 'json'] as const satisfies readonly Format[];
export type OfferedFormat = (typeof EXPORT_FORMATS)[number];

/** Names of the formats in the save dialog. */
const FILTER_NAMES: Record<OfferedFormat, string> = { docx: 'Word', pdf: 'PDF', html: 'HTML', markdown: 'Markdown', csv: 'CSV', json: 'JSON' };

/** The save dialog's file type for a format. */
export function formatFilter(f: OfferedFormat): SaveFilter {
  return { name: FILTER_NAMES[f], extensions: [FORMAT_EXTENSIONS[f]] };
}

/** What goes into the report: the content flags of the export request. */
export type ExportContents = Pick<ExportRequest, 'summary' | 'key_diffs' | 'changed_only' | 'notes'>;

/** Whether a format takes the content options (JSON is always the whole comparison). */
export function formatHasOptions(f: Format): boolean {
  return f !== 'json';
}

/**
 * The request for `export_comparison`; `id` names this export for progress and cancel, `lang` is
 * the report's language (the UI's), `order` its pairs' order (the view's 行序).
 */
export function buildExportRequest(
  id: string,
  compare: CompareRequest,
  format: Format,
  path: string,
  c: ExportContents,
  lang: ReportLang,
  order: PairOrder = 'aligned',
): ExportRequest {
  // JSON is the whole comparison in the model's order, whatever the options say.
  const whole = !formatHasOptions(format);
  return {
    id,
    compare,
    format,
    path,
    summary: c.summary,
    key_diffs: c.key_diffs,
    changed_only: whole ? false : c.changed_only,
    notes: c.notes,
    lang,
    order: whole ? 'aligned' : order,
  };
}

let exportCounter = 0;

/** A fresh id for one export (unique within this window, and across windows in practice). */
export function newExportId(): string {
  exportCounter += 1;
  const c = globalThis.crypto;
  const random = typeof c?.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `export-${exportCounter}-${random}`;
}

/** Characters no file name may hold on Windows, macOS or Linux. */
const BAD_CHARS = /[\\/:*?"<>|\u0000-\u001f]/gu;

/** A document's short name for a file name: its 文号, else its title (shortened). */
function shortName(d: DocInfo): string {
  const s = (d.doc_number ?? d.title).replace(BAD_CHARS, '_').trim();
  return [...s].slice(0, 40).join('');
}

/** The file name the save dialog proposes, e.g. `粤办函〔2023〕41号 对比 佛府办函〔2023〕75号.docx`. */
export function defaultFileName(c: Comparison, format: Format, joiner = '对比'): string {
  return `${shortName(c.left)} ${joiner} ${shortName(c.right)}.${FORMAT_EXTENSIONS[format]}`;
}

/** The outcome of the last export: the file written, or why it failed. */
export type ExportResult = { ok: true; path: string } | { ok: false; error: BackendError };

export class ExportState {
  open = $state(false);
  format = $state<OfferedFormat>('docx');
  contents = $state<ExportContents>({ summary: true, key_diffs: true, changed_only: false, notes: true });
  busy = $state(false);
  /** The stage the running export reported last (`null` before the first, and when idle). */
  stage = $state<ExportStage | null>(null);
  /** Cancel was asked for the running export. */
  cancelling = $state(false);
  result = $state.raw<ExportResult | null>(null);
  /** Id of the running export (set from the save dialog on). */
  #id: string | null = null;

  constructor(readonly backend: Backend) {}

  show(): void {
    this.open = true;
    this.result = null;
  }

  close(): void {
    if (!this.busy) this.open = false;
  }

  /**
   * Ask where to save, then export. Resolves to the result, or `null` when the user
   * cancelled the save dialog (nothing happens then). The report is worded in `lang`, its pairs
   * in `order`.
   */
  async run(
    compare: CompareRequest,
    comparison: Comparison,
    joiner?: string,
    lang: ReportLang = 'zh',
    order: PairOrder = 'aligned',
  ): Promise<ExportResult | null> {
    if (this.busy) return null;
    this.busy = true;
    this.result = null;
    this.stage = null;
    this.cancelling = false;
    const format = this.format;
    const id = newExportId();
    this.#id = id;
    let unlisten: (() => void) | null = null;
    try {
      const path = await this.backend.pickSavePath(defaultFileName(comparison, format, joiner), [formatFilter(format)]);
      if (path === null) return null;
      unlisten = await this.backend.onExportProgress((p) => {
        if (p.id === id) this.stage = p.stage;
      });
      await this.backend.exportComparison(buildExportRequest(id, compare, format, path, this.contents, lang, order));
      this.result = { ok: true, path };
    } catch (e) {
      this.result = { ok: false, error: BackendError.from(e, 'export_comparison') };
    } finally {
      unlisten?.();
      this.#id = null;
      this.busy = false;
      this.stage = null;
      this.cancelling = false;
    }
    return this.result;
  }

  /** Ask the shell to stop the running export (it ends with code `cancelled`, no file written). */
  async cancel(): Promise<void> {
    const id = this.#id;
    if (!this.busy || id === null || this.cancelling) return;
    this.cancelling = true;
    try {
      await this.backend.cancelExport(id);
    } catch {
      // The export goes on and reports its own outcome.
      this.cancelling = false;
    }
  }

  /** The last export was cancelled by the user. */
  get cancelled(): boolean {
    return this.result?.ok === false && this.result.error.code === 'cancelled';
  }
}
