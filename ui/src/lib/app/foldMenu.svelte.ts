import { createAttachmentKey, type Attachment } from 'svelte/attachments';
import type { HTMLAttributes, HTMLButtonAttributes } from 'svelte/elements';

const GROUP = createAttachmentKey();
const BUTTON = createAttachmentKey();
const PANEL = createAttachmentKey();

/**
 * A toolbar's controls folded behind one menu button when the row is too narrow for them
 * (the compare toolbar's "More", the matrix toolbar's "Export"): open or closed, and the ways
 * it closes — Escape (the button takes the keyboard back), focus moving out of its group, a
 * pointer pressed outside it.
 *
 * It owns the bindings of the three elements it needs, spread on them by the toolbar, which keeps
 * their markup and its styles: `{...menu.group}` on the element holding the button and the
 * folded controls, `{...menu.button}` on the menu button, `{...menu.panel}` on the controls'
 * box (open: `data-open`). The toolbar reads the elements back from it (`groupElement`,
 * `buttonElement`, `panelElement`) rather than binding them a second time.
 */
export class FoldMenu {
  open = $state(false);

  readonly #folded: () => boolean;
  readonly #id: string;
  #button: HTMLElement | undefined;
  // State: a toolbar that measures the group (its row's end) fits again once it is there.
  #group = $state<HTMLElement | undefined>();
  // State too: the compare toolbar measures the panel to fit.
  #panel = $state<HTMLElement | undefined>();

  /**
   * @param folded whether the controls are behind the button now (the toolbar is narrow)
   * @param id the controls' box's id (the button's `aria-controls`)
   */
  constructor(folded: () => boolean, id: string) {
    this.#folded = folded;
    this.#id = id;
  }

  /** The menu button, once rendered. */
  get buttonElement(): HTMLElement | undefined {
    return this.#button;
  }

  /** The group's element (the one `{...menu.group}` is spread on), once rendered. */
  get groupElement(): HTMLElement | undefined {
    return this.#group;
  }

  /** The controls' box (the one `{...menu.panel}` is spread on), once rendered. */
  get panelElement(): HTMLElement | undefined {
    return this.#panel;
  }

  /** The group's element: Escape and the focus leaving it close the menu, as does a pointer pressed outside it. */
  get group(): HTMLAttributes<HTMLElement> {
    return { onkeydown: this.onKey, onfocusout: this.onFocusOut, [GROUP]: this.#attachGroup };
  }

  /** The menu button: shown while the controls are folded, it opens and closes them. */
  get button(): HTMLButtonAttributes {
    const folded = this.#folded();
    return {
      hidden: !folded,
      'aria-expanded': folded && this.open,
      'aria-controls': this.#id,
      onclick: this.toggle,
      [BUTTON]: this.#attachButton,
    };
  }

  /** The controls' box: hidden while folded and closed. */
  get panel(): HTMLAttributes<HTMLElement> {
    return { id: this.#id, hidden: this.#folded() && !this.open, 'data-open': this.open ? '' : undefined, [PANEL]: this.#attachPanel };
  }

  readonly #attachGroup: Attachment<HTMLElement> = (node) => {
    this.#group = node;
    window.addEventListener('pointerdown', this.onWindowPointer);
    return () => {
      window.removeEventListener('pointerdown', this.onWindowPointer);
      if (this.#group === node) this.#group = undefined;
    };
  };

  readonly #attachPanel: Attachment<HTMLElement> = (node) => {
    this.#panel = node;
    return () => {
      if (this.#panel === node) this.#panel = undefined;
    };
  };

  readonly #attachButton: Attachment<HTMLElement> = (node) => {
    this.#button = node;
    return () => {
      if (this.#button === node) this.#button = undefined;
    };
  };

  toggle = (): void => {
    this.open = !this.open;
  };

  close = (focusButton: boolean): void => {
    if (!this.open) return;
    this.open = false;
    if (focusButton) this.#button?.focus();
  };

  /** On the group: Escape closes an open folded menu. */
  onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#folded() && this.open) {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
    }
  };

  /** On the group: the focus leaving it closes the menu. */
  onFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    const group = this.#group;
    if (to && group && !group.contains(to)) this.close(false);
  };

  /** On the window (while the group is in the page): a pointer pressed outside the group closes the menu. */
  onWindowPointer = (e: PointerEvent): void => {
    const group = this.#group;
    if (this.open && group && !group.contains(e.target as Node)) this.close(false);
  };
}
