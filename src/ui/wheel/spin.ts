// the spin animation: Web Animations on `transform`, so the compositor runs it even when the page is busy

export type SpinOptions = { from: number; to: number; durationMs: number; reducedMotion: boolean };

// fast start, long smooth deceleration: the last turn reads clearly
const EASE_OUT = "cubic-bezier(0.12, 0.72, 0.14, 1)";

/** animate `el` from one rotation to another; resolves when it has landed (always, even without WAAPI) */
export function spin(el: HTMLElement, { from, to, durationMs, reducedMotion }: SpinOptions): { done: Promise<void>; cancel: () => void } {
  const rot = (deg: number) => `rotate(${deg}deg)`;
  let animation: Animation | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    settle = () => {
      if (timer) clearTimeout(timer);
      el.style.transform = rot(to % 360);
      animation?.cancel();
      resolve();
    };
  });
  // reduced motion: fade out, jump to the prize, fade in; no spinning
  const keyframes: Keyframe[] = reducedMotion
    ? [
        { transform: rot(from), opacity: 1 },
        { transform: rot(from), opacity: 0.15, offset: 0.45 },
        { transform: rot(to), opacity: 0.15, offset: 0.55 },
        { transform: rot(to), opacity: 1 },
      ]
    : [{ transform: rot(from) }, { transform: rot(to) }];
  const duration = reducedMotion ? Math.min(durationMs, 700) : durationMs;
  if (typeof el.animate === "function") {
    try {
      animation = el.animate(keyframes, { duration, easing: reducedMotion ? "ease-in-out" : EASE_OUT, fill: "forwards" });
      animation.finished.then(settle, () => {});
    } catch {
      animation = undefined;
    }
  }
  // a safety net: hidden tabs and engines without WAAPI still land and show the prize
  timer = setTimeout(settle, animation ? duration + 400 : 0);
  return { done, cancel: settle };
}
