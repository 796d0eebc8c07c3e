import { afterEach, describe, expect, it } from 'vitest';
import { FoldMenu } from './foldMenu.svelte';

afterEach(() => {
  document.body.innerHTML = '';
});

function setup(folded = true) {
  document.body.innerHTML = `
    <div id="group"><button id="menu">导出 ▾</button><button id="inside">导出</button></div>
    <button id="outside">生成矩阵</button>`;
  const el = (id: string) => document.getElementById(id) as HTMLElement;
  const menu = new FoldMenu(() => el('menu'), () => el('group'), () => folded);
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
    menu.onWindowPointer({ target: el('outside') } as unknown as PointerEvent);
    expect(menu.open).toBe(false);
    expect(document.activeElement).not.toBe(el('menu'));
  });
});
