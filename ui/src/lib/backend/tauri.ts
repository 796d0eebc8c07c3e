/** The desktop implementation of {@link Backend}: shell commands, shell events, native dialogs. */
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import type {
  CompareRequest,
  Comparison,
  DocRow,
  ExportRequest,
  ImportOutcome,
  LibraryStatus,
  ListFilter,
  NoteRequest,
  PairingRequest,
  RecentComparison,
  SearchHit,
  StoredDoc,
  StoredNote,
} from '$lib/bindings';
import {
  IMPORT_EXTENSIONS,
  type Backend,
  type CorpusImportProgress,
  type ExportProgress,
  type FileDrop,
  type ImportProgress,
  type SaveFilter,
  type Unsubscribe,
} from './backend';
import { invoke } from './ipc';

/** Talks to the Tauri shell (src-tauri). */
export class TauriBackend implements Backend {
  readonly native = true;

  libraryStatus(): Promise<LibraryStatus> {
    return invoke('library_status');
  }
  listDocuments(filter: ListFilter): Promise<DocRow[]> {
    return invoke('list_documents', { filter });
  }
  getDocument(id: number): Promise<StoredDoc> {
    return invoke('get_document', { id });
  }
  search(query: string, limit: number): Promise<SearchHit[]> {
    return invoke('search', { query, limit });
  }
  compareDocuments(request: CompareRequest): Promise<Comparison> {
    return invoke('compare_documents', { request });
  }
  recentComparisons(limit: number): Promise<RecentComparison[]> {
    return invoke('recent_comparisons', { limit });
  }
  importFiles(paths: string[]): Promise<ImportOutcome[]> {
    return invoke('import_files', { paths });
  }
  deleteDocument(id: number): Promise<void> {
    return invoke('delete_document', { id });
  }
  async pickFiles(): Promise<string[]> {
    const picked = await open({
      multiple: true,
      directory: false,
      filters: [{ name: 'Policy documents', extensions: IMPORT_EXTENSIONS }],
    });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  }

  listNotes(left: number, right: number): Promise<StoredNote[]> {
    return invoke('list_notes', { left, right });
  }
  addNote(request: NoteRequest): Promise<number> {
    return invoke('add_note', { request });
  }
  updateNote(id: number, tag: string | null, text: string): Promise<void> {
    return invoke('update_note', { id, tag, text });
  }
  deleteNote(id: number): Promise<void> {
    return invoke('delete_note', { id });
  }
  noteTags(): Promise<string[]> {
    return invoke('note_tags');
  }
  forcePair(request: PairingRequest): Promise<void> {
    return invoke('force_pair', { request });
  }
  forbidPair(request: PairingRequest): Promise<void> {
    return invoke('forbid_pair', { request });
  }
  clearPairing(request: PairingRequest): Promise<boolean> {
    return invoke('clear_pairing', { request });
  }
  exportComparison(request: ExportRequest): Promise<void> {
    return invoke('export_comparison', { request });
  }
  cancelExport(id: string): Promise<void> {
    return invoke('cancel_export', { id });
  }
  async pickSavePath(defaultPath: string, filters: SaveFilter[]): Promise<string | null> {
    return (await save({ defaultPath, filters })) ?? null;
  }

  onCorpusProgress(cb: (p: CorpusImportProgress) => void): Promise<Unsubscribe> {
    return listen<CorpusImportProgress>('corpus-import-progress', (e) => cb(e.payload));
  }
  onImportProgress(cb: (p: ImportProgress) => void): Promise<Unsubscribe> {
    return listen<ImportProgress>('import-progress', (e) => cb(e.payload));
  }
  onLibraryChanged(cb: () => void): Promise<Unsubscribe> {
    return listen('library-changed', () => cb());
  }
  onExportProgress(cb: (p: ExportProgress) => void): Promise<Unsubscribe> {
    return listen<ExportProgress>('export-progress', (e) => cb(e.payload));
  }
  onFileDrop(cb: (e: FileDrop) => void): Promise<Unsubscribe> {
    return getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === 'drop') cb({ type: 'drop', paths: p.paths });
      else if (p.type === 'leave') cb({ type: 'leave' });
      else cb({ type: 'over' });
    });
  }
}
