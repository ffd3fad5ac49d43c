// quiz scoring: right answers add points (score mode) or answers vote for outcomes (outcome mode)
import type { Campaign, Question, Quiz } from "../schema/campaign.js";
import type { QuizAnswers, QuizScore } from "./types.js";

/**
 * Score a visitor's answers. Unknown questions and malformed answers count as wrong; it never throws.
 * Score mode: the highest prize tier whose minScore the score reaches gives the prizes, once passScore
 * is reached (no tiers: every prize). Outcome mode: each chosen choice adds one point to its outcome,
 * the top outcome wins (ties go to the outcome listed first) and gives its prizes.
 * @example scoreQuiz(campaign, { q1: 0, q2: [1, 3] }) // { score: 2, maxScore: 2, passed: true, prizeIds: [...] }
 */
export function scoreQuiz(campaign: Campaign, answers: QuizAnswers): QuizScore {
  const quiz = campaign.quiz;
  if (!quiz) return { score: 0, maxScore: 0, passed: false, prizeIds: [] };
  return quiz.mode === "outcome" ? scoreOutcomes(quiz, answers) : scorePoints(campaign, quiz, answers);
}

function scorePoints(campaign: Campaign, quiz: Quiz, answers: QuizAnswers): QuizScore {
  let score = 0;
  let maxScore = 0;
  for (const q of quiz.questions) {
    if (q.type === "nps") continue; // an opinion is never right or wrong
    maxScore += q.points;
    if (isRight(q, own(answers, q.id))) score += q.points;
  }
  const passed = score >= quiz.passScore;
  let prizeIds: string[] = [];
  if (passed && quiz.prizeTiers.length === 0) prizeIds = campaign.prizes.map((p) => p.id);
  else if (passed) {
    let best: Quiz["prizeTiers"][number] | undefined;
    for (const tier of quiz.prizeTiers) if (tier.minScore <= score && (!best || tier.minScore > best.minScore)) best = tier;
    prizeIds = best ? [...best.prizeIds] : [];
  }
  return { score, maxScore, passed, prizeIds };
}

function scoreOutcomes(quiz: Quiz, answers: QuizAnswers): QuizScore {
  const votes = new Map<string, number>(quiz.outcomes.map((o) => [o.id, 0]));
  for (const q of quiz.questions) {
    if (q.type === "nps") continue;
    for (const choice of chosen(q, own(answers, q.id))) {
      const outcome = q.choiceOutcomes?.[choice];
      if (outcome !== undefined && votes.has(outcome)) votes.set(outcome, votes.get(outcome)! + 1);
    }
  }
  // strict ">" keeps the first of tied outcomes, in file order
  let top: Quiz["outcomes"][number] | undefined;
  let topVotes = 0;
  for (const o of quiz.outcomes) {
    const v = votes.get(o.id)!;
    if (v > topVotes) [top, topVotes] = [o, v];
  }
  const passed = top !== undefined && topVotes >= quiz.passScore;
  const scored = quiz.questions.filter((q) => q.type !== "nps").length;
  const result: QuizScore = { score: topVotes, maxScore: scored, passed, prizeIds: passed ? [...top!.prizeIds] : [] };
  if (top) result.outcomeId = top.id;
  return result;
}

/** an own property only: answers arrive from the network, "__proto__" must not answer anything */
function own(answers: QuizAnswers, id: string): unknown {
  return answers && Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/** the valid, distinct choice indexes of an answer */
function chosen(q: Question, answer: unknown): number[] {
  const list = Array.isArray(answer) ? answer : answer === undefined ? [] : [answer];
  if (q.type === "single" && list.length !== 1) return [];
  const valid = list.filter((a): a is number => Number.isInteger(a) && a >= 0 && a < q.choices.length);
  return valid.length === list.length ? [...new Set(valid)] : [];
}

/** single choice: the right index; multiple choice: exactly the set of right indexes */
function isRight(q: Question, answer: unknown): boolean {
  if (q.answer === undefined) return false;
  const given = chosen(q, answer);
  const right = Array.isArray(q.answer) ? [...new Set(q.answer)] : [q.answer];
  if (Array.isArray(answer) && new Set(answer).size !== answer.length) return false;
  return given.length === right.length && right.every((r) => given.includes(r));
}
