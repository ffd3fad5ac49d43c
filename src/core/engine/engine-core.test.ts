import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createEngineOn, type SyncEngine } from "./engine-core.js";
import { createMemoryStore } from "./memory-store.js";
import { scoreQuiz } from "./quiz.js";
import { createSeededRandom } from "./random.js";
import { CodeTakenError, type DrawCommit } from "./types.js";

const quiz = () =>
  testCampaign({
    game: "quiz",
    prizes: [
      { id: "gold", label: "Gold", weight: 1 },
      { id: "none", label: "None", weight: 1, win: false },
    ],
    quiz: {
      questions: [{ id: "q1", text: "?", choices: ["a", "b"], answer: 1 }],
      passScore: 1,
      prizeTiers: [{ minScore: 1, prizeIds: ["gold"] }],
    },
  });

describe("createEngineOn and the quiz scorer it is given", () => {
  it("refuses to build a quiz campaign's engine without a scorer, rather than draw prizes that ignore the answers", () => {
    expect(() => createEngineOn(quiz(), createMemoryStore())).toThrow("a quiz campaign needs options.scoreQuiz");
  });

  it("scores a quiz's answers with the scorer it is given", async () => {
    const engine = createEngineOn(quiz(), createMemoryStore(), { scoreQuiz, random: createSeededRandom(1) });
    expect(await engine.draw("right", { answers: { q1: 1 } })).toMatchObject({ win: true, prize: { id: "gold" }, quiz: { passed: true } });
    expect(await engine.draw("wrong", { answers: { q1: 0 } })).toMatchObject({ win: false, quiz: { score: 0, passed: false } });
  });

  it("builds the other games' engines without a scorer", async () => {
    const engine = createEngineOn(testCampaign(), createMemoryStore(), { random: createSeededRandom(1) });
    const result = await engine.draw("v", { answers: { q1: 1 } });
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty("quiz");
  });
});

/** a memory store that refuses a generated code whenever `clash(commit)` says so, as if it had been issued before */
function clashingStore(clash: (commit: DrawCommit) => boolean) {
  const store = createMemoryStore();
  const tried: DrawCommit[] = [];
  const transactSync = store.transactSync.bind(store);
  store.transactSync = (campaignId, visitorId, day, decide) =>
    transactSync(campaignId, visitorId, day, (snapshot) => {
      const decision = decide(snapshot);
      if (decision.commit?.newCode !== undefined) {
        tried.push(decision.commit);
        if (clash(decision.commit)) throw new CodeTakenError(decision.commit.newCode);
      }
      return decision;
    });
  return { store, tried };
}

const coded = (onStockOut: "fallback" | "renormalize") =>
  testCampaign({
    prizes: [
      { id: "gift", label: "Gift", weight: 1, codeGenerator: { prefix: "G-" } },
      { id: "small", label: "Small", weight: 1 },
      { id: "none", label: "None", weight: 1, win: false },
    ],
    onStockOut,
  });

describe("a generated code that was issued before", () => {
  it("keeps the prize drawn and draws only a new code", () => {
    // every other code clashes: each gift draw is tried twice, and the second try is the same prize with a new code
    let n = 0;
    const { store, tried } = clashingStore(() => n++ % 2 === 0);
    const engine = createEngineOn(coded("fallback"), store, { random: createSeededRandom("clash") }) as SyncEngine;
    for (let i = 0; i < 300; i++) {
      const before = tried.length;
      const result = engine.drawSync(`v${i}`);
      const tries = tried.slice(before);
      if (tries.length === 0) continue;
      expect(tries.map((c) => c.prizeId)).toEqual(["gift", "gift"]);
      expect(tries[1]!.newCode).not.toBe(tries[0]!.newCode);
      expect(result).toMatchObject({ ok: true, prize: { id: "gift" }, code: tries[1]!.newCode });
    }
    expect(tried.length).toBeGreaterThan(150);
  });

  it('treats a prize whose codes always clash as out of stock: the fallback under "fallback"', () => {
    const { store, tried } = clashingStore((c) => c.prizeId === "gift");
    const engine = createEngineOn(coded("fallback"), store, { random: createSeededRandom("full") }) as SyncEngine;
    const results = Array.from({ length: 300 }, (_, i) => engine.drawSync(`v${i}`));
    const given = (id: string) => results.filter((r) => r.ok && r.prize?.id === id).length;
    // 32 tries of the gift, on the one draw that found its codes used up; after that it is not drawn today
    expect(tried).toHaveLength(32);
    expect(given("gift")).toBe(0);
    expect(given("small") + given("none")).toBe(300);
    expect(given("none")).toBeGreaterThan(given("small"));
  });

  it('treats a prize whose codes always clash as out of stock: a draw among the others under "renormalize"', () => {
    const { store, tried } = clashingStore((c) => c.prizeId === "gift");
    const engine = createEngineOn(coded("renormalize"), store, { random: createSeededRandom("full") }) as SyncEngine;
    const results = Array.from({ length: 300 }, (_, i) => engine.drawSync(`v${i}`));
    expect(tried).toHaveLength(32);
    expect(results.every((r) => r.ok && r.prize?.id !== "gift")).toBe(true);
  });
});
