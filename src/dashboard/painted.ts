// when an element is on screen: the browser's Element Timing entry for it (the frame that showed it), so work that can
// wait (the sections below the headline) does not compete with that frame for the main thread and the rasterizer

/** the headline's Element Timing identifier (Headline.tsx), also read by bench/dashboard.ts */
export const HEADLINE_TIMING = "mg:headline";

type Observer = Pick<PerformanceObserver, "observe" | "disconnect">;
type ObserverClass = { new (cb: (list: { getEntries(): PerformanceEntry[] }) => void): Observer; supportedEntryTypes?: readonly string[] };

/**
 * Resolve once the element with `elementtiming={identifier}` has been painted, or after `within` ms at most (a hidden
 * tab paints nothing; a browser without Element Timing resolves on the next frame or `within`, whichever comes first).
 * @example await painted(HEADLINE_TIMING, 1000); loadSections();
 */
export function painted(
  identifier: string,
  within: number,
  Observer = globalThis.PerformanceObserver as ObserverClass | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    let observer: Observer | undefined;
    const done = () => {
      clearTimeout(timer);
      observer?.disconnect();
      resolve();
    };
    const timer = setTimeout(done, within);
    if (!Observer?.supportedEntryTypes?.includes("element")) {
      if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(done));
      return;
    }
    observer = new Observer((list) => {
      if (list.getEntries().some((e) => (e as PerformanceEntry & { identifier?: string }).identifier === identifier)) done();
    });
    // buffered: an entry reported before this call counts too
    observer.observe({ type: "element", buffered: true });
  });
}
