/**
 * The one interface between the UI and whatever answers its requests.
 *
 * Its commands and events are generated from the shell's IPC contract
 * (`src-tauri/src/ipc/mod.rs` → `$lib/bindings/commands.ts`, `events.ts`): one typed method
 * per command, one `on…` method per event; a failed command throws a {@link BackendError}.
 * Two implementations: the Tauri backend (`./tauri`, the desktop shell) and
 * {@link MockBackend} (fixture data, for tests and for running the UI in a plain browser).
 * Components never call Tauri directly.
 */
import type { AppError, ErrorCode } from '$lib/bindings';
import type { Commands } from '$lib/bindings/commands';
import type { Events } from '$lib/bindings/events';

export type { CorpusImportProgress, ExportProgress, ImportProgress, VectorProgress } from '$lib/bindings';

/** Files dropped onto the window: not a shell event but the webview's own. */
export interface FileDropEvents {
  /** Files dropped onto the window (`over` while they are dragged over it). */
  onFileDrop(cb: (e: FileDrop) => void): Promise<Unsubscribe>;
}

/** A file drag over the window. */
export type FileDrop = { type: 'over' } | { type: 'leave' } | { type: 'drop'; paths: string[] };

/** Stops listening. */
export type Unsubscribe = () => void;

/** The shell's commands and events, plus the native dialogs. */
export interface Backend extends Commands, Events, FileDropEvents {
  /** `true` for the desktop shell, `false` for the mock/web backend. */
  readonly native: boolean;
  /**
   * Native "open files" dialog; resolves to the chosen paths (empty when cancelled).
   * `filterName` names the file types offered (政策文件), in the UI's language.
   */
  pickFiles(filterName: string): Promise<string[]>;
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
  empty_file: true,
  no_text: true,
  binary_file: true,
  corrupt_file: true,
  protected_file: true,
  no_chinese_text: true,
  file_too_large: true,
  io: true,
  db: true,
  read_only: true,
  busy: true,
  disk_full: true,
  newer_schema: true,
  invalid_input: true,
  cancelled: true,
  unreachable: true,
  auth_failed: true,
  not_a_library: true,
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
export const IMPORT_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'docx', 'doc', 'wps', 'pdf'];
