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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** wait until the collector has answered at least one request this way, so every phase is really exercised */
const until = async (answered: number | "cut") => {
  const deadline = Date.now() + 60_000;
  while (!stub.requests.some((r) => r.answered === answered) && Date.now() < deadline) await sleep(100);
  expect(stub.requests.some((r) => r.answered === answered)).toBe(true);
};
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
  const flow = async (tracker: Tracker, n: number, everyMs: number) => {
    for (let i = 0; i < n; i++) {
      const e = tracker.track(TYPES[sent.length % TYPES.length]!, { i: sent.length });
      expect(e).not.toBeNull();
      sent.push(e!.id);
      await sleep(everyMs);
    }
  };

  let tracker = open();
  await flow(tracker, 40, 25); // collector up
  await stub.down();
  await flow(tracker, 60, 40); // connection refused
  tracker.destroy(); // the visitor reloads during the outage
  tracker = open();
  await flow(tracker, 30, 20);
  await stub.up();
  stub.setMode({ kind: "status", status: 503 });
  await flow(tracker, 20, 50);
  await until(503);
  stub.setMode({ kind: "status", status: 429, retryAfter: "1" });
  await flow(tracker, 10, 50);
  await until(429);
  stub.setMode({ kind: "lose-answer" }); // stored, but the answer never arrives
  await flow(tracker, 20, 50);
  await until("cut");
  stub.setMode({ kind: "ok" });

  const deadline = Date.now() + 90_000;
  while (stub.events.size < sent.length && Date.now() < deadline) await sleep(200);
  await sleep(500); // let any late retry land, so a double count would show

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
