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
const WHEEL_BEFORE_PAINT = 11_652; // +13: the loader asks for a wheel's painter and face while it checks the campaign text, not a round trip after it; +28: the face writes its fractional numbers with toFixed, not String(), so the first frame makes V8 allocate no number-to-string cache; +19 after merging main (its reduced-motion CSS); +104: the painted wheel takes taps (its spin button remembers a press, the first reach starts the widget); +77: one shared sheet per CSS text (styles.ts), the frame painted into the container the widget hydrates; +4: a string's placeholders are filled from the call's own values only (Object.hasOwn, not `in`); +4: the painted frame keeps a press of the odds link too, for the widget to press again (the first tap opens the sheet)
const WHEEL_TAKE_OVER = 24_862; // +13: the loader (as WHEEL_BEFORE_PAINT); +990: Preact is imported on the first reach, so mountCampaign left the shell for the widget chunk and the play memory for a chunk both share: three files compressed apart; +213: the take-over on the visitor's first reach (mountCampaign counts the impression on the painted card, a draw pressed early waits for eligibility), and the first frame's +104; +184: Preact's hydrate (the widget takes the painted nodes over), the mount in a task of its own, after-play on engagement; +10: reduced motion stops looping animations (styles.ts); +3: a press after a failed eligibility read frees the widget (flow.ts); +2: the widget chunk awaits client mode's source, which fetches the quiz scorer for a quiz; +146: a remembered draw and win belong to the page's member, checked before the first take-over (the member-token fingerprint moved out of the identity chunk into the chunk the widget and the shell share); +11: the hashed names of the mode chunks the widget chunk imports changed with the lead queue's (no code of the take-over changed); +1: placeholders from own values only (as WHEEL_BEFORE_PAINT), measured after merging the member-keyed play memory; +79: the member is the token's sub, read from its payload, so a freshly signed token on the next page is the same member; +2: the tracker chunk's hashed name, which the widget chunk imports (no code of the take-over changed); +2: the tracker chunk's hashed name again; +1: the tracker chunk's hashed name again; +60: the visitor id follows consent (stored once granted, removed once denied), in the widget chunk; +20: a launcher's dialog asks the collector who the visitor is only when it first opens; +6: the remote source answers a new visitor from the campaign's rules, so a page view mints nobody (mount-with passes the campaign); +2: a result event carries a quiz score only when the draw gave one (flow.ts); +2: the client-mode engine chunk's hashed name, which the widget chunk imports (a code clash keeps the drawn prize; no code of the take-over changed); +2: the after-play chunk's hashed name, which the widget chunk imports (the odds sheet's dialog is a chunk of its own); +9: the identity client reads storage again before minting (another tab's visitor) and forgets a refused one; +2: the odds sheet chunk's hashed name, which the widget chunk imports (the rules say a quiz's pass mark; no code of the take-over changed); −11: re-measured on the final tree (the sets it shares with grew and shrank by a few bytes of hashed names); −2: one rate() for every stats figure (the tracker's chunk)
const BROTLI = {
  loader: 4_096,
  // target 16,384, met: the loader paints the wheel's first frame with plain DOM (chunks/paint-wheel.js), no Preact
  wheelBeforePaint: WHEEL_BEFORE_PAINT,
  // the Preact widget that takes the painted frame over (loader, widget, shell, frame, game-wheel): the spin button
  // is usable once it is here and eligibility is known
  wheelTakeOver: WHEEL_TAKE_OVER,
  // target 30,720 (not reached): after the paint come the tracker (6.4 kB), the after-play screens (6.1 kB)
  // and client mode's engine (3.7 kB; a quiz adds its scorer, 0.6 kB) or server mode's draw client (1.8 kB)
  // +85/+100: the mint tells the collector the page's origin, the referrer's and utm_source (the identity module is shared)
  // +1.5 kB: the first frame (chunks/paint-wheel.js, 0.9 kB) and the frame chunk split out of the shell
  // +277 (client): the hydration take-over, shared sheets, the face as a fixed-name chunk, UTC days without Intl
  // +334 / +354: the take-over on the visitor's first reach (as WHEEL_TAKE_OVER)
  wheelEver: { client: 54_641, server: 51_327 }, // +13 / +13: the loader (as WHEEL_BEFORE_PAINT); +867 / +867: mountCampaign and the play memory apart from the shell (as WHEEL_TAKE_OVER); +3: a press after a failed eligibility read frees the widget (flow.ts); −389 / +2: the quiz scorer out of client mode's engine chunk, in a chunk only a quiz fetches (+2: as WHEEL_TAKE_OVER); +22 / 0: the draw's sender, passed from DrawOptions to the commit (the collector answers a repeated draw id only to its sender); +104 / +104: the play memory's member (as WHEEL_TAKE_OVER); +91 / +29: client mode's lead queue keeps each lead's member and sends a lead only under it; the identity client names its member (+11 each: hashed chunk names, as WHEEL_TAKE_OVER); +39 (client): prize counters and the browser's ledger read only own keys (a prize or visitor id such as `constructor` or `__proto__` is a key, not Object.prototype), and the placeholders; −5 (server) as measured after the placeholders change (it compresses against the rest); +55 / +52: the member's sub read from the token (as WHEEL_TAKE_OVER); +9 / +9: the tracker checks before every POST, split halves included, that it may still send; +122 / +122: a tracker tab that takes over re-reads the stored retry state, and tabs add to the stored drop count; +17 / +17: the tracker refuses a campaign id with ':'; +326 / +292: the visitor id follows consent (the widget chunk +60), and client mode plays as the browser's ledger visitor (the visitor-id chunk, which client mode's source now imports as well, +232); +20: a launcher's dialog asks the collector who the visitor is only when it first opens; +18 / +209: the remote source answers a new visitor from the campaign's rules (newVisitorEligibility), so a page view mints nobody; the widget chunk passes it the campaign; +25 / +25: the quiz's result says passed or not where it has no score (server mode), in both locales (the result card, which every game shares), and a result event carries a score only when the draw gave one; +142 / +2: a clash of a generated code keeps the drawn prize and draws only a new code, a prize out of codes counts as out of stock (engine-core.ts, decide.ts, sampler.ts) (server: the hashed chunk name, as WHEEL_TAKE_OVER); +13 (client): pacing counts an end at midnight as the day before (pacing.ts lastDay); +4,862 / +5,402: the odds sheet's dialog in a chunk of its own, fetched only when the sheet opens: a quiz's tables per score, the rules in words of both languages (src/core/i18n/rules.ts, about 4.6 kB, which the after-play chunk does not carry), "1 in N", daily caps (server mode also fetches the small pacing and capacity chunks the rules read, which only client mode's engine loaded before); +4 / +4: as WHEEL_BEFORE_PAINT (the odds link's first press); +38 / +74: as WHEEL_TAKE_OVER, and the draw client answers a refused visitor's page view from the rules and mints at once on a share link; +188 / +188: the rules in words say what a quiz's pass mark leaves without a prize (outcome and score quizzes) and count no opinion question in the points, in both languages (the odds sheet's chunk); −5 (client): re-measured on the final tree (the sets it shares with grew and shrank by a few bytes of hashed names); −6 / −6: one rate() for every stats figure (the tracker's chunk)
  // only a server-mode campaign with antiBot.proofOfWork fetches it (altcha-lib's solver)
  proofOfWork: 4_800,
  stats: 2_270, // +9: sources drop C1 controls as well, which a terminal acts on; −19: one rate() for every figure, in dimensions.ts
  quizBeforePaint: 23_890, // +13: the loader (as WHEEL_BEFORE_PAINT); +970: mountCampaign in the widget chunk, apart from the shell (as WHEEL_TAKE_OVER); +199: the shell's mountCampaign carries the painted wheel's take-over on first reach, which every game shares; +187: the shell's hydrate, the mount in a task of its own and shared sheets, which the quiz shares with the wheel; // +5: sourceOf reads utm_source as the tracker sends it; +363: the frame chunk (theme, CSS, strings) apart from the shell, which the wheel's first frame shares; +3: a press after a failed eligibility read frees the widget (flow.ts); +2: as WHEEL_TAKE_OVER; +146: the play memory's member (as WHEEL_TAKE_OVER); +11: as WHEEL_TAKE_OVER (hashed chunk names); +1: placeholders from own values only (as WHEEL_BEFORE_PAINT); +79: the member's sub read from the token (as WHEEL_TAKE_OVER); +2: the tracker chunk's hashed name (as WHEEL_TAKE_OVER); +2: the tracker chunk's hashed name again; +1: the tracker chunk's hashed name again; +60: as WHEEL_TAKE_OVER (the visitor id follows consent); +20: a launcher's dialog asks the collector who the visitor is only when it first opens; +6: as WHEEL_TAKE_OVER (a page view mints nobody); +54: the quiz's result says passed or not where it has no score (server mode), in both locales (two strings in the quiz's table, the result card's line); +2: as WHEEL_TAKE_OVER (the engine chunk's hashed name); +2: the after-play chunk's hashed name (as WHEEL_TAKE_OVER); +9: as WHEEL_TAKE_OVER (identity); +2: the odds sheet chunk's hashed name (as WHEEL_TAKE_OVER); −11: re-measured on the final tree (the sets it shares with grew and shrank by a few bytes of hashed names); −2: one rate() for every stats figure (the tracker's chunk)
  quizEver: { client: 53_180, server: 49_248 }, // +13 each: the loader (as WHEEL_BEFORE_PAINT); +847 / +847: mountCampaign apart from the shell (as quizBeforePaint); +19 each after merging main (its reduced-motion CSS); +197 / +198: as quizBeforePaint; +227: as quizBeforePaint; +90/+105: the mint's arrival, as wheelEver; +370: the frame chunk apart from the shell; +3 each: a press after a failed eligibility read frees the widget (flow.ts); +229 / +2: the quiz scorer in a file of its own, compressed apart, the price of keeping it off the other games' pages (+2: as WHEEL_TAKE_OVER); +22 / 0: as wheelEver; +104 / +104: as wheelEver (the play memory's member); +91 / +29: as wheelEver (the lead queue's member); +39 / −5: own keys only in the counters and the ledger, and the placeholders (as wheelEver); +55 / +52: the member's sub read from the token (as WHEEL_TAKE_OVER); +9 / +9: as wheelEver (every POST checks that it may still send); +122 / +122: as wheelEver (the tracker's stored retry state on takeover); +17 / +17: as wheelEver (a campaign id with ':' refused); +326 / +292: the visitor id follows consent and client mode's ledger visitor (as wheelEver); +20 / +20: a launcher's dialog asks the collector who the visitor is only when it first opens; +18 / +209: as wheelEver (a page view mints nobody); +77 / +77: the quiz's result says passed or not where it has no score (server mode), in both locales (as quizBeforePaint and wheelEver); +142 / +2: as wheelEver (a code clash keeps the drawn prize); +13 (client): as wheelEver (pacing's last day); +4,862 / +5,402: the odds sheet's own chunk with the rules in words (as wheelEver); +38 / +74: as wheelEver (identity, refused visitor, share link); +188 / +188: the rules in words of a quiz's pass mark and its points in all (as wheelEver); −5 (client): re-measured on the final tree (the sets it shares with grew and shrank by a few bytes of hashed names); −6 / −6: one rate() for every stats figure (the tracker's chunk)
};
const GZIP = { loader: 4_800, core: 24_028 }; // +27: UTC days without Intl (util/time.ts); core: identity modes, limits.perAddress, antiBot, the odds page strings, the games' fields, the sharded store's draw path; +113: URL faults as codes, their sentences in url-problem.ts (out of the widget); +27: createEngineOn (the memory store out of client mode's chunk); +31: createEngine passes the quiz scorer in, createEngineOn refuses a quiz without one; +26: the draw's sender, passed from DrawOptions to the commit (the collector answers a repeated draw id only to its sender); −1: stats in Maps and the engine's own-key reads (23,756 measured: more code, but it compresses against the rest); +8: sources drop C1 controls as well; +217: a code clash keeps the drawn prize (engine-core.ts retries, the sampler's kept prize, decide's prizes out of codes) and the schema asks for 10 generated codes per unit of stock; +23: pacing's last day (lastDay), and the stock-out sentence names the paced release (its causes in their own strings); +35: parseCampaign's served option (a browser's copy of a server-mode quiz has no answers or outcome mapping); −11: one rate() for every stats figure
/** each game's own chunk (dist/chunks/game-<name>.js), brotli; shared code (Preact, the shell) is counted above */
const GAME_CHUNK = { scratch: 3_639, giftbox: 1_285, flip: 894 }; // re-measured on the final tree (from 3,665, 1,290 and 910)
/** the scratch card's ink worker (chunks/scratch-ink.js and the ink it imports), brotli */
const SCRATCH_INK = 916;
/** a scratch card's page, everything it can ever load (confetti on a win included, the ink worker too, validator excluded), brotli */
const SCRATCH_EVER = 55_096; // +13: the loader (as WHEEL_BEFORE_PAINT); +828: mountCampaign and the play memory apart from the shell (as WHEEL_TAKE_OVER); +196: the painted wheel's take-over on first reach, in the shared mountCampaign; +226: the shell's hydrate, the mount task, shared sheets, UTC days; +390: the frame chunk apart from the shell; the ink worker and its hand-over included; +32: the card's place read once per stroke, the ink's starvation-based delay; +104: the mint's arrival (origin, referrer origin, utm_source); +3: a press after a failed eligibility read frees the widget (flow.ts); −389: the quiz scorer out of client mode's engine chunk (as wheelEver); +22: the draw's sender (as wheelEver); +104: the play memory's member (as WHEEL_TAKE_OVER); +91: client mode's lead queue keeps each lead's member and sends a lead only under it (as wheelEver); +39: own keys only in the counters and the ledger, and the placeholders (as wheelEver); +55: the member's sub read from the token (as WHEEL_TAKE_OVER); +9: as wheelEver (every POST checks that it may still send); +122: as wheelEver (the tracker's stored retry state on takeover); +17: as wheelEver (a campaign id with ':' refused); +326: the visitor id follows consent, and client mode plays as the browser's ledger visitor (as wheelEver); +20: a launcher's dialog asks the collector who the visitor is only when it first opens; +18: as wheelEver (a page view mints nobody); +25: as wheelEver (the quiz's result line without a score, in the shared result card); +142: as wheelEver (a code clash keeps the drawn prize); +13: as wheelEver (pacing's last day); +4,868: the odds sheet's own chunk with the rules in words (as wheelEver); +38: as wheelEver (identity); +188: the rules in words say what a quiz's pass mark leaves without a prize (outcome and score quizzes) and count no opinion question in the points, in both languages (as wheelEver); −5: re-measured on the final tree (the sets it shares with grew and shrank by a few bytes of hashed names); −6: one rate() for every stats figure (the tracker's chunk)
/**
 * A page runs one campaign in one mode, so it loads either client mode's engine (with its lead delivery) or server
 * mode's draw client, never both: "ever" is measured per mode. The proof-of-work solver loads only for a server-mode
 * campaign with antiBot.proofOfWork; it is measured on its own (BROTLI.proofOfWork), outside both sets.
 */
