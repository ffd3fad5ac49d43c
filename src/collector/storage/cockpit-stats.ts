// the cockpit fields of CampaignStats (docs/metrics-and-webhooks.md) from the rollups: the counters kept at ingest for the
// whole campaign, one pass over the visitor-days for a range
import { npsOf, rate, retentionCutoffs, topSources, type CockpitStats, type Segment } from "../../core/stats/index.js";
import { dayKey, daysBetween } from "../../core/util/time.js";
import { STEP } from "./steps.js";
import type { StatsQuery } from "./stats.js";
import type { Database, Queryable } from "./types.js";

/** one (source, device) group of visitors: how many reached each step, claims, retention, referred players */
export type GroupRow = Record<keyof typeof STEP, number> & {
  source: string;
  device: string;
  referred_play: number;
  claims: number;
  returning: number;
  d1_cohort: number;
  d1: number;
  d7_cohort: number;
  d7: number;
};

/**
 * a visitor-day's first event as text (migrations/080): the day (10 characters), the device padded to 7, then the
 * source; compared byte by byte (the day leads, so min() is the earliest day)
 */
const FIRST = "first_key";
const WHERE = "campaign_id = $1 AND day >= $2 AND day <= $3 AND (NOT automated OR $4::boolean)";
const PLAY = `steps & ${STEP.play} <> 0`;
// a range at most this long keeps its play days as bits of one bigint: bit i is day from + i (below bit 63); up to
// INT_DAYS days (the dashboard's 7- and 30-day views) the bits fit an integer, cheaper where a bigint is passed by
// reference (PGlite's 32-bit build)
const MASK_DAYS = 56;
const INT_DAYS = 31;

type Cutoffs = { d1: string; d7: string };
/** part `i` of `of` disjoint parts of the visitors: all of them (of 1) or one of two halves (stored, migrations/081) */
type Part = { i: number; of: number };

/** visitors with each step, referred players and claims, over rows with `steps` and `claims`, each row counted by `count` */
const stepCounts = (count: (where: string) => string = (where) => `count(*) FILTER (WHERE ${where})::integer`) =>
  [
    ...Object.entries(STEP).map(([name, bit]) => `${count(`steps & ${bit} <> 0`)} AS ${name}`),
    `${count(`steps & ${STEP.referred | STEP.play} = ${STEP.referred | STEP.play}`)} AS referred_play`,
    "coalesce(sum(claims), 0)::integer AS claims",
  ].join(", ");

/**
 * The range's visitor-days, one row per visitor and day: with automated rows counted a day may hold two, folded here
 * (the earlier event names it).
 */
const visitorDays = (q: StatsQuery, where = WHERE) =>
  q.includeAutomated
    ? `SELECT visitor_id, day, day_number, bit_or(steps) AS steps, sum(claims) AS claims,
         (array_agg(${FIRST} ORDER BY first_ts, first_id))[1] AS f
       FROM stats_visitors WHERE ${where} GROUP BY visitor_id, day, day_number`
    : `SELECT visitor_id, day, day_number, steps, claims, ${FIRST} AS f FROM stats_visitors WHERE ${where}`;

const rangeParams = (q: StatsQuery) => [q.campaignId, q.from ?? "", q.to ?? "~", q.includeAutomated === true];

/**
 * A range of at most MASK_DAYS days in one pass over its visitor-days, grouped by visitor: steps OR-ed, claims summed
 * (over the few rows that have any), the first event is on the first day (min() over FIRST), and the play days are bits
 * `m` (bit i: day from + i), so the first play day is its lowest bit `lo` = m & -m and the second the lowest bit `s`
 * of the rest: returning is s <> 0, d1 is s = lo << 1, d7 is s <= lo << 7 (written as shifts right, which cannot
 * overflow). Visitors alike in touch, steps, `lo` and `s` are then counted once (a few hundred kinds for thousands of
 * visitors), so the filtered sums per group run over kinds, not visitors.
 */
