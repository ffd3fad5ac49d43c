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
