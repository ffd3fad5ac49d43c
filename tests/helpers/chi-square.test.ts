import { describe, expect, it } from "vitest";
import { chiSquare, chiSquareCritical } from "./chi-square.js";

// upper critical values at alpha = 0.001 and 0.05 from the NIST/SEMATECH table (1.3.6.7.4)
const TABLE: Array<[df: number, p001: number, p05: number]> = [
  [1, 10.828, 3.841],
  [2, 13.816, 5.991],
  [3, 16.266, 7.815],
  [5, 20.515, 11.07],
  [7, 24.322, 14.067],
  [10, 29.588, 18.307],
  [23, 49.728, 35.172],
  [100, 149.449, 124.342],
];

describe("chi-square", () => {
  it.each(TABLE)("matches the printed critical values for %i degrees of freedom", (df, p001, p05) => {
    expect(chiSquareCritical(df, 0.001)).toBeCloseTo(p001, 2);
    expect(chiSquareCritical(df, 0.05)).toBeCloseTo(p05, 2);
  });

  it("gives the textbook statistic and p-value for a fair and a loaded die", () => {
    const fair = chiSquare([16, 18, 16, 14, 12, 12], Array(6).fill(1 / 6));
    expect(fair.statistic).toBeCloseTo(2, 6);
    expect(fair.df).toBe(5);
    expect(fair.pValue).toBeCloseTo(0.8491, 3);
    const loaded = chiSquare([5, 8, 9, 8, 10, 20], Array(6).fill(1 / 6));
    expect(loaded.statistic).toBeCloseTo(13.4, 6);
    expect(loaded.pValue).toBeCloseTo(0.0199, 3);
  });

  it("rejects any observation in a category that cannot happen", () => {
    expect(chiSquare([10, 1], [1, 0]).pValue).toBe(0);
    expect(chiSquare([10, 0], [1, 0]).df).toBe(1);
  });
});
