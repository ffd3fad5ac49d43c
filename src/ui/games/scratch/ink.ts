// the ink: replays the scratch path onto the cover with `destination-out`, in the page's main thread or in a worker.
// Paced, it plays the path back a little behind real time, at the display's rate: a host page that blocks its main
// thread delivers a finger's moves in bursts (50 ms of them at once), and drawing each burst in one frame would show a
// frozen card, then a jump. A jitter buffer, as a networked game renders others' moves slightly in the past: the
// delay follows how long the ink goes without news of the finger (about two frames on a quiet page, the blocking time
// and a frame on a busy one). The pen moves toward the next point only once that point has arrived, so the delay must
// cover the time from one point to the arrival of the next, not only each point's own lateness: with less, the pen
// reaches the last point known, waits, and the card stands still for a frame.
// It never draws beyond the path: between two reported points it draws the straight segment joining them, which is
// what the unpaced ink draws too.

/** the path, flat: x and y as fractions of the card, 1 for a stroke's first point (else 0), time in ms since the epoch (0: already due) */
export type InkPoints = number[];
export type InkContext = Pick<
  CanvasRenderingContext2D,
  | "setTransform"
  | "clearRect"
  | "beginPath"
  | "moveTo"
  | "lineTo"
  | "stroke"
  | "globalCompositeOperation"
  | "lineCap"
  | "lineJoin"
  | "lineWidth"
>;

export type Ink = {
  /** repaint the intact cover at `width` × `height` CSS pixels (the context already sized), then replay the path drawn so far */
  cover(paint: (g: InkContext) => void, width: number, height: number): void;
  /** points the visitor made, received at `now` (ms since the epoch) */
  add(points: InkPoints, now: number): void;
  /** forget the path (a fresh card) */
  clear(): void;
  /** draw what is due at `now`; true while some of the path is still to be drawn */
  frame(now: number): boolean;
};

/** never more than this behind the finger: a page that blocks longer shows a jump rather than a long lag */
const MAX_DELAY = 120;
/**
 * how fast the delay shrinks back once the moves arrive on time again (ms per ms): slowly, since a page that blocks once
 * blocks again (a host's timer); fast recovery would starve the pen at each block, a little, before the delay caught up
 */
const RECOVERY = 0.02;

/**
 * The path player for one canvas. `paced`: play the path back behind real time (a worker, whose frames go on while the
 * page is blocked); otherwise everything received is drawn at the next frame.
 * @example
 * const ink = createInk(canvas.getContext("2d")!, 44, true);
 * ink.cover((g) => g.drawImage(foil, 0, 0, w, h), w, h);
 * ink.add([0.1, 0.5, 1, Date.now()], Date.now());
 * requestAnimationFrame(function tick() { if (ink.frame(Date.now())) requestAnimationFrame(tick); });
 */
export function createInk(g: InkContext, brush: number, paced: boolean): Ink {
  const path: InkPoints = [];
  let width = 1;
  let height = 1;
  // the next point to reach, and where the pen is on the way to it
  let next = 0;
  let penX = 0;
  let penY = 0;
  let delay = 0;
  let lastFrame = 0;
  let lastDue = 0;
  // the time of the last point received: the pen cannot go past it until the next one arrives
  let known = 0;

  function drawTo(due: number) {
    lastDue = Math.max(lastDue, due);
    if (next * 4 >= path.length) return;
    g.globalCompositeOperation = "destination-out";
    g.lineCap = "round";
    g.lineJoin = "round";
    g.lineWidth = brush;
    g.beginPath();
    for (; next * 4 < path.length; next++) {
      const i = next * 4;
      const x = path[i]! * width;
      const y = path[i + 1]! * height;
      const at = path[i + 3]!;
      if (path[i + 2] || next === 0) {
        if (at > due) break;
        // a stroke starts with a dot: a zero-length line with round caps
        g.moveTo(x, y);
        g.lineTo(x + 0.01, y);
      } else if (at <= due) {
        g.moveTo(penX, penY);
        g.lineTo(x, y);
      } else {
        // part of the way along the segment from the previous point, in proportion to the time between them
        const from = path[i - 1]!;
        const share = from >= at ? 1 : Math.max(0, (due - from) / (at - from));
        const tx = path[i - 4]! * width + (x - path[i - 4]! * width) * share;
        const ty = path[i - 3]! * height + (y - path[i - 3]! * height) * share;
        g.moveTo(penX, penY);
        g.lineTo(tx, ty);
        penX = tx;
        penY = ty;
        break;
      }
      penX = x;
      penY = y;
    }
    g.stroke();
  }

  return {
    cover(paint, w, h) {
      width = w;
      height = h;
      g.globalCompositeOperation = "source-over";
      g.clearRect(0, 0, w, h);
      paint(g);
      next = 0;
      drawTo(lastDue);
    },
    add(points, now) {
      for (let i = 0; i < points.length; i += 4) {
        const at = points[i + 3]!;
        path.push(points[i]!, points[i + 1]!, points[i + 2]!, at);
        if (!paced || at <= 0) continue;
        // how long the ink knew nothing past the point before this one (a stroke's first point: its own lateness); the
        // delay grows to cover it at once
        const waited = now - (points[i + 2] || !known ? at : Math.min(known, at));
        if (waited > delay) delay = Math.min(MAX_DELAY, waited);
        known = at;
      }
    },
    clear() {
      path.length = 0;
      next = 0;
      lastDue = 0;
      known = 0;
    },
    frame(now) {
      if (lastFrame) delay = Math.max(0, delay - (now - lastFrame) * RECOVERY);
      lastFrame = now;
      drawTo(paced ? now - delay : Number.POSITIVE_INFINITY);
      return next * 4 < path.length;
    },
  };
}
