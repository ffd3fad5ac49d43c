import { describe, expect, it } from "vitest";
import { createAliasTable } from "./alias.js";
import { chiSquare, chiSquareCritical } from "../../../tests/helpers/chi-square.js";
import { createSeededRandom } from "./random.js";

const DRAWS = 200_000;
const ALPHA = 0.001;

// each set is checked with a chi-square goodness-of-fit test over 200k seeded draws at alpha = 0.001
const WEIGHT_SETS: Record<string, number[]> = {
  "two equal prizes": [1, 1],
  "tet wheel with a 0.1% jackpot": [30, 10, 25, 4, 0.1, 30.9],
  "a 0.1% jackpot against one losing slice": [0.1, 99.9],
  "a zero weight among others": [5, 0, 3, 2],
  "24 segments of growing weight": Array.from({ length: 24 }, (_, i) => i + 1),
};

function observe(weights: number[], seed: string): number[] {
  const table = createAliasTable(weights);
  const random = createSeededRandom(seed);
  const counts = new Array(weights.length).fill(0);
  for (let i = 0; i < DRAWS; i++) counts[table.sample(random)]++;
  return counts;
}

describe("createAliasTable", () => {
  it.each(Object.entries(WEIGHT_SETS))("draws %s in proportion to the weights", (name, weights) => {
    const counts = observe(weights, name);
    const fit = chiSquare(counts, weights);
    const critical = chiSquareCritical(fit.df, ALPHA);
    expect(fit.statistic, `chi-square ${fit.statistic.toFixed(2)} (df ${fit.df}, p ${fit.pValue.toFixed(3)})`).toBeLessThan(critical);
  });

  it("tells a wrong distribution apart: the same test rejects a jackpot drawn twice too often", () => {
    // the power check: if the sampler doubled the jackpot the test above would fail
    const counts = observe([0.2, 99.8], "power");
    const fit = chiSquare(counts, [0.1, 99.9]);
    expect(fit.statistic).toBeGreaterThan(chiSquareCritical(fit.df, ALPHA));
  });

  it("never draws a zero weight", () => {
    const counts = observe([0, 1e-9, 0, 3, 0], "zeros");
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[4]).toBe(0);
  });

  it("refuses negative, infinite or NaN weights and an all-zero table", () => {
    expect(() => createAliasTable([1, -1])).toThrow(/weights\[1\] must be a finite number ≥ 0, got -1/);
    expect(() => createAliasTable([1, NaN])).toThrow(/weights\[1\]/);
    expect(() => createAliasTable([Infinity])).toThrow(/weights\[0\]/);
    expect(() => createAliasTable([0, 0])).toThrow(/positive, finite sum/);
    expect(() => createAliasTable([])).toThrow(/positive, finite sum/);
  });

  it("draws a single prize every time", () => {
    expect(observe([2], "one")).toEqual([DRAWS]);
  });
});
