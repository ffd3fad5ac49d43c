// campaigns for component tests and the preview page, validated like any campaign file
import { formatIssue, parseCampaign, type CampaignInput, type Campaign } from "../../../src/core/schema/index.js";

export function campaignOf(input: Partial<CampaignInput> & Pick<CampaignInput, "game" | "prizes">): Campaign {
  const r = parseCampaign({ id: "test-campaign", ...input });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
  return r.campaign;
}

export const wheelCampaign = (extra: Partial<CampaignInput> = {}) =>
  campaignOf({
    game: "wheel",
    locale: "en",
    title: "Spring Lucky Wheel",
    limits: { perVisitor: { total: 2 } },
    prizes: [
      // shared codes: a win with no code would first ask for contact details (see flow.needsContact)
      { id: "v50", label: "Voucher 50k", weight: 30, code: "SPRING50" },
      { id: "ship", label: "Free shipping", weight: 25, code: "SHIPFREE" },
      { id: "v100", label: "Voucher 100k", weight: 10, code: "SPRING100" },
      { id: "none", label: "Better luck next time", weight: 35, win: false },
    ],
    terms: "One play per day. Codes valid until March.",
    ...extra,
  });

export const quizCampaign = (extra: Partial<CampaignInput> = {}) =>
  campaignOf({
    game: "quiz",
    locale: "en",
    title: "Tết Trivia",
    prizes: [
      { id: "v50", label: "Voucher 50k", weight: 1 },
      { id: "none", label: "Thanks for playing", weight: 1, win: false },
    ],
    quiz: {
      questions: [
        { id: "q1", text: "Which fruit tray is a Tết tradition?", choices: ["Mâm ngũ quả", "Fruit salad", "Smoothie bowl"], answer: 0 },
        { id: "q2", text: "Pick the lucky colours", type: "multiple", choices: ["Red", "Grey", "Gold"], answer: [0, 2] },
      ],
      passScore: 1,
      prizeTiers: [{ minScore: 1, prizeIds: ["v50"] }],
    },
    ...extra,
  });
