// the JSON Schema editors use for autocomplete, generated from the zod schema so the two cannot disagree
import * as z from "zod/mini";
import { campaignSchema } from "../core/index.js";

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/**
 * Hover text for editors, by dotted path (`prizes[]` steps into list items). Kept here rather than in the
 * zod schema so the browser bundle does not carry it; a test checks every path still exists.
 */
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  $schema: "Path or URL of this JSON Schema, for editor autocomplete.",
  id: "Campaign id: 1–64 letters, digits, '_', '.' or '-'. Events and stats are grouped by it.",
  title: "Name shown to visitors above the game.",
  game: 'The minigame: "wheel" (lucky wheel), "quiz", "scratch" (scratch card), "giftbox" (pick one of N boxes) or "flip" (pick one of N face-down cards). Every game shows one draw; odds and limits work the same for all.',
  locale: 'Language of the built-in texts: "vi" or "en".',
  strings: "Replacements for built-in texts, by key.",
  timezone: 'IANA time zone for day boundaries of per-day limits, daily caps, pacing and daily stats, e.g. "Asia/Ho_Chi_Minh".',
  schedule: "When the campaign runs. Outside this window nobody can play.",
  "schedule.startsAt": "Start, as date and time with offset: 2027-01-20T00:00:00+07:00.",
  "schedule.endsAt": "End, as date and time with offset; must be after startsAt.",
  limits: "How often one visitor may play.",
  "limits.perVisitor.total": "Plays per visitor over the whole campaign.",
  "limits.perVisitor.perDay": "Plays per visitor per calendar day in the campaign time zone.",
  "limits.cooldownSeconds": "Seconds a visitor waits between plays.",
  "limits.perAddress":
    "Server mode: plays from one network address (IPv4 address, IPv6 /64) per campaign day, whoever plays; an IPv6 /56 and /48 may play 8 and 64 times as often (the collector's limits.ipv6Prefixes). Counted with the draw, across every collector instance.",
  "limits.perAddress.perDay":
    "Plays per network address per campaign day (default 200, above an office or a mobile carrier's shared address). Lower it for few valuable prizes; raise it for national campaigns on mobile traffic and turn on antiBot.proofOfWork.",
  requireLead: "Ask for email or phone before the first play.",
  lead: "The lead form shown when requireLead is true.",
  "lead.fields": 'What the form asks: any of "email", "phone", "name".',
  "lead.consentText": 'Older spelling of lead.consent.text (stored with version "custom").',
  "lead.privacyUrl": "Link to your privacy policy (https: or http:).",
  prizes: "Everything a play can give, including losing segments (win: false). A wheel shows one segment per prize (2–24).",
  "prizes[].id": "Prize id, unique in the campaign.",
  "prizes[].label": "Text on the segment and in the result.",
  "prizes[].weight": "Relative odds: weight / sum of weights of prizes still available. 0 is allowed.",
  "prizes[].stock": "Units that can ever be given. Absent means unlimited. Server mode only.",
  "prizes[].dailyCap": "Units that can be given per calendar day. Server mode only.",
  "prizes[].win": "false for 'better luck next time' segments.",
  "prizes[].codes": "Coupon codes handed out in order, never twice. At least as many as the stock. Server mode only.",
  "prizes[].codeGenerator": "Generate unique coupon codes instead of listing them. Server mode only.",
  "prizes[].value": "Cost of one unit, for cost forecasts in `minigame simulate`.",
  "prizes[].description": "Longer text shown with the result.",
  "prizes[].image": "Picture of the prize: an https: URL, a relative path, or a base64 data:image/png (jpeg, gif, webp, avif).",
  "prizes[].color": "Segment colour: #d62828, rgb(214, 40, 40) or a colour name.",
  "prizes[].codeGenerator.prefix": "Text every generated code starts with, e.g. TET50-.",
  "prizes[].codeGenerator.length": "Random characters after the prefix (4–32).",
  "prizes[].codeGenerator.alphabet": "Characters codes are made of; the default leaves out look-alikes such as 0/O and 1/I/L.",
  onStockOut: '"fallback": a prize that ran out gives its odds to fallbackPrizeId; "renormalize": spread over the rest.',
  fallbackPrizeId: "A losing prize without stock that takes the odds of prizes that ran out.",
  pacing: '"even" releases stock evenly over the schedule days so it is not gone on day one.',
  testMode: "Plays consume no stock or codes, and their events are left out of stats.",
  bonusPlays: "Extra plays granted after a share.",
  "bonusPlays.perShare": "Plays granted for one share.",
  "bonusPlays.maxPerDay": "Most bonus plays one visitor can earn per day.",
  quiz: 'Questions, scoring and prize tiers; required when game is "quiz".',
  "quiz.mode": '"score": right answers add points; "outcome": answers vote for outcomes (personality quiz).',
  "quiz.passScore": "Lowest score that passes.",
  "quiz.feedback": "Show right or wrong after each answer.",
  "quiz.questions": "1 to 50 questions.",
  "quiz.questions[].id": "Question id, unique in the quiz.",
  "quiz.questions[].text": "The question.",
  "quiz.questions[].type": '"single": one right choice; "multiple": several.',
  "quiz.questions[].choices": "2 to 8 answers to choose from.",
  "quiz.questions[].answer":
    "Score quiz: position of the right choice counting from 0, or a list of positions for a multiple-choice question.",
  "quiz.questions[].points": "Points for a right answer.",
  "quiz.questions[].choiceOutcomes": "Outcome quiz: for each choice, in order, the outcome id it votes for.",
  "quiz.questions[].timeLimitSeconds": "Seconds to answer (3–600).",
  "quiz.questions[].explanation": "Shown after answering when feedback is on.",
  "quiz.prizeTiers": "Score thresholds (minScore) and the prizes a score reaching each can win.",
  "quiz.outcomes": "Outcome quizzes: the possible results and their prizes.",
  theme: "Colours and font of the widget.",
  "theme.primary": "Main colour: buttons and highlights.",
  "theme.background": "Background colour.",
  "theme.text": "Text colour.",
  "theme.segmentColors": "Colours the wheel segments cycle through.",
  "theme.font": 'A font-family list such as "Be Vietnam Pro", sans-serif.',
  "theme.preset": 'A built-in look: "tet" (red and gold), "light" (clean, blue), "dark". Any other theme field overrides it.',
  "theme.backgroundGradient": 'Two colours for a diagonal background gradient, e.g. ["#fff8e7", "#ffe2a8"].',
  "theme.backgroundImage": "Picture behind the game (https:, a relative path or a data:image URL), drawn under the gradient or colour.",
  "theme.radius": "Corner radius of the game card in pixels (0–32).",
  "theme.buttonStyle": '"pill" (round ends, the default), "rounded" or "square" buttons.',
  "theme.accent": "Second colour for ribbons and highlights (gift box ribbons, the chosen card).",
  display: "When and where the game appears: delay, scroll, exit intent, pages, devices.",
  "display.delaySeconds": "Show the game this many seconds after the page loads.",
  "display.scrollPercent": "Show it once the visitor has scrolled this far down the page (0–100).",
  "display.exitIntent": "Show it when the visitor is about to leave the page.",
  "display.clickSelector": "Show it when an element matching this CSS selector is clicked.",
  "display.urlPatterns": "Show it only on pages whose path matches one of these; * matches anything.",
  "display.excludeUrlPatterns": "Never show it on pages whose path matches one of these.",
  "display.devices": 'Devices to show it on: "mobile", "tablet", "desktop".',
  "display.frequencyDays": "Show the popup at most once per this many days per visitor.",
  "display.launcher.position": "Where the floating button sits.",
  "display.launcher.label": "Text on the floating button.",
  mode: '"client" (default) draws in the browser and keeps limits per browser only: no stock, dailyCap or unique codes. "server" asks the collector, which enforces stock, caps, codes and limits for everyone.',
  collector: "Where events are sent and, in server mode, where draws happen.",
  "collector.endpoint": "URL events are sent to, e.g. https://collect.example.com/v1/events.",
  "collector.drawUrl": "Server mode: URL the widget asks for a draw.",
  terms: "Terms and conditions shown with the game.",
  termsUrl: "Link to the full terms and conditions.",
  share: "What the share button shares: url and text.",
  description: "Short text under the title.",

  // honest modes and people's data
  "prizes[].code": 'One code shown to every winner of this prize, such as "TET10". The only kind of code client mode allows.',
  "lead.consent": "The consent the visitor agrees to, stored with each lead: text and version. Default: a built-in sentence per locale.",
  "lead.consent.text": "The consent sentence next to the checkbox, stored word for word with each lead.",
  "lead.consent.version": "Your name for this wording, such as 2027-01; change it whenever the text changes.",
  leads: "What the collector does with the leads it stores.",
  "leads.retentionDays": "Leads older than this many days are erased automatically (1–3650). Absent: kept until erased.",
  identity:
    'Server mode: who counts as one player. "anonymous" (default): the visitor the collector minted for a browser; "lead": one normalised email or phone from the lead form (needs requireLead); "member": the customer id (`sub`) of a JWT your backend signs, passed as data-member-token and verified with the key in the collector\'s configuration.',
  antiBot: "Server mode: extra checks against scripted plays.",
  "antiBot.proofOfWork": "Require an ALTCHA proof of work, solved in the browser, before each draw. Each solution is accepted once.",
  "antiBot.proofOfWork.maxNumber":
    "Size of the search: the browser tries on average half this many hashes per play (default 50000). Higher costs a farmer more and a real visitor more too.",
  // games: wheel settings, scratch card, gift box, flip cards
  wheel: 'Wheel settings, used when game is "wheel".',
  "wheel.spinSeconds": "Length of a spin in seconds (1–15). 4 to 5.5 s at random when absent.",
  "wheel.turns": "Full turns before the wheel lands (1–20). 5 or 6 at random when absent.",
  "wheel.labels.orientation": '"radial" (default): labels run from the hub to the rim; "tangential": across the segment near the rim.',
  "wheel.labels.fit":
    '"wrap" (default): up to three lines, then a smaller font; "shrink": one line, smaller; "ellipsis": one readable line, cut with "…" (the full label stays in what screen readers say).',
  "wheel.sound": "A soft tick as each segment passes the pointer. Off by default; it never plays before the visitor taps Spin.",
  scratch:
    'Scratch card settings, used when game is "scratch". The prize is drawn when scratching starts and kept until it is revealed, so a reload never draws again.',
  "scratch.threshold":
    "Share of the cover (0.05–0.95) that must be scratched off before the rest clears and the result shows. Default 0.5.",
  "scratch.coverColor": "Colour of the scratch cover; the theme's primary colour by default.",
  "scratch.coverImage": "Picture painted on the scratch cover (http(s), relative or data:image URL).",
  "scratch.coverText": 'Text printed on the cover, e.g. "Cào để nhận quà".',
  "scratch.brushSize": "Width of the scratch stroke in CSS pixels (10–120). Default 44.",
  giftbox: 'Gift box settings, used when game is "giftbox": the visitor picks one of several boxes and the drawn prize is revealed in it.',
  "giftbox.count": "Number of boxes (2–9). Default 3.",
  "giftbox.revealOthers":
    '"none" (default): the other boxes stay closed. "sampled": each other box shows a prize drawn independently from the published odds, never a near miss picked to tease.',
  flip: 'Flip card settings, used when game is "flip": the visitor turns one of several face-down cards and the drawn prize is on it.',
  "flip.count": "Number of cards (2–9). Default 6.",
  "flip.revealOthers":
    '"none" (default): the other cards stay face down. "sampled": each other card shows a prize drawn independently from the published odds.',
};

/** the node of a generated JSON Schema at a dotted path, or undefined */
export function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const step of path.split(".")) {
    const list = step.endsWith("[]");
    node = node?.properties?.[list ? step.slice(0, -2) : step];
    if (list) node = node?.items;
  }
  return node;
}

/**
 * The campaign JSON Schema, as written to `campaign.schema.json`.
 * @example writeFileSync("campaign.schema.json", JSON.stringify(campaignJsonSchema(), null, 2) + "\n");
 */
export function campaignJsonSchema(): JsonSchema {
  // "input": what people write (defaults make fields optional), not what parseCampaign returns
  const generated = z.toJSONSchema(campaignSchema, { io: "input" }) as JsonSchema;
  const { $schema, ...rest } = generated;
  const schema: JsonSchema = {
    $schema,
    title: "minigame-sdk campaign",
    description:
      "A lucky wheel or quiz campaign for minigame-sdk: prizes and odds, rules, schedule, texts and theme. Check a file with `npx minigame validate <file>`.",
    ...rest,
  };
  for (const [path, description] of Object.entries(FIELD_DESCRIPTIONS)) {
    const node = schemaAt(schema, path);
    if (node) node.description = description;
  }
  return schema;
}
