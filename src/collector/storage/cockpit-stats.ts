// the cockpit fields of CampaignStats (docs/metrics-and-webhooks.md) from the rollups: the counters kept at ingest for the
// whole campaign, one pass over the visitor-days for a range, one over the days
import { npsOf, retentionCutoffs, topSources, type CockpitStats, type Segment } from "../../core/stats/index.js";
import { dayKey } from "../../core/util/time.js";
import { STEP } from "./steps.js";
import type { StatsQuery } from "./stats.js";
import type { Queryable } from "./types.js";

type Row = {
  source: string;
  device: string;
  reach: number;
  participants: number;
  claims: number;
  returning: number;
  d1_cohort: number;
  d1: number;
  d7_cohort: number;
  d7: number;
  ref_visits: number;
  ref_participants: number;
};

const rate = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);

/** a visitor-day's first event as text: the day (10 characters), the device padded to 7, then the source */
const FIRST = "day || rpad(coalesce(device, 'unknown'), 7) || coalesce(source, 'direct')";

/**
 * One row per visitor in the range: steps, claims, the source and device of their first event, their first two play days.
 * (The whole campaign without automated rows needs none: countedGroups.) A range folds visitor-days with plain
 * aggregates: the first event is on the first day (min() over FIRST), the second play day is the least play day after
 * the first, joined from a per-visitor minimum (no per-visitor sort: this query runs beside the others at ≤ 1.5× their time).
 */
function visitorsOf(q: StatsQuery): { sql: string; params: unknown[] } {
  const where = "campaign_id = $1 AND day >= $2 AND day <= $3 AND (NOT automated OR $4::boolean)";
  // one row per visitor-day; with automated rows counted a day may hold two, folded here (the earlier event names it)
  const days = q.includeAutomated
    ? `SELECT visitor_id, day, bit_or(steps) AS steps, sum(claims) AS claims, (array_agg(${FIRST} ORDER BY first_ts, first_id))[1] AS f
       FROM stats_visitors WHERE ${where} GROUP BY visitor_id, day`
    : `SELECT visitor_id, day, steps, claims, ${FIRST} AS f FROM stats_visitors WHERE ${where}`;
  const play = `steps & ${STEP.play} <> 0`;
  return {
    sql: `WITH d AS (${days})
          SELECT bit_or(steps) AS steps, sum(claims)::integer AS claims,
            substr(min(f), 18) AS source, rtrim(substr(min(f), 11, 7)) AS device,
            min(p.play1) AS play1, min(day) FILTER (WHERE ${play} AND day > p.play1) AS play2
          FROM d LEFT JOIN (SELECT visitor_id, min(day) AS play1 FROM d WHERE ${play} GROUP BY visitor_id) p USING (visitor_id)
          GROUP BY visitor_id`,
    params: [q.campaignId, q.from ?? "", q.to ?? "~", q.includeAutomated === true],
  };
}

type Cutoffs = { d1: string; d7: string };

/** one row per (source, device) from the visitors in the range, folded now */
async function foldedGroups(db: Queryable, q: StatsQuery, cut: Cutoffs): Promise<Row[]> {
  const v = visitorsOf(q);
  const n = v.params.length;
  return db.query<Row>(
    `SELECT source, device,
       count(*) FILTER (WHERE steps & ${STEP.impression} <> 0)::integer AS reach,
       count(*) FILTER (WHERE steps & ${STEP.play} <> 0)::integer AS participants,
       coalesce(sum(claims), 0)::integer AS claims,
       count(play2)::integer AS returning,
       count(*) FILTER (WHERE play1 <= $${n + 1})::integer AS d1_cohort,
       count(*) FILTER (WHERE play1 <= $${n + 1} AND play2::date - play1::date = 1)::integer AS d1,
       count(*) FILTER (WHERE play1 <= $${n + 2})::integer AS d7_cohort,
       count(*) FILTER (WHERE play1 <= $${n + 2} AND play2::date - play1::date <= 7)::integer AS d7,
       count(*) FILTER (WHERE steps & ${STEP.referred} <> 0)::integer AS ref_visits,
       count(*) FILTER (WHERE steps & ${STEP.referred | STEP.play} = ${STEP.referred | STEP.play})::integer AS ref_participants
     FROM (${v.sql}) v GROUP BY source, device`,
    [...v.params, cut.d1, cut.d7],
  );
}

