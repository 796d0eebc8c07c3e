/**
 * A toolbar's controls folded behind one menu button when the row is too narrow for them
 * (the compare toolbar's "More", the matrix toolbar's "Export"): open or closed, and the ways
 * it closes — Escape (the button takes the keyboard back), focus moving out of its group, a
 * pointer pressed outside it.
 */
export class FoldMenu {
  open = $state(false);

  /**
   * @param button the menu button (takes the focus back on Escape)
   * @param group the element holding the button and the folded controls
   * @param folded whether the controls are behind the button now (the toolbar is narrow)
   */
  constructor(
    button: () => HTMLElement | undefined,
    group: () => HTMLElement | undefined,
    folded: () => boolean,
  ) {
    this.button = button;
    this.group = group;
    this.folded = folded;
  }

  private readonly button: () => HTMLElement | undefined;
  private readonly group: () => HTMLElement | undefined;
  private readonly folded: () => boolean;

  toggle = (): void => {
    this.open = !this.open;
  };

  close = (focusButton: boolean): void => {
    if (!this.open) return;
    this.open = false;
    if (focusButton) this.button()?.focus();
  };

  /** On the group: Escape closes an open folded menu. */
  onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.folded() && this.open) {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
    }
  };

  /** On the group: the focus leaving it closes the menu. */
  onFocusOut = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    const group = this.group();
    if (to && group && !group.contains(to)) this.close(false);
  };

  /** On the window: a pointer pressed outside the group closes the menu. */
  onWindowPointer = (e: PointerEvent): void => {
    const group = this.group();
    if (this.open && group && !group.contains(e.target as Node)) this.close(false);
  };
}
