import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapToDevicePixels } from './pixelSnap';

/** A region whose box starts at `at` (px) plus its inline margins, as a browser would lay it out. */
function region(at: { top: number; left: number }): HTMLElement {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => {
    const top = at.top + (parseFloat(el.style.marginTop) || 0);
    const left = at.left + (parseFloat(el.style.marginLeft) || 0);
    return { top, left, bottom: top + 500, right: left + 700, width: 700, height: 500, x: left, y: top, toJSON: () => ({}) } as DOMRect;
  };
  document.body.append(el);
  return el;
}

/** A display scale the test sets (jsdom's `devicePixelRatio` is always 1). */
function setRatio(value: number): void {
  Object.defineProperty(window, 'devicePixelRatio', { value, configurable: true });
}

/** A media query list from a stubbed `matchMedia` (jsdom has none), with the listeners it holds. */
interface FakeQuery {
  media: string;
  listeners: Set<EventListenerOrEventListenerObject>;
  /** The browser's side: the query stopped (or started) matching. */
  change(): void;
}

/** Stub `window.matchMedia`; every query it answers is kept, in order, in the list returned. */
function stubMatchMedia(): FakeQuery[] {
  const made: FakeQuery[] = [];
  vi.stubGlobal('matchMedia', (media: string) => {
    const listeners = new Set<EventListenerOrEventListenerObject>();
    const q: FakeQuery = {
      media,
      listeners,
      change: () => {
        for (const l of [...listeners]) (typeof l === 'function' ? l : l.handleEvent.bind(l))(new Event('change'));
      },
    };
    made.push(q);
    return {
      media,
      matches: true,
      onchange: null,
      addEventListener: (type: string, l: EventListenerOrEventListenerObject) => type === 'change' && listeners.add(l),
      removeEventListener: (type: string, l: EventListenerOrEventListenerObject) => type === 'change' && listeners.delete(l),
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    } as unknown as MediaQueryList;
  });
  return made;
}

const dpr = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
afterEach(() => {
  if (dpr) Object.defineProperty(window, 'devicePixelRatio', dpr);
  else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('snapToDevicePixels', () => {
  it('moves the region to the nearest whole pixels and keeps it there when measured again', () => {
    const at = { top: 172.65625, left: 307.1875 };
    const el = region(at);
    const detach = snapToDevicePixels(el) as () => void;
    expect(el.style.marginTop).toBe('0.34375px');
    expect(el.style.marginLeft).toBe('-0.1875px');
    window.dispatchEvent(new Event('resize'));
    expect(el.style.marginTop).toBe('0.34375px');
    expect(el.style.marginLeft).toBe('-0.1875px');
    // A bar above grows (a larger font): the region starts lower, and snaps from there.
    at.top = 180.25;
    window.dispatchEvent(new Event('resize'));
    expect(el.style.marginTop).toBe('-0.25px');
    detach();
    // Detached: no longer follows the window.
    at.top = 190.5;
    window.dispatchEvent(new Event('resize'));
    expect(el.style.marginTop).toBe('-0.25px');
  });

  it('snaps to device pixels, halves of a CSS pixel at a scale of 2', () => {
    setRatio(2);
    const el = region({ top: 172.65625, left: 307.5 });
    const detach = snapToDevicePixels(el) as () => void;
    expect(el.style.marginTop).toBe('-0.15625px');
    // 307.5 px is a whole device pixel already.
    expect(el.style.marginLeft).toBe('0px');
    detach();
  });

  it('snaps again when the display scale changes without a resize, watching the new scale', () => {
    const queries = stubMatchMedia();
    setRatio(1);
    const el = region({ top: 172.65625, left: 307.25 });
    const detach = snapToDevicePixels(el) as () => void;
    expect(el.style.marginTop).toBe('0.34375px');
    expect(el.style.marginLeft).toBe('-0.25px');
    expect(queries.map((q) => q.media)).toEqual(['(resolution: 1dppx)']);
    expect(queries[0]!.listeners.size).toBe(1);

    // The window moves to a HiDPI screen: the 1dppx query stops matching, no resize.
    setRatio(2);
    queries[0]!.change();
    expect(el.style.marginTop).toBe('-0.15625px');
    expect(el.style.marginLeft).toBe('0.25px');
    // Armed again for the new ratio; the old query is let go.
    expect(queries.map((q) => q.media)).toEqual(['(resolution: 1dppx)', '(resolution: 2dppx)']);
    expect(queries[0]!.listeners.size).toBe(0);
    expect(queries[1]!.listeners.size).toBe(1);

    // And back (the re-armed query works too).
    setRatio(1);
    queries[1]!.change();
    expect(el.style.marginTop).toBe('0.34375px');
    expect(el.style.marginLeft).toBe('-0.25px');
    expect(queries.map((q) => q.media)).toEqual(['(resolution: 1dppx)', '(resolution: 2dppx)', '(resolution: 1dppx)']);
    expect(queries[1]!.listeners.size).toBe(0);
    expect(queries[2]!.listeners.size).toBe(1);

    detach();
    // Detached: no query holds a listener any more, and a scale change moves nothing.
    expect(queries.every((q) => q.listeners.size === 0)).toBe(true);
    setRatio(2);
    for (const q of queries) q.change();
    expect(el.style.marginTop).toBe('0.34375px');
    expect(queries).toHaveLength(3);
  });
});
