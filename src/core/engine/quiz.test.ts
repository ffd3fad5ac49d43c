import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { scoreQuiz } from "./quiz.js";

const prizes = [
  { id: "gold", label: "Gold", weight: 1 },
  { id: "silver", label: "Silver", weight: 1 },
  { id: "none", label: "None", weight: 1, win: false },
];

const scoreCampaign = testCampaign({
  game: "quiz",
  prizes,
  quiz: {
    questions: [
      { id: "q1", text: "One?", choices: ["a", "b", "c"], answer: 1 },
      { id: "q2", text: "Two?", type: "multiple", choices: ["a", "b", "c", "d"], answer: [0, 2], points: 2 },
      { id: "q3", text: "Three?", choices: ["a", "b"], answer: 0 },
    ],
    passScore: 2,
    prizeTiers: [
      { minScore: 2, prizeIds: ["silver"] },
      { minScore: 4, prizeIds: ["gold", "silver"] },
    ],
  },
});

const outcomeCampaign = testCampaign({
  game: "quiz",
  prizes,
  quiz: {
    mode: "outcome",
    questions: [
      { id: "q1", text: "Beach or mountain?", choices: ["beach", "mountain"], choiceOutcomes: ["sun", "snow"] },
      { id: "q2", text: "Tea or coffee?", choices: ["tea", "coffee"], choiceOutcomes: ["snow", "sun"] },
    ],
    outcomes: [
      { id: "sun", title: "Sun lover", prizeIds: ["gold"] },
      { id: "snow", title: "Snow lover", prizeIds: ["silver"] },
    ],
  },
});

describe("scoreQuiz, score mode", () => {
  it("adds each right answer's points and gives the highest tier reached", () => {
    expect(scoreQuiz(scoreCampaign, { q1: 1, q2: [2, 0], q3: 0 })).toEqual({
      score: 4,
      maxScore: 4,
      passed: true,
      prizeIds: ["gold", "silver"],
    });
    expect(scoreQuiz(scoreCampaign, { q1: 1, q2: [0, 2], q3: 1 })).toEqual({ score: 3, maxScore: 4, passed: true, prizeIds: ["silver"] });
  });

  it("counts a multiple-choice answer only when it is exactly the right set", () => {
    expect(scoreQuiz(scoreCampaign, { q2: [0] }).score).toBe(0);
    expect(scoreQuiz(scoreCampaign, { q2: [0, 2, 3] }).score).toBe(0);
    expect(scoreQuiz(scoreCampaign, { q2: [0, 0, 2] }).score).toBe(0);
    expect(scoreQuiz(scoreCampaign, { q2: [2, 0] }).score).toBe(2);
  });

  it("wins nothing below the pass score", () => {
    expect(scoreQuiz(scoreCampaign, { q1: 1 })).toEqual({ score: 1, maxScore: 4, passed: false, prizeIds: [] });
  });

  it("treats missing, malformed and inherited answers as wrong without throwing", () => {
    const hostile = JSON.parse('{"__proto__": {"q1": 1}, "q2": "0,2", "q3": [0, 1]}');
    expect(scoreQuiz(scoreCampaign, hostile).score).toBe(0);
    expect(scoreQuiz(scoreCampaign, { q1: 1.5, q3: -1 }).score).toBe(0);
    expect(scoreQuiz(scoreCampaign, {}).passed).toBe(false);
  });

  it("offers every prize to a passing score when the quiz has no tiers", () => {
    const c = testCampaign({ ...scoreCampaign, quiz: { ...scoreCampaign.quiz!, prizeTiers: [] } });
    expect(scoreQuiz(c, { q1: 1, q3: 0 }).prizeIds).toEqual(["gold", "silver", "none"]);
  });
});

describe("scoreQuiz, outcome mode", () => {
  it("lets answers vote and gives the top outcome's prizes", () => {
    const r = scoreQuiz(outcomeCampaign, { q1: 1, q2: 0 });
    expect(r).toEqual({ score: 2, maxScore: 2, passed: true, outcomeId: "snow", prizeIds: ["silver"] });
  });

  it("breaks a tie in favour of the outcome listed first", () => {
    expect(scoreQuiz(outcomeCampaign, { q1: 1, q2: 1 }).outcomeId).toBe("sun");
    expect(scoreQuiz(outcomeCampaign, { q1: 0, q2: 0 }).outcomeId).toBe("sun");
  });

  it("has no outcome when nothing was answered", () => {
    expect(scoreQuiz(outcomeCampaign, {})).toEqual({ score: 0, maxScore: 2, passed: false, prizeIds: [] });
  });
});
