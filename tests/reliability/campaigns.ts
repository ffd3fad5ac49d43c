// campaigns the reliability suites play against
import type { CampaignInput } from "../../src/core/index.js";

/** a wheel with one stocked prize whose every unit carries a unique code, and an unlimited "try again" */
export function stockedWheel(id: string, stock: number, options: { perVisitorTotal?: number; giftWeight?: number } = {}): CampaignInput {
  return {
    id,
    game: "wheel",
    locale: "en",
    timezone: "Asia/Ho_Chi_Minh",
    prizes: [
      {
        id: "gift",
        label: "Gift",
        // far above the fallback, so the stock runs out long before the draws do
        weight: options.giftWeight ?? 1000,
        stock,
        codes: Array.from({ length: stock }, (_, i) => `${id.toUpperCase()}-${String(i).padStart(5, "0")}`),
      },
      { id: "none", label: "Try again", weight: 1, win: false },
    ],
    onStockOut: "fallback",
    fallbackPrizeId: "none",
    mode: "server",
    ...(options.perVisitorTotal ? { limits: { perVisitor: { total: options.perVisitorTotal }, cooldownSeconds: 0 } } : {}),
  };
}

/** a quiz whose answers the server scores, for the draw endpoint's `answers` field */
export function quizCampaign(id: string): CampaignInput {
  return {
    id,
    game: "quiz",
    locale: "en",
    prizes: [
      { id: "badge", label: "Badge", weight: 1, stock: 50 },
      { id: "none", label: "Thanks", weight: 1, win: false },
    ],
    fallbackPrizeId: "none",
    mode: "server",
    quiz: {
      questions: [
        { id: "q1", text: "1 + 1?", choices: ["1", "2"], answer: 1 },
        { id: "q2", text: "Pick both", type: "multiple", choices: ["a", "b", "c"], answer: [0, 1] },
      ],
      passScore: 1,
      prizeTiers: [{ minScore: 1, prizeIds: ["badge"] }],
    },
  };
}