async function maskedGroups(db: Queryable, q: StatsQuery & { from: string }, span: number, cut: Cutoffs, part: Part): Promise<GroupRow[]> {
  const type = span < INT_DAYS ? "integer" : "bigint";
  // a cohort counts visitors whose first play day is on or before the cutoff: `lo` at most the cutoff's bit
  const upTo = (day: string) => {
    const i = daysBetween(q.from, day);
    return i < 0 ? "0" : String(2n ** BigInt(Math.min(i, span)));
  };
  const kinds = (where: string) => `coalesce(sum(n) FILTER (WHERE ${where}), 0)::integer`;
  return db.query<GroupRow>(
    `SELECT substr(touch, 8) AS source, rtrim(substr(touch, 1, 7)) AS device, ${stepCounts(kinds)},
       ${kinds("s <> 0")} AS returning,
       ${kinds("lo <= $5")} AS d1_cohort,
       ${kinds("lo <= $5 AND s >> 1 = lo")} AS d1,
       ${kinds("lo <= $6")} AS d7_cohort,
       ${kinds("lo <= $6 AND s <> 0 AND s >> 7 <= lo")} AS d7
     FROM (SELECT touch, steps, lo, s, count(*)::integer AS n, sum(claims) AS claims
           FROM (SELECT substr(f, 11) AS touch, steps, claims, m & -m AS lo, (m - (m & -m)) & -(m - (m & -m)) AS s
                 FROM (SELECT bit_or(steps) AS steps, sum(claims) FILTER (WHERE claims <> 0) AS claims, min(f) AS f,
                         bit_or(1::${type} << (day_number - $7)) FILTER (WHERE ${PLAY}) AS m
                       FROM (${visitorDays(q, part.of === 2 ? `${WHERE} AND visitor_half = ${part.i}` : WHERE)}) d
                       GROUP BY visitor_id) v) w
           GROUP BY touch, steps, lo, s) k
     GROUP BY touch`,
    [...rangeParams(q), upTo(cut.d1), upTo(cut.d7), daysBetween("1970-01-01", q.from)],
  );
}

/**
 * Any other range (or the whole campaign with automated rows): visitor-days folded per visitor with plain aggregates,
 * the second play day being the least play day after the first, joined from a per-visitor minimum.
 */
async function foldedGroups(db: Queryable, q: StatsQuery, cut: Cutoffs): Promise<GroupRow[]> {
  return db.query<GroupRow>(
    `WITH d AS (${visitorDays(q)})
     SELECT source, device, ${stepCounts()},
       count(play2)::integer AS returning,
       count(*) FILTER (WHERE play1 <= $5)::integer AS d1_cohort,
       count(*) FILTER (WHERE play1 <= $5 AND play2::date - play1::date = 1)::integer AS d1,
       count(*) FILTER (WHERE play1 <= $6)::integer AS d7_cohort,
       count(*) FILTER (WHERE play1 <= $6 AND play2::date - play1::date <= 7)::integer AS d7
     FROM (SELECT bit_or(steps) AS steps, sum(claims) AS claims,
             substr(min(f), 18) AS source, rtrim(substr(min(f), 11, 7)) AS device,
             min(p.play1) AS play1, min(day) FILTER (WHERE ${PLAY} AND day > p.play1) AS play2
           FROM d LEFT JOIN (SELECT visitor_id, min(day) AS play1 FROM d WHERE ${PLAY} GROUP BY visitor_id) p USING (visitor_id)
           GROUP BY visitor_id) v
     GROUP BY source, device`,
    [...rangeParams(q), cut.d1, cut.d7],
  );
}

/**
 * The whole campaign without automated rows, from the counters kept at ingest (storage/visitor-rollups.ts): the groups
 * by source and device, and the retention cohorts by first play day added to the first group (only their totals are read).
 */