const CLIENT_ONLY = /^chunks\/(client-source|lead-delivery)-/;
const SERVER_ONLY = /^chunks\/remote-draw-source-/;
const PROOF_OF_WORK = /^chunks\/proof-of-work-/;
/** the quiz scorer (core/engine/quiz.ts): client mode's engine fetches it for a quiz campaign only */
const QUIZ_SCORER = /^chunks\/quiz-/;
/** every page but a quiz's: a set without the scorer's chunk */
const notQuiz = (skip: RegExp) => new RegExp(`${skip.source}|${QUIZ_SCORER.source}`);
/** computeStats for widget.stats(): fetched by the page's own code calling it, never by the widget; measured on its own */
const STATS = /^chunks\/compute-/;
const MODES = [
  { name: "client", skip: new RegExp(`${SERVER_ONLY.source}|${PROOF_OF_WORK.source}|${STATS.source}`) },
  { name: "server", skip: new RegExp(`${CLIENT_ONLY.source}|${PROOF_OF_WORK.source}|${STATS.source}`) },
] as const;
/** what a page of one game must not carry of the others */
const WHEEL_CODE = { pattern: /mg-rotor|mg-win-glow|mg-hub|mg-pointer|cubic-bezier\(0\.12/, why: "wheel code" };
const QUIZ_CODE = { pattern: /radiogroup|mg-choice|quiz\.progress|quiz\.finish/, why: "quiz code" };
/** quiz.ts minified: a score compared with a tier's minScore, and a choice's outcome read as a property (the loader's
 * campaign check only names them; the odds sheet's rules name a quiz's tiers by their minScore, which scores nothing) */
const QUIZ_SCORING = { pattern: /\.minScore<=|\.choiceOutcomes\?\.\[/, why: "quiz scoring (core/engine/quiz.ts)" };

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
  { pattern: /canvas-confetti|\.fillRect\(/, why: "confetti" },
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
  const triggers = () => [tag.chunks.get("chunks/triggers.js")!.code];
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

  it("paints a wheel from the loader and the first-frame chunk, without Preact, under the ceiling", () => {
    expect(BROTLI.wheelBeforePaint, "issue 11's target").toBeLessThanOrEqual(16_384);
    const files = tag.before("chunks/paint-wheel.js");
    const sizes = measureFiles(files);
    report(`wheel before paint (${files.length} files)`, sizes);
    expectUnder("the wheel's first paint", sizes.brotli, BROTLI.wheelBeforePaint, "brotli");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, ...NOT_BEFORE_WHEEL]) expect(pattern.test(sizes.code), why).toBe(false);
    expect(sizes.code).toContain("mg-rotor");
    expect(sizes.code).toContain("mg-hub");
    expect(files.includes(tag.chunks.get("chunks/shell.js")!.code), "the shell (Preact)").toBe(false);
    expect(/__H|__k|useLayoutEffect/.test(sizes.code), "preact").toBe(false);
  });

  it("takes the painted wheel over with the Preact widget, under the ceiling", () => {
    // the widget chunk imports the shell only when the widget renders: the take-over is the three of them
    const files = tag.before("chunks/widget.js", "chunks/shell.js", "chunks/game-wheel.js");
    const sizes = measureFiles(files);
    report(`wheel take-over (${files.length} files)`, sizes);
    expectUnder("the wheel's take-over", sizes.brotli, BROTLI.wheelTakeOver, "brotli");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, ...NOT_BEFORE_WHEEL]) expect(pattern.test(sizes.code), why).toBe(false);
  });

  it("keeps everything a wheel page can ever load under the ceiling, in each mode, quiz and validator excluded", () => {
    for (const mode of MODES) {
      const files = tag
        .everWithout(notQuiz(mode.skip), "chunks/paint-wheel.js", "chunks/widget.js", "chunks/game-wheel.js")
        .concat(triggers());
      const sizes = measureFiles(files);
      report(`wheel ever, ${mode.name} mode (${files.length} files)`, sizes);
      expectUnder(`everything a ${mode.name}-mode wheel page loads`, sizes.brotli, BROTLI.wheelEver[mode.name], "brotli");
      for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(sizes.code), why).toBe(false);
      expect(/radiogroup|mg-choice|quiz\.progress/.test(sizes.code), "quiz code").toBe(false);
      expect(QUIZ_SCORING.pattern.test(sizes.code), QUIZ_SCORING.why).toBe(false);
      expect(/ZodMini|_zod/.test(sizes.code), "zod").toBe(false);
      expect(sizes.code, "confetti, on a win").toContain(".fillRect(");
    }
  });

  it("splits client mode's engine from server mode's draw client, and the proof-of-work solver from both", () => {
    const names = [...tag.chunks.keys()];
    // each pattern names a real chunk, so a renamed module cannot make a set silently bigger or smaller
    for (const pattern of [CLIENT_ONLY, SERVER_ONLY, PROOF_OF_WORK, QUIZ_SCORER])
      expect(
        names.some((n) => pattern.test(n)),
        String(pattern),
      ).toBe(true);
    const code = (pattern: RegExp) => tag.chunks.get(names.find((n) => pattern.test(n))!)!.code;
    const client = tag.everWithout(MODES[0].skip, "chunks/widget.js", "chunks/game-wheel.js");
    const server = tag.everWithout(MODES[1].skip, "chunks/widget.js", "chunks/game-wheel.js");
    expect(client.includes(code(CLIENT_ONLY)) && !client.includes(code(SERVER_ONLY)), "client mode: the engine, not the draw client").toBe(
      true,
    );
    expect(server.includes(code(SERVER_ONLY)) && !server.includes(code(CLIENT_ONLY)), "server mode: the draw client, not the engine").toBe(
      true,
    );
    const pow = tag.ever(names.find((n) => PROOF_OF_WORK.test(n))!).slice(1);
    const sizes = measureFiles(pow);
    report(`proof-of-work solver, server mode with antiBot.proofOfWork only (${pow.length} files)`, sizes);
    expectUnder("the proof-of-work solver", sizes.brotli, BROTLI.proofOfWork, "brotli");
  });

  it("keeps computeStats out of the tracker's chunk, in a chunk of its own that widget.stats() fetches", () => {
    const name = [...tag.chunks.keys()].find((n) => STATS.test(n))!;
    const analytics = [...tag.chunks.values()].find((c) => c.dynamicImports.includes(name))!;
    expect(analytics.code, "the tracker").toContain("sendBeacon");
    expect(analytics.code, "the cockpit's stats").not.toMatch(/retention|npsGroup|promoters/);
    const sizes = measure(tag.chunks.get(name)!.code);
    report("stats chunk, when the page calls widget.stats()", sizes);
    expectUnder("the stats chunk", sizes.brotli, BROTLI.stats, "brotli");
  });

  it("keeps a quiz page's first paint and everything it can load under the ceilings, wheel excluded", () => {
    const first = measureFiles(tag.before("chunks/widget.js", "chunks/shell.js", "chunks/game-quiz.js"));
    report("quiz before paint", first);
    expectUnder("the quiz's first paint", first.brotli, BROTLI.quizBeforePaint, "brotli");
    for (const mode of MODES) {
      const everFiles = tag.everWithout(mode.skip, "chunks/widget.js", "chunks/game-quiz.js").concat(triggers());
      const ever = measureFiles(everFiles);
      report(`quiz ever, ${mode.name} mode`, ever);
      expectUnder(`everything a ${mode.name}-mode quiz page loads`, ever.brotli, BROTLI.quizEver[mode.name], "brotli");
      for (const { pattern, why } of NEVER_IN_BROWSER) expect(pattern.test(ever.code), why).toBe(false);
      expect(everFiles.includes(tag.chunks.get("chunks/game-wheel.js")!.code), "the wheel's chunk").toBe(false);
      expect(/ZodMini|_zod/.test(ever.code), "zod").toBe(false);
      // client mode scores the answers in the browser, server mode on the collector
      expect(QUIZ_SCORING.pattern.test(ever.code), QUIZ_SCORING.why).toBe(mode.name === "client");
    }
  });

  it.each(["scratch", "giftbox", "flip"] as const)("keeps the %s game's chunk under its exact ceiling", (game) => {
    const sizes = measure(tag.chunks.get(`chunks/game-${game}.js`)!.code);
    report(`game-${game} chunk`, sizes);
    expectUnder(`chunks/game-${game}.js`, sizes.brotli, GAME_CHUNK[game], "brotli");
  });

  it("loads no wheel and no quiz code on a scratch-card page", () => {
    const files = tag
      .everWithout(notQuiz(MODES[0].skip), "chunks/widget.js", "chunks/game-scratch.js", "chunks/scratch-ink.js")
      .concat(triggers());
    const sizes = measureFiles(files);
    report(`scratch ever, client mode (${files.length} files)`, sizes);
    expectUnder("everything a client-mode scratch-card page loads", sizes.brotli, SCRATCH_EVER, "brotli");
    for (const { pattern, why } of [...NEVER_IN_BROWSER, WHEEL_CODE, QUIZ_CODE, QUIZ_SCORING])
      expect(pattern.test(sizes.code), why).toBe(false);
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
