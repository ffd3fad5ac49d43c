// property tests: over random campaigns and random bursts of concurrent draws, limits hold exactly
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEngine } from "./create-engine.js";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createMemoryStore } from "./memory-store.js";
import { pacingClock, released } from "./pacing.js";
import { createSeededRandom } from "./random.js";
import { scoreQuiz } from "./quiz.js";
import { dayKey } from "../util/time.js";
import { prizeCapacity } from "../schema/capacity.js";
import type { CampaignInput } from "../schema/campaign.js";
import type { DrawResult } from "./types.js";

const START = Date.parse("2027-01-20T00:00:00+07:00");
const HOUR = 3_600_000;

const prizeArb = (i: number) =>
  fc
    .record(
      {
        weight: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 100, noNaN: true })),
        stock: fc.integer({ min: 0, max: 15 }),
        dailyCap: fc.integer({ min: 0, max: 6 }),
        codes: fc.integer({ min: 0, max: 12 }),
        generated: fc.boolean(),
        win: fc.boolean(),
      },
      { requiredKeys: ["weight", "win"] },
    )
    .map(({ codes, generated, ...p }) => ({
      id: `p${i}`,
      label: `P${i}`,
      ...p,
      ...(codes !== undefined ? { codes: Array.from({ length: codes }, (_, j) => `P${i}-${j}`) } : {}),
      ...(codes === undefined && generated ? { codeGenerator: { prefix: `G${i}-`, length: 6 } } : {}),
      ...(p.stock !== undefined && codes !== undefined ? { stock: Math.min(p.stock, codes) } : {}),
    }));

const campaignArb = fc
  .record({
    prizes: fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => prizeArb(i)))),
    onStockOut: fc.constantFrom("fallback" as const, "renormalize" as const),
    fallbackWeight: fc.double({ min: 0, max: 50, noNaN: true }),
    pacing: fc.boolean(),
  })
  .map(
    ({ prizes, onStockOut, fallbackWeight, pacing }): Partial<CampaignInput> => ({
      prizes: [
        ...prizes,
        { id: "none", label: "None", weight: prizes.every((p) => p.weight === 0) ? fallbackWeight + 1 : fallbackWeight, win: false },
      ],
      onStockOut,
      fallbackPrizeId: "none",
      ...(pacing ? { pacing: "even" as const } : {}),
      schedule: { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-01-31T23:59:59+07:00" },
    }),
  );

// bursts of concurrent draws, each some hours after the previous one; at most 10 days, inside the schedule
const burstsArb = fc.array(fc.record({ size: fc.integer({ min: 1, max: 40 }), hoursLater: fc.integer({ min: 0, max: 20 }) }), {
  minLength: 1,
  maxLength: 12,
});

describe("engine invariants", () => {
  it("never exceeds stock, code pools, daily caps or the paced release, and never repeats a code", async () => {
    await fc.assert(
      fc.asyncProperty(campaignArb, burstsArb, fc.integer(), async (overrides, bursts, seed) => {
        const campaign = testCampaign(overrides);
        const clock = { t: START };
        const engine = createEngine(campaign, { random: createSeededRandom(seed), now: () => clock.t, store: createMemoryStore() });
        const results: Array<{ day: string; r: DrawResult }> = [];
        let visitor = 0;
        for (const burst of bursts) {
          clock.t += burst.hoursLater * HOUR;
          const day = dayKey(clock.t, campaign.timezone);
          const batch = await Promise.all(Array.from({ length: burst.size }, () => engine.draw(`v${visitor++}`)));
          for (const r of batch) results.push({ day, r });
        }

        const codes = new Set<string>();
        const clockOfPacing = pacingClock(campaign);
        for (const prize of campaign.prizes) {
          const won = results.filter(({ r }) => r.ok && r.prize?.id === prize.id);
          if (prize.id !== "none") expect(won.length).toBeLessThanOrEqual(prizeCapacity(prize));
          const byDay = new Map<string, number>();
          for (const { day } of won) byDay.set(day, (byDay.get(day) ?? 0) + 1);
          let cumulative = 0;
          for (const [day, count] of [...byDay].sort()) {
            if (prize.dailyCap !== undefined) expect(count).toBeLessThanOrEqual(prize.dailyCap);
            cumulative += count;
            expect(cumulative).toBeLessThanOrEqual(released(prizeCapacity(prize), clockOfPacing, day));
          }
          for (const [i, { r }] of won.entries()) {
            if (!r.ok) continue;
            if (prize.codes) expect(r.code).toBe(prize.codes[i]);
            if (prize.codeGenerator) expect(r.code).toMatch(new RegExp(`^${prize.codeGenerator.prefix}[2-9A-Z]{6}$`));
            if (!prize.codes && !prize.codeGenerator) expect(r.code).toBeUndefined();
          }
        }
        for (const { r } of results) {
          if (!r.ok || r.code === undefined) continue;
          expect(codes.has(r.code), `code ${r.code} given twice`).toBe(false);
          codes.add(r.code);
        }
        // "fallback" always has something to give; "renormalize" may run dry when the fallback weighs 0
        for (const { r } of results) {
          if (r.ok) continue;
          expect(r.reason).toBe("out_of_stock");
          expect(campaign.onStockOut).toBe("renormalize");
        }
      }),
      { numRuns: 150 },
    );
    // 150 runs of many draws: seconds on a busy machine
  }, 60_000);
});

describe("quiz draw invariants", () => {
  it("gives only prizes of the tier the computed score reaches, or the fallback", async () => {
    const campaign = testCampaign({
      game: "quiz",
      prizes: [
        { id: "gold", label: "Gold", weight: 1, stock: 3 },
        { id: "silver", label: "Silver", weight: 2, stock: 10 },
        { id: "bronze", label: "Bronze", weight: 4 },
        { id: "none", label: "None", weight: 3, win: false },
      ],
      quiz: {
        questions: [
          { id: "q1", text: "?", choices: ["a", "b", "c"], answer: 2 },
          { id: "q2", text: "?", type: "multiple", choices: ["a", "b", "c"], answer: [0, 1] },
          { id: "q3", text: "?", choices: ["a", "b"], answer: 0, points: 2 },
        ],
        passScore: 1,
        prizeTiers: [
          { minScore: 1, prizeIds: ["bronze"] },
          { minScore: 3, prizeIds: ["silver", "bronze"] },
          { minScore: 4, prizeIds: ["gold"] },
        ],
      },
    });
    const answer = fc.oneof(
      fc.integer({ min: -1, max: 3 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
      fc.constant(undefined),
    );
    const answersArb = fc
      .record({ q1: answer, q2: answer, q3: answer })
      .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Record<string, number | number[]>);
    await fc.assert(
      fc.asyncProperty(fc.array(answersArb, { minLength: 1, maxLength: 30 }), fc.integer(), async (sheets, seed) => {
        const engine = createEngine(campaign, { random: createSeededRandom(seed), now: () => START + HOUR });
        const results = await Promise.all(sheets.map((answers, i) => engine.draw(`v${i}`, { answers })));
        results.forEach((r, i) => {
          if (!r.ok) throw new Error(`refused: ${r.reason}`);
          const scored = scoreQuiz(campaign, sheets[i]!);
          expect(r.quiz).toEqual(scored);
          const allowed = new Set([...scored.prizeIds, "none"]);
          expect(allowed.has(r.prize!.id), `${r.prize!.id} for score ${r.quiz!.score}`).toBe(true);
          expect(r.win).toBe(r.prize!.id !== "none");
        });
        expect(results.filter((r) => r.ok && r.prize?.id === "gold").length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 100 },
    );
  });
});
