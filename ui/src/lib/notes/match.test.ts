import { describe, expect, it } from 'vitest';
import type { StoredNote } from '$lib/bindings';
import { everyKind } from '$lib/compare/testing';
import { matchNotes, panelEntries, pairKey } from './match';

const note = (id: number, left_path: string | null, right_path: string | null, text = `批注${id}`): StoredNote => ({
  id,
  left_path,
  right_path,
  tag: null,
  text,
  created_at: '2026-11-26T08:00:00Z',
  updated_at: '2026-11-26T08:00:00Z',
});

describe('matchNotes', () => {
  // everyKind(): pair 1 is ¶2↔¶2 (modified), 2 is ¶3↔— (left only), 9 is —↔¶8 (right only).
  const pairs = everyKind().pairs;

  it('puts each note under the pair with both of its paths, one-sided pairs included', () => {
    const m = matchNotes(pairs, [note(1, '¶2', '¶2'), note(2, '¶3', null), note(3, null, '¶8'), note(4, '¶2', '¶2')]);
    expect([...m.byPair.keys()].sort((a, b) => a - b)).toEqual([1, 2, 9]);
    expect(m.byPair.get(1)!.map((n) => n.id)).toEqual([1, 4]);
    expect(m.pairOf.get(2)).toBe(2);
    expect(m.pairOf.get(3)).toBe(9);
    expect(m.unmatched).toEqual([]);
  });

  it('leaves a note unmatched when only one of its paths still pairs that way', () => {
    // ¶3 is now left-only: a note written when ¶3 was paired with ¶3 has no pair any more;
    // so has a note on a one-sided row that has since been paired (¶2 alone).
    const m = matchNotes(pairs, [note(1, '¶3', '¶3'), note(2, '¶2', null), note(3, '¶1', '¶1')]);
    expect(m.unmatched.map((n) => n.id)).toEqual([1, 2]);
    expect(m.pairOf.get(3)).toBe(0);
  });

  it('does not confuse a missing side with a path of that name', () => {
    expect(pairKey(null, '¶1')).not.toBe(pairKey('null', '¶1'));
    expect(pairKey(undefined, '¶1')).toBe(pairKey(null, '¶1'));
  });
});

describe('panelEntries', () => {
  it('lists notes in reading order of their pairs, unmatched ones last, with the pair to jump to', () => {
    const pairs = everyKind().pairs;
    const notes = [note(1, null, '¶8'), note(2, 'gone', 'gone'), note(3, '¶2', '¶2'), note(4, '¶1', '¶1')];
    const e = panelEntries(matchNotes(pairs, notes), notes);
    expect(e.map((x) => [x.note.id, x.pair])).toEqual([
      [4, 0],
      [3, 1],
      [1, 9],
      [2, null],
    ]);
  });
});
