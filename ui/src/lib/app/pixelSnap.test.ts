import { afterEach, describe, expect, it } from 'vitest';
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

const dpr = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
afterEach(() => {
  if (dpr) Object.defineProperty(window, 'devicePixelRatio', dpr);
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
    Object.defineProperty(window, 'devicePixelRatio', { value: 2, configurable: true });
    const el = region({ top: 172.65625, left: 307.5 });
    const detach = snapToDevicePixels(el) as () => void;
    expect(el.style.marginTop).toBe('-0.15625px');
    // 307.5 px is a whole device pixel already.
    expect(el.style.marginLeft).toBe('0px');
    detach();
  });
});
