// the answer to a quiz's NPS question, in its own file: the widget reads it for every quiz play, scoring or not
import type { Campaign } from "../schema/campaign.js";
import type { QuizAnswers } from "./types.js";

/**
 * The visitor's 0–10 answer to the quiz's NPS question, or null (none asked, none given, or not a whole number 0–10).
 * @example npsAnswer(campaign, { recommend: 9 }) // 9
 */
export function npsAnswer(campaign: Campaign, answers: QuizAnswers | undefined): number | null {
  const q = campaign.quiz?.questions.find((x) => x.type === "nps");
  // own properties only: answers may come from the network
  const a = q && answers && Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
  return typeof a === "number" && Number.isInteger(a) && a >= 0 && a <= 10 ? a : null;
}
