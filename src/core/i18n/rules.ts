// a campaign's rules in words and its odds tables, in the campaign's language: `minigame odds` prints them, the widget's
// odds sheet shows them, so the page a brand publishes and the sheet a visitor opens say the same thing
import type { Campaign, Quiz } from "../schema/campaign.js";
import { isLimited } from "../schema/capacity.js";
import { publishedOdds } from "../engine/odds.js";
import { pacingClock } from "../engine/pacing.js";
import type { OddsRow } from "../engine/types.js";
import { formatDate, ODDS_STRINGS, type OddsLocale } from "./odds.js";
import { rulesText, type RulesStringKey } from "./rules-strings.js";

/** one odds table: the whole wheel, or the draw a quiz score or outcome leads to */
export type OddsGroup = { title: string | null; odds: OddsRow[] };

/**
 * The odds tables of one play: a wheel has one; a quiz one per prize tier (score mode) or per outcome, since the answers
 * pick the draw (the engine draws only among that tier's prizes).
 * @example oddsGroups(quiz, "en").map((g) => g.title) // ["A score of 3 or more, below 5", "A score of 5 or more"]
 */
export function oddsGroups(campaign: Campaign, locale: OddsLocale = "en"): OddsGroup[] {
  const quiz = campaign.game === "quiz" ? campaign.quiz : undefined;
  if (!quiz) return [{ title: null, odds: publishedOdds(campaign) }];
  if (quiz.mode === "outcome") {
    return quiz.outcomes
      .filter((o) => o.prizeIds.length)
      .map((o) => ({ title: rulesText(locale, "rules.quiz.outcomeTitle", { title: o.title }), odds: publishedOdds(campaign, o.prizeIds) }));
  }
  if (!quiz.prizeTiers.length)
    return [
      { title: quiz.passScore > 0 ? rulesText(locale, "rules.quiz.from", { from: quiz.passScore }) : null, odds: publishedOdds(campaign) },
    ];
  return tierRanges(quiz, locale).map((t) => ({ title: t.title, odds: publishedOdds(campaign, t.prizeIds) }));
}

function duration(seconds: number, locale: OddsLocale): string {
  const [key, n]: [RulesStringKey, number] =
    seconds % 3600 === 0
      ? ["rules.hours", seconds / 3600]
      : seconds % 60 === 0
        ? ["rules.minutes", seconds / 60]
        : ["rules.seconds", seconds];
  return rulesText(locale, key, { n }, n);
}

/**
 * The rules in plain words, one sentence each: schedule, limits, cooldown, bonus plays, leads, what happens when a
 * prize runs out, pacing, quiz scoring, prizes that cannot be won, and how prizes are drawn. Dates as the widget writes them.
 * @example rulesInWords(tet, "vi")[1] // "Mỗi người chơi được chơi tối đa 3 lượt trong suốt chương trình và tối đa 1 lượt mỗi ngày; ..."
 */
export function rulesInWords(c: Campaign, locale: OddsLocale = "en"): string[] {
  const t = (key: RulesStringKey, vars?: Record<string, string | number>, count?: number) => rulesText(locale, key, vars, count);
  const quote = (ids: string[]) => ids.map((id) => `"${c.prizes.find((p) => p.id === id)?.label ?? id}"`).join(", ");
  const rules: string[] = [];
  const tz = c.timezone;
  const date = (iso: string) => formatDate(Date.parse(iso), locale, tz);
  const { startsAt, endsAt } = c.schedule ?? {};
  if (startsAt && endsAt) rules.push(t("rules.runs", { from: date(startsAt), to: date(endsAt), tz }));
  else if (startsAt) rules.push(t("rules.starts", { from: date(startsAt), tz }));
  else if (endsAt) rules.push(t("rules.ends", { to: date(endsAt), tz }));

  const { total, perDay } = c.limits.perVisitor;
  const times = (n: number) => t("rules.times", { n }, n);
  const limits = [
    total !== undefined && t("rules.total", { times: times(total) }, total),
    perDay !== undefined && t("rules.perDay", { times: times(perDay) }),
  ].filter((x): x is string => typeof x === "string");
  if (limits.length)
    rules.push(t(perDay !== undefined ? "rules.limitsDaily" : "rules.limits", { limits: limits.join(t("rules.and")), tz }));
  else rules.push(t("rules.noLimit"));
  // client mode cannot promise more: say so where the brand publishes its rules, in the odds sheet's own words
  if (c.mode === "client") rules.push(ODDS_STRINGS[locale]["odds.perBrowser"]);
  if (c.limits.cooldownSeconds > 0) rules.push(t("rules.cooldown", { duration: duration(c.limits.cooldownSeconds, locale) }));
  if (c.bonusPlays) {
    const plays = (n: number) => t("rules.extraPlays", { n }, n);
    rules.push(t("rules.bonus", { perShare: plays(c.bonusPlays.perShare), maxPerDay: plays(c.bonusPlays.maxPerDay) }));
  }
  if (c.requireLead) rules.push(t("rules.lead", { fields: c.lead.fields.map((f) => t(`rules.field.${f}`)).join(t("rules.and")) }));

  const quiz = c.game === "quiz" ? c.quiz : undefined;
  const days = pacingClock(c)?.days;
  if (c.prizes.some(isLimited)) {
    const fallback = c.prizes.find((p) => p.id === c.fallbackPrizeId);
    // under pacing the commonest reason a prize is out is the day's release, so the sentence names it
    const causes = t(days === undefined ? "rules.runsOut" : "rules.runsOutPaced");
    if (c.onStockOut === "fallback" && fallback) rules.push(t("rules.stockOutFallback", { fallback: fallback.label, causes }));
    else {
      // a quiz shares a gone prize's chance within its own draw only, and a draw with nothing left gives the fallback
      // (or refuses the play): what the engine does (decide.ts), whatever the policy
      rules.push(t(quiz ? "rules.stockOutSharedQuiz" : "rules.stockOutShared", { causes }));
      if (quiz) rules.push(fallback ? t("rules.quiz.tierOutFallback", { fallback: fallback.label }) : t("rules.quiz.tierOut"));
    }
  }
  if (days !== undefined) rules.push(t("rules.pacing", { days }));
  if (quiz) rules.push(...quizRules(c, quiz, locale));

  const never = c.prizes.filter((p) => p.weight === 0);
  if (never.length) rules.push(t("rules.never", { labels: quote(never.map((p) => p.id)) }, never.length));
  if (c.testMode) rules.push(t("rules.testMode"));
  rules.push(t("rules.drawn", { shown: t(`rules.shown.${c.game}`) }));
  // every prize is an equal slice of the wheel: say so where the chances differ, so the picture is not read as the odds
  if (c.game === "wheel" && new Set(c.prizes.map((p) => p.weight)).size > 1) rules.push(t("rules.slices"));
  const pick = c.game === "giftbox" || c.game === "flip" ? c[c.game] : undefined;
  if (pick?.revealOthers === "sampled") rules.push(t(`rules.sampled.${c.game as "giftbox" | "flip"}`));
  return rules;
}

