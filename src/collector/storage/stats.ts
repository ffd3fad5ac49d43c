// CampaignStats from the rollups: reads days and visitor-days, never the raw events
import { rate, type CampaignStats, type DailyStats } from "../../core/stats/index.js";
import type { Database } from "./types.js";
import { applyPendingRollups } from "./rollup-outbox.js";
import { STEP } from "./steps.js";
import { cockpitOf, queryGroups, type DayAnswers } from "./cockpit-stats.js";

export type StatsQuery = {
  campaignId: string;
  /** first day (YYYY-MM-DD in the campaign time zone), inclusive */
  from?: string;
  /** last day, inclusive */
  to?: string;
  includeAutomated?: boolean;
  /** the campaign's IANA time zone and the instant retention windows are judged against (UTC and Date.now() when absent) */
  timezone?: string;
  now?: number;
};

type DayVisitors = { reach: number; participants: number; leads: number };
type DayRow = {
  day: string;
  prize_id: string | null;
  impressions: number;
  plays: number;
  results: number;
  wins: number;
  claims: number;
} & DayVisitors &
  DayAnswers;

const has = (bit: number) => `count(*) FILTER (WHERE steps & ${bit} <> 0)::integer`;

/**
 * The stats of one campaign, equal to core computeStats over the same stored events: the campaign's outbox rows
 * committed before the call are applied first, so no accepted event is missing.
 * @example const stats = await queryStats(db, { campaignId: "tet-2027", from: "2027-01-20" });
 */
export async function queryStats(db: Database, q: StatsQuery): Promise<CampaignStats> {
  await applyPendingRollups(db, { campaignId: q.campaignId, wait: true });
  // '' sorts before and '~' after every YYYY-MM-DD key
  const params = [q.campaignId, q.from ?? "", q.to ?? "~", q.includeAutomated === true];
  const where = "campaign_id = $1 AND day >= $2 AND day <= $3 AND (NOT automated OR $4::boolean)";
  // without automated rows, the counters kept at ingest answer per day (stats_daily); automated rows may repeat a
  // visitor-day, so counting them folds the visitor rows of each day
  const counted = !q.includeAutomated;
  const [dayRows, dayVisitors, visitorGroups] = await Promise.all([
    // the days and, in the same statement, the prizes won over them (rows with a prize_id)
    db.query<DayRow>(
      `SELECT day, NULL AS prize_id, sum(impressions)::integer AS impressions, sum(plays)::integer AS plays,
         sum(results)::integer AS results, sum(wins)::integer AS wins, sum(claims)::integer AS claims,
         sum(reach)::integer AS reach, sum(participants)::integer AS participants, sum(leads)::integer AS leads,
         sum(shares)::integer AS shares, sum(nps_promoters)::integer AS promoters, sum(nps_passives)::integer AS passives,
         sum(nps_detractors)::integer AS detractors
       FROM stats_daily WHERE ${where} GROUP BY day
       UNION ALL
       SELECT NULL, prize_id, 0, 0, 0, sum(wins)::integer, 0, 0, 0, 0, 0, 0, 0, 0 FROM stats_prizes WHERE ${where} GROUP BY prize_id
       ORDER BY day, prize_id`,
      params,
    ),
    counted
      ? []
      : db.query<{ day: string } & DayVisitors>(
          `SELECT day, ${has(STEP.impression)} AS reach, ${has(STEP.play)} AS participants, ${has(STEP.lead)} AS leads
           FROM (SELECT day, visitor_id, bit_or(steps) AS steps FROM stats_visitors WHERE ${where} GROUP BY day, visitor_id) v
           GROUP BY day`,
          params,
        ),
    // each visitor sits in one group by first-touch source and device: the funnel's distinct counts are their sums
    // PostgreSQL folds a range's visitors in two halves on two connections, as the queries here run side by side
    queryGroups(db, q, db.kind === "postgres" ? 2 : 1),
  ]);
  const days = dayRows.filter((d) => d.prize_id === null);
  const prizeRows = dayRows.filter((d) => d.prize_id !== null);

  const perDay = new Map((counted ? days : dayVisitors).map((d) => [d.day, d]));
  const daily: Record<string, DailyStats> = {};
  const answers: DayAnswers = { shares: 0, promoters: 0, passives: 0, detractors: 0 };
  let impressions = 0,
    plays = 0,
    results = 0,
    wins = 0,
    claims = 0;
  for (const d of days) {
    const v = perDay.get(d.day);
    daily[d.day] = {
      impressions: d.impressions,
      reach: v?.reach ?? 0,
      participants: v?.participants ?? 0,
      plays: d.plays,
      wins: d.wins,
      claims: d.claims,
      leads: v?.leads ?? 0,
    };
    impressions += d.impressions;
    plays += d.plays;
    results += d.results;
    wins += d.wins;
    claims += d.claims;
    for (const k of Object.keys(answers) as Array<keyof DayAnswers>) answers[k] += d[k];
  }
  const t = Object.fromEntries(Object.keys(STEP).map((k) => [k, 0])) as Record<keyof typeof STEP, number>;
  for (const g of visitorGroups) for (const k of Object.keys(t) as Array<keyof typeof STEP>) t[k] += g[k];
  // prize ids as the events sent them: defined, not assigned, so `__proto__` is a key and not the prototype
  const prizes = Object.fromEntries(prizeRows.map((p) => [p.prize_id!, p.wins]));
  return {
    impressions,
    reach: t.impression,
    participants: t.play,
    plays,
    wins,
    claims,
    leads: t.lead,
    participationRate: rate(t.play, t.impression),
    conversionRate: rate(t.claim, t.impression),
    engagementRate: rate(t.engaged, t.impression),
    winRate: rate(wins, results),
    prizes,
    funnel: { impression: t.impression, open: t.open, play: t.play, result: t.result, claim: t.claim },
    daily,
    ...cockpitOf(visitorGroups, answers),
  };
}
