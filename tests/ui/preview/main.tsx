// preview page for screenshots and local design work: ?game=wheel|quiz&placement=inline|modal&locale=vi|en
import { parseCampaign } from "../../../src/core/schema/index.js";
import { publishedOdds } from "../../../src/core/engine/odds.js";
import { createWidget } from "../../../src/ui/index.js";
import { createFakeDrawSource } from "../../helpers/ui/fake-draw-source.js";
import { tetQuiz as quiz, tetWheel as tet } from "./campaigns.js";

const params = new URLSearchParams(location.search);
const game = params.get("game") ?? "wheel";
const many = Array.from({ length: Number(params.get("segments") ?? 0) }, (_, i) => ({
  id: `p${i}`,
  label: ["Voucher 20.000đ", "Miễn phí vận chuyển toàn quốc", "Chúc bạn may mắn lần sau", "Quà tặng bất ngờ", "Lì xì 50k", "Giảm 10%"][
    i % 6
  ]!,
  weight: 1,
  win: i % 6 !== 2,
}));
const wheel = {
  ...tet,
  schedule: undefined,
  pacing: "none",
  locale: params.get("locale") ?? "vi",
  ...(many.length ? { prizes: many, fallbackPrizeId: undefined } : {}),
};
const doc: Record<string, unknown> = game === "quiz" ? { ...quiz, quiz: { ...quiz.quiz, feedback: params.has("feedback") } } : wheel;
if (params.has("lead"))
  Object.assign(doc, { requireLead: true, lead: { fields: ["email", "phone"], privacyUrl: "https://example.com/privacy" } });
const parsed = parseCampaign(doc);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const campaign = parsed.campaign;
const outcome = params.get("outcome") ?? (game === "quiz" ? "voucher50" : "voucher100");
const deny = params.get("deny") as "cooldown" | "ended" | "limit_day" | null;
const source = createFakeDrawSource(campaign, {
  outcomes: [outcome],
  codes: ["TET100-7QK3M9XP"],
  delayMs: 150,
  bonus: 1,
  ...(deny ? { deny: { ok: false, reason: deny, playsLeft: 1, playsLeftToday: 0, retryAt: Date.now() + 4 * 60_000 + 32_000 } } : {}),
});
const placement = params.get("placement") === "modal" ? "modal" : "inline";
const events: unknown[] = [];
const widget = createWidget(placement === "modal" ? document.body : document.getElementById("slot")!, {
  campaign,
  placement,
  source,
  odds: () => publishedOdds(campaign),
  track: (type, props) => events.push({ type, props }),
});
Object.assign(window, { widget, events, source });
