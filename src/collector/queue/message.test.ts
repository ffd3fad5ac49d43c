import { describe, expect, it } from "vitest";
import { campaignRules, renormalizeRow } from "../ingest/normalize.js";
import type { EventRow } from "../storage/events.js";
import { retryDelay } from "./consumer.js";
import { batchId, decodeBatch, encodeBatch } from "./message.js";

const served = campaignRules(new Map([["c", { timezone: "UTC" }]]));
const check = (row: unknown) => renormalizeRow(row, served);

const row = (id: string): EventRow => ({
  id,
  campaignId: "c",
  type: "impression",
  visitorId: "v",
  sessionId: "s",
  ts: Date.parse("2027-01-01T10:00:00Z"),
  clientTs: 1,
  receivedAt: Date.parse("2027-01-01T10:00:01Z"),
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
    expect(decodeBatch(encodeBatch(rows), check)).toEqual({ ok: true, rows, refused: [] });
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(decodeBatch(bytes("{"), check)).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON: /) });
    expect(decodeBatch(bytes('{"v":2,"rows":[]}'), check)).toEqual({ ok: false, error: "message version 2, this collector reads 1" });
    expect(decodeBatch(bytes('{"v":1,"rows":{}}'), check)).toEqual({ ok: false, error: "rows: expected an array" });
  });

  it("checks every row as the HTTP route checks an event, and refuses a message with nothing storable", () => {
    const poison = new TextEncoder().encode('{"v":1,"rows":[{"id":"poison","campaignId":null}]}');
    expect(decodeBatch(poison, check)).toEqual({
      ok: false,
      error: "every row was refused: rows.0: receivedAt: expected a time in ms since epoch",
    });
    const rows = [
      { ...row("unserved"), campaignId: "not-served" },
      row("good"),
      { ...row("nul"), props: { note: "a\u0000b" } },
      { ...row("no-session"), sessionId: "" },
      { ...row("no-date"), day: undefined, ts: "yesterday" },
    ];
    const decoded = decodeBatch(encodeBatch(rows as EventRow[]), check);
    expect(decoded).toEqual({
      ok: true,
      rows: [row("good")],
      refused: [
        { index: 0, reason: 'campaignId: unknown campaign "not-served"' },
        { index: 2, reason: "props.note: contains a NUL character" },
        { index: 3, reason: expect.stringMatching(/^sessionId: /) },
        { index: 4, reason: "ts: expected a time in ms since epoch" },
      ],
    });
  });

  it("derives a row's day and flags again, and bounds its time as the HTTP route does", () => {
    const forged = { ...row("f"), day: "1999-01-01", test: false, props: { test: true }, automated: false, context: { automated: true } };
    expect(check(forged)).toEqual({
      ok: true,
      row: { ...row("f"), props: { test: true }, test: true, automated: true, context: { automated: true } },
    });
    const { receivedAt } = row("x");
    expect(check({ ...row("old"), ts: 0 })).toMatchObject({
      ok: true,
      row: { ts: receivedAt - 73 * 3600_000, day: "2026-12-29", clamped: true },
    });
    expect(check({ ...row("future"), ts: receivedAt + 1 })).toMatchObject({ ok: true, row: { ts: receivedAt, clamped: true } });
    expect(check({ ...row("kept"), clamped: true })).toMatchObject({ ok: true, row: { ts: row("x").ts, clamped: true } });
    const later = renormalizeRow({ ...row("later"), receivedAt: receivedAt + 2 * 3600_000 }, { ...served, now: receivedAt });
    expect(later).toEqual({ ok: false, reason: "receivedAt: in the future" });
  });

  it("waits twice as long after each failure, up to the cap, jittered over the upper half", () => {
    const backoff = { base: 250, cap: 5_000 };
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => retryDelay(n, backoff, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(3, backoff, () => 0)).toBe(500);
  });
});
