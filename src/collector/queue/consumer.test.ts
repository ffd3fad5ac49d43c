import type { Consumer, JsMsg } from "@nats-io/jetstream";
import { describe, expect, it } from "vitest";
import type { LogLine } from "../options.js";
import type { EventRow } from "../storage/events.js";
import { startConsumerLoop } from "./consumer.js";
import { encodeBatch } from "./message.js";

const row = (id: string) => ({ id }) as EventRow;

/** a stream in memory: fetch hands out what is due, nak puts a message back after its delay, ack and term remove it */
function fakeStream(batches: string[][]) {
  type Entry = { seq: number; data: Uint8Array; dueAt: number; deliveries: number; end?: "ack" | "term" };
  const entries: Entry[] = batches.map((ids, i) => ({ seq: i + 1, data: encodeBatch(ids.map(row)), dueAt: 0, deliveries: 0 }));
  const consumer = {
    async fetch() {
      const due = entries.filter((e) => !e.end && e.dueAt <= Date.now());
      for (const e of due) {
        e.deliveries++;
        e.dueAt = Infinity; // in flight until acked, nak'd or terminated
      }
      await new Promise((r) => setTimeout(r, due.length ? 0 : 5));
      const msgs = due.map(
        (e) =>
          ({
            seq: e.seq,
            data: e.data,
            ack: () => (e.end = "ack"),
            term: () => (e.end = "term"),
            nak: (delay = 0) => (e.dueAt = Date.now() + delay),
          }) as unknown as JsMsg,
      );
      return Object.assign(
        (async function* () {
          yield* msgs;
        })(),
        { stop() {} },
      );
    },
  } as unknown as Consumer;
  return { consumer, entries };
}

describe("the consumer loop", () => {
  it("stores the messages fetched with one the database refuses, and terminates that one after three tries", async () => {
    const { consumer, entries } = fakeStream([["a1", "a2"], ["poison"], ["b1"], ["c1", "c2"]]);
    const stored: string[] = [];
    const tries: string[][] = [];
    const logs: LogLine[] = [];
    const loop = startConsumerLoop({
      consumer,
      checkRow: (r) => ({ ok: true, row: r as EventRow }),
      async store(rows) {
        tries.push(rows.map((r) => r.id));
        if (rows.some((r) => r.id === "poison")) throw Object.assign(new Error("violates check constraint"), { code: "23514" });
        stored.push(...rows.map((r) => r.id));
        return { accepted: rows.length, duplicates: 0 };
      },
      log: (l) => logs.push(l),
      backoffMs: { base: 1, cap: 4 },
    });
    await expect.poll(() => entries.map((e) => e.end)).toEqual(["ack", "term", "ack", "ack"]);
    await loop.stop();
    expect(stored.sort()).toEqual(["a1", "a2", "b1", "c1", "c2"]);
    expect(entries[1]!.deliveries).toBe(3);
    // the group failed once; each message alone; then the poison alone on its redeliveries
    expect(tries).toEqual([
      ["a1", "a2", "poison", "b1", "c1", "c2"],
      ["a1", "a2"],
      ["poison"],
      ["b1"],
      ["c1", "c2"],
      ["poison"],
      ["poison"],
    ]);
    expect(logs.filter((l) => l.level === "error")).toEqual([
      expect.objectContaining({ msg: "event queue: a batch the database refuses was terminated", seq: 2, attempts: 3 }),
    ]);
  });

  it("hands everything back when the database is away, trying two messages alone, and terminates nothing", async () => {
    const { consumer, entries } = fakeStream([["a"], ["b"], ["c"], ["d"]]);
    let down = true;
    const tries: string[][] = [];
    const logs: LogLine[] = [];
    const loop = startConsumerLoop({
      consumer,
      checkRow: (r) => ({ ok: true, row: r as EventRow }),
      async store(rows) {
        if (down) tries.push(rows.map((r) => r.id));
        if (down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
        return { accepted: rows.length, duplicates: 0 };
      },
      log: (l) => logs.push(l),
      backoffMs: { base: 1, cap: 4 },
    });
    await expect.poll(() => tries.length).toBeGreaterThanOrEqual(9);
    // each round: the group, then two alone, and no more of the database's time
    expect(tries.slice(0, 6)).toEqual([["a", "b", "c", "d"], ["a"], ["b"], ["a", "b", "c", "d"], ["a"], ["b"]]);
    expect(entries.every((e) => e.end === undefined && e.deliveries >= 3)).toBe(true);
    down = false;
    await expect.poll(() => entries.map((e) => e.end)).toEqual(["ack", "ack", "ack", "ack"]);
    await loop.stop();
    expect(logs.map((l) => l.level)).toEqual(["warn", "info"]);
  });

  it("terminates a message with nothing storable and logs it as an error", async () => {
    const { consumer, entries } = fakeStream([["x"], ["ok"]]);
    const logs: LogLine[] = [];
    const loop = startConsumerLoop({
      consumer,
      checkRow: (r) =>
        (r as EventRow).id === "x" ? { ok: false, reason: "campaignId: unknown campaign" } : { ok: true, row: r as EventRow },
      store: async (rows) => ({ accepted: rows.length, duplicates: 0 }),
      log: (l) => logs.push(l),
    });
    await expect.poll(() => entries.map((e) => e.end)).toEqual(["term", "ack"]);
    await loop.stop();
    expect(logs).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "event queue: unreadable message terminated",
        seq: 1,
        error: "every row was refused: rows.0: campaignId: unknown campaign",
      }),
    ]);
  });
});