function quizRules(c: Campaign, quiz: Quiz, locale: OddsLocale): string[] {
  const t = (key: RulesStringKey, vars?: Record<string, string | number>, count?: number) => rulesText(locale, key, vars, count);
  const draw = (ids: string[]) =>
    t("rules.quiz.drawAmong", { labels: ids.map((id) => `"${c.prizes.find((p) => p.id === id)?.label ?? id}"`).join(", ") });
  // a play that reaches no prize gets the fallback, if there is one (decide.ts)
  const fallback = c.fallbackPrizeId ? c.prizes.find((p) => p.id === c.fallbackPrizeId)?.label : undefined;
  const nothing = fallback !== undefined ? t("rules.quiz.onlyFallback", { fallback }) : t("rules.quiz.noPrize");
  if (quiz.mode === "outcome") {
    // the top outcome needs at least one answer, and passScore of them (scoreOutcomes)
    const pass = Math.max(1, quiz.passScore);
    return [
      t("rules.quiz.outcome"),
      t("rules.quiz.outcomePass", { pass, what: nothing }, pass),
      ...quiz.outcomes.map((o) =>
        t("rules.quiz.item", {
          title: t("rules.quiz.outcomeTitle", { title: o.title }),
          what: o.prizeIds.length ? draw(o.prizeIds) : nothing,
        }),
      ),
    ];
  }
  // an opinion is never scored (scorePoints)
  const max = quiz.questions.reduce((sum, q) => (q.type === "nps" ? sum : sum + q.points), 0);
  const out = [t("rules.quiz.score", { max })];
  const below = (pass: number) =>
    fallback !== undefined ? t("rules.quiz.belowFallback", { pass, fallback }) : t("rules.quiz.below", { pass });
  if (quiz.passScore > 0) out.push(below(quiz.passScore));
  // a score that passes but reaches no tier wins nothing either
  const lowest = quiz.prizeTiers.length ? Math.min(...quiz.prizeTiers.map((tier) => tier.minScore)) : 0;
  if (lowest > quiz.passScore)
    out.push(
      quiz.passScore > 0
        ? t("rules.quiz.item", { title: t("rules.quiz.fromBelow", { from: quiz.passScore, next: lowest }), what: nothing })
        : below(lowest),
    );
  for (const tier of tierRanges(quiz, locale)) out.push(t("rules.quiz.item", { title: tier.title, what: draw(tier.prizeIds) }));
  return out;
}

/** score tiers in order, each named by the scores that reach it and not the next one */
export function tierRanges(quiz: Quiz, locale: OddsLocale = "en"): Array<{ title: string; prizeIds: string[] }> {
  // as scoreQuiz decides: of tiers with the same minScore the first listed wins (sort is stable)
  const tiers = [...quiz.prizeTiers]
    .sort((a, b) => a.minScore - b.minScore)
    .filter((t, i, all) => i === 0 || all[i - 1]!.minScore !== t.minScore);
  return tiers.flatMap((t, i) => {
    const from = Math.max(t.minScore, quiz.passScore);
    const next = tiers[i + 1]?.minScore;
    if (next !== undefined && next <= from) return []; // every score that passes already reaches the next tier
    return [
      {
        title: rulesText(locale, next === undefined ? "rules.quiz.from" : "rules.quiz.fromBelow", { from, next: next ?? "" }),
        prizeIds: t.prizeIds,
      },
    ];
  });
}
