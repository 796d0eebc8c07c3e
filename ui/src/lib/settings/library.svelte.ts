/**
 * The library settings (kept by the shell in its settings file, not here): the local library
 * file or a team library on a PostgreSQL server, the server's URL, a password for this session
 * (never saved), and the author name written with notes and pairings. Backs the settings dialog
 * and the banner shown when the chosen team server could not be opened at startup.
 */
import type { ConnectionReport, LibraryKind, LibraryLocation } from '$lib/bindings';
import { BackendError, type Backend } from '$lib/backend/backend';

/** What the last "test connection" gave. */
export type TestResult = { ok: true; report: ConnectionReport } | { ok: false; error: BackendError };

export class LibrarySettings {
  /** The open library and the saved settings, as the shell reports them. */
  info = $state.raw<LibraryLocation | null>(null);
  /** The dialog is shown. */
  open = $state(false);
  kind = $state<LibraryKind>('file');
  url = $state('');
  /** Typed for this session only: sent with the request, never saved, cleared after use. */
  password = $state('');
  author = $state('');
  testing = $state(false);
  test = $state.raw<TestResult | null>(null);
  saving = $state(false);
  /** Why saving failed (the library in use did not change). */
  error = $state.raw<BackendError | null>(null);
  /** The startup fallback banner was dismissed. */
  dismissed = $state(false);

  /** Why the chosen team server is not in use (the local library was opened instead). */
  readonly fallback = $derived(this.dismissed ? null : (this.info?.fallback ?? null));

  constructor(private readonly backend: Backend) {}

  async load(): Promise<void> {
    this.info = await this.backend.libraryLocation();
  }

  /** Open the dialog with the settings in use (the team server when it was chosen but fell back). */
  show(): void {
    const i = this.info;
    this.kind = i?.fallback ? 'server' : (i?.kind ?? 'file');
    this.url = i?.server_url ?? '';
    this.password = '';
    this.author = i?.author ?? '';
    this.test = null;
    this.error = null;
    this.open = true;
  }

  close(): void {
    this.open = false;
    this.password = '';
  }

  /** Try the server in the URL field: its document count and version, or why it cannot be used. */
  async testConnection(): Promise<void> {
    this.testing = true;
    this.test = null;
    try {
      const report = await this.backend.testLibraryConnection(this.url.trim(), this.password || null);
      this.test = { ok: true, report };
    } catch (e) {
      this.test = { ok: false, error: BackendError.from(e, 'test_library_connection') };
    } finally {
      this.testing = false;
    }
  }

  /** Whether saving would open another library than the one in use. */
  get locationChanged(): boolean {
    const i = this.info;
    if (!i) return true;
    if (this.kind !== i.kind) return true;
    return this.kind === 'server' && (this.url.trim() !== (i.server_url ?? '') || this.password !== '');
  }

  /**
   * Apply the dialog: the author name, then the library when it changed (the shell opens it and
   * reloads). `true` when done (the dialog closes); on failure the error is shown and the library
   * in use stays.
   */
  async save(): Promise<boolean> {
    if (!this.info) return false;
    this.saving = true;
    this.error = null;
    // A failed test would repeat the save's own error (the same server, the same reason).
    if (this.test && !this.test.ok) this.test = null;
    try {
      const author = this.author.trim();
      if (author !== (this.info.author ?? '')) {
        this.info = await this.backend.setAuthorName(author === '' ? null : author);
      }
      if (this.locationChanged) {
        const server = this.kind === 'server';
        this.info = await this.backend.setLibraryLocation({
          kind: this.kind,
          url: server ? this.url.trim() : null,
          password: server && this.password !== '' ? this.password : null,
        });
        this.dismissed = false;
      }
      this.close();
      return true;
    } catch (e) {
      this.error = BackendError.from(e, 'set_library_location');
      return false;
    } finally {
      this.saving = false;
    }
  }
}
