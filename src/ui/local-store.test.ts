import { afterEach, describe, expect, it } from "vitest";
import { CodeTakenError, type DrawCommit } from "../core/engine/types.js";
import { createLocalStore } from "./local-store.js";

const commit = (over: Partial<DrawCommit> = {}): DrawCommit => ({
  drawId: "d1",
  visitorId: "v1",
  day: "2027-01-21",
  at: 1000,
  prizeId: "voucher",
  consumes: true,
  win: true,
  test: false,
  ...over,
});
const play = (store: ReturnType<typeof createLocalStore>, c: DrawCommit) =>
  store.transact("tet", c.visitorId, c.day, (snap) => ({ commit: c, result: snap }));

afterEach(() => localStorage.clear());

describe("createLocalStore", () => {
  it("keeps a visitor's plays and the prize counters across a new store instance (a reload)", async () => {
    await play(createLocalStore(), commit());
    await play(createLocalStore(), commit({ drawId: "d2", at: 2000 }));
    const reloaded = createLocalStore();
    expect(await reloaded.visitor("tet", "v1", "2027-01-21")).toEqual({
      total: 2,
      today: 2,
      lastPlayAt: 2000,
      bonusTotal: 0,
      bonusToday: 0,
      lead: false,
    });
    expect(await reloaded.prizeCounters("tet", "2027-01-21")).toEqual({ voucher: { given: 2, givenToday: 2 } });
    expect(localStorage.getItem("minigame:tet")).not.toBeNull();
  });

  it("keeps visitors and prizes named like Object's own properties apart across a reload", async () => {
    await play(createLocalStore(), commit({ visitorId: "__proto__", prizeId: "constructor" }));
    await play(createLocalStore(), commit({ visitorId: "__proto__", prizeId: "constructor", drawId: "d2", at: 2000 }));
    const reloaded = createLocalStore();
    expect(await reloaded.visitor("tet", "__proto__", "2027-01-21")).toMatchObject({ total: 2, today: 2, lastPlayAt: 2000 });
    expect(await reloaded.visitor("tet", "constructor", "2027-01-21")).toMatchObject({ total: 0, today: 0 });
    expect(await reloaded.prizeCounters("tet", "2027-01-21")).toEqual({ constructor: { given: 2, givenToday: 2 } });
    expect(Object.getOwnPropertyNames(Object).includes("given")).toBe(false);
  });

  it("starts each day's counters at zero and keeps totals", async () => {
    const store = createLocalStore();
    await play(store, commit());
    expect(await store.visitor("tet", "v1", "2027-01-22")).toMatchObject({ total: 1, today: 0 });
    expect(await store.prizeCounters("tet", "2027-01-22")).toEqual({ voucher: { given: 1, givenToday: 0 } });
  });

  it("keeps campaigns apart and honours the key prefix", async () => {
    const store = createLocalStore(localStorage, "acme:");
    await play(store, commit());
    expect(localStorage.getItem("acme:tet")).not.toBeNull();
    expect(await store.visitor("other", "v1", "2027-01-21")).toMatchObject({ total: 0 });
  });

  it("moves no stock when the draw does not consume, and refuses a code issued before", async () => {
    const store = createLocalStore();
    await play(store, commit({ consumes: false, newCode: "ABC" }));
    expect(await store.prizeCounters("tet", "2027-01-21")).toEqual({});
    await expect(play(store, commit({ drawId: "d2", newCode: "ABC" }))).rejects.toBeInstanceOf(CodeTakenError);
    expect(await store.visitor("tet", "v1", "2027-01-21")).toMatchObject({ total: 1 });
  });

  it("answers a replayed draw id with its first result and counts one play, across a reload", async () => {
    const first = await createLocalStore().transact("tet", "v1", "2027-01-21", () => ({ commit: commit(), result: { n: 1 } }));
    const again = await createLocalStore().transact("tet", "v1", "2027-01-21", () => ({ commit: commit({ at: 5000 }), result: { n: 2 } }));
    expect(first).toEqual({ n: 1 });
    expect(again).toEqual({ n: 1 });
    expect(await createLocalStore().visitor("tet", "v1", "2027-01-21")).toMatchObject({ total: 1, lastPlayAt: 1000 });
    // another visitor's draw id is not theirs to read
    const other = await createLocalStore().transact("tet", "v2", "2027-01-21", () => ({
      commit: commit({ visitorId: "v2" }),
      result: { n: 3 },
    }));
    expect(other).toEqual({ n: 3 });
  });

  it("keeps its entry bounded however many plays and codes it sees", async () => {
    const store = createLocalStore();
    for (let i = 0; i < 700; i++) await play(store, commit({ drawId: `d${i}`, newCode: `C${i}` }));
    const entry = JSON.parse(localStorage.getItem("minigame:tet") ?? "{}");
    expect(entry.draws.length).toBe(20);
    expect(entry.codes.length).toBe(500);
    expect(await store.visitor("tet", "v1", "2027-01-21")).toMatchObject({ total: 700 });
    await expect(play(store, commit({ drawId: "next", newCode: "C699" }))).rejects.toBeInstanceOf(CodeTakenError);
  });

  it("grants bonus plays up to the daily maximum", async () => {
    const store = createLocalStore();
    expect(await store.grantBonus("tet", "v1", "2027-01-21", 1, 2)).toBe(1);
    expect(await store.grantBonus("tet", "v1", "2027-01-21", 1, 2)).toBe(1);
    expect(await store.grantBonus("tet", "v1", "2027-01-21", 1, 2)).toBe(0);
    expect(await store.grantBonus("tet", "v1", "2027-01-22", 1, 2)).toBe(1);
    expect(await createLocalStore().visitor("tet", "v1", "2027-01-22")).toMatchObject({ bonusTotal: 3, bonusToday: 1 });
  });

  it("remembers a lead", async () => {
    await createLocalStore().markLead("tet", "v1");
    expect(await createLocalStore().visitor("tet", "v1", "2027-01-21")).toMatchObject({ lead: true });
  });

  it("falls back to memory when localStorage throws, and survives a corrupt entry", async () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
    } as unknown as Storage;
    const store = createLocalStore(broken);
    await play(store, commit());
    expect(await store.visitor("tet", "v1", "2027-01-21")).toMatchObject({ total: 1 });
    localStorage.setItem("minigame:tet", "{not json");
    expect(await createLocalStore().visitor("tet", "v1", "2027-01-21")).toMatchObject({ total: 0 });
  });
});
