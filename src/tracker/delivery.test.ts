import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryStorage } from "./storage.js";
import { answer, setup } from "../../tests/helpers/tracker/doubles.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** times (ms after the first) at which the collector saw a request */
function timesOf(fake: ReturnType<typeof setup>["fake"]) {
  const times: number[] = [];
  const respond = fake.respond;
  fake.respond = (req) => {
    times.push(Date.now());
    return respond(req);
  };
  return times;
}
const gaps = (t: number[]) => t.slice(1).map((x, i) => x - t[i]!);

describe("retries", () => {
  it("backs off exponentially with full jitter from 1 s up to the 60 s cap", async () => {
    const { tracker, fake, errors } = setup({ random: () => 0.5 });
    fake.respond = () => answer(503);
    const times = timesOf(fake);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(200_000);
    // random() = 0.5 picks the middle of each window [0, min(60 s, 1 s · 2^(n−1)))
    expect(gaps(times).slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(errors.every((e) => e.code === "retry" && e.status === 503)).toBe(true);
    expect(tracker.pending()).toBe(1);
  });

  it("resets the backoff after a success", async () => {
    const { tracker, fake } = setup({ random: () => 0.5 });
    let down = true;
    fake.respond = (req) => (down ? answer(500) : answer(200, null, { accepted: req.batch.events.length }));
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(3_600);
    down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tracker.pending()).toBe(0);
    down = true;
    const times = timesOf(fake);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(1_600);
    expect(gaps(times)).toEqual([500, 1000]);
  });

  it("pauses the whole queue for Retry-After in seconds", async () => {
    const { tracker, fake } = setup({ random: () => 0.5 });
    let n = 0;
    fake.respond = (req) => (n++ === 0 ? answer(429, "12") : answer(200, null, { accepted: req.batch.events.length }));
    const times = timesOf(fake);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(100);
    tracker.track("lead"); // critical, but the server asked us to wait
    await vi.advanceTimersByTimeAsync(11_000);
    expect(times).toHaveLength(1);
    await expect(tracker.flush()).resolves.toBeUndefined(); // flush() does not jump the pause either
    expect(times).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gaps(times)).toEqual([12_000]);
    expect(tracker.pending()).toBe(0);
  });

  it("honours Retry-After as an HTTP date, capped at 300 s", async () => {
    const { tracker, fake } = setup();
    let n = 0;
    fake.respond = (req) =>
      n++ === 0
        ? answer(503, new Date(Date.now() + 45_000).toUTCString())
        : n === 2
          ? answer(503, "86400")
          : answer(200, null, { accepted: req.batch.events.length });
    const times = timesOf(fake);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(400_000);
    expect(gaps(times)).toEqual([45_000, 300_000]);
  });

  it("gives up after 15 s without an answer and retries", async () => {
    const { tracker, fake, errors } = setup({ random: () => 0.5 });
    let calls = 0;
    fake.transport.send = (_u, _b, init) =>
      calls++ === 0
        ? new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))
        : Promise.resolve(answer(200));
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(14_999);
    expect(errors).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors[0]).toMatchObject({ code: "retry", message: expect.stringMatching(/15 s/) });
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
    expect(tracker.pending()).toBe(0);
  });

  it("carries the backoff across page loads", async () => {
    const first = setup({ random: () => 0.5 });
    first.fake.respond = () => answer(503);
    first.tracker.track("claim");
    await vi.advanceTimersByTimeAsync(1_600); // attempts at 0, 500, 1500: next window is 2 s
    first.tracker.destroy();
    const again = setup({ random: () => 0.5 }, first.storage);
    const times = timesOf(again.fake);
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(times[0]! - start).toBe(1_500 + 2_000 - 1_600);
  });

  it("does not let a stored retry time from a clock set back stall the queue", async () => {
    const storage = createMemoryStorage();
    storage.setItem(
      "mg:m:tet-2027",
      JSON.stringify({ attempts: 3, retryAt: Date.now() + 86_400_000, pauseUntil: Date.now() + 86_400_000, dropped: -4 }),
    );
    const { tracker, fake } = setup({}, storage);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(300_000);
    expect(fake.sends).toHaveLength(1);
    expect(fake.sends[0]!.batch.dropped).toBeUndefined();
  });

  it("gives up on events older than 72 hours and counts them as dropped", async () => {
    const first = setup();
    first.fake.respond = () => answer(503);
    first.tracker.track("impression");
    await vi.advanceTimersByTimeAsync(3_000);
    first.tracker.destroy();
    vi.setSystemTime(Date.now() + 73 * 3600_000);
    const again = setup({}, first.storage);
    await vi.advanceTimersByTimeAsync(100);
    again.tracker.track("claim");
    await vi.advanceTimersByTimeAsync(70_000);
    expect(again.errors.some((e) => e.code === "dropped" && /72 hours/.test(e.message))).toBe(true);
    const last = again.fake.sends.at(-1)!.batch;
    expect(last.events.map((e) => e.type)).toEqual(["claim"]);
    expect(last.dropped).toBe(1);
  });
});

