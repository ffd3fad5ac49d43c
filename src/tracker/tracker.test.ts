import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setup } from "../../tests/helpers/tracker/doubles.js";
import { createTracker } from "./create-tracker.js";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) });
  history.replaceState(null, "", "/tet?email=a%40b.c&utm_source=fb&utm_campaign=tet#top");
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("track", () => {
  it("fills in id, visitor, session, seq, ts and a query-free context", () => {
    const { tracker } = setup();
    const a = tracker.track("impression")!;
    const b = tracker.track("play", { prizeId: "voucher50" })!;
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect([a.seq, b.seq]).toEqual([0, 1]);
    expect(a.visitorId).toBe(tracker.visitorId);
    expect(a.sessionId).toBe(tracker.sessionId);
    expect(a.ts).toBe(Date.now());
    expect(a.context?.url).toBe("http://localhost:3000/tet?utm_source=fb&utm_campaign=tet");
    expect(a.context?.utm).toEqual({ utm_source: "fb", utm_campaign: "tet" });
    expect(a.context?.sdk).toBe("minigame-sdk@0.1.0");
    expect(b.props).toEqual({ prizeId: "voucher50" });
  });

  it("starts a new session after 30 idle minutes and restarts seq", () => {
    const { tracker } = setup();
    const first = tracker.track("open")!;
    vi.setSystemTime(Date.now() + 29 * 60_000);
    const same = tracker.track("play")!;
    vi.setSystemTime(Date.now() + 31 * 60_000);
    const next = tracker.track("play")!;
    expect(same.sessionId).toBe(first.sessionId);
    expect(next.sessionId).not.toBe(first.sessionId);
    expect(next.seq).toBe(0);
  });

  it("keeps the visitor id across page loads in the same storage", () => {
    const first = setup();
    const again = setup({}, first.storage);
    expect(again.tracker.visitorId).toBe(first.tracker.visitorId);
    expect(setup({ visitorId: "crm-42" }).tracker.visitorId).toBe("crm-42");
  });

  it("flags automated browsers", () => {
    const webdriver = vi.spyOn(navigator, "webdriver", "get").mockReturnValue(false);
    const { tracker } = setup();
    expect(tracker.track("impression")!.context?.automated).toBeUndefined();
    webdriver.mockReturnValue(true);
    expect(tracker.track("impression")!.context?.automated).toBe(true);
  });

  it("refuses events over 8 KiB, bad types and bad props with a warning, without throwing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { tracker, errors } = setup();
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "x".repeat(900)]));
    expect(tracker.track("play", big)).toBeNull();
    expect(tracker.track("nope" as never)).toBeNull();
    expect(tracker.track("play", { nested: { a: 1 } } as never)).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(["refused", "refused", "refused"]);
    expect(errors[0]!.message).toMatch(/8 KiB/);
    expect(errors[2]!.message).toMatch(/props\.nested/);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(tracker.pending()).toBe(0);
  });

  it("returns an inert tracker with one error for bad options", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const tracker = createTracker({ endpoint: "", campaignId: "x" });
    expect(tracker.track("play")).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/options\.endpoint/));
  });

  it("refuses a campaign id with ':', which would share storage keys with another campaign's", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { tracker, storage } = setup({ campaignId: "tet:2027" });
    expect(tracker.track("play")).toBeNull();
    expect(storage.length).toBe(0);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/options\.campaignId .*':'/));
  });

  it("never lets a throwing callback or transport reach the page", async () => {
    const { tracker, errors } = setup({
      onDeliver: () => {
        throw new Error("host bug");
      },
      transport: {
        send: () => {
          throw new Error("sync throw");
        },
        beacon: null,
      },
    });
    const event = tracker.track("claim");
    expect(event?.type).toBe("claim");
    await vi.advanceTimersByTimeAsync(10);
    await expect(tracker.flush()).resolves.toBeUndefined();
    // the throwing transport is a failed attempt, reported and retried later, not an exception
    expect(errors.map((e) => e.code)).toContain("retry");
  });
});

