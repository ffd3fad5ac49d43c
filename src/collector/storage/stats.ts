// CampaignStats from the rollups: reads days and visitor-days, never the raw events
import type { CampaignStats, DailyStats } from "../../core/stats/index.js";
import type { Database } from "./types.js";
import { applyPendingRollups } from "./rollup-outbox.js";
import { STEP } from "./steps.js";
import { queryCockpit } from "./cockpit-stats.js";

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

const has = (bit: number) => `count(*) FILTER (WHERE steps & ${bit} <> 0)::integer`;

/** 0 when there is nothing to divide by, and never above 1 (an impression may be lost while its play arrives) */
const rate = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);

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
  // no range: whole-campaign steps are kept per visitor, no need to fold their days together
  const whole = q.from === undefined && q.to === undefined;
  // one row per visitor and key: rows are OR-ed together unless the table already has one per key
  // (it has, keyed by day in stats_visitors and by campaign in stats_campaign_visitors, when automated rows are left out)
  const byVisitor = (key: string, table: string, filter = where) =>
    q.includeAutomated || (table === "stats_visitors" && !key.startsWith("day"))
      ? `(SELECT ${key}, bit_or(steps) AS steps FROM ${table} WHERE ${filter} GROUP BY ${key})`
      : `(SELECT ${key}, steps FROM ${table} WHERE ${filter})`;
  const cockpit = queryCockpit(db, q);
  // without automated rows, the counters kept at ingest answer: per day in stats_daily, for the whole campaign in
  // stats_campaign_groups; automated rows may repeat a visitor-day or a visitor, so counting them folds the visitor rows
  const counted = !q.includeAutomated;
  const steps = Object.entries(STEP);
  const [days, dayVisitors, totals, prizeRows] = await Promise.all([
    db.query<{ day: string; impressions: number; plays: number; results: number; wins: number; claims: number } & DayVisitors>(
      `SELECT day, sum(impressions)::integer AS impressions, sum(plays)::integer AS plays, sum(results)::integer AS results,
         sum(wins)::integer AS wins, sum(claims)::integer AS claims,
         sum(reach)::integer AS reach, sum(participants)::integer AS participants, sum(leads)::integer AS leads
       FROM stats_daily WHERE ${where} GROUP BY day ORDER BY day`,
      params,
    ),
    counted
      ? []
      : db.query<{ day: string } & DayVisitors>(
          `SELECT day, ${has(STEP.impression)} AS reach, ${has(STEP.play)} AS participants, ${has(STEP.lead)} AS leads
           FROM ${byVisitor("day, visitor_id", "stats_visitors")} v GROUP BY day`,
          params,
        ),
    whole && counted
      ? db.query<Record<keyof typeof STEP, number>>(
          `SELECT ${steps.map(([name]) => `coalesce(sum(${name}), 0)::integer AS ${name}`).join(", ")}
           FROM stats_campaign_groups WHERE campaign_id = $1 AND NOT automated`,
          [q.campaignId],
        )
      : db.query<Record<keyof typeof STEP, number>>(
          `SELECT ${steps.map(([name, bit]) => `${has(bit)} AS ${name}`).join(", ")}
           FROM ${whole ? byVisitor("visitor_id", "stats_campaign_visitors", "campaign_id = $1 AND (NOT automated OR $2::boolean)") : byVisitor("visitor_id", "stats_visitors")} v`,
          whole ? [q.campaignId, q.includeAutomated === true] : params,
        ),
    db.query<{ prize_id: string; wins: number }>(
      `SELECT prize_id, sum(wins)::integer AS wins FROM stats_prizes WHERE ${where} GROUP BY prize_id ORDER BY prize_id`,
      params,
    ),
  ]);

  const perDay = new Map((counted ? days : dayVisitors).map((d) => [d.day, d]));
  const daily: Record<string, DailyStats> = {};
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
  }
  const t = totals[0] ?? { impression: 0, open: 0, play: 0, result: 0, claim: 0, lead: 0, engaged: 0, referred: 0 };
  const prizes: Record<string, number> = {};
  for (const p of prizeRows) prizes[p.prize_id] = p.wins;
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
    ...(await cockpit),
  };
}
