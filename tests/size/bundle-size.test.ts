// size is a test: each fixture is bundled and minified the way users get it, gzipped, and held to an
// exact ceiling. A change that grows a bundle must raise the ceiling in this file in the same commit,
// so the growth is seen in review.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleAndMeasure, type Sizes } from "./measure.js";

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** gzip byte ceilings */
// the cockpit fields of computeStats (returning, retention, NPS, referrals, sources, devices, about 1.1 kB), the NPS
// scale and the odds words shared with `minigame odds --format html` (about 1.1 kB more in the script tag)
const CEILING = {
  // +464 B: identity modes, limits.perAddress and antiBot in the schema, the draw guard in the engine; about +1.9 kB: cockpit stats
  core: 21_100,
  // +5.5 kB: one IIFE cannot split, so altcha-lib's solver (a dynamic import) is inlined; a chunked build loads it only for proof-of-work campaigns
  // about +2.2 kB: cockpit stats, the NPS scale and the odds words shared with `minigame odds --format html`
  script: 60_650,
  wheelOnly: 26_250,
};

/** names that must never reach a browser bundle */
const NEVER_IN_BROWSER = [
  { pattern: /["']node:/, why: "a Node built-in import" },
  // classic zod registers "ZodString"; zod/mini registers "ZodMiniString"
  { pattern: /["']ZodString["']/, why: "classic zod (use zod/mini)" },
];

function report(name: string, sizes: Sizes): void {
  console.log(`${name}: ${sizes.raw} B raw, ${sizes.gzip} B gzip, ${sizes.brotli} B brotli`);
}

function expectUnderCeiling(name: keyof typeof CEILING, sizes: Sizes): void {
  expect(
    sizes.gzip,
    `${name} is ${sizes.gzip} B gzip, ceiling ${CEILING[name]}: if the growth is intended, raise CEILING.${name} in tests/size/bundle-size.test.ts in the same commit`,
  ).toBeLessThanOrEqual(CEILING[name]);
}

// canvas-confetti loads only on a win and is decoration: the budget covers our code and Preact
describe("the script-tag bundle (wheel + quiz + tracker + UI + Preact, confetti excluded)", () => {
  let sizes: Sizes;
  it("stays under its gzip ceiling", async () => {
    sizes = await bundleAndMeasure({ entry: at("../../src/embed/script.ts"), stub: ["canvas-confetti"] });
    report("script", sizes);
    expectUnderCeiling("script", sizes);
  });

  it("contains no Node built-ins and no classic zod", () => {
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(sizes.code, why).not.toMatch(pattern);
    // both games are in: the same file serves wheel and quiz campaigns
    expect(sizes.code).toContain("radiogroup");
    expect(sizes.code).toContain("mg-rotor");
  });

  it("has no eval and no inline-handler strings that a strict CSP would block", () => {
    expect(sizes.code).not.toMatch(/\beval\(|new Function\(/);
  });
});

describe("a wheel-only build", () => {
  let sizes: Sizes;
  it("stays under its gzip ceiling", async () => {
    sizes = await bundleAndMeasure({ entry: at("fixtures/wheel-only.ts"), stub: ["canvas-confetti"] });
    report("wheel-only", sizes);
    expectUnderCeiling("wheelOnly", sizes);
  });

  it("carries no quiz screens, no Node built-ins and no classic zod", () => {
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(sizes.code, why).not.toMatch(pattern);
    expect(sizes.code).toContain("mg-rotor");
    for (const quizOnly of ["radiogroup", "quiz.progress", "mg-choice", "quiz.finish"])
      expect(sizes.code, quizOnly).not.toContain(quizOnly);
  });
});

describe("./core (core + zod/mini, minified)", () => {
  let sizes: Sizes;
  it("stays under its gzip ceiling", async () => {
    sizes = await bundleAndMeasure({ entry: at("fixtures/core.ts") });
    report("core", sizes);
    expectUnderCeiling("core", sizes);
  });

  it("contains no Node built-ins, no classic zod and no Preact", () => {
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(sizes.code, why).not.toMatch(pattern);
    expect(sizes.code).toContain("ZodMiniString");
    expect(sizes.code, "preact").not.toMatch(/__H|preact/);
  });
});
