// the tracker in Node with real fetch against a real HTTP server that goes down and comes back while events flow
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EventType } from "../../src/core/events/index.js";
import { createMemoryStorage, createTracker, type Tracker, type TrackerError } from "../../src/tracker/index.js";
import { startCollectorStub } from "./collector-stub.js";

let stub: Awaited<ReturnType<typeof startCollectorStub>>;
beforeAll(async () => {
  stub = await startCollectorStub();
});
afterAll(() => stub.close());

/** wait until the collector has answered at least one request this way, so every phase is really exercised */
const until = (answered: number | "cut") =>
  expect.poll(() => stub.requests.some((r) => r.answered === answered), { timeout: 60_000, interval: 50 }).toBe(true);
const TYPES: EventType[] = ["impression", "open", "play", "result", "claim", "impression", "share", "close"];

it("delivers every event exactly once through an outage, a reload, 503s, a 429 and lost answers", async () => {
  // one storage shared by both "page loads" stands in for the browser's localStorage
  const storage = createMemoryStorage();
  const sent: string[] = [];
  const errors: TrackerError[] = [];
  // jitter drawn from the first quarter of each backoff window keeps the worst case of seven failures near 30 s
  // (the full-window sequence is unit-tested); ids stay unique through UUID v7's per-millisecond counter
  const random = () => Math.random() / 4;
  const open = () =>
    createTracker({ endpoint: stub.url, campaignId: "tet-2027", storage, random, onError: (e) => errors.push(e), sdkVersion: "0.1.0" });
  /** track `n` events; `sent` keeps their ids in order */
  const flow = (tracker: Tracker, n: number) => {
    for (let i = 0; i < n; i++) {
      const e = tracker.track(TYPES[sent.length % TYPES.length]!, { i: sent.length });
      expect(e).not.toBeNull();
      sent.push(e!.id);
    }
  };
  /** wait until the tracker has tried to send again since `before` retries: the outage was really met */
  const retried = (before: number) =>
    expect.poll(() => errors.filter((e) => e.code === "retry").length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(before);
  const retries = () => errors.filter((e) => e.code === "retry").length;

  // each phase queues events and then waits for the tracker to meet that phase (a refused connection, a 503, a
  // 429, a lost answer) before the next one starts, so events are tracked while earlier ones are being retried
  let tracker = open();
  flow(tracker, 40); // collector up: two full batches leave at once
  await expect.poll(() => stub.events.size, { timeout: 60_000, interval: 50 }).toBe(40);
  await stub.down();
  flow(tracker, 20); // connection refused
  await retried(0);
  flow(tracker, 40); // queued behind the backoff
  tracker.destroy(); // the visitor reloads during the outage
  tracker = open();
  const beforeReload = retries();
  flow(tracker, 30);
  await retried(beforeReload); // the reloaded page kept the queue and met the outage too
  await stub.up();
  stub.setMode({ kind: "status", status: 503 });
  flow(tracker, 20);
  await until(503);
  stub.setMode({ kind: "status", status: 429, retryAfter: "1" });
  flow(tracker, 10);
  await until(429);
  stub.setMode({ kind: "lose-answer" }); // stored, but the answer never arrives
  flow(tracker, 20);
  await until("cut");
  stub.setMode({ kind: "ok" });

  // every event stored, and nothing left to retry: the queue is empty, so no late resend can still come and a
  // double count would already show
  await expect.poll(() => stub.events.size >= sent.length && tracker.pending() === 0, { timeout: 90_000, interval: 50 }).toBe(true);

  const received = new Set(stub.events.keys());
  console.log(
    `tracker down/up over real HTTP: sent ${sent.length}, received ${received.size} distinct, ` +
      `${stub.stats.received} copies on the wire, ${stub.stats.duplicates} duplicates dropped by id, ` +
      `${stub.requests.length} requests, ${errors.filter((e) => e.code === "retry").length} retried attempts`,
  );
  expect(received.size).toBe(sent.length);
  expect([...received].sort()).toEqual([...sent].sort());
  expect(stub.stats.invalid).toBe(0);
  expect(stub.stats.duplicates).toBeGreaterThan(0); // the lost answers really were resent
  expect(errors.filter((e) => e.code === "dropped" || e.code === "refused")).toEqual([]);
  expect(tracker.pending()).toBe(0);
  // simple requests only: no preflight, text/plain, no cookies asked for
  expect(stub.requests.some((r) => r.headers["access-control-request-method"])).toBe(false);
  for (const r of stub.requests) expect(r.headers["content-type"]).toBe("text/plain;charset=UTF-8");
  // each event reached the server under one id, with the seq of its session intact
  const bySession = new Map<string, number[]>();
  for (const e of stub.events.values()) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e.seq!]);
  for (const seqs of bySession.values()) expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i));
  tracker.destroy();
}, 120_000);
