// the widget's reactive state in a few lines: values that tell one listener (the root component) they changed.
// @preact/signals did this for 3.3 kB brotli of the first paint's 16 kB budget; the widget re-renders its small tree
// from the root on any change, which Preact batches into one render per task.

export type Signal<T> = { value: T };

export type State = {
  signal<T>(initial: T): Signal<T>;
  /** run `fn`; listeners hear about its writes once (Preact batches the renders anyway) */
  batch(fn: () => void): void;
  /** call `fn` after any write; returns the function that stops it */
  subscribe(fn: () => void): () => void;
};

/**
 * A group of signals with one set of listeners.
 * @example
 * const state = createState();
 * const open = state.signal(false);
 * state.subscribe(() => render());
 * open.value = true; // render() runs
 */
export function createState(): State {
  const listeners = new Set<() => void>();
  let depth = 0;
  let dirty = false;
  const changed = () => {
    if (depth) dirty = true;
    else for (const fn of [...listeners]) fn();
  };
  return {
    signal<T>(initial: T): Signal<T> {
      let current = initial;
      return {
        get value() {
          return current;
        },
        set value(next: T) {
          if (Object.is(next, current)) return;
          current = next;
          changed();
        },
      };
    },
    batch(fn) {
      depth++;
      try {
        fn();
      } finally {
        if (!--depth && dirty) {
          dirty = false;
          changed();
        }
      }
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
  };
}
