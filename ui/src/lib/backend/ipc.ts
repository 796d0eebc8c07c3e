/**
 * The one `invoke` wrapper: logs each command (name, time taken) and rethrows the shell's
 * `AppError` as a typed {@link BackendError}. The generated `commands(invoke)` calls it;
 * only the Tauri backend uses it.
 */
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type { CommandName } from '$lib/bindings/commands';
import { BackendError } from './backend';

/** Signature of Tauri's `invoke`, injectable for tests. */
export type RawInvoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

/** Call a shell command. Arguments are keyed by their Rust (snake_case) names. */
export async function invoke<T>(
  command: CommandName,
  args: Record<string, unknown> = {},
  raw: RawInvoke = tauriInvoke,
): Promise<T> {
  const start = performance.now();
  try {
    const result = (await raw(command, args)) as T;
    console.debug(`[ipc] ${command} ok ${(performance.now() - start).toFixed(0)} ms`);
    return result;
  } catch (err) {
    const e = BackendError.from(err, command);
    console.warn(`[ipc] ${command} failed (${e.code}): ${e.message}`);
    throw e;
  }
}
