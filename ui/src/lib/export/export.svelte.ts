/**
 * The export dialog's state: format and contents of the report, the save dialog, the
 * `export_comparison` call, and its outcome in plain words.
 */
import type { CompareRequest, Comparison, DocInfo, ExportFormat, ExportRequest } from '$lib/bindings';
import { BackendError, type Backend, type SaveFilter } from '$lib/backend/backend';

/** Formats the dialog offers, in menu order (the shell also writes `txt`). */
export const EXPORT_FORMATS = ['docx', 'html', 'md', 'csv', 'json'] as const satisfies readonly ExportFormat[];
export type OfferedFormat = (typeof EXPORT_FORMATS)[number];

/** The save dialog's file type for a format. */
export const FORMAT_FILTERS: Record<OfferedFormat, SaveFilter> = {
  docx: { name: 'Word', extensions: ['docx'] },
  html: { name: 'HTML', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** What goes into the report. */
export interface ExportContents {
  summary: boolean;
  keyDiffs: boolean;
  changedOnly: boolean;
  notes: boolean;
}

/** Whether a format takes the content options (JSON is always the whole comparison). */
export function formatHasOptions(f: ExportFormat): boolean {
  return f !== 'json';
}

/** The request for `export_comparison`. */
export function buildExportRequest(compare: CompareRequest, format: ExportFormat, path: string, c: ExportContents): ExportRequest {
  return { compare, format, path, summary: c.summary, keyDiffs: c.keyDiffs, changedOnly: c.changedOnly, notes: c.notes };
}

/** Characters no file name may hold on Windows, macOS or Linux. */
const BAD_CHARS = /[\\/:*?"<>|\u0000-\u001f]/gu;

/** A document's short name for a file name: its 文号, else its title (shortened). */
function shortName(d: DocInfo): string {
  const s = (d.doc_number ?? d.title).replace(BAD_CHARS, '_').trim();
  return [...s].slice(0, 40).join('');
}

/** The file name the save dialog proposes, e.g. `粤办函〔2023〕41号 对比 佛府办函〔2023〕75号.docx`. */
export function defaultFileName(c: Comparison, format: ExportFormat, joiner = '对比'): string {
  return `${shortName(c.left)} ${joiner} ${shortName(c.right)}.${format}`;
}

/** The outcome of the last export: the file written, or why it failed. */
export type ExportResult = { ok: true; path: string } | { ok: false; error: BackendError };

export class ExportState {
  open = $state(false);
  format = $state<OfferedFormat>('docx');
  contents = $state<ExportContents>({ summary: true, keyDiffs: true, changedOnly: false, notes: true });
  busy = $state(false);
  result = $state.raw<ExportResult | null>(null);

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
   * cancelled the save dialog (nothing happens then).
   */
  async run(compare: CompareRequest, comparison: Comparison, joiner?: string): Promise<ExportResult | null> {
    if (this.busy) return null;
    this.busy = true;
    this.result = null;
    const format = this.format;
    try {
      const path = await this.backend.pickSavePath(defaultFileName(comparison, format, joiner), [FORMAT_FILTERS[format]]);
      if (path === null) return null;
      await this.backend.exportComparison(buildExportRequest(compare, format, path, this.contents));
      this.result = { ok: true, path };
    } catch (e) {
      this.result = { ok: false, error: BackendError.from(e, 'export_comparison') };
    } finally {
      this.busy = false;
    }
    return this.result;
  }
}
