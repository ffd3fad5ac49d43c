import { describe, expect, it } from "vitest";
import { createInk, type InkContext } from "./ink.js";

/** a context that records the segments stroked, in card pixels */
function recorder() {
  const segments: [number, number, number, number][] = [];
  let at: [number, number] = [0, 0];
  const pending: [number, number, number, number][] = [];
  const g = {
    globalCompositeOperation: "source-over",
    lineCap: "butt",
    lineJoin: "miter",
    lineWidth: 1,
    setTransform() {},
    clearRect() {},
    beginPath: () => void pending.splice(0),
    moveTo(x: number, y: number) {
      at = [x, y];
    },
    lineTo(x: number, y: number) {
      pending.push([at[0], at[1], x, y]);
      at = [x, y];
    },
    stroke: () => void segments.push(...pending.splice(0)),
  } as unknown as InkContext;
  return { g, segments, reach: () => Math.max(...segments.map((s) => s[2])) };
}

// a horizontal stroke over a 100 × 100 card, one point every 16 ms from t = 1000
const stroke = (points: number) => Array.from({ length: points }, (_, i) => [i / (points - 1), 0.5, i === 0 ? 1 : 0, 1000 + i * 16]).flat();

describe("createInk", () => {
  it("draws everything received at the next frame when not paced", () => {
    const { g, segments, reach } = recorder();
    const ink = createInk(g, 20, false);
    ink.cover(() => {}, 100, 100);
    ink.add(stroke(5), 1070);
    expect(ink.frame(1070)).toBe(false);
    expect(reach()).toBe(100);
    expect(segments).toHaveLength(5); // the dot, then four segments
  });

  it("plays a late burst back at the display's rate, a bit further each frame, never past the last point", () => {
    const { g, reach } = recorder();
    const ink = createInk(g, 20, true);
    ink.cover(() => {}, 100, 100);
    // the page was blocked: moves made from 1000 to 1064 ms arrive together at 1064 + 50
    ink.add(stroke(5), 1114);
    const reached: number[] = [];
    for (let now = 1114; now <= 1114 + 160; now += 16) {
      ink.frame(now);
      reached.push(reach());
    }
    // it moves on every frame until the end of the stroke, instead of all at once
    const moves = reached.filter((r, i) => i > 0 && r > reached[i - 1]!).length;
    expect(reached[0]).toBeLessThan(10);
    expect(moves).toBeGreaterThanOrEqual(4);
    expect(Math.max(...reached)).toBe(100);
  });

  it("keeps the pen moving on every frame while moves arrive late, unevenly, and sampled unevenly", () => {
    const { g, reach } = recorder();
    const ink = createInk(g, 20, true);
    ink.cover(() => {}, 100, 100);
    // a finger crossing the card at a steady speed for 1.2 s, reported at uneven intervals (17–50 ms apart, as a busy
    // machine's input does), each report reaching the ink 20–29 ms after it was made
    const gaps = [17, 33, 17, 50, 17, 17, 33];
    const made: number[] = [1000];
    while (made.at(-1)! < 2200) made.push(made.at(-1)! + gaps[made.length % gaps.length]!);
    const jitter = [0, 6, 2, 9, 1, 4, 8, 3];
    const x = (t: number) => (t - 1000) / 1200;
    const pending = made.map((t, k) => ({ t, k, at: t + 20 + jitter[k % jitter.length]! }));
    const still: number[] = [];
    let previous = 0;
    // display frames at 60 Hz, out of phase with the reports
    for (let now = 1005; now < 2200; now += 1000 / 60) {
      while (pending.length && pending[0]!.at <= now) {
        const p = pending.shift()!;
        ink.add([x(p.t), 0.5, p.k === 0 ? 1 : 0, p.t], p.at);
      }
      ink.frame(now);
      // after the first 150 ms (the delay settling), every frame must uncover more of the stroke
      if (now > 1150 && reach() <= previous) still.push(Math.round(now));
      previous = reach();
    }
    expect(still).toEqual([]);
  });

  it("draws what was made before the prize was decided (time 0) at once, and replays the path on a new cover", () => {
    const { g, segments, reach } = recorder();
    const ink = createInk(g, 20, true);
    ink.cover(() => {}, 100, 100);
    ink.add(
      stroke(3).map((v, i) => (i % 4 === 3 ? 0 : v)),
      5000,
    );
    ink.frame(5000);
    expect(reach()).toBe(100);
    segments.length = 0;
    ink.cover(() => {}, 200, 200);
    expect(reach()).toBe(200);
    ink.clear();
    segments.length = 0;
    ink.cover(() => {}, 200, 200);
    expect(segments).toHaveLength(0);
  });
});