describe("batching", () => {
  it("waits 2 s after the first queued event, then sends one batch", async () => {
    const { tracker, fake } = setup();
    tracker.track("impression");
    await vi.advanceTimersByTimeAsync(1500);
    tracker.track("open");
    await vi.advanceTimersByTimeAsync(499);
    expect(fake.sends).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.sends).toHaveLength(1);
    expect(fake.sends[0]!.batch.events.map((e) => e.type)).toEqual(["impression", "open"]);
    expect(fake.sends[0]!.keepalive).toBe(true);
    expect(tracker.pending()).toBe(0);
  });

  it("sends at once when 20 events are queued", async () => {
    const { tracker, fake } = setup();
    for (let i = 0; i < 19; i++) tracker.track("impression");
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sends).toHaveLength(0);
    tracker.track("impression");
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sends.map((s) => s.batch.events.length)).toEqual([20]);
  });

  it("sends at once when 16 KiB are queued, in batches of at most 16 KiB", async () => {
    const { tracker, fake } = setup();
    const props = { text: "y".repeat(900), more: "z".repeat(900), last: "w".repeat(900) };
    for (let i = 0; i < 4; i++) tracker.track("share", props);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sends).toHaveLength(0);
    for (let i = 0; i < 2; i++) tracker.track("share", props);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sends.length).toBeGreaterThanOrEqual(2);
    expect(fake.sentIds).toHaveLength(6);
    for (const s of fake.sends) expect(new TextEncoder().encode(s.raw).length).toBeLessThanOrEqual(16 * 1024 + 64);
  });

  it.each(["result", "claim", "lead"] as const)("sends a %s event at once", async (type) => {
    const { tracker, fake } = setup();
    tracker.track("impression");
    tracker.track(type, { win: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sends.map((s) => s.batch.events.map((e) => e.type))).toEqual([["impression", type]]);
  });

  it("sets sentAt on every attempt and reports delivered events", async () => {
    const { tracker, fake, delivered } = setup();
    let fail = true;
    fake.respond = (req) => {
      if (!fail) return { status: 200, retryAfter: null, body: { accepted: req.batch.events.length } };
      fail = false;
      return { status: 503, retryAfter: null, body: null };
    };
    const e = tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.sends).toHaveLength(2);
    expect(fake.sends[1]!.batch.sentAt).toBeGreaterThan(fake.sends[0]!.batch.sentAt);
    expect(delivered).toEqual([e.id]);
  });

  it("flush() resolves once the queue is empty", async () => {
    const { tracker, fake } = setup();
    for (let i = 0; i < 45; i++) tracker.track("impression");
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
    expect(new Set(fake.sentIds).size).toBe(45);
    expect(fake.sends.every((s) => s.batch.events.length <= 20)).toBe(true);
  });

  it("keeps its local history for stats, bounded", () => {
    const { tracker } = setup();
    for (let i = 0; i < 510; i++) tracker.track("impression");
    const events = tracker.events();
    expect(events).toHaveLength(500);
    expect(events.at(-1)!.seq).toBe(509);
  });

  it("destroy() leaves no listener and no timer behind", async () => {
    const add = vi.spyOn(window, "addEventListener");
    const remove = vi.spyOn(window, "removeEventListener");
    const { tracker, fake } = setup();
    tracker.track("impression");
    tracker.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(remove.mock.calls.map((c) => c[0]).sort()).toEqual(add.mock.calls.map((c) => c[0]).sort());
    window.dispatchEvent(new Event("online"));
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.sends).toHaveLength(0);
  });

  it("destroy() during a failing request leaves no retry timer behind", async () => {
    const { tracker, fake } = setup();
    let fail!: () => void;
    fake.respond = () => new Promise((resolve) => (fail = () => resolve({ status: 503, retryAfter: null, body: null })));
    tracker.track("claim");
    await vi.advanceTimersByTimeAsync(0);
    tracker.destroy();
    fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("local stats", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));

  it("computes this browser's stats for the campaign from its own events, across page loads", () => {
    // a person's browser, whatever the test environment reports
    vi.spyOn(navigator, "webdriver", "get").mockReturnValue(false);
    const first = setup();
    expect(first.tracker.stats().plays).toBe(0);
    first.tracker.track("impression");
    first.tracker.track("play");
    first.tracker.track("result", { prizeId: "voucher50", win: true });
    first.tracker.destroy();
    const again = setup({}, first.storage);
    again.tracker.track("play");
    again.tracker.track("result", { prizeId: "none", win: false });
    again.tracker.track("claim", { prizeId: "voucher50" });
    const stats = again.tracker.stats({ timezone: "Asia/Ho_Chi_Minh" });
    expect(stats).toMatchObject({
      impressions: 1,
      reach: 1,
      participants: 1,
      plays: 2,
      wins: 1,
      claims: 1,
      winRate: 0.5,
      conversionRate: 1,
    });
    expect(stats.prizes).toEqual({ voucher50: 1 });
    expect(Object.keys(stats.daily)).toEqual(["2027-01-25"]);
    expect(again.tracker.stats({ includeAutomated: false }).plays).toBe(2);
  });

  it("leaves out an automated browser's events when asked, and only then", () => {
    vi.spyOn(navigator, "webdriver", "get").mockReturnValue(true);
    const { tracker } = setup();
    tracker.track("play");
    expect(tracker.stats().plays).toBe(1);
    expect(tracker.stats({ includeAutomated: false }).plays).toBe(0);
  });

  it("answers zeros, not an exception, for a bad time zone", () => {
    const { tracker, errors } = setup();
    tracker.track("impression");
    expect(tracker.stats({ timezone: "Mars/Olympus" }).impressions).toBe(0);
    expect(errors[0]!.code).toBe("internal");
  });
});
