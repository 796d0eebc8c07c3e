/**
 * The one interface between the UI and whatever answers its requests.
 *
 * Takes typed requests (the shell's commands, see APP-CONTRACT.md) and hands back typed
 * results or throws a {@link BackendError}. Two implementations: {@link TauriBackend}
 * (the desktop shell, via `invoke`) and {@link MockBackend} (fixture data, for tests and
 * for running the UI in a plain browser). Components never call Tauri directly.
 */
import type {
  AppError,
  CompareRequest,
  Comparison,
  CorpusImportProgress,
  DocRow,
  ErrorCode,
  ExportProgress,
  ExportRequest,
  ImportOutcome,
  ImportProgress,
  LibraryStatus,
  ListFilter,
  NoteRequest,
  PairingRequest,
  RecentComparison,
  SearchHit,
  StoredDoc,
  StoredNote,
} from '$lib/bindings';

/** Event payloads, as generated from the shell: `corpus-import-progress`, `import-progress`, `export-progress`. */
export type { CorpusImportProgress, ExportProgress, ImportProgress };

/** Events from the shell or the window (files dropped onto it). */
export interface BackendEvents {
  onCorpusProgress(cb: (p: CorpusImportProgress) => void): Promise<Unsubscribe>;
  onImportProgress(cb: (p: ImportProgress) => void): Promise<Unsubscribe>;
  onLibraryChanged(cb: () => void): Promise<Unsubscribe>;
  /** A running export (any id) entered a stage. */
  onExportProgress(cb: (p: ExportProgress) => void): Promise<Unsubscribe>;
  /** Files dropped onto the window (`hovering` true while they are dragged over it). */
  onFileDrop(cb: (e: FileDrop) => void): Promise<Unsubscribe>;
}

/** A file drag over the window. */
export type FileDrop = { type: 'over' } | { type: 'leave' } | { type: 'drop'; paths: string[] };

/** Stops listening. */
export type Unsubscribe = () => void;

/** Commands of the shell, one method each (arguments as in APP-CONTRACT.md). */
export interface Backend extends BackendEvents {
  /** `true` for the desktop shell, `false` for the mock/web backend. */
  readonly native: boolean;
  libraryStatus(): Promise<LibraryStatus>;
  listDocuments(filter: ListFilter): Promise<DocRow[]>;
  getDocument(id: number): Promise<StoredDoc>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  compareDocuments(request: CompareRequest): Promise<Comparison>;
  recentComparisons(limit: number): Promise<RecentComparison[]>;
  importFiles(paths: string[]): Promise<ImportOutcome[]>;
  deleteDocument(id: number): Promise<void>;
  /** Native "open files" dialog; resolves to the chosen paths (empty when cancelled). */
  pickFiles(): Promise<string[]>;

  /** Notes on the pairs of the comparison of `left` with `right`, oldest first. */
  listNotes(left: number, right: number): Promise<StoredNote[]>;
  /** Add a note on one pair; resolves to its id. */
  addNote(request: NoteRequest): Promise<number>;
  /** Replace a note's tag and text. */
  updateNote(id: number, tag: string | null, text: string): Promise<void>;
  deleteNote(id: number): Promise<void>;
  /** Tags to offer: the default ones first, then the others in use. */
  noteTags(): Promise<string[]>;
  /** Always pair these two clauses in this comparison (re-run the comparison to see it). */
  forcePair(request: PairingRequest): Promise<void>;
  /** Never pair these two clauses in this comparison. */
  forbidPair(request: PairingRequest): Promise<void>;
  /** Forget a forced or forbidden pairing; `true` when there was one. */
  clearPairing(request: PairingRequest): Promise<boolean>;
  /**
   * Write the comparison to a file as a report. Emits `export-progress` with the request's
   * id; fails with code `cancelled` (and writes nothing) after `cancelExport(request.id)`.
   */
  exportComparison(request: ExportRequest): Promise<void>;
  /** Cancel the export with this id (it stops before writing). */
  cancelExport(id: string): Promise<void>;
  /** Native "save file" dialog; resolves to the chosen path, `null` when cancelled. */
  pickSavePath(defaultPath: string, filters: SaveFilter[]): Promise<string | null>;
}

/** One file type of the save dialog. */
export interface SaveFilter {
  name: string;
  extensions: string[];
}

/** Every code of the generated `ErrorCode` (the compiler checks the list is complete). */
const CODES = {
  not_found: true,
  unsupported_file: true,
  io: true,
  db: true,
  invalid_input: true,
  cancelled: true,
  internal: true,
} as const satisfies Record<ErrorCode, true>;

/**
 * A code from the shell as an `ErrorCode`; anything unknown (a newer shell, a plugin's own
 * error) becomes `internal`, so the UI always has a message for it.
 */
export function knownErrorCode(code: string): ErrorCode {
  return Object.hasOwn(CODES, code) ? (code as ErrorCode) : 'internal';
}

/** A failed backend call: the shell's `AppError`, rethrown as an `Error` the UI can branch on. */
export class BackendError extends Error implements AppError {
  readonly code: ErrorCode;
  /** The command that failed. */
  readonly command: string;

  constructor(code: ErrorCode, message: string, command: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.command = command;
  }

  /** Normalise anything thrown by a call into a BackendError. */
  static from(err: unknown, command: string): BackendError {
    if (err instanceof BackendError) return err;
    if (isAppError(err)) {
      return new BackendError(knownErrorCode(err.code), err.message, command);
    }
    const message = err instanceof Error ? err.message : String(err);
    return new BackendError('internal', message, command);
  }
}

/** Whether a value has the shape of the shell's `AppError`. */
export function isAppError(v: unknown): v is AppError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>).code === 'string' &&
    typeof (v as Record<string, unknown>).message === 'string'
  );
}

/** File types offered by the import dialog. */
export const IMPORT_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'docx', 'pdf'];
