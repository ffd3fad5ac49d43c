import { describe, expect, it, vi } from "vitest";
import { createEngine } from "./create-engine.js";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createMemoryStore } from "./memory-store.js";
import { createSeededRandom } from "./random.js";
import type { CampaignInput } from "../schema/campaign.js";

const HCM = (local: string) => Date.parse(`${local}+07:00`);

function setup(overrides: Partial<CampaignInput>, start = HCM("2027-01-20T10:00:00")) {
  const clock = { t: start };
  const store = createMemoryStore();
  const engine = createEngine(testCampaign(overrides), { random: createSeededRandom(1), now: () => clock.t, store });
  return { engine, store, clock };
}

describe("engine rules", () => {
  it("counts plays at 23:59 and 00:01 in Asia/Ho_Chi_Minh on two days, so the daily limit resets", async () => {
    const { engine, clock } = setup({ limits: { perVisitor: { total: 5, perDay: 1 } } }, HCM("2027-01-20T23:59:00"));
    expect(await engine.draw("v")).toMatchObject({ ok: true, playsLeft: 4, playsLeftToday: 0 });
    clock.t = HCM("2027-01-20T23:59:30");
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "limit_day", retryAt: HCM("2027-01-21T00:00:00") });
    clock.t = HCM("2027-01-21T00:01:00");
    expect(await engine.eligibility("v")).toEqual({ ok: true, playsLeft: 4, playsLeftToday: 1 });
    expect(await engine.draw("v")).toMatchObject({ ok: true, playsLeft: 3, playsLeftToday: 0 });
  });

  it("stops at the total limit whatever the day", async () => {
    const { engine, clock } = setup({ limits: { perVisitor: { total: 2 } } });
    for (let day = 0; day < 2; day++, clock.t += 86_400_000) expect((await engine.draw("v")).ok).toBe(true);
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "limit_total", playsLeft: 0 });
    expect(await engine.draw("other")).toMatchObject({ ok: true, playsLeft: 1 });
  });

  it("keeps a visitor waiting for the cooldown", async () => {
    const { engine, clock } = setup({ limits: { cooldownSeconds: 30 } });
    const first = await engine.draw("v");
    expect(first.ok).toBe(true);
    clock.t += 10_000;
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "cooldown", retryAt: first.ok ? first.at + 30_000 : NaN });
    clock.t += 20_000;
    expect((await engine.draw("v")).ok).toBe(true);
  });

  it("draws only inside the schedule", async () => {
    const schedule = { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-01-21T23:59:59+07:00" };
    const { engine, clock } = setup({ schedule }, HCM("2027-01-19T08:00:00"));
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "not_started", retryAt: Date.parse(schedule.startsAt) });
    clock.t = HCM("2027-01-21T12:00:00");
    expect((await engine.draw("v")).ok).toBe(true);
    clock.t = HCM("2027-01-22T00:00:00");
    expect(await engine.eligibility("v")).toMatchObject({ ok: false, reason: "ended" });
  });

  it("asks for a lead until markLead", async () => {
    const { engine } = setup({ requireLead: true });
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "lead_required" });
    await engine.markLead("v");
    expect((await engine.draw("v")).ok).toBe(true);
  });

  it("grants bonus plays per share, capped per day, that add to both allowances", async () => {
    const { engine, clock } = setup({ limits: { perVisitor: { total: 1, perDay: 1 } }, bonusPlays: { perShare: 1, maxPerDay: 1 } });
    expect((await engine.draw("v")).ok).toBe(true);
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "limit_total" });
    expect(await engine.grantBonus("v")).toBe(1);
    expect(await engine.grantBonus("v")).toBe(0);
    expect(await engine.draw("v")).toMatchObject({ ok: true, playsLeft: 0, playsLeftToday: 0 });
    expect(await engine.draw("v")).toMatchObject({ ok: false, reason: "limit_total" });
    clock.t += 86_400_000;
    expect(await engine.grantBonus("v")).toBe(1);
    expect(await engine.draw("v")).toMatchObject({ ok: true, playsLeft: 0 });
  });

  it("grants nothing when the campaign has no bonus plays", async () => {
    expect(await setup({}).engine.grantBonus("v")).toBe(0);
  });
});

describe("test mode", () => {
  it("limits plays per visitor but consumes no stock and no codes", async () => {
    const { engine, store } = setup({
      testMode: true,
      limits: { perVisitor: { total: 1 } },
      prizes: [
        { id: "a", label: "A", weight: 1, stock: 1, codes: ["REAL-1"] },
        { id: "none", label: "None", weight: 0, win: false },
      ],
    });
    for (let i = 0; i < 20; i++) {
      const r = await engine.draw(`v${i}`);
      expect(r).toMatchObject({ ok: true, test: true, win: true, prize: { id: "a" } });
      expect(r.ok && r.code).toMatch(/^TEST-[2-9A-Z]{8}$/);
    }
    expect(await engine.draw("v0")).toMatchObject({ ok: false, reason: "limit_total" });
    expect(await store.prizeCounters("test", "2027-01-20")).toEqual({});
  });
});

