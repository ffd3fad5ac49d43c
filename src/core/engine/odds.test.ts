import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { effectiveWeights, publishedOdds } from "./odds.js";

const prizes = [
  { id: "big", label: "Big", weight: 10, stock: 5 },
  { id: "small", label: "Small", weight: 30 },
  { id: "none", label: "None", weight: 60, win: false },
];

describe("effectiveWeights", () => {
  it("gives an unavailable prize's weight to the fallback and leaves the others' odds unchanged", () => {
    const c = testCampaign({ prizes, onStockOut: "fallback", fallbackPrizeId: "none" });
    expect([...effectiveWeights(c, [1, 1, 1])]).toEqual([10, 30, 60]);
    expect([...effectiveWeights(c, [0, 1, 1])]).toEqual([0, 30, 70]);
  });

  it("spreads an unavailable prize's weight over the rest in proportion with renormalize", () => {
    const c = testCampaign({ prizes, onStockOut: "renormalize" });
    const w = effectiveWeights(c, [false, true, true]);
    expect([...w]).toEqual([0, 30, 60]);
    // small goes from 30% to 33.3%: its share of what is left
    expect(w[1]! / (w[1]! + w[2]!)).toBeCloseTo(1 / 3, 10);
  });

  it("restricts to allowed prizes without moving the others' weight, but still moves an allowed prize that ran out", () => {
    const c = testCampaign({ prizes, onStockOut: "fallback", fallbackPrizeId: "none" });
    expect([...effectiveWeights(c, [1, 1, 1], new Set(["big"]))]).toEqual([10, 0, 0]);
    expect([...effectiveWeights(c, [0, 1, 1], new Set(["big"]))]).toEqual([0, 0, 10]);
  });

  it("is all zero when nothing can be given", () => {
    const c = testCampaign({
      prizes: prizes.slice(0, 2).map((p) => ({ ...p, stock: 1 })),
      onStockOut: "renormalize",
      fallbackPrizeId: undefined,
    });
    expect([...effectiveWeights(c, [0, 0])]).toEqual([0, 0]);
  });
});

describe("publishedOdds", () => {
  it("lists each prize with its configured probability, capacity from its code pool, and daily cap", () => {
    const c = testCampaign({
      prizes: [
        { id: "code", label: "Code", weight: 1, codes: ["A", "B", "C"], dailyCap: 2 },
        { id: "none", label: "None", weight: 3, win: false },
      ],
    });
    const rows = publishedOdds(c);
    expect(rows.map((r) => [r.prize.id, r.probability, r.stock, r.dailyCap])).toEqual([
      ["code", 0.25, 3, 2],
      ["none", 0.75, null, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain('"A"');
  });
});

describe("effectiveWeights properties", () => {
  const weights = fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 12 });

  it('"fallback" keeps every available prize\'s weight and moves exactly the lost weight to the fallback', () => {
    fc.assert(
      fc.property(weights, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (ws, available) => {
        const c = testCampaign({
          prizes: [
            ...ws.map((w, i) => ({ id: `p${i}`, label: `P${i}`, weight: w, stock: 1 })),
            { id: "none", label: "None", weight: 1, win: false },
          ],
          onStockOut: "fallback",
        });
        const availability = [...ws.map((_, i) => available[i]!), true];
        const out = effectiveWeights(c, availability);
        let lost = 0;
        ws.forEach((w, i) => {
          expect(out[i]).toBe(available[i] ? w : 0);
          if (!available[i]) lost += w;
        });
        expect(out[ws.length]).toBeCloseTo(1 + lost, 9);
      }),
    );
  });

  it('"renormalize" keeps the ratios between available prizes', () => {
    fc.assert(
      fc.property(weights, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (ws, available) => {
        const c = testCampaign({
          prizes: [
            ...ws.map((w, i) => ({ id: `p${i}`, label: `P${i}`, weight: w, stock: 1 })),
            { id: "none", label: "None", weight: 1, win: false },
          ],
          onStockOut: "renormalize",
        });
        const out = effectiveWeights(c, [...ws.map((_, i) => available[i]!), true]);
        for (const [i, w] of ws.entries()) expect(out[i]).toBe(available[i] ? w : 0);
        expect(out[ws.length]).toBe(1);
      }),
    );
  });
});
