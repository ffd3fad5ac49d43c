// starts the scratch card's ink worker (dist/chunks/scratch-ink.js, beside this chunk). Until it says it has painted
// the cover, and wherever it cannot run (no OffscreenCanvas, a CSP without a worker source, a bundler that did not
// copy the file), the page draws the ink itself: the card works the same, only a busy page makes it stutter.
import type { InkMessage } from "./ink-worker.js";

export type InkThread = {
  post(message: InkMessage, transfer?: Transferable[]): void;
  stop(): void;
};

/** the worker's file name beside the chunks; a variable, so the build leaves `new URL` alone */
const INK_FILE = "scratch-ink.js";

/**
 * Hand `canvas` (never given a context here) to an ink worker once it has started. `onReady` gets the channel to send
 * the cover and points; `onCovered` runs once the worker's cover is on screen, `onFailed` if the worker fails after that.
 * @example
 * const stop = startInkThread(canvas, 44, sendCover, hidePageCopy, showPageCopy);
 */
export function startInkThread(
  canvas: HTMLCanvasElement,
  brush: number,
  onReady: (thread: InkThread) => void,
  onCovered: () => void,
  onFailed: () => void,
): () => void {
  const win = canvas.ownerDocument.defaultView;
  if (!win || typeof win.Worker !== "function" || typeof canvas.transferControlToOffscreen !== "function") return () => {};
  if (typeof win.createImageBitmap !== "function") return () => {};
  let worker: Worker;
  try {
    const url = new URL(INK_FILE, import.meta.url);
    // a worker must come from the page's own origin: from a CDN, a one-line module that imports the real file (CORS,
    // as for the chunks themselves); a CSP without blob: workers refuses it and the page keeps drawing
    const source =
      url.origin === win.location.origin
        ? url.href
        : win.URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" }));
    worker = new win.Worker(source, { type: "module" });
  } catch {
    return () => {};
  }
  const thread: InkThread = { post: (message, transfer = []) => worker.postMessage(message, transfer), stop: () => worker.terminate() };
  let started = false;
  worker.onerror = () => {
    worker.terminate();
    // after the hand-over the page's canvas is the worker's: the page shows its own copy of the cover again
    if (started) onFailed();
  };
  worker.onmessage = ({ data }) => {
    if (data === "ready") {
      try {
        const offscreen = canvas.transferControlToOffscreen();
        thread.post({ canvas: offscreen, brush }, [offscreen]);
      } catch {
        worker.terminate();
        return;
      }
      started = true;
      onReady(thread);
    } else if (data === "covered") onCovered();
  };
  return () => worker.terminate();
}
