import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EngagementEvent, EventType } from "../core/events/index.js";
import { createQueue, utf8Length } from "./queue.js";
import { createKV, createMemoryStorage } from "./storage.js";
import { answer, setup } from "../../tests/helpers/tracker/doubles.js";

let n = 0;
const ev = (type: EventType, extra: Partial<EngagementEvent> = {}): EngagementEvent => ({
  id: `e${++n}`,
  type,
  campaignId: "tet",
  visitorId: "v",
  sessionId: "s",
  ts: n,
  ...extra,
});

function queueOf(maxEvents: number, maxBytes = 1 << 20) {
  const storage = createMemoryStorage();
  const kv = createKV(storage, () => {});
  const q = createQueue({ kv, campaignId: "tet", maxEvents, maxBytes });
  const add = (e: EngagementEvent) => q.add(e, JSON.stringify(e)).map((d) => d.type);
  return { q, kv, storage, add };
}

describe("queue", () => {
  it("writes each event to storage before anything can send it", () => {
    const { q, kv, add } = queueOf(10);
    const e = ev("play");
    add(e);
    expect(JSON.parse(kv.get(`mg:q:tet:${e.id}`)!)).toEqual(e);
    q.remove([e.id]);
    expect(kv.get(`mg:q:tet:${e.id}`)).toBeNull();
  });

  it("drops impression and open first, then other non-critical events, and result/claim/lead last", () => {
    const { q, add } = queueOf(4);
    add(ev("claim"));
    add(ev("play"));
    add(ev("impression"));
    add(ev("open"));
    expect(add(ev("result"))).toEqual(["impression"]);
    expect(add(ev("lead"))).toEqual(["open"]);
    expect(add(ev("share"))).toEqual(["play"]);
    expect(add(ev("claim"))).toEqual(["share"]);
    expect(add(ev("impression"))).toEqual(["impression"]); // the newest non-critical goes before any critical
    expect(add(ev("claim"))).toEqual(["claim"]); // only critical left: the oldest goes
    expect(q.size).toBe(4);
  });

  it("bounds the bytes as well as the count", () => {
    const { q, add } = queueOf(100, 1000);
    for (let i = 0; i < 10; i++) add(ev("impression", { props: { pad: "x".repeat(150) } }));
    expect(q.bytes).toBeLessThanOrEqual(1000);
    expect(q.size).toBeLessThan(10);
  });

  it("never drops an event that is being sent", () => {
    const storage = createMemoryStorage();
    const q = createQueue({ kv: createKV(storage, () => {}), campaignId: "tet", maxEvents: 2, maxBytes: 1 << 20 });
    const a = ev("impression");
    const b = ev("impression");
    q.add(a, JSON.stringify(a));
    q.add(b, JSON.stringify(b));
    const c = ev("impression");
    expect(q.add(c, JSON.stringify(c), (id) => id === a.id).map((d) => d.id)).toEqual([b.id]);
  });

  it("merges storage by id: adopts what other tabs queued and forgets what they delivered", () => {
    const { q, kv, add } = queueOf(10);
    const mine = ev("play");
    add(mine);
    const theirs = ev("claim");
    kv.set(`mg:q:tet:${theirs.id}`, JSON.stringify(theirs));
    kv.set("mg:q:tet:garbage", "{not json");
    expect(q.sync().added).toBe(1);
    expect(q.take(10, 1 << 20).map((e) => e.event.id)).toEqual([mine.id, theirs.id]);
    expect(kv.get("mg:q:tet:garbage")).toBeNull();
    kv.remove(`mg:q:tet:${mine.id}`);
    q.sync();
    expect(q.take(10, 1 << 20).map((e) => e.event.id)).toEqual([theirs.id]);
  });

  it("measures UTF-8 bytes, not UTF-16 units", () => {
    expect(utf8Length("aé€😀")).toBe(1 + 2 + 3 + 4);
  });
});

describe("overflow in the tracker", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
  afterEach(() => vi.useRealTimers());

  it("keeps 500 events, keeps every claim, and reports the drop count in the next batch", async () => {
    const { tracker, fake, errors } = setup({ random: () => 0.5 });
    fake.respond = () => answer(503);
    const claims = [tracker.track("claim")!.id];
    for (let i = 0; i < 600; i++) {
      const e = tracker.track(i % 100 === 0 ? "claim" : "impression")!;
      if (e.type === "claim") claims.push(e.id);
    }
    expect(claims).toHaveLength(7);
    expect(tracker.pending()).toBe(500);
    expect(errors.filter((e) => e.code === "dropped").reduce((s, e) => s + e.events!.length, 0)).toBe(101);
    fake.respond = (req) => answer(200, null, { accepted: req.batch.events.length });
    await vi.advanceTimersByTimeAsync(5_000);
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
    expect(fake.sends.find((s) => s.batch.dropped !== undefined)?.batch.dropped).toBe(101);
    expect(fake.sends.at(-1)!.batch.dropped).toBeUndefined(); // reported once, then reset
    for (const id of claims) expect(fake.sentIds).toContain(id);
  });

  it("spends O(1) per track whatever the queue length (no rewrite of the whole queue)", () => {
    const storage = createMemoryStorage();
    const { tracker } = setup({ transport: { send: () => new Promise(() => {}), beacon: null } }, storage);
    const set = vi.spyOn(storage, "setItem");
    tracker.track("impression");
    const few = set.mock.calls.reduce((s, c) => s + String(c[1]).length, 0);
    for (let i = 0; i < 300; i++) tracker.track("impression");
    set.mockClear();
    tracker.track("impression");
    const many = set.mock.calls.reduce((s, c) => s + String(c[1]).length, 0);
    expect(many).toBeLessThan(few * 1.5);
  });
});
