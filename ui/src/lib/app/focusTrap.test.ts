import { afterEach, describe, expect, it } from 'vitest';
import { tabbables, trapTab } from './focusTrap';

afterEach(() => {
  document.body.innerHTML = '';
});

function dialog(html: string): HTMLElement {
  const d = document.createElement('dialog');
  d.setAttribute('open', '');
  d.innerHTML = html;
  document.body.append(d);
  return d;
}

const FORM = `
  <form>
    <input type="radio" name="kind" value="file" id="file" checked />
    <input type="radio" name="kind" value="server" id="server" />
    <input type="hidden" name="x" />
    <div hidden><input id="hidden" /></div>
    <details><summary id="sum">More</summary><button id="folded">In a closed details</button></details>
    <input id="author" />
    <button id="off" disabled>Off</button>
    <button id="skipped" tabindex="-1">Skipped</button>
    <button id="cancel" type="button">Cancel</button>
    <button id="save">Save</button>
  </form>`;

/** Dispatch a Tab keydown on the focused element; returns whether the page would move the focus itself. */
function tab(shift = false): boolean {
  const e = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: shift, bubbles: true, cancelable: true });
  (document.activeElement ?? document.body).dispatchEvent(e);
  return !e.defaultPrevented;
}

describe('tabbables', () => {
  it('lists the tab stops in order: one per radio group, no hidden, disabled, folded or tabindex=-1 controls', () => {
    const d = dialog(FORM);
    expect(tabbables(d).map((e) => e.id)).toEqual(['file', 'sum', 'author', 'cancel', 'save']);
    d.querySelector<HTMLInputElement>('#server')!.checked = true;
    d.querySelector('details')!.open = true;
    expect(tabbables(d).map((e) => e.id)).toEqual(['server', 'sum', 'folded', 'author', 'cancel', 'save']);
  });

  it('keeps every radio of a group with none checked (the first is the stop forwards, the last backwards)', () => {
    const d = dialog('<input type="radio" name="g" id="a" /><input type="radio" name="g" id="b" /><button id="c">c</button>');
    expect(tabbables(d).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('trapTab', () => {
  function mount() {
    const d = dialog(FORM);
    d.addEventListener('keydown', (e) => trapTab(e, d));
    return d;
  }

  it('wraps Tab from the last control to the first', () => {
    const d = mount();
    d.querySelector<HTMLElement>('#save')!.focus();
    expect(tab()).toBe(false);
    expect(document.activeElement?.id).toBe('file');
  });

  it('wraps Shift+Tab from the first control (any radio of its group) to the last', () => {
    const d = mount();
    d.querySelector<HTMLElement>('#file')!.focus();
    expect(tab(true)).toBe(false);
    expect(document.activeElement?.id).toBe('save');
    // The group's other radio, checked by the arrow keys, is the same first stop.
    const server = d.querySelector<HTMLInputElement>('#server')!;
    server.checked = true;
    server.focus();
    expect(tab(true)).toBe(false);
    expect(document.activeElement?.id).toBe('save');
  });

  it('leaves Tab in the middle to the browser', () => {
    const d = mount();
    d.querySelector<HTMLElement>('#author')!.focus();
    expect(tab()).toBe(true);
    expect(tab(true)).toBe(true);
    expect(document.activeElement?.id).toBe('author');
  });

  it('wraps to the last enabled control when the last one is disabled', () => {
    const d = mount();
    d.querySelector<HTMLButtonElement>('#save')!.disabled = true;
    d.querySelector<HTMLElement>('#cancel')!.focus();
    expect(tab()).toBe(false);
    expect(document.activeElement?.id).toBe('file');
    expect(tab(true)).toBe(false);
    expect(document.activeElement?.id).toBe('cancel');
  });

  it('brings the focus back in from the dialog element itself', () => {
    const d = mount();
    d.tabIndex = -1;
    d.focus();
    expect(tab()).toBe(false);
    expect(document.activeElement?.id).toBe('file');
    d.focus();
    expect(tab(true)).toBe(false);
    expect(document.activeElement?.id).toBe('save');
  });

  it('ignores other keys', () => {
    const d = mount();
    d.querySelector<HTMLElement>('#save')!.focus();
    const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(false);
    expect(document.activeElement?.id).toBe('save');
  });
});
