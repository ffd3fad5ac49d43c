import { describe, expect, it } from "vitest";
import type { EventRow } from "../storage/events.js";
import { retryDelay } from "./consumer.js";
import { batchId, decodeBatch, encodeBatch } from "./message.js";

const row = (id: string): EventRow => ({
  id,
  campaignId: "c",
  type: "impression",
  visitorId: "v",
  sessionId: "s",
  ts: 1,
  clientTs: 1,
  receivedAt: 2,
  day: "2027-01-01",
  seq: null,
  props: null,
  context: null,
  automated: false,
  test: false,
  clamped: false,
});

describe("queue messages", () => {
  it("names a batch by its event ids, whatever their order or repeats, and tells different batches apart", () => {
    expect(batchId([row("a"), row("b")])).toBe(batchId([row("b"), row("a"), row("a")]));
    expect(batchId([row("a"), row("b")])).not.toBe(batchId([row("a"), row("c")]));
    expect(batchId([row("a")])).toMatch(/^b1:[A-Za-z0-9_-]{43}$/);
  });

  it("reads back what it wrote and names what is wrong with anything else", () => {
    const rows = [row("a"), { ...row("b"), props: { win: true, prizeId: "p" } }];
    expect(decodeBatch(encodeBatch(rows))).toEqual({ ok: true, rows });
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(decodeBatch(bytes("{"))).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(decodeBatch(bytes('{"v":2,"rows":[]}'))).toEqual({ ok: false, error: "message version 2, this collector reads 1" });
    expect(decodeBatch(bytes('{"v":1,"rows":{}}'))).toEqual({ ok: false, error: "rows: expected an array" });
  });

  it("waits twice as long after each failure, up to the cap, jittered over the upper half", () => {
    const backoff = { base: 250, cap: 5_000 };
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => retryDelay(n, backoff, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(3, backoff, () => 0)).toBe(500);
  });
});
