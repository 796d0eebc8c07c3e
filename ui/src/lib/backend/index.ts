/**
 * Chooses the backend: the Tauri shell when running inside it, otherwise the mock/web
 * backend (loaded lazily, so the desktop bundle never executes it). Also the context helpers.
 */
import { getContext, setContext } from 'svelte';
import type { Backend } from './backend';

export * from './backend';

/** Whether the page runs inside the Tauri webview. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** The backend for this environment. */
export async function createBackend(): Promise<Backend> {
  if (inTauri()) {
    const { createTauriBackend } = await import('./tauri');
    return createTauriBackend();
  }
  const { createWebBackend } = await import('./mock/web');
  return createWebBackend();
}

const KEY = Symbol('backend');
export function setBackend(b: Backend): Backend {
  return setContext(KEY, b);
}
export function getBackend(): Backend {
  return getContext<Backend>(KEY);
}
