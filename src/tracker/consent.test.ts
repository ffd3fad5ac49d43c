import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryStorage } from "./storage.js";
import { setup } from "../../tests/helpers/tracker/doubles.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const k of ["globalPrivacyControl", "doNotTrack"]) delete (navigator as unknown as Record<string, unknown>)[k];
});

const keys = (s: Storage | ReturnType<typeof createMemoryStorage>) => Array.from({ length: s.length }, (_, i) => s.key(i)!);

describe("consent", () => {
  it("pending keeps events in memory only and sends them once granted", async () => {
    const storage = createMemoryStorage();
    const { tracker, fake } = setup({ consent: "pending" }, storage);
    const e = tracker.track("claim");
    expect(e).not.toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.sends).toHaveLength(0);
    expect(keys(storage)).toEqual([]);
    tracker.setConsent("granted");
    expect(keys(storage).some((k) => k === `mg:q:tet-2027:${e!.id}`)).toBe(true);
    expect(keys(storage)).toContain("mg:v");
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sentIds).toEqual([e!.id]);
  });

  it("pending sends no beacon when the page goes away", () => {
    const { tracker, fake } = setup({ consent: "pending" });
    tracker.track("claim");
    window.dispatchEvent(new Event("pagehide"));
    expect(fake.beacons).toHaveLength(0);
  });

  it("pending is bounded like the stored queue", () => {
    const { tracker } = setup({ consent: "pending" });
    for (let i = 0; i < 700; i++) tracker.track("impression");
    expect(tracker.pending()).toBe(500);
  });

  it("denied sends nothing and stores nothing", async () => {
    const storage = createMemoryStorage();
    const { tracker, fake } = setup({ consent: "denied" }, storage);
    expect(tracker.track("claim")).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.sends).toHaveLength(0);
    expect(keys(storage)).toEqual([]);
  });

  it("withdrawing consent clears the queue, the history and our ids from storage", async () => {
    const storage = createMemoryStorage();
    storage.setItem("host:cart", "3");
    const { tracker, fake } = setup({}, storage);
    tracker.track("impression");
    tracker.track("play");
    expect(keys(storage).length).toBeGreaterThan(3);
    tracker.setConsent("denied");
    expect(keys(storage)).toEqual(["host:cart"]);
    expect(tracker.events()).toEqual([]);
    expect(tracker.pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.sends).toHaveLength(0);
  });

  it("a stored queue waits while consent is pending and leaves once granted", async () => {
    const first = setup({ transport: { send: () => new Promise(() => {}), beacon: null } });
    const e = first.tracker.track("impression")!;
    first.tracker.destroy();
    const again = setup({ consent: "pending" }, first.storage);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(again.fake.sends).toHaveLength(0);
    again.tracker.setConsent("granted");
    await vi.advanceTimersByTimeAsync(10);
    expect(again.fake.sentIds).toEqual([e.id]);
  });
});

describe("Do Not Track and Global Privacy Control", () => {
  it.each([
    ["globalPrivacyControl", true],
    ["doNotTrack", "1"],
  ])("with respectDoNotTrack, %s refuses events even after setConsent('granted')", async (prop, value) => {
    Object.defineProperty(navigator, prop, { value, configurable: true });
    const storage = createMemoryStorage();
    const { tracker, fake } = setup({ respectDoNotTrack: true }, storage);
    tracker.setConsent("granted");
    expect(tracker.consent).toBe("denied");
    expect(tracker.track("play")).toBeNull();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.sends).toHaveLength(0);
    expect(keys(storage)).toEqual([]);
  });

  it("is ignored unless respectDoNotTrack is set", () => {
    Object.defineProperty(navigator, "globalPrivacyControl", { value: true, configurable: true });
    expect(setup().tracker.track("play")).not.toBeNull();
  });
});
