import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { createEngineOn } from "./engine-core.js";
import { createMemoryStore } from "./memory-store.js";
import { scoreQuiz } from "./quiz.js";
import { createSeededRandom } from "./random.js";

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
