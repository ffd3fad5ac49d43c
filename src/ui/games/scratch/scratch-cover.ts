// the scratch layer: a canvas over the prize that pointer strokes erase; mouse, pen and touch through pointer events
import { createCoverageGrid, type CoverageGrid } from "./coverage.js";

export type ScratchCoverOptions = {
  /** stroke width in CSS pixels */
  brush: number;
  /** share of the card (0–1) at which `onThreshold` fires, once */
  threshold: number;
  /** paint the intact cover on a context already scaled to CSS pixels */
  paint(g: CanvasRenderingContext2D, width: number, height: number): void;
  /** the first touch on a card that is not ready yet: the caller draws the prize */
  onFirstTouch(): void;
  onProgress?(share: number): void;
  onThreshold(share: number): void;
};

export type ScratchCover = {
  /** the prize is decided: strokes now erase (including those made while it was being drawn) */
  enable(): void;
  /** the card changed size: repaint and replay the strokes so far */
  resize(): void;
  /** repaint the cover (its image arrived) */
  repaint(): void;
  /** back to an intact, disabled cover */
  reset(): void;
  share(): number;
  /** resolves once no finger or button is down on the card, so a result shown next is not tapped by the same stroke */
  released(): Promise<void>;
  destroy(): void;
};

type Point = { x: number; y: number; start: boolean };

/**
 * Attach scratching to `canvas`, which lies over the prize. Cheap per move: strokes are queued and drawn once per
 * animation frame with `destination-out`, and coverage is counted on a 24 × 16 grid from the strokes, never read back.
 * @example
 * const cover = createScratchCover(canvas, { brush: 44, threshold: 0.5, paint, onFirstTouch: draw, onThreshold: reveal });
 */
export function createScratchCover(canvas: HTMLCanvasElement, options: ScratchCoverOptions): ScratchCover {
  const g = canvas.getContext("2d");
  const win = canvas.ownerDocument.defaultView!;
  // strokes in fractions of the card, so a resize can replay them at the new size
  const path: Point[] = [];
  let drawn = 0;
  let enabled = false;
  let fired = false;
  let touched = false;
  let active: number | null = null;
  let frame = 0;
  let width = 0;
  let height = 0;
  let grid: CoverageGrid = createCoverageGrid(1, 1);
  const waiters: (() => void)[] = [];

  function size() {
    const r = canvas.getBoundingClientRect();
    width = Math.max(1, r.width);
    height = Math.max(1, r.height);
    // 2× is as sharp as a finger needs; 3× phones would triple the pixels for nothing
    const dpr = Math.min(2, win.devicePixelRatio || 1);
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    g?.setTransform(dpr, 0, 0, dpr, 0, 0);
    grid = createCoverageGrid(width, height);
  }

  function paint() {
    if (!g) return;
    g.globalCompositeOperation = "source-over";
    g.clearRect(0, 0, width, height);
    options.paint(g, width, height);
    drawn = 0;
    grid.reset();
    if (enabled) flush();
  }

  // draw the strokes queued since the last frame, and count what they uncovered
  function flush() {
    frame = 0;
    if (!enabled || drawn >= path.length) return;
    const radius = options.brush / 2;
    if (g) {
      g.globalCompositeOperation = "destination-out";
      g.lineCap = "round";
      g.lineJoin = "round";
      g.lineWidth = options.brush;
      g.beginPath();
    }
    for (; drawn < path.length; drawn++) {
      const p = path[drawn]!;
      const prev = p.start ? p : path[drawn - 1]!;
      const x0 = prev.x * width;
      const y0 = prev.y * height;
      const x1 = p.x * width;
      const y1 = p.y * height;
      g?.moveTo(x0, y0);
      // a tap is a dot: a zero-length line with round caps
      g?.lineTo(x1 + (p.start ? 0.01 : 0), y1);
      grid.stroke(x0, y0, x1, y1, radius);
    }
    g?.stroke();
    const share = grid.share();
    options.onProgress?.(share);
    if (!fired && share >= options.threshold) {
      fired = true;
      options.onThreshold(share);
    }
  }

  function add(e: PointerEvent, start: boolean) {
    const r = canvas.getBoundingClientRect();
    // coalesced events keep a fast finger's stroke continuous at no extra frames
    const events = !start && typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) {
      path.push({ x: (ev.clientX - r.left) / r.width, y: (ev.clientY - r.top) / r.height, start: start && ev === e });
    }
    if (enabled && !frame) frame = win.requestAnimationFrame(flush);
  }

  const down = (e: PointerEvent) => {
    if (fired || active !== null || (e.pointerType === "mouse" && e.button !== 0)) return;
    e.preventDefault();
    active = e.pointerId;
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch {
      // capture is a nicety: without it a stroke ends at the card's edge
    }
    if (!touched) {
      touched = true;
      if (!enabled) options.onFirstTouch();
    }
    add(e, true);
  };
  const move = (e: PointerEvent) => {
    if (e.pointerId !== active) return;
    e.preventDefault();
    add(e, false);
  };
  const up = (e: PointerEvent) => {
    if (e.pointerId !== active) return;
    active = null;
    for (const wake of waiters.splice(0)) wake();
  };
  canvas.addEventListener("pointerdown", down);
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);

  size();
  paint();

  return {
    enable() {
      if (enabled) return;
      enabled = true;
      touched = true;
      flush();
    },
    resize() {
      size();
      paint();
    },
    repaint: paint,
    reset() {
      enabled = false;
      fired = false;
      touched = false;
      active = null;
      path.length = 0;
      paint();
    },
    share: () => grid.share(),
    released: () => (active === null ? Promise.resolve() : new Promise<void>((wake) => waiters.push(wake))),
    destroy() {
      for (const wake of waiters.splice(0)) wake();
      if (frame) win.cancelAnimationFrame(frame);
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerup", up);
      canvas.removeEventListener("pointercancel", up);
    },
  };
}
