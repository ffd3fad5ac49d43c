// small campaigns for the schema tests: valid as given, broken by the overrides a test passes
import { formatIssue, parseCampaign } from "../../../src/core/schema/index.js";

/** a small valid wheel in server mode (its gift has a stock); tests override what they need */
export function wheel(overrides: Record<string, unknown> = {}) {
  return {
    id: "spring",
    game: "wheel",
    mode: "server",
    timezone: "Asia/Ho_Chi_Minh",
    prizes: [
      { id: "gift", label: "Gift", weight: 1, stock: 10 },
      { id: "none", label: "Next time", weight: 3, win: false },
    ],
    fallbackPrizeId: "none",
    ...overrides,
  };
}

export function quiz(quizOverrides: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) {
  return wheel({
    game: "quiz",
    quiz: {
      questions: [
        { id: "q1", text: "2 + 2?", choices: ["3", "4"], answer: 1 },
        { id: "q2", text: "Primes?", type: "multiple", choices: ["2", "4", "5"], answer: [0, 2] },
      ],
      passScore: 1,
      prizeTiers: [{ minScore: 2, prizeIds: ["gift"] }],
      ...quizOverrides,
    },
    ...overrides,
  });
}

/** every issue as the CLI prints it */
export function problems(doc: unknown): string[] {
  const r = parseCampaign(doc);
  return r.issues.map(formatIssue);
}
