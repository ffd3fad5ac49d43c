// server-mode stats: plays, wins, prizes and claims from the collector's own draws and redemptions, never from events
import type { CampaignStats, DailyStats } from "../../core/stats/index.js";
import type { Queryable } from "./types.js";
import { dayKey } from "../../core/util/time.js";

/** where a campaign's plays, wins, prizes and claims come from */
export type StatsSource = "server" | "events";

export type ServerTruthQuery = {
  campaignId: string;
  /** the campaign's IANA time zone: days are counted there, as the event rollups count them */
  timezone: string;
  /** first day (YYYY-MM-DD), inclusive */
  from?: string;
  /** last day, inclusive */
  to?: string;
};

// the day of a millisecond timestamp in the campaign's zone, the same calendar day core dayKey gives: a binary search in
// the day boundaries of the days the stats cover ($5, $6), and the zone's own conversion ($4) (slower by far) outside them
const dayOf = (column: string) => `CASE WHEN ${column} >= ($5::bigint[])[1] AND ${column} < ($5::bigint[])[array_length($5::bigint[], 1)]
  THEN ($6::text[])[width_bucket(${column}, $5::bigint[])]
  ELSE to_char(to_timestamp(${column}::double precision / 1000) AT TIME ZONE $4, 'YYYY-MM-DD') END`;

// test draws consume nothing and prove nothing, so they count nowhere (as test events count nowhere); $2 and $3 are the
// first instant of the range and of the day after it, so a range is an index-free filter on the stored instant
const DRAWS = "FROM draws WHERE campaign_id = $1 AND NOT test AND at >= $2 AND at < $3";
const REDEMPTIONS = `FROM redemptions r JOIN draws d ON d.campaign_id = r.campaign_id AND d.draw_id = r.draw_id
  WHERE r.campaign_id = $1 AND NOT d.test AND r.redeemed_at >= $2 AND r.redeemed_at < $3`;

// per day from one row per visitor-day (hashed, no sort); distinct visitors do not add up across days, so the range's own count
const PLAYS_SQL = `SELECT day, sum(plays)::integer AS plays, sum(wins)::integer AS wins, count(*)::integer AS players
  FROM (SELECT ${dayOf("at")} AS day, visitor_id, count(*) AS plays, count(*) FILTER (WHERE win) AS wins ${DRAWS} GROUP BY 1, 2) v
  GROUP BY day`;
const PLAYERS_SQL = `SELECT count(*)::integer AS players FROM (SELECT DISTINCT visitor_id ${DRAWS}) v`;
const CLAIMS_SQL = `SELECT day, sum(claims)::integer AS claims, count(*)::integer AS claimers
  FROM (SELECT ${dayOf("r.redeemed_at")} AS day, d.visitor_id, count(*) AS claims ${REDEMPTIONS} GROUP BY 1, 2) v GROUP BY day`;
const CLAIMERS_SQL = `SELECT count(*)::integer AS claimers FROM (SELECT DISTINCT d.visitor_id ${REDEMPTIONS}) v`;
const PRIZES_SQL = `SELECT prize_id, count(*)::integer AS wins ${DRAWS} AND win AND prize_id IS NOT NULL GROUP BY prize_id ORDER BY prize_id`;

const QUARTER_HOUR = 15 * 60_000;
const MIN_MS = -(2 ** 53);
const MAX_MS = 2 ** 53;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The first instant of each day from `first` to the day after `last` in `timeZone` (every zone's offset is a whole
 * number of quarter hours), with the day each boundary starts.
 * @example dayBounds("2027-01-20", "2027-01-21", "Asia/Ho_Chi_Minh") // { bounds: [1800…, 1800…, 1800…], days: ["2027-01-20", …] }
 */
export function dayBounds(first: string, last: string, timeZone: string): { bounds: number[]; days: string[] } {
  const bounds: number[] = [];
  const days: string[] = [];
  // a day starts at most 14 hours before its UTC midnight and at most 12 after it
  for (let day = first; day <= addDays(last, 1); day = addDays(day, 1)) {
    let t = Date.parse(`${day}T00:00:00Z`) - 14 * 3_600_000;
    while (dayKey(t, timeZone) < day) t += QUARTER_HOUR;
    bounds.push(t);
    days.push(day);
  }
  return { bounds, days };
}

