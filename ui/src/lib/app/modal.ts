/**
 * A modal `<dialog>`, the one way the app's dialogs behave (`use:modal={{ close }}`):
 * - opened with `showModal()` (the page behind is inert; jsdom, which has none, only shows it);
 * - the focus goes to `focus()`'s element, else the dialog's first field or button, and returns
 *   to the control that had it when the dialog goes;
 * - Tab stays inside ({@link trapTab}); Esc, the browser's own cancel and a click on the
 *   backdrop (pressed and released there, not a drag out of the dialog) call `close`, which
 *   closes it through the app's state: the element is never closed alone.
 */
import { tick } from 'svelte';
import { trapTab } from './focusTrap';

export interface ModalOptions {
  /** Close the dialog through the app's state (or refuse to, e.g. while it saves). */
  close: () => void;
  /** The element that takes the focus when the dialog opens. */
  focus?: () => HTMLElement | null | undefined;
  /** Keep the page's own keyboard shortcuts from acting behind the dialog. */
  isolateKeys?: boolean;
}

export function modal(dialog: HTMLDialogElement, initial: ModalOptions) {
  let options = initial;
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body ? active : null;
  if (typeof dialog.showModal === 'function') {
    if (!dialog.open) dialog.showModal();
  } else dialog.setAttribute('open', '');
  void tick().then(() => (options.focus?.() ?? dialog.querySelector<HTMLElement>('input, select, textarea, button'))?.focus());

  let downOnBackdrop = false;
  const onKey = (e: KeyboardEvent) => {
    if (options.isolateKeys) e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      options.close();
    } else trapTab(e, dialog);
  };
  const onCancel = (e: Event) => {
    e.preventDefault();
    options.close();
  };
  const onDown = (e: MouseEvent) => (downOnBackdrop = e.target === dialog);
  const onClick = (e: MouseEvent) => {
    if (e.target === dialog && downOnBackdrop) options.close();
    downOnBackdrop = false;
  };
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener('cancel', onCancel);
  dialog.addEventListener('mousedown', onDown);
  dialog.addEventListener('click', onClick);
  return {
    update(next: ModalOptions) {
      options = next;
    },
    destroy() {
      dialog.removeEventListener('keydown', onKey);
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('mousedown', onDown);
      dialog.removeEventListener('click', onClick);
      if (opener?.isConnected) opener.focus();
    },
  };
}
