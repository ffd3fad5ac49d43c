// the win confetti: two bursts drawn on a canvas over the viewport, gone by itself, never under reduced motion
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { celebrate } from "./confetti.js";

let root: ShadowRoot;
// happy-dom has no 2D canvas: a context that records what is drawn stands in for it
let drawn: Array<{ fillStyle: string; alpha: number }>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame"] });
  root = document.body.appendChild(document.createElement("div")).attachShadow({ mode: "open" });
  drawn = [];
  const context = {
    fillStyle: "",
    globalAlpha: 1,
    clearRect() {},
    fillRect() {
      drawn.push({ fillStyle: context.fillStyle, alpha: context.globalAlpha });
    },
  };
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(context as unknown as CanvasRenderingContext2D);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("celebrate", () => {
  it("draws pieces in the campaign's colours, fading, and removes its canvas when done", async () => {
    await celebrate(root, ["#e11d48", "#ffd166"], false);
    expect(root.querySelector("canvas.mg-confetti")).not.toBeNull();
    vi.advanceTimersToNextFrame();
    expect(drawn.length).toBe(140); // two bursts of 70
    expect(new Set(drawn.map((d) => d.fillStyle))).toEqual(new Set(["#e11d48", "#ffd166"]));
    const first = drawn[0]!.alpha;
    for (let i = 0; i < 100; i++) vi.advanceTimersToNextFrame();
    expect(drawn.at(-1)!.alpha).toBeLessThan(first);
    for (let i = 0; i < 200; i++) vi.advanceTimersToNextFrame();
    expect(root.querySelector("canvas")).toBeNull();
  });

  it("stops and removes the canvas when asked", async () => {
    const stop = await celebrate(root, ["#000"], false);
    vi.advanceTimersToNextFrame();
    stop();
    const count = drawn.length;
    vi.advanceTimersToNextFrame();
    expect(root.querySelector("canvas")).toBeNull();
    expect(drawn.length).toBe(count);
  });

  it("draws nothing under reduced motion", async () => {
    await celebrate(root, ["#000"], true);
    vi.advanceTimersToNextFrame();
    expect(root.querySelector("canvas")).toBeNull();
    expect(drawn).toEqual([]);
  });
});
