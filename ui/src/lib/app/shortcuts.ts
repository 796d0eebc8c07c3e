/**
 * The keyboard shortcuts the app has, listed once for the help dialog (ShortcutsDialog.svelte).
 * Each is where its keys are handled: Shell.svelte (?/F1, n/p, F7, Ctrl+F, m), CompareTable.svelte
 * (arrows, Home/End), FindBar.svelte (Enter), MatrixGrid.svelte (arrows, pages, Home/End,
 * Enter/Space, S), $lib/app/roving (lists), NoteEditor.svelte (Ctrl+Enter), PairExtras.svelte
 * (Enter and ↓ in the pairing picker's filter), LibraryPane.svelte (Esc in the search). A key added there belongs here too.
 */
import type { MessageKey } from '$lib/i18n/messages';

/** A key as written on the keyboard, or one whose name is translated (`space`). */
export type Key = string | { name: 'space' };

/** One shortcut: its alternatives (each a chord of keys pressed together) and what it does. */
export interface Shortcut {
  keys: Key[][];
  does: MessageKey;
}

export interface ShortcutSection {
  title: MessageKey;
  items: Shortcut[];
}

const one = (...alternatives: string[]): Key[][] => alternatives.map((a) => a.split('+'));

export const SHORTCUTS: readonly ShortcutSection[] = [
  {
    title: 'help.section.global',
    items: [
      { keys: one('?', 'F1'), does: 'help.key.help' },
      { keys: one('Esc'), does: 'help.key.esc' },
    ],
  },
  {
    title: 'help.section.compare',
    items: [
      { keys: one('N', 'F7'), does: 'help.key.next' },
      { keys: one('P', 'Shift+F7'), does: 'help.key.prev' },
      { keys: one('Ctrl+F'), does: 'help.key.find' },
      { keys: one('M'), does: 'help.key.pair' },
      { keys: one('↑', '↓'), does: 'help.key.rows' },
      { keys: one('Home', 'End'), does: 'help.key.rowsEnds' },
    ],
  },
  {
    title: 'help.section.matrix',
    items: [
      { keys: one('↑', '↓', '←', '→'), does: 'help.key.cells' },
      { keys: one('Page Up', 'Page Down'), does: 'help.key.page' },
      { keys: one('Home', 'End'), does: 'help.key.rowEnds' },
      { keys: one('Ctrl+Home', 'Ctrl+End'), does: 'help.key.gridEnds' },
      { keys: [['Enter'], [{ name: 'space' }]], does: 'help.key.openCell' },
      { keys: one('S'), does: 'help.key.similarCell' },
      { keys: one('Shift+S'), does: 'help.key.similarUnit' },
    ],
  },
  {
    title: 'help.section.lists',
    items: [
      { keys: one('↑', '↓', '←', '→'), does: 'help.key.listMove' },
      { keys: one('Page Up', 'Page Down'), does: 'help.key.page' },
      { keys: one('Home', 'End'), does: 'help.key.listEnds' },
      { keys: one('Tab'), does: 'help.key.tab' },
    ],
  },
  {
    title: 'help.section.fields',
    items: [
      { keys: one('Enter', 'Shift+Enter'), does: 'help.key.findStep' },
      { keys: one('Ctrl+Enter'), does: 'help.key.saveNote' },
      { keys: one('Enter', '↓'), does: 'help.key.pairFilter' },
      { keys: one('Esc'), does: 'help.key.clearSearch' },
    ],
  },
];

/** Whether a keydown asks for the shortcut list: `?` outside a text box, or F1 anywhere. */
export function isHelpKey(e: KeyboardEvent, typing: boolean): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  return e.key === 'F1' || (e.key === '?' && !typing);
}
