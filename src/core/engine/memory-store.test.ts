import { describe, expect, it } from "vitest";
import { createMemoryStore } from "./memory-store.js";
import { CodeTakenError, type DrawCommit } from "./types.js";

const commit = (over: Partial<DrawCommit> = {}): DrawCommit => ({
  drawId: "d1",
  visitorId: "v",
  day: "2027-01-20",
  at: 1,
  prizeId: "a",
  consumes: true,
  win: true,
  test: false,
  ...over,
});

describe("createMemoryStore", () => {
  it("runs transactions one after another, each seeing the previous one's writes", async () => {
    const store = createMemoryStore();
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store.transact("c", `v${i}`, "2027-01-20", (s) => {
          seen.push(s.prizes.a?.given ?? 0);
          return { commit: commit({ drawId: `d${i}`, visitorId: `v${i}` }), result: i };
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await store.prizeCounters("c", "2027-01-20")).toEqual({ a: { given: 5, givenToday: 5 } });
    expect(await store.prizeCounters("c", "2027-01-21")).toEqual({ a: { given: 5, givenToday: 0 } });
  });

  it("refuses a generated code issued before with CodeTakenError and writes nothing", async () => {
    const store = createMemoryStore();
    await store.transact("c", "v", "2027-01-20", () => ({ commit: commit({ newCode: "X-1", code: "X-1" }), result: null }));
    const again = store.transact("c", "w", "2027-01-20", () => ({
      commit: commit({ drawId: "d2", visitorId: "w", newCode: "X-1" }),
      result: null,
    }));
    await expect(again).rejects.toBeInstanceOf(CodeTakenError);
    expect((await store.visitor("c", "w", "2027-01-20")).total).toBe(0);
    // the chain keeps going after a failed transaction
    await expect(store.transact("c", "w", "2027-01-20", () => ({ commit: null, result: 7 }))).resolves.toBe(7);
  });

  it("moves only the visitor's counters for a test play or a play without a prize", async () => {
    const store = createMemoryStore();
    await store.transact("c", "v", "2027-01-20", () => ({ commit: commit({ consumes: false, test: true }), result: null }));
    await store.transact("c", "v", "2027-01-20", () => ({ commit: commit({ drawId: "d2", prizeId: null, win: false }), result: null }));
    expect(await store.visitor("c", "v", "2027-01-20")).toMatchObject({ total: 2, today: 2, lastPlayAt: 1 });
    expect(await store.prizeCounters("c", "2027-01-20")).toEqual({});
  });

  it("caps bonus plays per day and keeps leads across days", async () => {
    const store = createMemoryStore();
    expect(await store.grantBonus("c", "v", "2027-01-20", 2, 3)).toBe(2);
    expect(await store.grantBonus("c", "v", "2027-01-20", 2, 3)).toBe(1);
    expect(await store.grantBonus("c", "v", "2027-01-20", 2, 3)).toBe(0);
    await store.markLead("c", "v");
    expect(await store.visitor("c", "v", "2027-01-20")).toMatchObject({ bonusTotal: 3, bonusToday: 3, lead: true });
    expect(await store.visitor("c", "v", "2027-01-21")).toMatchObject({ bonusTotal: 3, bonusToday: 0, lead: true });
  });

  it("forgets the oldest draw ids beyond rememberDraws", async () => {
    const store = createMemoryStore({ rememberDraws: 2 });
    const play = (drawId: string, result: string) => store.transact("c", "v", "2027-01-20", () => ({ commit: commit({ drawId }), result }));
    await play("a", "first a");
    await play("b", "b");
    expect(await play("a", "second a")).toBe("first a");
    await play("c", "c");
    expect(await play("a", "third a")).toBe("third a");
  });

  it("keeps no visitor ledger when keepVisitors is false", async () => {
    const store = createMemoryStore({ keepVisitors: false });
    store.transactSync("c", "v", "2027-01-20", () => ({ commit: commit(), result: null }));
    expect((await store.visitor("c", "v", "2027-01-20")).total).toBe(0);
    expect((await store.prizeCounters("c", "2027-01-20")).a?.given).toBe(1);
  });
});
