import { describe, expect, it } from "vitest";
import { createEngine } from "./create-engine.js";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createMemoryStore } from "./memory-store.js";
import { createSeededRandom } from "./random.js";
import { dayKey } from "../util/time.js";
import { CodeTakenError } from "./types.js";
import type { CampaignInput } from "../schema/campaign.js";

const DAY = 86_400_000;
const START = Date.parse("2027-01-20T00:00:00+07:00");

function setup(overrides: Partial<CampaignInput>, seed: number | string = 1) {
  const clock = { t: START + 3_600_000 };
  const store = createMemoryStore();
  const engine = createEngine(testCampaign(overrides), { random: createSeededRandom(seed), now: () => clock.t, store });
  return { engine, store, clock };
}

describe("stock", () => {
  it("gives exactly the stock to 500 concurrent draws on the memory store", async () => {
    const { engine, store } = setup({
      prizes: [
        { id: "a", label: "A", weight: 1, stock: 50 },
        { id: "none", label: "None", weight: 0.01, win: false },
      ],
    });
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => engine.draw(`v${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.win)).toHaveLength(50);
    expect((await store.prizeCounters("test", dayKey(START, "Asia/Ho_Chi_Minh"))).a).toEqual({ given: 50, givenToday: 50 });
  });

  it("counts the stock of prizes named like Object's own properties on their own counters", async () => {
    const { engine, store } = setup({
      prizes: [
        { id: "constructor", label: "A", weight: 1, stock: 2 },
        { id: "toString", label: "B", weight: 1, stock: 1 },
        { id: "none", label: "None", weight: 0.01, win: false },
      ],
    });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => engine.draw(`v${i}`)));
    const won = (id: string) => results.filter((r) => r.ok && r.win && r.prize?.id === id).length;
    expect([won("constructor"), won("toString")]).toEqual([2, 1]);
    expect(await store.prizeCounters("test", dayKey(START, "Asia/Ho_Chi_Minh"))).toMatchObject({
      constructor: { given: 2, givenToday: 2 },
      toString: { given: 1, givenToday: 1 },
    });
    expect(Object.getOwnPropertyNames(Object).includes("given")).toBe(false);
  });

  it("says out_of_stock, without using up a play, when nothing is left and there is no fallback", async () => {
    const { engine } = setup({
      onStockOut: "renormalize",
      fallbackPrizeId: undefined,
      limits: { perVisitor: { total: 2 } },
      prizes: [
        { id: "a", label: "A", weight: 1, stock: 1 },
        { id: "b", label: "B", weight: 1, stock: 1 },
      ],
    });
    expect((await engine.draw("v1")).ok).toBe(true);
    expect((await engine.draw("v2")).ok).toBe(true);
    expect(await engine.eligibility("v3")).toMatchObject({ ok: false, reason: "out_of_stock", playsLeft: 2 });
    expect(await engine.draw("v1")).toMatchObject({ ok: false, reason: "out_of_stock", playsLeft: 1 });
  });

  it("gives no more than the daily cap each day and starts again the next day", async () => {
    const { engine, clock } = setup({
      prizes: [
        { id: "a", label: "A", weight: 100, dailyCap: 5 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
    });
    for (let day = 0; day < 3; day++) {
      let wins = 0;
      for (let i = 0; i < 60; i++) {
        const r = await engine.draw(`d${day}v${i}`);
        if (r.ok && r.prize?.id === "a") wins++;
      }
      expect(wins).toBe(5);
      clock.t += DAY;
    }
  });

  it("paces stock evenly: each day releases its share and unused units roll over", async () => {
    const schedule = { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-01-29T23:59:59+07:00" };
    const { engine, clock } = setup({
      pacing: "even",
      schedule,
      prizes: [
        { id: "a", label: "A", weight: 100, stock: 30 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
    });
    const perDay: number[] = [];
    for (let day = 0; day < 10; day++) {
      let wins = 0;
      // nobody plays on day 2: its 3 units roll over to day 3
      for (let i = 0; i < (day === 2 ? 0 : 40); i++) {
        const r = await engine.draw(`d${day}v${i}`);
        if (r.ok && r.prize?.id === "a") wins++;
      }
      perDay.push(wins);
      clock.t += DAY;
    }
    expect(perDay).toEqual([3, 3, 0, 6, 3, 3, 3, 3, 3, 3]);
  });

  it("releases the whole stock over the days with play time when the schedule ends at midnight", async () => {
    // 2027-02-01 to 2027-02-11 00:00: ten days; an 11th day of no play time would hold back a tenth of the stock
    const { engine, clock } = setup({
      pacing: "even",
      schedule: { startsAt: "2027-02-01T00:00:00+07:00", endsAt: "2027-02-11T00:00:00+07:00" },
      prizes: [
        { id: "a", label: "A", weight: 100, stock: 1000 },
        { id: "none", label: "None", weight: 1, win: false },
      ],
    });
    clock.t = Date.parse("2027-02-01T08:00:00+07:00");
    const perDay: number[] = [];
    for (let day = 0; day < 10; day++) {
      let wins = 0;
      for (let i = 0; i < 150; i++) {
        const r = await engine.draw(`d${day}v${i}`);
        if (r.ok && r.prize?.id === "a") wins++;
      }
      perDay.push(wins);
      clock.t += DAY;
    }
    expect(perDay).toEqual(Array(10).fill(100));
  });
});

describe("codes", () => {
  it("hands out pool codes in order, never twice, then falls back", async () => {
    const codes = ["C1", "C2", "C3"];
    const { engine } = setup({
      prizes: [
        { id: "a", label: "A", weight: 1, codes },
        { id: "none", label: "None", weight: 0, win: false },
      ],
    });
    const given = [];
    for (let i = 0; i < 5; i++) given.push(await engine.draw(`v${i}`));
    expect(given.map((r) => r.ok && r.code)).toEqual(["C1", "C2", "C3", undefined, undefined]);
    expect(given.slice(3).map((r) => r.ok && r.prize?.id)).toEqual(["none", "none"]);
  });

  it("generates codes with the prefix, length and alphabet, and retries when a code is already taken", async () => {
    const campaign = testCampaign({
      prizes: [
        { id: "a", label: "A", weight: 1, codeGenerator: { prefix: "TET-", length: 6, alphabet: "ABCDEFGHJK" } },
        { id: "none", label: "None", weight: 0, win: false },
      ],
    });
    const store = createMemoryStore();
    let clashes = 0;
    const transact = store.transact.bind(store);
    store.transact = ((c, v, d, decide) =>
      transact(c, v, d, decide).catch((e: unknown) => {
        if (e instanceof CodeTakenError) clashes++;
        throw e;
      })) as typeof store.transact;
    // two engines with the same seed make the same first code: the second must notice and draw another
    let id = 0;
    const make = () => createEngine(campaign, { random: createSeededRandom("same"), store, newId: () => `d${++id}` });
    const first = await make().draw("v1");
    const second = await make().draw("v2");
    expect(first.ok && first.code).toMatch(/^TET-[A-HJK]{6}$/);
    expect(second.ok && second.code).toMatch(/^TET-[A-HJK]{6}$/);
    expect(second.ok && second.code).not.toBe(first.ok && first.code);
    expect(clashes).toBe(1);
  });
});