const rate = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);
const NO_DAY: DailyStats = { impressions: 0, reach: 0, participants: 0, plays: 0, wins: 0, claims: 0, leads: 0 };

/**
 * A server-mode campaign's stats: the event-based `stats` with plays, wins, prizes and claims (and what derives from
 * them: participants, win, participation and conversion rates, the play, result and claim steps of the funnel, the same
 * per day) replaced by counts from the draws and redemptions tables. Events a client sends cannot move those.
 * Impressions, reach, opens, leads and engagement stay as the events say.
 * @example const stats = await applyServerTruth(db, await queryStats(db, q), { campaignId, timezone: campaign.timezone });
 */
export async function applyServerTruth(
  db: Queryable,
  stats: CampaignStats,
  q: ServerTruthQuery,
): Promise<CampaignStats & { source: "server" }> {
  // '' sorts before and '~' after every YYYY-MM-DD key
  // the days the events cover, a day either side: draws and redemptions happen on those days but for stragglers
  const known = Object.keys(stats.daily).sort();
  const first = q.from ?? addDays(known[0] ?? dayKey(Date.now(), q.timezone), -1);
  const latest = addDays(known[known.length - 1] ?? first, 1);
  // day keys compare as text (YYYY-MM-DD), so no Math.max
  const last = q.to ?? [first, latest].sort().at(-1)!;
  const { bounds, days } = dayBounds(first, last, q.timezone);
  // bigint bounds: all of time without a range, else the first instant of `from` and of the day after `to`
  const lo = q.from === undefined ? MIN_MS : bounds[0]!;
  const hi = q.to === undefined ? MAX_MS : bounds[bounds.length - 1]!;
  const range = [q.campaignId, lo, hi];
  const params = [...range, q.timezone, bounds, days];
  const [plays, players, claims, claimers, prizeRows] = await Promise.all([
    db.query<{ day: string; plays: number; wins: number; players: number }>(PLAYS_SQL, params),
    db.query<{ players: number }>(PLAYERS_SQL, range),
    db.query<{ day: string; claims: number; claimers: number }>(CLAIMS_SQL, params),
    db.query<{ claimers: number }>(CLAIMERS_SQL, range),
    db.query<{ prize_id: string; wins: number }>(PRIZES_SQL, range),
  ]);
  const sum = <K extends string>(rows: Array<Record<K, number>>, key: K) => rows.reduce((n, r) => n + r[key], 0);
  const drawTotal = { plays: sum(plays, "plays"), wins: sum(plays, "wins"), players: players[0]?.players ?? 0 };
  const claimTotal = { claims: sum(claims, "claims"), claimers: claimers[0]?.claimers ?? 0 };
  const drawDays = new Map(plays.map((r) => [r.day, r]));
  const claimDays = new Map(claims.map((r) => [r.day, r]));

  const daily: Record<string, DailyStats> = {};
  for (const day of [...new Set([...Object.keys(stats.daily), ...drawDays.keys(), ...claimDays.keys()])].sort()) {
    const d = drawDays.get(day);
    daily[day] = {
      ...(stats.daily[day] ?? NO_DAY),
      participants: d?.players ?? 0,
      plays: d?.plays ?? 0,
      wins: d?.wins ?? 0,
      claims: claimDays.get(day)?.claims ?? 0,
    };
  }
  const prizes: Record<string, number> = {};
  for (const p of prizeRows) prizes[p.prize_id] = p.wins;
  return {
    ...stats,
    participants: drawTotal.players,
    plays: drawTotal.plays,
    wins: drawTotal.wins,
    claims: claimTotal.claims,
    participationRate: rate(drawTotal.players, stats.reach),
    conversionRate: rate(claimTotal.claimers, stats.reach),
    // every draw the collector made is a result it gave
    winRate: rate(drawTotal.wins, drawTotal.plays),
    prizes,
    funnel: { ...stats.funnel, play: drawTotal.players, result: drawTotal.players, claim: claimTotal.claimers },
    daily,
    source: "server",
  };
}
