// a frame painted before the widget's code arrived (the wheel's, wheel/paint.ts), kept by the shadow root it is in:
// the widget takes that spot over from it. Lives in the chunk the painter and the shell share, so both see one table.

/** a painted first frame; `handOver(next)` removes it and lets `next` (the widget) continue its entrance animation */
export type FirstFrame = { handOver(next?: Element): void };

const frames = new WeakMap<ShadowRoot, FirstFrame>();

/** note the frame painted into `root` */
export function keepFrame(root: ShadowRoot, frame: FirstFrame): void {
  frames.set(root, frame);
}

/**
 * Remove the frame painted into `root`, if any; the widget's `next` continues where the frame's animation was.
 * @example
 * handOverFrame(root, container); // right after the widget rendered into container, in the same task
 */
export function handOverFrame(root: ShadowRoot | null | undefined, next?: Element): void {
  const frame = root && frames.get(root);
  if (!frame) return;
  frames.delete(root);
  frame.handOver(next);
}
