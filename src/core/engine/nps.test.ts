import { describe, expect, it } from "vitest";
import { parseCampaign } from "../schema/index.js";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { npsAnswer } from "./nps.js";
import { scoreQuiz } from "./quiz.js";

const prizes = [
  { id: "gold", label: "Gold", weight: 1 },
  { id: "none", label: "None", weight: 1, win: false },
];
const quiz = (questions: unknown[], extra: Record<string, unknown> = {}) => ({ game: "quiz", prizes, quiz: { questions, ...extra } });
const nps = { id: "rec", text: "Recommend us?", type: "nps" };

describe("NPS questions", () => {
  it("are never scored: the pass score and the maximum count the other questions only", () => {
    const c = testCampaign(quiz([{ id: "q1", text: "One?", choices: ["a", "b"], answer: 1 }, nps], { passScore: 1 }) as never);
    expect(scoreQuiz(c, { q1: 1, rec: 10 })).toMatchObject({ score: 1, maxScore: 1, passed: true });
    expect(scoreQuiz(c, { q1: 0, rec: 10 })).toMatchObject({ score: 0, maxScore: 1, passed: false });
  });

  it("give their answer as a whole number 0–10, or null", () => {
    const c = testCampaign(quiz([nps]) as never);
    expect(npsAnswer(c, { rec: 0 })).toBe(0);
    expect(npsAnswer(c, { rec: 10 })).toBe(10);
    for (const bad of [11, -1, 7.5, "9", [9], undefined]) expect(npsAnswer(c, { rec: bad as never })).toBeNull();
    expect(npsAnswer(c, JSON.parse('{"__proto__": 9}'))).toBeNull();
  });

  it("refuse choices, a right answer and a second NPS question, each named by its path", () => {
    const r = parseCampaign({
      id: "c",
      ...quiz([
        { ...nps, choices: ["a", "b"], answer: 0 },
        { ...nps, id: "rec2" },
        { id: "q", text: "Q?", answer: 0 },
      ]),
    });
    expect(r.ok).toBe(false);
    const paths = !r.ok ? r.issues.map((i) => i.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        "quiz.questions[0].choices",
        "quiz.questions[0].answer",
        "quiz.questions[1].type",
        "quiz.questions[2].choices",
      ]),
    );
  });

  it("let a one-question NPS survey stand alone", () => {
    expect(parseCampaign({ id: "c", ...quiz([nps]) }).ok).toBe(true);
  });
});
