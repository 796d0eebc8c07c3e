import { afterEach, describe, expect, it } from 'vitest';
import { FoldMenu } from './foldMenu.svelte';

/** What the attachments run in a test left to undo (the window's pointer listener). */
const detach: Array<() => void> = [];
afterEach(() => {
  detach.splice(0).forEach((undo) => undo());
  document.body.innerHTML = '';
});

/** Runs the attachments among `props` on `el`, as spreading them on it in a component does. */
function attach(el: HTMLElement, props: object): void {
  for (const key of Object.getOwnPropertySymbols(props)) {
    const undo = (props as Record<symbol, (node: HTMLElement) => void | (() => void)>)[key]!(el);
    if (undo) detach.push(undo);
  }
}

function setup(folded = true) {
  document.body.innerHTML = `
    <div id="group"><button id="menu">导出 ▾</button><div id="panel"><button id="inside">导出</button></div></div>
    <button id="outside">生成矩阵</button>`;
  const el = (id: string) => document.getElementById(id) as HTMLElement;
  const menu = new FoldMenu(() => folded, 'export-box');
  attach(el('group'), menu.group);
  attach(el('menu'), menu.button);
  attach(el('panel'), menu.panel);
  return { menu, el };
}

describe('FoldMenu', () => {
  it('Escape closes an open folded menu and gives the button the keyboard', () => {
    const { menu, el } = setup();
    menu.toggle();
    el('inside').focus();
    const e = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    menu.onKey(e);
    expect(menu.open).toBe(false);
    expect(e.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(el('menu'));
  });

  it('Escape does nothing while the controls are not folded', () => {
    const { menu } = setup(false);
    menu.toggle();
    const e = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    menu.onKey(e);
    expect(menu.open).toBe(true);
    expect(e.defaultPrevented).toBe(false);
  });

  it('owns the button\'s and the box\'s attributes: the button shown while folded, the box hidden while folded and closed', () => {
    let folded = false;
    const menu = new FoldMenu(() => folded, 'export-box');
    expect(menu.button).toMatchObject({ hidden: true, 'aria-expanded': false, 'aria-controls': 'export-box' });
    expect(menu.panel).toMatchObject({ id: 'export-box', hidden: false, 'data-open': undefined });
    folded = true;
    expect(menu.button).toMatchObject({ hidden: false, 'aria-expanded': false });
    expect(menu.panel).toMatchObject({ hidden: true });
    (menu.button.onclick as () => void)();
    expect(menu.button).toMatchObject({ hidden: false, 'aria-expanded': true });
    expect(menu.panel).toMatchObject({ hidden: false, 'data-open': '' });
  });

  it('focus or a pointer leaving the group closes it; inside it stays open', () => {
    const { menu, el } = setup();
    menu.toggle();
    menu.onFocusOut(new FocusEvent('focusout', { relatedTarget: el('inside') }));
    expect(menu.open).toBe(true);
    menu.onFocusOut(new FocusEvent('focusout', { relatedTarget: el('outside') }));
    expect(menu.open).toBe(false);
    menu.toggle();
    menu.onWindowPointer({ target: el('inside') } as unknown as PointerEvent);
    expect(menu.open).toBe(true);
    el('outside').dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(menu.open).toBe(false);
    expect(document.activeElement).not.toBe(el('menu'));
  });

  it('gives back the group, button and panel elements it is spread on, until they leave the page', () => {
    const { menu, el } = setup();
    expect(menu.groupElement).toBe(el('group'));
    expect(menu.buttonElement).toBe(el('menu'));
    expect(menu.panelElement).toBe(el('panel'));
    detach.splice(0).forEach((undo) => undo());
    expect(menu.groupElement).toBeUndefined();
    expect(menu.buttonElement).toBeUndefined();
    expect(menu.panelElement).toBeUndefined();
  });
});
