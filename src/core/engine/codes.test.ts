import { describe, expect, it } from "vitest";
import { chiSquare, chiSquareCritical } from "../../../tests/helpers/chi-square.js";
import { generateCode, poolCode } from "./codes.js";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createSeededRandom } from "./random.js";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31 characters: 10 per 53-bit draw, so 12 spans two draws

describe("generateCode", () => {
  it("has the prefix, the length and only alphabet characters", () => {
    const code = generateCode({ prefix: "TET-", length: 12, alphabet: ALPHABET }, createSeededRandom(1));
    expect(code).toMatch(/^TET-[2-9A-HJKMNP-Z]{12}$/);
  });

  it("makes every character uniform and independent of its neighbour (chi-square, alpha 0.001)", () => {
    const random = createSeededRandom("codes");
    const codes = Array.from({ length: 40_000 }, () => generateCode({ prefix: "", length: 12, alphabet: ALPHABET }, random));
    const m = ALPHABET.length;
    for (const position of [0, 9, 10, 11]) {
      const counts = new Array(m).fill(0);
      for (const c of codes) counts[ALPHABET.indexOf(c[position]!)]++;
      expect(chiSquare(counts, new Array(m).fill(1)).statistic, `position ${position}`).toBeLessThan(chiSquareCritical(m - 1, 0.001));
    }
    // pairs across a draw boundary (9, 10) and inside one (0, 1)
    for (const [a, b] of [
      [0, 1],
      [9, 10],
    ] as const) {
      const counts = new Array(m * m).fill(0);
      for (const c of codes) counts[ALPHABET.indexOf(c[a]!) * m + ALPHABET.indexOf(c[b]!)]++;
      expect(chiSquare(counts, new Array(m * m).fill(1)).statistic, `positions ${a}, ${b}`).toBeLessThan(
        chiSquareCritical(m * m - 1, 0.001),
      );
    }
  });
});

describe("poolCode", () => {
  it("is the code after the ones already given, and nothing once the pool is used up", () => {
    const prize = testCampaign({
      prizes: [
        { id: "a", label: "A", weight: 1, codes: ["X", "Y"] },
        { id: "none", label: "N", weight: 1, win: false },
      ],
    }).prizes[0]!;
    expect([0, 1, 2].map((given) => poolCode(prize, given))).toEqual(["X", "Y", undefined]);
  });
});
