// a frame painted before the widget's code arrived (the wheel's, wheel/paint.ts), kept by the shadow root it is in:
// the widget takes that spot over from it. Lives in the chunk the painter and the shell share, so both see one table.

/**
 * A painted first frame. `container` holds its markup, which is the widget's first render: the widget hydrates it
 * (takes the nodes over as they are) and then calls `handOver(container)`, which only lets the frame's sheets go.
 * `handOver(next)` with another element, or none, removes the frame; `next` continues its entrance animation.
 */
export type FirstFrame = {
  container: Element;
  handOver(next?: Element): void;
  /** settles when the visitor first reaches for the frame (a pointer over it, a touch, focus or a key in it) or `reach()` */
  reached: Promise<void>;
  reach(): void;
  /** after the take-over: press the (now the widget's) spin button or odds link again if the visitor pressed it before */
  replay(): void;
};

const frames = new WeakMap<ShadowRoot, FirstFrame>();

/** note the frame painted into `root` */
export function keepFrame(root: ShadowRoot, frame: FirstFrame): void {
  frames.set(root, frame);
}

/** the frame painted into `root` and not handed over yet */
export function frameIn(root: ShadowRoot): FirstFrame | undefined {
  return frames.get(root);
}

/**
 * Hand the frame painted into `root`, if any, over to the widget's `next` (see FirstFrame).
 * @example
 * handOverFrame(root, container); // right after the widget rendered into container, in the same task
 */
export function handOverFrame(root: ShadowRoot | null | undefined, next?: Element): void {
  const frame = root && frames.get(root);
  if (!frame) return;
  frames.delete(root);
  frame.handOver(next);
}
