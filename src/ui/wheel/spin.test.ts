import { afterEach, describe, expect, it, vi } from "vitest";
import { spin } from "./spin.js";

afterEach(() => vi.useRealTimers());

describe("spin", () => {
  it("lands at once where the Web Animations API is missing", async () => {
    const el = document.createElement("div");
    Object.defineProperty(el, "animate", { value: undefined });
    await spin(el, { from: 0, to: 1890, durationMs: 5000, reducedMotion: false }).done;
    expect(el.style.transform).toBe("rotate(90deg)");
  });

  it("lands after the duration even when the animation never reports finishing (a hidden tab)", async () => {
    vi.useFakeTimers();
    const el = document.createElement("div");
    const cancel = vi.fn();
    const animate = vi.fn(() => ({ finished: new Promise(() => {}), cancel }) as unknown as Animation);
    Object.defineProperty(el, "animate", { value: animate });
    let landed = false;
    void spin(el, { from: 10, to: 2200, durationMs: 4500, reducedMotion: false }).done.then(() => (landed = true));
    const [keyframes, timing] = animate.mock.calls[0] as unknown as [Keyframe[], KeyframeAnimationOptions];
    expect(keyframes).toEqual([{ transform: "rotate(10deg)" }, { transform: "rotate(2200deg)" }]);
    expect(timing).toMatchObject({ duration: 4500, fill: "forwards" });
    await vi.advanceTimersByTimeAsync(4500);
    expect(landed).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(landed).toBe(true);
    expect(el.style.transform).toBe("rotate(40deg)");
    expect(cancel).toHaveBeenCalled();
  });

  it("fades instead of spinning under reduced motion, in at most 0.7 s", () => {
    const el = document.createElement("div");
    const animate = vi.fn(() => ({ finished: Promise.resolve(), cancel() {} }) as unknown as Animation);
    Object.defineProperty(el, "animate", { value: animate });
    spin(el, { from: 0, to: 1900, durationMs: 5000, reducedMotion: true });
    const [keyframes, timing] = animate.mock.calls[0] as unknown as [Keyframe[], KeyframeAnimationOptions];
    expect(timing.duration).toBe(700);
    // no frame turns the wheel through the intermediate turns: it only jumps while faded out
    expect(keyframes.map((k) => k.transform)).toEqual(["rotate(0deg)", "rotate(0deg)", "rotate(1900deg)", "rotate(1900deg)"]);
    expect(Math.min(...keyframes.map((k) => Number(k.opacity)))).toBeLessThan(0.3);
  });
});
