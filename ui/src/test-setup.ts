/**
 * What component tests need that jsdom lacks. jsdom lays nothing out, so element sizes are 0
 * and a ResizeObserver (behind Svelte's `bind:clientHeight`) would never report: a no-op one.
 */
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};