describe("answers", () => {
  it("splits a batch the collector calls too large, down to single events", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { tracker, fake, errors } = setup();
    fake.respond = (req) => (req.batch.events.length > 2 || req.batch.events.some((e) => e.props?.huge) ? answer(413) : answer(200));
    for (let i = 0; i < 7; i++) tracker.track("impression", { huge: i === 3 });
    await tracker.flush();
    expect(fake.sends.map((s) => s.batch.events.length)).toEqual([7, 4, 2, 2, 1, 1, 3, 2, 1]);
    expect(tracker.pending()).toBe(0);
    expect(errors.filter((e) => e.code === "dropped").map((e) => e.events!.length)).toEqual([1]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["consent is withdrawn", (t: ReturnType<typeof setup>["tracker"]) => t.setConsent("denied")],
    ["the tracker is destroyed", (t: ReturnType<typeof setup>["tracker"]) => t.destroy()],
  ])("sends neither half of a batch split by a 413 that arrives after %s", async (_, stop) => {
    const { tracker, fake } = setup();
    let answer413: (res: ReturnType<typeof answer>) => void = () => {};
    fake.respond = () => new Promise((resolve) => (answer413 = resolve));
    for (const type of ["play", "open", "impression", "claim"] as const) tracker.track(type);
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.sends).toHaveLength(1);
    stop(tracker);
    answer413(answer(413));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.sends).toHaveLength(1);
  });

  it("drops a batch on other 4xx with one console.warn naming the status", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { tracker, fake, errors } = setup();
    fake.respond = () => answer(400);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(10);
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.sends).toHaveLength(2);
    expect(tracker.pending()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/400/);
    expect(errors.map((e) => [e.code, e.status])).toEqual([
      ["dropped", 400],
      ["dropped", 400],
    ]);
  });

  it("drops a batch the collector refuses whole (422) once, with the collector's reason, and never sends it again", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { tracker, fake, errors } = setup();
    const error = 'every event was rejected: campaignId: unknown campaign "tet-2027"';
    fake.respond = () => answer(422, null, { error, accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: "x" }] });
    const a = tracker.track("impression")!;
    await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(fake.sends).toHaveLength(1);
    expect(tracker.pending()).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(`minigame tracker: collector answered 422: ${error}; dropped 1 event(s)`);
    expect(errors).toEqual([{ code: "dropped", message: `collector answered 422: ${error}`, status: 422, events: [a] }]);
  });

  it("reports events the collector rejected and delivers the rest", async () => {
    const { tracker, fake, errors, delivered } = setup();
    fake.respond = () => answer(200, null, { accepted: 1, duplicates: 0, rejected: [{ index: 1, reason: "props.score: too long" }] });
    const a = tracker.track("impression")!;
    const b = tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(10);
    expect(delivered).toEqual([a.id]);
    expect(errors[0]).toMatchObject({ code: "dropped", events: [b] });
    expect(errors[0]!.message).toMatch(/too long/);
  });

  it("waits for the online event without spending attempts while offline", async () => {
    const { tracker, fake } = setup({ random: () => 0.5 });
    const online = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    fake.transport.send = vi.fn(() => Promise.reject(new TypeError("Failed to fetch")));
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fake.transport.send).toHaveBeenCalledTimes(0);
    online.mockReturnValue(true);
    fake.transport.send = vi.fn(() => Promise.resolve(answer(200)));
    window.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.transport.send).toHaveBeenCalledTimes(1);
    expect(tracker.pending()).toBe(0);
  });

  it("does not count an attempt that failed because the browser went offline", async () => {
    const { tracker, fake } = setup({ random: () => 0.5 });
    const online = vi.spyOn(navigator, "onLine", "get").mockReturnValue(true);
    fake.transport.send = () => {
      online.mockReturnValue(false);
      return Promise.reject(new TypeError("Failed to fetch"));
    };
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(10);
    online.mockReturnValue(true);
    const times: number[] = [];
    fake.transport.send = () => {
      times.push(Date.now());
      return Promise.resolve(answer(503));
    };
    window.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(600);
    // first real failure waits the first backoff window (500 ms at random 0.5), not the second
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(500);
  });
});
