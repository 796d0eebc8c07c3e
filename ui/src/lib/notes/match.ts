/**
 * Notes ↔ pairs: a stored note names its pair by (left clause path, right clause path);
 * these pure functions find each note's pair in the current comparison, the notes left
 * without one (the pairing changed since), and the order of the notes panel.
 */
import type { Pair, StoredNote } from '$lib/bindings';

/** The key of a pair (or of a note's pair): its two clause paths. */
export function pairKey(leftPath: string | null | undefined, rightPath: string | null | undefined): string {
  return JSON.stringify([leftPath ?? null, rightPath ?? null]);
}

/** The key of a pair of the comparison. */
export function keyOfPair(p: Pair): string {
  return pairKey(p.left?.path, p.right?.path);
}

/** Notes placed on the pairs of one comparison. */
export interface NoteMatch {
  /** Pair index → its notes, oldest first. */
  byPair: Map<number, StoredNote[]>;
  /** Note id → pair index, for the notes that have a pair. */
  pairOf: Map<number, number>;
  /** Notes whose pair is not in the comparison (shown as 未对应). */
  unmatched: StoredNote[];
}

/**
 * Match notes to pairs by their two paths. When two pairs share both paths (it does not
 * happen in the core's output, but a fixture may), the first one takes the note.
 */
export function matchNotes(pairs: readonly Pair[], notes: readonly StoredNote[]): NoteMatch {
  const index = new Map<string, number>();
  pairs.forEach((p, i) => {
    const k = keyOfPair(p);
    if (!index.has(k)) index.set(k, i);
  });
  const byPair = new Map<number, StoredNote[]>();
  const pairOf = new Map<number, number>();
  const unmatched: StoredNote[] = [];
  for (const n of notes) {
    const i = index.get(pairKey(n.left_path, n.right_path));
    if (i === undefined) {
      unmatched.push(n);
      continue;
    }
    pairOf.set(n.id, i);
    if (!byPair.has(i)) byPair.set(i, []);
    byPair.get(i)!.push(n);
  }
  return { byPair, pairOf, unmatched };
}

/** One line of the notes panel: a note and the pair it jumps to (`null`: 未对应). */
export interface PanelEntry {
  note: StoredNote;
  pair: number | null;
}

/** The notes panel in reading order of the comparison; notes without a pair come last. */
export function panelEntries(m: NoteMatch, notes: readonly StoredNote[]): PanelEntry[] {
  const placed = notes
    .filter((n) => m.pairOf.has(n.id))
    .map((note) => ({ note, pair: m.pairOf.get(note.id)! }))
    .sort((a, b) => a.pair - b.pair || a.note.id - b.note.id);
  return [...placed, ...m.unmatched.map((note) => ({ note, pair: null }))];
}
