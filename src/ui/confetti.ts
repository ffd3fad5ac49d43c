// a burst of confetti on a win; canvas-confetti is fetched only then, and never under reduced motion

/** fire confetti into a canvas inside the shadow root; resolves to a function that stops and removes it */
export async function celebrate(root: ShadowRoot, colors: string[], reducedMotion: boolean): Promise<() => void> {
  if (reducedMotion) return () => {};
  const { default: confetti } = await import("canvas-confetti");
  const canvas = root.ownerDocument.createElement("canvas");
  canvas.className = "mg-confetti";
  if (!canvas.getContext?.("2d")) return () => {}; // no 2D canvas (some test DOMs, locked-down browsers)
  root.appendChild(canvas);
  // no worker: a strict CSP on the host page may forbid blob: workers
  const fire = confetti.create(canvas, { resize: true, useWorker: false, disableForReducedMotion: true });
  const stop = () => {
    fire.reset();
    canvas.remove();
  };
  const shot = (angle: number, x: number) =>
    fire({ particleCount: 70, angle, spread: 62, startVelocity: 48, origin: { x, y: 0.72 }, colors, scalar: 0.95, ticks: 220 });
  Promise.all([shot(60, 0.1), shot(120, 0.9)]).then(stop, stop);
  return stop;
}
