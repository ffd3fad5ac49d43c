// which segment passes under the pointer during a spin, read from the rotor's drawn rotation once per frame;
// runs only while someone listens (a page's "segment" listener or the tick sound), so a plain spin stays compositor-only
import { segmentAt } from "./geometry.js";

/**
 * Call `onSegment(index)` each time a new segment reaches the pointer, until the returned stop() is called.
 * @example const stop = watchSegments(rotor, 8, (i) => tick()); await done; stop();
 */
export function watchSegments(el: Element, count: number, onSegment: (index: number) => void): () => void {
  const win = el.ownerDocument.defaultView;
  if (!win) return () => {};
  let last = -1;
  let frame = 0;
  const read = () => {
    const t = win.getComputedStyle(el).transform;
    let deg = 0;
    if (t && t !== "none") {
      const m = new win.DOMMatrixReadOnly(t);
      deg = (Math.atan2(m.b, m.a) * 180) / Math.PI;
    }
    const index = segmentAt(deg, count);
    if (index !== last) {
      if (last !== -1) onSegment(index);
      last = index;
    }
    frame = win.requestAnimationFrame(read);
  };
  frame = win.requestAnimationFrame(read);
  return () => win.cancelAnimationFrame(frame);
}

/**
 * A short, soft click made with Web Audio; create it inside the tap that starts the spin (browsers allow sound only
 * after a user gesture, and we never want it before one). Returns null where Web Audio is missing.
 * @example const sound = createTickSound(window); sound?.tick(); sound?.close();
 */
export function createTickSound(win: Window): { tick(): void; close(): void } | null {
  const Ctor = (win as Window & { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctor) return null;
  let audio: AudioContext;
  try {
    audio = new Ctor();
  } catch {
    return null;
  }
  return {
    tick() {
      const now = audio.currentTime;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "triangle";
      osc.frequency.setValueAtTime(1800, now);
      gain.gain.setValueAtTime(0.06, now);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.03);
      osc.connect(gain).connect(audio.destination);
      osc.start(now);
      osc.stop(now + 0.035);
    },
    close: () => void audio.close().catch(() => {}),
  };
}
