// size is a test: the script tag is built the way it ships (the loader, dist/minigame.js, and the chunks it imports,
// dist/chunks/*.js), each file compressed on its own as a CDN serves it, and held to exact ceilings. A change that
// grows a set must raise its ceiling in this file in the same commit, so the growth is seen in review.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildScriptTag, bundleAndMeasure, measure, measureFiles, type ScriptTag, type Sizes } from "./measure.js";

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Byte ceilings. Issue 11's targets: loader ≤ 4,096 B brotli and ≤ 4,800 B gzip; what a wheel page needs before the
 * wheel is painted ≤ 16,384 B brotli; everything a wheel (or quiz) page can ever load ≤ 30,720 B brotli. Where a
 * ceiling is above its target, the target is not reached yet and the ceiling holds today's figure.
 */
const BROTLI = {
  loader: 4_096,
  // target 16,384 (not reached): Preact with hooks is 6.2 kB of it and the loader 4 kB; see docs/performance.md
  wheelBeforePaint: 23_185,
  // target 30,720 (not reached): the tracker (6.8 kB), the engine (5.2 kB) and canvas-confetti (3.8 kB) load after the paint
  wheelEver: 57_342, // +5.6 kB: altcha-lib's proof-of-work solver, fetched only for campaigns with antiBot.proofOfWork
  quizBeforePaint: 23_133,
  quizEver: 57_290,
};
const GZIP = { loader: 4_800, core: 23_346 }; // core: identity modes, limits.perAddress, antiBot, the odds page strings, the games' fields
/** each game's own chunk (dist/chunks/game-<name>.js), brotli; shared code (Preact, the shell) is counted above */
const GAME_CHUNK = { scratch: 3_590, giftbox: 1_217, flip: 896 };
/** the scratch card's ink worker (chunks/scratch-ink.js and the ink it imports), brotli */
const SCRATCH_INK = 908;
/** a scratch card's page, everything it can ever load (confetti on a win included, the ink worker too, validator excluded), brotli */
const SCRATCH_EVER = 59_815; // +908 B: the ink worker (chunks/scratch-ink.js and the ink), now counted; +613 B the worker hand-over in the scratch chunk
/** what a page of one game must not carry of the others */
const WHEEL_CODE = { pattern: /mg-rotor|mg-win-glow|mg-hub|mg-pointer|cubic-bezier\(0\.12/, why: "wheel code" };
const QUIZ_CODE = { pattern: /radiogroup|mg-choice|quiz\.progress|quiz\.finish/, why: "quiz code" };

/** names that must never reach a browser file */
const NEVER_IN_BROWSER = [
  { pattern: /["']node:/, why: "a Node built-in import" },
  // classic zod registers "ZodString"; zod/mini registers "ZodMiniString"
  { pattern: /["']ZodString["']/, why: "classic zod (use zod/mini)" },
  { pattern: /__zod_globalConfig/, why: "zod's page global (patched to a module-local object)" },
  { pattern: /\beval\(|new Function\(/, why: "eval, which a strict CSP blocks" },
];
/** names of code the loader and a wheel page's first paint must not carry */
const NOT_BEFORE_WHEEL = [
  { pattern: /radiogroup|mg-choice|quiz\.progress|quiz\.finish/, why: "quiz code" },
  { pattern: /ZodMini|_zod/, why: "zod (the validator chunk loads only for a broken campaign)" },
  { pattern: /Intl\./, why: "Intl (calendar work waits for the first paint)" },
  { pattern: /offsetHeight/, why: "a forced layout" },
  { pattern: /mg-result|mg-lead|mg-sheet|result\.copy/, why: "the screens after a play" },
  { pattern: /canvas-confetti|particleCount/, why: "confetti" },
];

function report(name: string, sizes: Sizes): void {
  console.log(`${name}: ${sizes.raw} B raw, ${sizes.gzip} B gzip, ${sizes.brotli} B brotli`);
}

function expectUnder(name: string, actual: number, ceiling: number, unit: string): void {
  expect(
    actual,
    `${name} is ${actual} B ${unit}, ceiling ${ceiling}: if the growth is intended, raise the ceiling in tests/size/bundle-size.test.ts in the same commit`,
  ).toBeLessThanOrEqual(ceiling);
}

describe("the script tag", () => {
  let tag: ScriptTag;
  beforeAll(async () => {
    tag = await buildScriptTag();
  }, 120_000);

  it("has a loader under its ceilings, with nothing of the game in it", () => {
    const sizes = measure(tag.loader);
    report("loader", sizes);
    expectUnder("the loader", sizes.brotli, BROTLI.loader, "brotli");
    expectUnder("the loader", sizes.gzip, GZIP.loader, "gzip");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, ...NOT_BEFORE_WHEEL]) expect(pattern.test(tag.loader), why).toBe(false);
    expect(/__H|__k/.test(tag.loader), "preact").toBe(false);
  });

  it("paints a wheel from the loader, the widget and the wheel's chunk, under the ceiling", () => {
    const files = tag.before("chunks/widget.js", "chunks/game-wheel.js");
    const sizes = measureFiles(files);
    report(`wheel before paint (${files.length} files)`, sizes);
    expectUnder("the wheel's first paint", sizes.brotli, BROTLI.wheelBeforePaint, "brotli");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, ...NOT_BEFORE_WHEEL]) expect(pattern.test(sizes.code), why).toBe(false);
    expect(sizes.code).toContain("mg-rotor");
  });

  it("keeps everything a wheel page can ever load under the ceiling, quiz and validator excluded", () => {
    const files = [...tag.ever("chunks/widget.js", "chunks/game-wheel.js"), tag.chunks.get("chunks/triggers.js")!.code];
    const sizes = measureFiles(files);
    report(`wheel ever (${files.length} files)`, sizes);
    expectUnder("everything a wheel page loads", sizes.brotli, BROTLI.wheelEver, "brotli");
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(sizes.code), why).toBe(false);
    expect(/radiogroup|mg-choice|quiz\.progress/.test(sizes.code), "quiz code").toBe(false);
    expect(/ZodMini|_zod/.test(sizes.code), "zod").toBe(false);
    expect(sizes.code, "confetti, on a win").toContain("particleCount");
  });

  it("keeps a quiz page's first paint and everything it can load under the ceilings, wheel excluded", () => {
    const first = measureFiles(tag.before("chunks/widget.js", "chunks/game-quiz.js"));
    const everFiles = [...tag.ever("chunks/widget.js", "chunks/game-quiz.js"), tag.chunks.get("chunks/triggers.js")!.code];
    const ever = measureFiles(everFiles);
    report("quiz before paint", first);
    report("quiz ever", ever);
    expectUnder("the quiz's first paint", first.brotli, BROTLI.quizBeforePaint, "brotli");
    expectUnder("everything a quiz page loads", ever.brotli, BROTLI.quizEver, "brotli");
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(ever.code), why).toBe(false);
    expect(everFiles.includes(tag.chunks.get("chunks/game-wheel.js")!.code), "the wheel's chunk").toBe(false);
    expect(/ZodMini|_zod/.test(ever.code), "zod").toBe(false);
  });

  it.each(["scratch", "giftbox", "flip"] as const)("keeps the %s game's chunk under its exact ceiling", (game) => {
    const sizes = measure(tag.chunks.get(`chunks/game-${game}.js`)!.code);
    report(`game-${game} chunk`, sizes);
    expectUnder(`chunks/game-${game}.js`, sizes.brotli, GAME_CHUNK[game], "brotli");
  });

  it("loads no wheel and no quiz code on a scratch-card page", () => {
    const files = [
      ...tag.ever("chunks/widget.js", "chunks/game-scratch.js", "chunks/scratch-ink.js"),
      tag.chunks.get("chunks/triggers.js")!.code,
    ];
    const sizes = measureFiles(files);
    report(`scratch ever (${files.length} files)`, sizes);
    expectUnder("everything a scratch-card page loads", sizes.brotli, SCRATCH_EVER, "brotli");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, WHEEL_CODE, QUIZ_CODE]) expect(pattern.test(sizes.code), why).toBe(false);
    expect(/ZodMini|_zod/.test(sizes.code), "zod").toBe(false);
    // the scratch card itself is there
    expect(sizes.code).toContain("mg-scratch-cover");
  });

  it("keeps the scratch card's ink worker to the ink alone, under its exact ceiling", () => {
    const files = tag.ever("chunks/scratch-ink.js").slice(1); // without the loader
    const sizes = measureFiles(files);
    report(`scratch ink worker (${files.length} files)`, sizes);
    expectUnder("chunks/scratch-ink.js and its imports", sizes.brotli, SCRATCH_INK, "brotli");
    expect(files, "the worker and the ink").toHaveLength(2);
    expect(sizes.code).toContain("destination-out");
    expect(/preact|mg-scratch/i.test(sizes.code), "Preact or the widget").toBe(false);
  });

  it("keeps the wheel out of a gift-box page and the gift box out of a wheel page", () => {
    const giftbox = measureFiles(tag.ever("chunks/widget.js", "chunks/game-giftbox.js")).code;
    expect(WHEEL_CODE.pattern.test(giftbox), "wheel code").toBe(false);
    expect(QUIZ_CODE.pattern.test(giftbox), "quiz code").toBe(false);
    const wheel = measureFiles(tag.ever("chunks/widget.js", "chunks/game-wheel.js")).code;
    expect(wheel, "scratch card").not.toContain("mg-scratch");
    expect(wheel, "pick games").not.toContain("mg-pick");
  });

  it("keeps zod in the validator chunk only, without its page global", () => {
    const validator = tag.chunks.get("chunks/validator.js")!.code;
    report("validator chunk", measure(validator));
    expect(validator).toContain("ZodMini");
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(validator), why).toBe(false);
  });
});

describe("./core (core + zod/mini, minified)", () => {
  let sizes: Sizes;
  it("stays under its gzip ceiling", async () => {
    sizes = await bundleAndMeasure({ entry: at("fixtures/core.ts") });
    report("core", sizes);
    expectUnder("core", sizes.gzip, GZIP.core, "gzip");
  });

  it("contains no Node built-ins, no classic zod and no Preact", () => {
    for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(sizes.code), why).toBe(false);
    expect(sizes.code).toContain("ZodMiniString");
    expect(sizes.code, "preact").not.toMatch(/__H|preact/);
  });
});
