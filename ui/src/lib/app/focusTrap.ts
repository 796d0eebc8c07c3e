/**
 * Keeping Tab inside a modal dialog. `showModal()` makes the page behind inert, but Chromium
 * (and so the Tauri webview on Windows and Linux) still lets Tab leave the dialog once per
 * cycle: after the last control the focus goes to the window itself (the body) before it comes
 * back to the first. {@link trapTab} wraps it instead: Tab on the last tab stop goes to the
 * first, Shift+Tab on the first to the last.
 */

const CANDIDATES = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'iframe',
  '[tabindex]',
  '[contenteditable]:not([contenteditable="false"])',
].join(', ');

/** Whether `el` is rendered (jsdom has no layout: there, only what the markup says). */
function shown(el: HTMLElement, root: HTMLElement): boolean {
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
  for (let n: HTMLElement | null = el; n && n !== root.parentElement; n = n.parentElement) {
    if (n.hidden || n.hasAttribute('inert')) return false;
    // Inside a closed <details> only its own <summary> is shown.
    const details: HTMLElement | null = n.parentElement;
    if (details instanceof HTMLDetailsElement && !details.open && !(n.tagName === 'SUMMARY' && n === details.querySelector(':scope > summary'))) return false;
  }
  return true;
}

/** A radio in a group with a checked member is a tab stop only when it is that member. */
function radioStop(el: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name || el.checked) return true;
  const scope = el.form ?? el.ownerDocument;
  const group = [...scope.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((r) => r.name === el.name && r.form === el.form);
  return !group.some((r) => r.checked);
}

/** Whether the summary is its details' own (the first summary child), which is focusable. */
function ownSummary(el: HTMLElement): boolean {
  const d = el.parentElement;
  return d instanceof HTMLDetailsElement && d.querySelector(':scope > summary') === el;
}

/**
 * The tab stops inside `root`, in document order (positive tabindex values are not used in
 * this app and are ordered as 0): enabled, rendered, not `tabindex="-1"`, one per radio group.
 */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => {
    if (el.tabIndex < 0) return false;
    if (el.tagName === 'SUMMARY' && !ownSummary(el)) return false;
    if (el.matches(':disabled')) return false;
    return shown(el, root) && radioStop(el);
  });
}

/** Whether `a` and `b` are the same tab stop (two radios of one group are). */
function sameStop(a: Element | null, b: HTMLElement): boolean {
  if (a === b) return true;
  return (
    a instanceof HTMLInputElement &&
    b instanceof HTMLInputElement &&
    a.type === 'radio' &&
    b.type === 'radio' &&
    a.name !== '' &&
    a.name === b.name &&
    a.form === b.form
  );
}

/**
 * Handle a keydown inside `root` (a modal dialog): on Tab at the last tab stop, or Shift+Tab
 * at the first, or on either while the focus is on `root` itself or outside it, move the focus
 * to the other end and take the key. Returns whether it did; other keys and other positions
 * are left to the browser.
 */
export function trapTab(e: KeyboardEvent, root: HTMLElement): boolean {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return false;
  const stops = tabbables(root);
  const first = stops[0];
  const last = stops.at(-1);
  if (!first || !last) {
    // Nothing to move to: the focus stays where it is rather than leave the dialog.
    e.preventDefault();
    return true;
  }
  const active = root.ownerDocument.activeElement;
  const outside = !active || active === root || !root.contains(active);
  let to: HTMLElement | null = null;
  if (e.shiftKey && (outside || sameStop(active, first))) to = last;
  else if (!e.shiftKey && (outside || sameStop(active, last))) to = first;
  if (!to) return false;
  e.preventDefault();
  to.focus();
  return true;
}
