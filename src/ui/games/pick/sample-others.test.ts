import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../../core/engine/random.js";
import { chiSquare } from "../../../../tests/helpers/chi-square.js";
import type { OddsRow } from "../../../core/engine/types.js";
import { sampleOthers } from "./sample-others.js";

const row = (id: string, probability: number): OddsRow => ({
  prize: { id, label: id, win: id !== "none" },
  weight: probability,
  probability,
  stock: null,
  dailyCap: null,
});

describe("sampleOthers", () => {
  it("shows each prize as often as the published odds say, whatever the visitor won", () => {
    const odds = [row("jackpot", 0.02), row("v50", 0.28), row("none", 0.7)];
    const shown = sampleOthers(odds, 100_000, createSeededRandom("others"));
    const counts = ["jackpot", "v50", "none"].map((id) => shown.filter((p) => p.id === id).length);
    expect(
      chiSquare(
        counts,
        odds.map((r) => r.probability),
      ).pValue,
    ).toBeGreaterThan(0.001);
  });

  it("never shows a prize the odds cannot give", () => {
    const shown = sampleOthers([row("gone", 0), row("none", 1)], 1000, createSeededRandom(1));
    expect(shown.every((p) => p.id === "none")).toBe(true);
    expect(sampleOthers([row("gone", 0)], 3, createSeededRandom(1))).toEqual([]);
  });
});
