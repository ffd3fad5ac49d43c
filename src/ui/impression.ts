// an impression is counted once, when at least half of the widget is on screen

/** call `onSeen` once when ≥50% of `el` is visible; returns the function that stops watching */
export function observeImpression(el: Element, onSeen: () => void): () => void {
  const IO = globalThis.IntersectionObserver;
  if (typeof IO !== "function") {
    // no way to measure visibility: count the render, as analytics tools do without the API
    onSeen();
    return () => {};
  }
  let seen = false;
  const observer = new IO(
    (entries) => {
      if (seen || !entries.some((e) => e.isIntersecting && e.intersectionRatio >= 0.5)) return;
      seen = true;
      observer.disconnect();
      onSeen();
    },
    { threshold: [0.5] },
  );
  observer.observe(el);
  return () => observer.disconnect();
}
