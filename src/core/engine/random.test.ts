import { afterEach, describe, expect, it, vi } from "vitest";
import { chiSquare, chiSquareCritical } from "../../../tests/helpers/chi-square.js";
import { createSeededRandom, cryptoRandom, randomInt } from "./random.js";

afterEach(() => vi.restoreAllMocks());

describe("createSeededRandom", () => {
  it("repeats the same sequence for the same seed and differs between seeds", () => {
    const take = (seed: number | string) => Array.from({ length: 5 }, createSeededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take("tet")).toEqual(take("tet"));
    expect(take(42)).not.toEqual(take(43));
    expect(take(0)).not.toEqual(take(2 ** 32));
    expect(take("a")).not.toEqual(take("b"));
  });

  it("returns 53-bit floats in [0, 1)", () => {
    const random = createSeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(Number.isInteger(x * 2 ** 53)).toBe(true);
    }
  });

  it("fills 100 equal buckets uniformly (chi-square, alpha 0.001)", () => {
    const random = createSeededRandom("uniform");
    const counts = new Array(100).fill(0);
    for (let i = 0; i < 200_000; i++) counts[Math.floor(random() * 100)]++;
    const fit = chiSquare(counts, new Array(100).fill(0.01));
    expect(fit.statistic).toBeLessThan(chiSquareCritical(99, 0.001));
  });
});

describe("cryptoRandom", () => {
  it("draws from crypto.getRandomValues in batches and never calls Math.random", () => {
    const getRandomValues = vi.spyOn(globalThis.crypto, "getRandomValues");
    const mathRandom = vi.spyOn(Math, "random");
    const values = Array.from({ length: 1000 }, () => cryptoRandom());
    expect(values.every((x) => x >= 0 && x < 1 && Number.isInteger(x * 2 ** 53))).toBe(true);
    expect(new Set(values).size).toBe(1000);
    expect(mathRandom).not.toHaveBeenCalled();
    // two words per float, 256 words per refill: 1000 floats need 8 refills, not 2000 calls
    expect(getRandomValues.mock.calls.length).toBeGreaterThanOrEqual(7);
    expect(getRandomValues.mock.calls.length).toBeLessThanOrEqual(8);
  });

  it("is uniform over 10 buckets (chi-square, alpha 0.001)", () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[Math.floor(cryptoRandom() * 10)]++;
    expect(chiSquare(counts, new Array(10).fill(0.1)).statistic).toBeLessThan(chiSquareCritical(9, 0.001));
  });
});

describe("randomInt", () => {
  it("rejects the biased top of the range instead of folding it with a modulo", () => {
    // a source whose first answer lies in the last, partial block for n = 3: it must be drawn again
    const top = (2 ** 53 - 1) / 2 ** 53;
    const answers = [top, 0.5];
    const random = () => answers.shift()!;
    expect(randomInt(random, 3)).toBe(Math.floor(0.5 * 2 ** 53) % 3);
    expect(answers).toHaveLength(0);
  });

  it("is uniform for a size that does not divide 2^53 (chi-square, alpha 0.001)", () => {
    const random = createSeededRandom(3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 140_000; i++) counts[randomInt(random, 7)]++;
    expect(chiSquare(counts, new Array(7).fill(1 / 7)).statistic).toBeLessThan(chiSquareCritical(6, 0.001));
  });

  it("refuses sizes that are not whole numbers from 1", () => {
    const random = createSeededRandom(1);
    for (const n of [0, -1, 1.5, NaN]) expect(() => randomInt(random, n)).toThrow(/randomInt: n must be/);
    expect(randomInt(random, 1)).toBe(0);
  });
});