async function countedGroups(db: Queryable, campaignId: string, cut: Cutoffs): Promise<GroupRow[]> {
  const [groups, cohorts] = await Promise.all([
    db.query<GroupRow>(
      `SELECT source, device, ${Object.keys(STEP).join(", ")}, referred_play, claims,
         0 AS returning, 0 AS d1_cohort, 0 AS d1, 0 AS d7_cohort, 0 AS d7
       FROM stats_campaign_groups WHERE campaign_id = $1 AND NOT automated`,
      [campaignId],
    ),
    db.query<Pick<GroupRow, "returning" | "d1_cohort" | "d1" | "d7_cohort" | "d7">>(
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
 * `fn` in a transaction with more memory for sorts and hash tables: a month of visitors grouped by visitor outgrows
 * the default 4 MB, and the planner then sorts them on disk (PGlite) or spills the hash table in batches (PostgreSQL),
 * which cost a range about a third more. SET LOCAL ends with the transaction: nothing stays on a pooled connection.
 */
const withMemory = <T>(db: Database, fn: (tx: Queryable) => Promise<T>) =>
  db.transaction(async (tx) => {
    await tx.query("SET LOCAL work_mem = '32MB'");
    return fn(tx);
  });

/**
 * The visitors of a campaign (whole or a range of days) in groups by first-touch source and device: each visitor sits
 * in one group, so the funnel's distinct counts and the cockpit fields are sums of the groups.
 * @example const groups = await queryGroups(db, { campaignId: "tet-2027", from: "2027-02-01", to: "2027-02-07" });
 */
export async function queryGroups(db: Database, q: StatsQuery, parts: 1 | 2 = 1): Promise<GroupRow[]> {
  const cut = retentionCutoffs(dayKey(q.now ?? Date.now(), q.timezone ?? "UTC"), q.to);
  if (q.from === undefined && q.to === undefined && !q.includeAutomated) return countedGroups(db, q.campaignId, cut);
  const span = q.from !== undefined && q.to !== undefined ? daysBetween(q.from, q.to) : Number.NaN;
  if (!(span < MASK_DAYS)) return withMemory(db, (tx) => foldedGroups(tx, q, cut));
  // the two halves of the visitors (by their id's last character) fold side by side on a pool of connections; a visitor is in
  // one part, so the groups of all parts add up to the groups of all visitors
  const all = await Promise.all(
    Array.from({ length: parts }, (_, i) => withMemory(db, (tx) => maskedGroups(tx, { ...q, from: q.from! }, span, cut, { i, of: parts }))),
  );
  return all.flat();
}

/** what the days of the range add up to for the cockpit: shares and NPS answers (stats_daily) */
export type DayAnswers = { shares: number; promoters: number; passives: number; detractors: number };

/**
 * Returning, retention, NPS, referrals, sources and devices of one campaign, equal to core computeStats, from its
 * visitor groups (queryGroups) and its days' shares and NPS answers.
 * @example const cockpit = cockpitOf(await queryGroups(db, q), { shares: 3, promoters: 5, passives: 1, detractors: 0 });
 */
export function cockpitOf(rows: readonly GroupRow[], d: DayAnswers): CockpitStats {
  // each visitor sits in one (source, device) group: totals, sources and devices are sums of the groups
  const total = { play: 0, returning: 0, d1_cohort: 0, d1: 0, d7_cohort: 0, d7: 0, referred: 0, referred_play: 0 };
  const sources = new Map<string, Segment & { claims: number }>();
  const devices = new Map<string, Segment>();
  for (const r of rows) {
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += r[k];
    const s = sources.get(r.source) ?? { reach: 0, participants: 0, claims: 0 };
    s.reach += r.impression;
    s.participants += r.play;
    s.claims += r.claims;
    sources.set(r.source, s);
    if (r.impression || r.play) {
      const d = devices.get(r.device) ?? { reach: 0, participants: 0 };
      d.reach += r.impression;
      d.participants += r.play;
      devices.set(r.device, d);
    }
  }
  for (const [name, s] of sources) if (!s.reach && !s.participants && !s.claims) sources.delete(name);
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
      visits: total.referred,
      participants: total.referred_play,
      viralCoefficient: rate(total.referred_play, total.play),
    },
    sources: topSources(sources),
    devices: Object.fromEntries(devices),
  };
}
