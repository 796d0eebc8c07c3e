import type { Attachment } from 'svelte/attachments';

/**
 * Moves a scroll region with sticky heads by at most half a pixel, to the nearest whole device
 * pixel (where the heads are painted anyway), through its own top and left margins (set inline:
 * the element has no margins of its own). The bars above such a region are sized in em, so its
 * top can fall between two pixels (172.66 px at 1024×768): WebKitGTK then clipped the scrolled
 * body from the pixel the region starts in (172) but painted the sticky heads from the nearest one
 * (173), and a line of the body showed above the heads. The left edge (a sticky first column) is
 * kept the same way.
 *
 * Measured again whenever the region is resized (it fills the space under the bars, so a bar
 * growing or shrinking with the font size, the language or the window's width resizes it too),
 * when the window is, and when the display scale changes (the window moved to a HiDPI screen, or
 * the page zoomed), which changes `devicePixelRatio` without necessarily resizing anything: a
 * `(resolution: Ndppx)` media query for the current ratio stops matching, and is armed again for
 * the new one.
 */
export const snapToDevicePixels: Attachment<HTMLElement> = (el) => {
  let nudge = { top: 0, left: 0 };
  const align = (): void => {
    const dpr = window.devicePixelRatio || 1;
    const r = el.getBoundingClientRect();
    // Device px where the region starts without the nudge, and the nudge to the nearest whole pixel.
    const snap = (edge: number, now: number) => {
      const at = (edge - now) * dpr;
      return (Math.round(at) - at) / dpr;
    };
    const next = { top: snap(r.top, nudge.top), left: snap(r.left, nudge.left) };
    if (Math.abs(next.top - nudge.top) <= 0.005 && Math.abs(next.left - nudge.left) <= 0.005) return;
    nudge = next;
    el.style.marginTop = `${next.top}px`;
    el.style.marginLeft = `${next.left}px`;
  };
  align();
  const observer = new ResizeObserver(align);
  observer.observe(el);
  window.addEventListener('resize', align);
  // The display scale: a query that matches the current ratio only, replaced after each change.
  let scale: MediaQueryList | undefined;
  const onScale = (): void => {
    align();
    watchScale();
  };
  const watchScale = (): void => {
    scale?.removeEventListener('change', onScale);
    // (No matchMedia in jsdom, where the component tests mount this.)
    scale = typeof window.matchMedia === 'function'
      ? window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`)
      : undefined;
    scale?.addEventListener('change', onScale);
  };
  watchScale();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', align);
    scale?.removeEventListener('change', onScale);
    scale = undefined;
  };
};