/**
 * The whole campaign without automated rows, from the counters kept at ingest (storage/visitor-rollups.ts): the groups
 * by source and device, and the retention cohorts by first play day added to the first group (only their totals are read).
 */
async function countedGroups(db: Queryable, campaignId: string, cut: Cutoffs): Promise<Row[]> {
  const [groups, cohorts] = await Promise.all([
    db.query<Row>(
      `SELECT source, device, impression AS reach, play AS participants, claims, 0 AS returning, 0 AS d1_cohort, 0 AS d1,
         0 AS d7_cohort, 0 AS d7, referred AS ref_visits, referred_play AS ref_participants
       FROM stats_campaign_groups WHERE campaign_id = $1 AND NOT automated`,
      [campaignId],
    ),
    db.query<Pick<Row, "returning" | "d1_cohort" | "d1" | "d7_cohort" | "d7">>(
      `SELECT coalesce(sum(returners), 0)::integer AS returning,
         coalesce(sum(players) FILTER (WHERE play1 <= $2), 0)::integer AS d1_cohort,
         coalesce(sum(d1) FILTER (WHERE play1 <= $2), 0)::integer AS d1,
         coalesce(sum(players) FILTER (WHERE play1 <= $3), 0)::integer AS d7_cohort,
         coalesce(sum(d7) FILTER (WHERE play1 <= $3), 0)::integer AS d7
       FROM stats_campaign_cohorts WHERE campaign_id = $1 AND NOT automated`,
      [campaignId, cut.d1, cut.d7],
    ),
  ]);
  if (groups.length) Object.assign(groups[0]!, cohorts[0]);
  return groups;
}

/**
 * Returning, retention, NPS, referrals, sources and devices of one campaign, equal to core computeStats.
 * @example const cockpit = await queryCockpit(db, { campaignId: "tet-2027", timezone: "Asia/Ho_Chi_Minh" });
 */
export async function queryCockpit(db: Queryable, q: StatsQuery): Promise<CockpitStats> {
  const cut = retentionCutoffs(dayKey(q.now ?? Date.now(), q.timezone ?? "UTC"), q.to);
  const [rows, days] = await Promise.all([
    q.from === undefined && q.to === undefined && !q.includeAutomated ? countedGroups(db, q.campaignId, cut) : foldedGroups(db, q, cut),
    db.query<{ shares: number; promoters: number; passives: number; detractors: number }>(
      `SELECT coalesce(sum(shares), 0)::integer AS shares, coalesce(sum(nps_promoters), 0)::integer AS promoters,
         coalesce(sum(nps_passives), 0)::integer AS passives, coalesce(sum(nps_detractors), 0)::integer AS detractors
       FROM stats_daily WHERE campaign_id = $1 AND day >= $2 AND day <= $3 AND (NOT automated OR $4::boolean)`,
      [q.campaignId, q.from ?? "", q.to ?? "~", q.includeAutomated === true],
    ),
  ]);
  // each visitor sits in one (source, device) group: totals, sources and devices are sums of the groups
  const total = { participants: 0, returning: 0, d1_cohort: 0, d1: 0, d7_cohort: 0, d7: 0, ref_visits: 0, ref_participants: 0 };
  const sources = new Map<string, Segment & { claims: number }>();
  const devices: Record<string, Segment> = {};
  for (const r of rows) {
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += r[k];
    const s = sources.get(r.source) ?? { reach: 0, participants: 0, claims: 0 };
    s.reach += r.reach;
    s.participants += r.participants;
    s.claims += r.claims;
    sources.set(r.source, s);
    if (r.reach || r.participants) {
      devices[r.device] ??= { reach: 0, participants: 0 };
      const d = devices[r.device]!;
      d.reach += r.reach;
      d.participants += r.participants;
    }
  }
  for (const [name, s] of sources) if (!s.reach && !s.participants && !s.claims) sources.delete(name);
  const d = days[0] ?? { shares: 0, promoters: 0, passives: 0, detractors: 0 };
  return {
    returning: total.returning,
    retention: {
      d1: rate(total.d1, total.d1_cohort),
      d7: rate(total.d7, total.d7_cohort),
      cohorts: { d1: total.d1_cohort, d7: total.d7_cohort },
    },
    nps: npsOf(d.promoters, d.passives, d.detractors),
    referrals: {
      shares: d.shares,
      visits: total.ref_visits,
      participants: total.ref_participants,
      viralCoefficient: rate(total.ref_participants, total.participants),
    },
    sources: topSources(sources),
    devices,
  };
}