describe("quiz draws", () => {
  const quizCampaign = (extra: Partial<CampaignInput> = {}): Partial<CampaignInput> => ({
    game: "quiz",
    prizes: [
      { id: "gold", label: "Gold", weight: 1, stock: 1 },
      { id: "silver", label: "Silver", weight: 1 },
      { id: "none", label: "None", weight: 5, win: false },
    ],
    quiz: {
      questions: [{ id: "q1", text: "?", choices: ["a", "b"], answer: 1 }],
      passScore: 1,
      prizeTiers: [{ minScore: 1, prizeIds: ["gold"] }],
    },
    ...extra,
  });

  it("draws within the tier the answers earn, and the fallback once the tier is out of stock", async () => {
    const { engine } = setup(quizCampaign());
    const first = await engine.draw("v1", { answers: { q1: 1 } });
    expect(first).toMatchObject({ ok: true, win: true, prize: { id: "gold" }, quiz: { score: 1, passed: true, prizeIds: ["gold"] } });
    expect(await engine.draw("v2", { answers: { q1: 1 } })).toMatchObject({ ok: true, win: false, prize: { id: "none" } });
  });

  it("gives the fallback to a failed quiz, or no prize when there is none, and scores missing answers as wrong", async () => {
    const { engine } = setup(quizCampaign());
    expect(await engine.draw("v1", { answers: { q1: 0 } })).toMatchObject({
      ok: true,
      win: false,
      prize: { id: "none" },
      quiz: { passed: false },
    });
    expect(await engine.draw("v2")).toMatchObject({ ok: true, win: false, prize: { id: "none" }, quiz: { score: 0 } });
    const bare = setup(
      quizCampaign({
        fallbackPrizeId: undefined,
        prizes: [
          { id: "gold", label: "Gold", weight: 1 },
          { id: "x", label: "X", weight: 1 },
        ],
      }),
    );
    expect(await bare.engine.draw("v", { answers: { q1: 0 } })).toMatchObject({ ok: true, win: false, prize: null });
  });
});

describe("defaults", () => {
  it("draws with crypto.getRandomValues and the clock, never Math.random", async () => {
    const mathRandom = vi.spyOn(Math, "random");
    const getRandomValues = vi.spyOn(globalThis.crypto, "getRandomValues");
    try {
      const engine = createEngine(
        testCampaign({
          prizes: [
            { id: "a", label: "A", weight: 1, codeGenerator: {} },
            { id: "none", label: "N", weight: 1, win: false },
          ],
        }),
      );
      for (let i = 0; i < 300; i++) expect((await engine.draw(`v${i}`)).ok).toBe(true);
      expect(mathRandom).not.toHaveBeenCalled();
      expect(getRandomValues).toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("draw ids", () => {
  it("returns the first result again for a repeated draw id instead of playing twice", async () => {
    const { engine } = setup({ limits: { perVisitor: { total: 3 } } });
    const a = await engine.draw("v", { drawId: "attempt-1" });
    const b = await engine.draw("v", { drawId: "attempt-1" });
    expect(b).toEqual(a);
    expect(await engine.eligibility("v")).toMatchObject({ playsLeft: 2 });
  });

  it("never shows one visitor's result to another who reuses the draw id", async () => {
    const { engine } = setup({
      prizes: [
        { id: "a", label: "A", weight: 1, codes: ["SECRET-1", "SECRET-2"] },
        { id: "none", label: "None", weight: 0, win: false },
      ],
    });
    const mine = await engine.draw("v1", { drawId: "d" });
    const theirs = await engine.draw("v2", { drawId: "d" });
    expect([mine.ok && mine.code, theirs.ok && theirs.code]).toEqual(["SECRET-1", "SECRET-2"]);
  });

  it("makes UUID v4 draw ids by default", async () => {
    const r = await setup({}).engine.draw("v");
    expect(r.ok && r.drawId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("shared codes", () => {
  it("shows every winner the same code in client mode, records no unit, and a test code in test mode", async () => {
    const prizes = [
      { id: "off10", label: "10% off", weight: 1, code: "TET10" },
      { id: "none", label: "None", weight: 0, win: false },
    ];
    const { engine, store } = setup({ mode: "client", prizes });
    for (const v of ["v1", "v2", "v3"]) expect(await engine.draw(v)).toMatchObject({ ok: true, win: true, code: "TET10" });
    expect(await store.prizeCounters("test", "2027-01-20")).toMatchObject({ off10: { given: 3 } });
    const test = setup({ mode: "client", testMode: true, prizes });
    const r = await test.engine.draw("v1");
    expect(r.ok && r.code).toMatch(/^TEST-[2-9A-Z]{8}$/);
  });
});

describe("draw guard (a shared per-day allowance, such as plays per network address)", () => {
  it("stops every visitor behind one guard key at its perDay, counts only plays, and resets the next campaign day", async () => {
    const { engine, clock } = setup({}, HCM("2027-01-20T23:00:00"));
    const guard = { key: "203.0.113.7", perDay: 3 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await engine.draw(`visitor-${i}`, { guard }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results[3]).toMatchObject({ ok: false, reason: "limit_address" });
    // another key has its own allowance, and a play without a guard is not counted against any
    expect(await engine.draw("visitor-x", { guard: { key: "198.51.100.1", perDay: 3 } })).toMatchObject({ ok: true });
    expect(await engine.draw("visitor-y")).toMatchObject({ ok: true });
    clock.t = HCM("2027-01-21T00:30:00");
    expect(await engine.draw("visitor-5", { guard })).toMatchObject({ ok: true });
  });

  it("checks the visitor's own limits first, so a visitor out of plays hears why", async () => {
    const { engine } = setup({ limits: { perVisitor: { total: 1 } } });
    const guard = { key: "k", perDay: 1 };
    expect(await engine.draw("v", { guard })).toMatchObject({ ok: true });
    expect(await engine.draw("v", { guard })).toMatchObject({ ok: false, reason: "limit_total" });
    expect(await engine.draw("w", { guard })).toMatchObject({ ok: false, reason: "limit_address" });
  });
});
