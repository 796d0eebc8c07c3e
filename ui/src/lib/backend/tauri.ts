/** The desktop implementation of {@link Backend}: shell commands, shell events, native dialogs. */
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import { commands } from '$lib/bindings/commands';
import { events, type EventName } from '$lib/bindings/events';
import { IMPORT_EXTENSIONS, type Backend, type FileDrop, type SaveFilter, type Unsubscribe } from './backend';
import { invoke } from './ipc';

/** Talks to the Tauri shell (src-tauri): the generated commands over {@link invoke}, the generated events over `listen`. */
export function createTauriBackend(): Backend {
  return {
    native: true,
    ...commands(invoke),
    ...events(listenTo),
    pickFiles,
    pickSavePath,
    onFileDrop,
  };
}

/** Tauri's `listen`, handing the callback the payload only. */
function listenTo<T>(event: EventName, cb: (payload: T) => void): Promise<Unsubscribe> {
  return listen<T>(event, (e) => cb(e.payload));
}

export async function pickFiles(filterName: string): Promise<string[]> {
  const picked = await open({
    multiple: true,
    directory: false,
    filters: [{ name: filterName, extensions: IMPORT_EXTENSIONS }],
  });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

async function pickSavePath(defaultPath: string, filters: SaveFilter[]): Promise<string | null> {
  return (await save({ defaultPath, filters })) ?? null;
}

function onFileDrop(cb: (e: FileDrop) => void): Promise<Unsubscribe> {
  return getCurrentWebview().onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === 'drop') cb({ type: 'drop', paths: p.paths });
    else if (p.type === 'leave') cb({ type: 'leave' });
    else cb({ type: 'over' });
  });
}
