// the scratch layer: canvases over the prize that pointer strokes erase; mouse, pen and touch through pointer events.
// Two canvases: `canvas` on top takes the pointer and, once an ink worker has started, shows the worker's drawing
// (frames that go on while the host page is busy); `paintCanvas` under it is the page's own copy of the cover, drawn
// on the main thread until the worker's is on screen, and wherever no worker can run.
import { createCoverageGrid, type CoverageGrid } from "./coverage.js";
import { createInk, type Ink, type InkPoints } from "./ink.js";
import { type InkThread, startInkThread } from "./ink-thread.js";

export type ScratchCoverOptions = {
  /** stroke width in CSS pixels */
  brush: number;
  /** share of the card (0–1) at which `onThreshold` fires, once */
  threshold: number;
  /** paint the intact cover on a context already scaled to CSS pixels */
  paint(g: CanvasRenderingContext2D, width: number, height: number): void;
  /** the first touch on a card that is not ready yet: the caller draws the prize */
  onFirstTouch(): void;
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

/**
 * Attach scratching to `canvas` (top, takes the pointer) over `paintCanvas`, both over the prize. Cheap per move: the
 * moves go to the ink (a worker's, or drawn once per animation frame here), and coverage is counted on a 24 × 16 grid
 * from the strokes, never read back.
 * @example
 * const cover = createScratchCover(canvas, below, { brush: 44, threshold: 0.5, paint, onFirstTouch: draw, onThreshold: reveal });
 */
export function createScratchCover(canvas: HTMLCanvasElement, paintCanvas: HTMLCanvasElement, options: ScratchCoverOptions): ScratchCover {
  const g = paintCanvas.getContext("2d");
  const win = canvas.ownerDocument.defaultView!;
  // every point so far (x and y in fractions of the card, so a resize can replay them; start flag; time)
  const path: InkPoints = [];
  // how many points the ink and the grid have (none before the prize is decided)
  let inked = 0;
  let enabled = false;
  let fired = false;
  let touched = false;
  let active: number | null = null;
  let frame = 0;
  let width = 0;
  let height = 0;
  let dpr = 1;
  let grid: CoverageGrid = createCoverageGrid(1, 1);
  const waiters: (() => void)[] = [];
  const ink: Ink | null = g ? createInk(g, options.brush, false) : null;
  // the worker, once it has the canvas; `shown`: its cover is on screen and the page's copy is hidden
  let thread: InkThread | null = null;
  let shown = false;
  let covers = 0;
  // the card's place on screen, read once per stroke, resize or scroll: reading it on every move could force a layout
  // in the middle of a busy page's frame
  let rect: DOMRect | null = null;
  const forget = () => {
    rect = null;
  };

  function size() {
    const r = canvas.getBoundingClientRect();
    rect = null;
    width = Math.max(1, r.width);
    height = Math.max(1, r.height);
    // 2× is as sharp as a finger needs; 3× phones would triple the pixels for nothing
    dpr = Math.min(2, win.devicePixelRatio || 1);
    paintCanvas.width = Math.round(width * dpr);
    paintCanvas.height = Math.round(height * dpr);
    g?.setTransform(dpr, 0, 0, dpr, 0, 0);
    grid = createCoverageGrid(width, height);
    count(0, inked);
  }

  function paint() {
    ink?.cover((c) => options.paint(c as CanvasRenderingContext2D, width, height), width, height);
    if (thread) sendCover(thread);
  }

  // the worker gets the cover as a picture painted here (the page's fonts and images), with the path so far
  function sendCover(t: InkThread) {
    const seq = ++covers;
    const copy = win.document.createElement("canvas");
    copy.width = paintCanvas.width;
    copy.height = paintCanvas.height;
    const c = copy.getContext("2d");
    if (!c) return;
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    options.paint(c, width, height);
    const w = width;
    const h = height;
    void win.createImageBitmap(copy).then(
      (bitmap) => {
        // a newer cover (a resize, a reset) was asked for meanwhile
        if (seq !== covers || thread !== t) return bitmap.close();
        const sent = path.slice(0, inked * 4);
        for (let i = 3; i < sent.length; i += 4) sent[i] = 0;
        t.post({ bitmap, width: w, height: h, dpr, path: sent }, [bitmap]);
      },
      () => {},
    );
  }

  // count what the points from..to uncovered, and fire the threshold once
  function count(from: number, to: number) {
    const radius = options.brush / 2;
    for (let n = from; n < to; n++) {
      const i = n * 4;
      const start = path[i + 2] || n === 0;
      const x0 = path[start ? i : i - 4]! * width;
      const y0 = path[start ? i + 1 : i - 3]! * height;
      grid.stroke(x0, y0, path[i]! * width, path[i + 1]! * height, radius);
    }
    if (enabled && !fired && grid.share() >= options.threshold) {
      fired = true;
      options.onThreshold(grid.share());
    }
  }

  // hand the points not inked yet to the ink(s); `due`: points from before the prize was decided are drawn at once
  function feed(due: boolean) {
    const from = inked;
    const to = path.length / 4;
    if (!enabled || from >= to) return;
    const points = path.slice(from * 4);
    if (due) for (let i = 3; i < points.length; i += 4) points[i] = 0;
    inked = to;
    const now = win.performance.timeOrigin + win.performance.now();
    if (thread && covers) thread.post({ points });
    if (!shown && ink) {
      ink.add(points, now);
      if (!frame) frame = win.requestAnimationFrame(flush);
    }
    count(from, to);
  }

  function flush() {
    frame = 0;
    ink?.frame(win.performance.timeOrigin + win.performance.now());
  }

  function add(e: PointerEvent, start: boolean) {
    rect ??= canvas.getBoundingClientRect();
    const r = rect;
    // coalesced events keep a fast finger's stroke continuous, each with the time it was made
    const events = !start && typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    const origin = win.performance.timeOrigin;
    for (const ev of events.length ? events : [e]) {
      path.push((ev.clientX - r.left) / r.width, (ev.clientY - r.top) / r.height, start && ev === e ? 1 : 0, origin + ev.timeStamp);
    }
    feed(false);
  }

  const down = (e: PointerEvent) => {
    if (fired || active !== null || (e.pointerType === "mouse" && e.button !== 0)) return;
    e.preventDefault();
    active = e.pointerId;
    rect = null;
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
  // a scroll of the page or of any scroller around the card moves it on screen
  win.addEventListener("scroll", forget, { capture: true, passive: true });

  size();
  paint();
  const stopThread = startInkThread(
    canvas,
    options.brush,
    (t) => {
      thread = t;
      sendCover(t);
    },
    () => {
      shown = true;
      paintCanvas.style.visibility = "hidden";
    },
    () => {
      // the worker failed after taking the canvas: the page's copy, brought up to date, is the card again
      thread = null;
      shown = false;
      ink?.clear();
      ink?.add(
        path.slice(0, inked * 4).map((v, i) => (i % 4 === 3 ? 0 : v)),
        0,
      );
      paintCanvas.style.visibility = "";
      paint();
    },
  );

  return {
    enable() {
      if (enabled) return;
      enabled = true;
      touched = true;
      feed(true);
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
      inked = 0;
      ink?.clear();
      grid.reset();
      paint();
    },
    share: () => grid.share(),
    released: () => (active === null ? Promise.resolve() : new Promise<void>((wake) => waiters.push(wake))),
    destroy() {
      for (const wake of waiters.splice(0)) wake();
      if (frame) win.cancelAnimationFrame(frame);
      stopThread();
      thread?.stop();
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerup", up);
      canvas.removeEventListener("pointercancel", up);
      win.removeEventListener("scroll", forget, { capture: true });
    },
  };
}
