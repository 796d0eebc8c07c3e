/** A call put off until calls pause: typing in a search box asks the backend once the typing stops. */
export interface Debounced<A extends unknown[]> {
  /** Call `f` with these arguments once no other call has come for the delay (an earlier pending call is dropped). */
  call(...args: A): void;
  /** Drop the pending call, if any (a cleared box, a closed view). */
  cancel(): void;
}

/** `f`, called only once calls have paused for `ms` milliseconds. */
export function debounce<A extends unknown[]>(f: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(...args: A) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        f(...args);
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
