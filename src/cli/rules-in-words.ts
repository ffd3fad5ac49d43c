// a campaign's rules as sentences for its terms and conditions
import { isLimited, pacingClock, type Campaign, type Quiz } from "../core/index.js";

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);
const plays = (n: number) => `${n} extra play${n === 1 ? "" : "s"}`;

/** an ISO instant as the campaign's local time, e.g. "2027-01-20 00:00" */
function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(Date.parse(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? "" : "s"}`;
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/**
 * The rules in plain English, one sentence each: schedule, limits, cooldown, bonus plays, leads,
 * what happens when a prize runs out, pacing, quiz scoring, prizes that cannot be won, and how prizes are drawn.
 * @example rulesInWords(tet)[1] // "Each visitor may play up to 3 times in total and at most once a day; ..."
 */
export function rulesInWords(c: Campaign): string[] {
  const rules: string[] = [];
  const tz = c.timezone;
  const { startsAt, endsAt } = c.schedule ?? {};
  if (startsAt && endsAt) rules.push(`The campaign runs from ${localTime(startsAt, tz)} to ${localTime(endsAt, tz)}, ${tz} time.`);
  else if (startsAt) rules.push(`The campaign starts on ${localTime(startsAt, tz)}, ${tz} time.`);
  else if (endsAt) rules.push(`The campaign ends on ${localTime(endsAt, tz)}, ${tz} time.`);

  const { total, perDay } = c.limits.perVisitor;
  const limits = [
    total !== undefined && `${total === 1 ? "" : "up to "}${times(total)} in total`,
    perDay !== undefined && `at most ${times(perDay)} a day`,
  ].filter(Boolean);
  if (limits.length)
    rules.push(`Each visitor may play ${limits.join(" and ")}${perDay !== undefined ? `; days start at midnight, ${tz} time` : ""}.`);
  else rules.push("There is no limit on the number of plays per visitor.");
  // client mode cannot promise more: say so where the brand publishes its rules
  if (c.mode === "client") {
    rules.push(
      "Limits are counted per browser: the game runs in the visitor's browser, so another browser, device or cleared browsing data starts the count again.",
    );
  }
  if (c.limits.cooldownSeconds > 0) rules.push(`Two plays by the same visitor are at least ${duration(c.limits.cooldownSeconds)} apart.`);
  if (c.bonusPlays) rules.push(`Sharing the campaign gives ${plays(c.bonusPlays.perShare)}, up to ${plays(c.bonusPlays.maxPerDay)} a day.`);
  if (c.requireLead) rules.push(`Visitors give their ${c.lead.fields.join(" and ")} before playing.`);

  if (c.prizes.some(isLimited)) {
    const fallback = c.prizes.find((p) => p.id === c.fallbackPrizeId);
    rules.push(
      c.onStockOut === "fallback" && fallback
        ? `When a prize runs out (its stock, codes or daily cap), its chance goes to "${fallback.label}"; the chances of the other prizes do not change.`
        : "When a prize runs out (its stock, codes or daily cap), its chance is shared among the prizes still available, in proportion to their chances.",
    );
  }
  const days = pacingClock(c)?.days;
  if (days !== undefined) {
    rules.push(
      `Stock is released evenly over the campaign's ${days} days: by the end of day d, at most stock × d / ${days} units of a prize (rounded up) can have been won; units not won on a day carry over to the next.`,
    );
  }
  if (c.game === "quiz" && c.quiz) rules.push(...quizRules(c));

  const never = c.prizes.filter((p) => p.weight === 0);
  if (never.length)
    rules.push(`${never.map((p) => `"${p.label}"`).join(", ")} ${never.length === 1 ? "is" : "are"} listed but cannot be won by drawing.`);
  if (c.testMode) rules.push("Test mode: plays give no real prizes and no real codes.");
  rules.push(`Each result is drawn by a cryptographically secure random generator before the ${SHOWN[c.game]}.`);
  const pick = c.game === "giftbox" || c.game === "flip" ? c[c.game] : undefined;
  if (pick?.revealOthers === "sampled") {
    const items = c.game === "giftbox" ? "boxes" : "cards";
    rules.push(
      `The ${items} not picked show prizes drawn independently with the chances above: what they could have held, not what was missed.`,
    );
  }
  return rules;
}

// when the draw happens, in the words of each game
const SHOWN: Record<Campaign["game"], string> = {
  wheel: "wheel turns; the wheel only shows it",
  quiz: "result is shown",
  scratch: "card is scratched; scratching only uncovers it, and a reload shows the same result",
  giftbox: "chosen box opens; the box only shows it",
  flip: "chosen card turns over; the card only shows it",
};

function quizRules(c: Campaign): string[] {
  const quiz = c.quiz!;
  const label = (ids: string[]) => ids.map((id) => `"${c.prizes.find((p) => p.id === id)?.label ?? id}"`).join(", ");
  if (quiz.mode === "outcome") {
    return [
      "Each answer counts towards an outcome; the outcome with the most answers wins (a tie goes to the one listed first).",
      ...quiz.outcomes.map((o) => `Outcome "${o.title}": ${o.prizeIds.length ? `a draw among ${label(o.prizeIds)}` : "no prize"}.`),
    ];
  }
  const max = quiz.questions.reduce((sum, q) => sum + q.points, 0);
  const out = [
    `Each right answer scores its points (${max} in all); a multiple-choice answer is right only with exactly the right choices.`,
  ];
  if (quiz.passScore > 0)
    out.push(
      `A score below ${quiz.passScore} wins no prize${c.fallbackPrizeId ? ` other than "${c.prizes.find((p) => p.id === c.fallbackPrizeId)?.label}"` : ""}.`,
    );
  for (const tier of tierRanges(quiz)) out.push(`${tier.title}: a draw among ${label(tier.prizeIds)}.`);
  return out;
}

/** score tiers in order, each named by the scores that reach it and not the next one */
export function tierRanges(quiz: Quiz): Array<{ title: string; prizeIds: string[] }> {
  // as scoreQuiz decides: of tiers with the same minScore the first listed wins (sort is stable)
  const tiers = [...quiz.prizeTiers]
    .sort((a, b) => a.minScore - b.minScore)
    .filter((t, i, all) => i === 0 || all[i - 1]!.minScore !== t.minScore);
  return tiers.flatMap((t, i) => {
    const from = Math.max(t.minScore, quiz.passScore);
    const next = tiers[i + 1]?.minScore;
    if (next !== undefined && next <= from) return []; // every score that passes already reaches the next tier
    return [
      { title: next === undefined ? `A score of ${from} or more` : `A score of ${from} or more, below ${next}`, prizeIds: t.prizeIds },
    ];
  });
}
