/**
 * File import as the user sees it: paths from the dialog or a drop, one `import-progress`
 * event per file, then one outcome per file. A failing file is reported in plain words and
 * does not stop the others (the shell guarantees that; this keeps the per-file results).
 */
import type { ErrorCode, ImportOutcome, ImportProgress, SameTitle } from '$lib/bindings';
import { BackendError, knownErrorCode, type Backend } from '$lib/backend/backend';

/** The file name of a path (either slash). */
export function fileName(path: string): string {
  return path.split(/[\\/]/u).pop() ?? path;
}

/** Result line for one file. */
export interface FileResult {
  path: string;
  name: string;
  added: number;
  /** Ids of the documents added (each gets a button that opens it). */
  addedIds: number[];
  duplicates: string[];
  /** Documents added beside one of the same title already in the library. */
  sameTitle: SameTitle[];
  /** Error code when the file failed (message from i18n `error.<code>`). */
  error: ErrorCode | null;
  /** The shell's own message, shown as detail. */
  detail: string | null;
}

/** Turn the shell's outcomes into result lines. */
export function toResults(outcomes: readonly ImportOutcome[]): FileResult[] {
  return outcomes.map((o) => ({
    path: o.path,
    name: fileName(o.path),
    added: o.added.length,
    addedIds: [...o.added],
    duplicates: o.duplicates.map(([title]) => title),
    sameTitle: [...o.same_title],
    error: o.error ? knownErrorCode(o.error.code) : null,
    detail: o.error?.message ?? null,
  }));
}

export class ImportState {
  running = $state(false);
  progress = $state<ImportProgress | null>(null);
  results = $state.raw<FileResult[]>([]);
  /** A failure of the whole call (not of one file). */
  failure = $state<BackendError | null>(null);

  readonly totals = $derived({
    added: this.results.reduce((n, r) => n + r.added, 0),
    duplicates: this.results.reduce((n, r) => n + r.duplicates.length, 0),
    failed: this.results.filter((r) => r.error).length,
  });

  constructor(private readonly backend: Backend) {}

  /** Called for each `import-progress` event. */
  onProgress = (p: ImportProgress): void => {
    this.progress = p;
  };

  /** Import files; resolves when all are done. */
  async run(paths: string[]): Promise<void> {
    if (paths.length === 0 || this.running) return;
    this.running = true;
    this.failure = null;
    this.results = [];
    this.progress = { index: 0, total: paths.length, path: paths[0]! };
    try {
      this.results = toResults(await this.backend.importFiles(paths));
    } catch (e) {
      this.failure = BackendError.from(e, 'import_files');
    } finally {
      this.running = false;
      this.progress = null;
    }
  }

  /** Ask for files in the native dialog (its file types named `filterName`), then import them. */
  async pickAndRun(filterName: string): Promise<void> {
    await this.run(await this.backend.pickFiles(filterName));
  }

  dismiss(): void {
    this.results = [];
    this.failure = null;
  }
}
