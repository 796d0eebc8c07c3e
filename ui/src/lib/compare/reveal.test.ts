import { describe, expect, it } from 'vitest';
import { revealDelta } from './reveal';

const view = { top: 100, bottom: 500 };

describe('revealDelta', () => {
  it('leaves what is already in view', () => {
    expect(revealDelta(view, { top: 300, bottom: 400 }, { top: 150, bottom: 400 })).toBe(0);
  });
  it('scrolls a target below the view up, with its row when both fit', () => {
    // Row 450–900 (clause 450–600, editor 600–900): all 450 px do not fit in 400; the
    // editor's bottom goes to the bottom (less the margin), the clause partly above it.
    expect(revealDelta(view, { top: 600, bottom: 900 }, { top: 450, bottom: 900 })).toBe(900 - 492);
    // Row 450–800 fits: its top to the view's top would also do, but the least move is to bring the bottom in.
    expect(revealDelta(view, { top: 600, bottom: 800 }, { top: 450, bottom: 800 })).toBe(800 - 492);
  });
  it('brings a row scrolled above the view down to its top', () => {
    expect(revealDelta(view, { top: 150, bottom: 300 }, { top: -50, bottom: 300 })).toBe(-150);
  });
  it('puts a target taller than the view at its top', () => {
    expect(revealDelta(view, { top: 700, bottom: 1300 }, { top: 600, bottom: 1300 })).toBe(600);
  });
});
