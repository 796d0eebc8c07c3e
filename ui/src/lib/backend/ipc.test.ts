import { describe, expect, it } from 'vitest';
import { commands } from '$lib/bindings/commands';
import { BackendError } from './backend';
import { invoke, type RawInvoke } from './ipc';

/** A raw invoke that records each call and answers with `answer`. */
function recorder(answer: (cmd: string) => Promise<unknown>) {
  const calls: Array<[string, Record<string, unknown> | undefined]> = [];
  const raw: RawInvoke = (cmd, args) => {
    calls.push([cmd, args]);
    return answer(cmd);
  };
  return { calls, raw };
}

describe('generated commands over invoke', () => {
  it('send each command under its shell name with snake_case argument keys', async () => {
    const { calls, raw } = recorder(async () => null);
    const c = commands((command, args) => invoke(command, args, raw));
    await c.updateNote(3, null, '已核实');
    await c.listNotes(7, 9);
    await c.forbidPair({ left: 7, right: 9, left_path: '二/（二）/4', right_path: '二/（二）/1' });
    await c.libraryStatus();
    expect(calls).toEqual([
      ['update_note', { id: 3, tag: null, text: '已核实' }],
      ['list_notes', { left: 7, right: 9 }],
      ['forbid_pair', { request: { left: 7, right: 9, left_path: '二/（二）/4', right_path: '二/（二）/1' } }],
      ['library_status', {}],
    ]);
  });

  it("rethrow the shell's AppError as a BackendError naming the command", async () => {
    const { raw } = recorder(() => Promise.reject({ code: 'not_found', message: 'no document 999999' }));
    const c = commands((command, args) => invoke(command, args, raw));
    const err = await c.getDocument(999999).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: 'not_found', message: 'no document 999999', command: 'get_document' });
  });
});
