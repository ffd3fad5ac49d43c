// the sections wait for the headline's frame: resolved by its Element Timing entry, or by the time limit when none comes
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { painted } from "./painted.js";

type Callback = (list: { getEntries(): PerformanceEntry[] }) => void;

/** a PerformanceObserver that supports Element Timing and lets the test report entries */
function fakeObserver(types = ["element", "paint"]) {
  const live: Array<{ cb: Callback; options?: unknown; disconnected: boolean }> = [];
  class Observer {
    static supportedEntryTypes = types;
    private readonly me: (typeof live)[number];
    constructor(cb: Callback) {
      this.me = { cb, disconnected: false };
      live.push(this.me);
    }
    observe(options: unknown) {
      this.me.options = options;
    }
    disconnect() {
      this.me.disconnected = true;
    }
  }
  const report = (identifier: string) => {
    for (const o of live) if (!o.disconnected) o.cb({ getEntries: () => [{ identifier } as unknown as PerformanceEntry] });
  };
  return { Observer, live, report };
}

describe("painted", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("resolves when the element's entry is reported, not for another element's, and stops observing", async () => {
    const { Observer, live, report } = fakeObserver();
    let done = false;
    const waiting = painted("mg:headline", 1000, Observer).then(() => (done = true));
    expect(live[0]?.options).toEqual({ type: "element", buffered: true });
    report("mg:other");
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    report("mg:headline");
    await waiting;
    expect(done).toBe(true);
    expect(live[0]?.disconnected).toBe(true);
  });

  it("resolves after the time limit when no entry comes (a hidden tab paints nothing)", async () => {
    const { Observer, live } = fakeObserver();
    let done = false;
    void painted("mg:headline", 1000, Observer).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(live[0]?.disconnected).toBe(true);
  });

  it("without Element Timing, resolves on the next frame", async () => {
    const { Observer, live } = fakeObserver(["paint"]);
    let done = false;
    void painted("mg:headline", 1000, Observer).then(() => (done = true));
    expect(live).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(done).toBe(true);
  });
});
