import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setup } from "../../tests/helpers/tracker/doubles.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const utf8 = (s: string) => new TextEncoder().encode(s).length;
const hide = () => {
  vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
  document.dispatchEvent(new Event("visibilitychange"));
};
const transition = (type: "pagehide" | "pageshow", persisted: boolean) => {
  const e = new Event(type);
  Object.defineProperty(e, "persisted", { value: persisted });
  window.dispatchEvent(e);
};
const pad = (i: number) => ({ i, pad: "x".repeat(900) });

describe("page exit", () => {
  it("sends one beacon per hide, as text the collector accepts, and keeps the events until a fetch confirms them", async () => {
    const { tracker, fake } = setup();
    const ids = [tracker.track("impression")!.id, tracker.track("play")!.id];
    hide();
    transition("pagehide", false);
    expect(fake.beacons).toHaveLength(1);
    expect(fake.beacons[0]!.batch.events.map((e) => e.id)).toEqual(ids);
    expect(fake.sends).toHaveLength(0);
    expect(tracker.pending()).toBe(2);
  });

  it("chunks beacons at 16 KiB and stops at 48 KiB; the rest stays queued", () => {
    const { tracker, fake } = setup();
    for (let i = 0; i < 80; i++) tracker.track("impression", pad(i));
    transition("pagehide", false);
    const sizes = fake.beacons.map((b) => utf8(b.raw));
    expect(sizes.every((s) => s <= 16 * 1024)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(48 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(40 * 1024);
    const sent = fake.beacons.flatMap((b) => b.batch.events.map((e) => e.props!.i));
    expect(sent).toEqual(sent.map((_, i) => i)); // oldest first, no gaps
    expect(tracker.pending()).toBe(80);
  });

  it("splits a refused chunk in half and leaves a refused single event queued", () => {
    const { tracker, fake } = setup();
    for (let i = 0; i < 8; i++) tracker.track("impression", pad(i));
    // the browser refuses anything over 4 KiB, and event 5 whatever its size
    fake.beaconResult = (req) => utf8(req.raw) <= 4096 && !req.batch.events.some((e) => e.props!.i === 5);
    transition("pagehide", false);
    const accepted = fake.beacons.filter((b) => b.ok).flatMap((b) => b.batch.events.map((e) => e.props!.i));
    expect(accepted.sort()).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(fake.beacons.filter((b) => !b.ok).map((b) => b.batch.events.length)).toEqual([8, 4, 4, 2, 1]);
  });

  it("falls back to fetch with keepalive without sendBeacon", async () => {
    const { tracker, fake } = setup();
    fake.transport.beacon = null;
    tracker.track("impression");
    transition("pagehide", false);
    expect(fake.sends).toHaveLength(1);
    expect(fake.sends[0]!.keepalive).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(tracker.pending()).toBe(0);
  });

  it("never listens to unload or beforeunload", () => {
    const add = vi.spyOn(window, "addEventListener");
    setup();
    const types = add.mock.calls.map((c) => c[0]);
    expect(types).toContain("pagehide");
    expect(types).not.toContain("unload");
    expect(types).not.toContain("beforeunload");
  });

  it("stops its timers in the back/forward cache and restarts them on pageshow", async () => {
    const { tracker, fake } = setup();
    tracker.track("impression");
    transition("pagehide", true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.sends).toHaveLength(0);
    transition("pageshow", true);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.sentIds).toHaveLength(1);
    expect(tracker.pending()).toBe(0);
  });

  it("beacons again on the next hide after the page came back", () => {
    const { tracker, fake } = setup();
    fake.respond = () => new Promise(() => {});
    tracker.track("impression");
    hide();
    hide();
    expect(fake.beacons).toHaveLength(1);
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("visible");
    document.dispatchEvent(new Event("visibilitychange"));
    hide();
    expect(fake.beacons).toHaveLength(2);
  });
});
