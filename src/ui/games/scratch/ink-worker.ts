// the scratch card's ink in a worker (dist/chunks/scratch-ink.js): it owns the visible canvas (transferred to it), so
// the strokes keep being drawn, at the display's rate, while the host page's main thread is busy
import { createInk, type Ink, type InkPoints } from "./ink.js";

/** from the page: the canvas first, then covers (with the path so far) and points */
export type InkMessage =
  | { canvas: OffscreenCanvas; brush: number }
  | { bitmap: ImageBitmap; width: number; height: number; dpr: number; path: InkPoints }
  | { points: InkPoints };

type WorkerScope = {
  onmessage: ((e: MessageEvent<InkMessage>) => void) | null;
  postMessage(message: string): void;
  requestAnimationFrame?: (callback: () => void) => number;
};
const scope = globalThis as unknown as WorkerScope;
// a worker's animation frames follow the canvas it draws on; a timer where a browser has none
const nextFrame = (callback: () => void) =>
  scope.requestAnimationFrame ? scope.requestAnimationFrame(callback) : setTimeout(callback, 16);
const now = () => performance.timeOrigin + performance.now();

let canvas: OffscreenCanvas | null = null;
let g: OffscreenCanvasRenderingContext2D | null = null;
let ink: Ink | null = null;
let ticking = false;
let covered = false;

function tick() {
  ticking = !!ink?.frame(now());
  if (ticking) nextFrame(tick);
}

scope.onmessage = ({ data }) => {
  if ("canvas" in data) {
    canvas = data.canvas;
    g = canvas.getContext("2d");
    if (g) ink = createInk(g, data.brush, true);
  } else if ("bitmap" in data) {
    if (!canvas || !g || !ink) return;
    const { bitmap, width, height, dpr } = data;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    ink.clear();
    ink.add(data.path, now());
    ink.cover((c) => (c as OffscreenCanvasRenderingContext2D).drawImage(bitmap, 0, 0, width, height), width, height);
    bitmap.close();
    if (!covered) {
      covered = true;
      // the page hides its own copy of the cover once this one is on screen: one frame to draw it, one to show it
      nextFrame(() => nextFrame(() => scope.postMessage("covered")));
    }
  } else if (ink) {
    ink.add(data.points, now());
    if (!ticking) {
      ticking = true;
      nextFrame(tick);
    }
  }
};
scope.postMessage("ready");
