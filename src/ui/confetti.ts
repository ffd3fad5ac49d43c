// a burst of confetti on a win, its own chunk fetched only then, and never under reduced motion. Drawn here rather
// than with canvas-confetti: that library was 3.8 kB brotli of a page's 30 kB budget for two bursts; this is 0.6 kB.

const PIECES = 70; // per burst
const TICKS = 220; // frames until the last piece has faded out
const SPREAD = (62 * Math.PI) / 180;

type Piece = { x: number; y: number; angle: number; speed: number; color: string; size: number; spin: number };

/**
 * Fire two bursts of confetti from the lower corners, in a canvas inside the shadow root; resolves to a function that
 * stops and removes it (it also removes itself when done).
 * @example
 * const stop = await celebrate(shadowRoot, ["#e11d48", "#ffd166"], false);
 */
export async function celebrate(root: ShadowRoot, colors: string[], reducedMotion: boolean): Promise<() => void> {
  const win = root.ownerDocument.defaultView;
  if (reducedMotion || !win) return () => {};
  const canvas = root.ownerDocument.createElement("canvas");
  canvas.className = "mg-confetti";
  const g = canvas.getContext?.("2d");
  if (!g) return () => {}; // no 2D canvas (some test DOMs, locked-down browsers)
  // the window's size, not a layout read: the canvas is fixed over the viewport
  const width = win.innerWidth;
  const height = win.innerHeight;
  canvas.width = width;
  canvas.height = height;
  root.appendChild(canvas);
  const pieces: Piece[] = [];
  for (const [degrees, x] of [
    [60, 0.1],
    [120, 0.9],
  ] as const) {
    for (let i = 0; i < PIECES; i++) {
      pieces.push({
        x: x * width,
        y: 0.72 * height,
        angle: (-degrees * Math.PI) / 180 + SPREAD * (Math.random() - 0.5),
        speed: 24 + Math.random() * 24,
        color: colors[i % colors.length] ?? "#e11d48",
        size: 6 + Math.random() * 5,
        spin: Math.random() * Math.PI,
      });
    }
  }
  let tick = 0;
  let frame = 0;
  const stop = () => {
    win.cancelAnimationFrame(frame);
    canvas.remove();
  };
  const draw = () => {
    if (++tick > TICKS) return stop();
    g.clearRect(0, 0, width, height);
    g.globalAlpha = 1 - tick / TICKS;
    for (const p of pieces) {
      p.x += Math.cos(p.angle) * p.speed;
      p.y += Math.sin(p.angle) * p.speed + 3; // gravity
      p.speed *= 0.9;
      p.spin += 0.1;
      g.fillStyle = p.color;
      // a flat piece tumbling: its height follows the spin
      g.fillRect(p.x, p.y, p.size, p.size * Math.abs(Math.cos(p.spin)) + 1);
    }
    frame = win.requestAnimationFrame(draw);
  };
  frame = win.requestAnimationFrame(draw);
  return stop;
}
