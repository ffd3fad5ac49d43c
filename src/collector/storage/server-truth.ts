// server-mode stats: plays, wins, prizes and claims from the collector's own draws and redemptions, never from events
import type { CampaignStats, DailyStats } from "../../core/stats/index.js";
import type { Queryable } from "./types.js";

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

// the day of a millisecond timestamp in the campaign's zone, the same calendar day core dayKey gives
const dayOf = (column: string) => `to_char(to_timestamp(${column}::double precision / 1000) AT TIME ZONE $2, 'YYYY-MM-DD')`;

// test draws consume nothing and prove nothing, so they count nowhere (as test events count nowhere)
const DRAWS = `SELECT ${dayOf("at")} AS day, visitor_id, win, prize_id FROM draws WHERE campaign_id = $1 AND NOT test`;
const REDEMPTIONS = `SELECT ${dayOf("r.redeemed_at")} AS day, d.visitor_id FROM redemptions r
  JOIN draws d ON d.campaign_id = r.campaign_id AND d.draw_id = r.draw_id WHERE r.campaign_id = $1 AND NOT d.test`;

// per day and, in the row whose day is null, over the whole range: distinct visitors do not add up across days
const PLAYS_SQL = `SELECT day, count(*)::integer AS plays, count(*) FILTER (WHERE win)::integer AS wins,
    count(DISTINCT visitor_id)::integer AS players
  FROM (${DRAWS}) d WHERE day >= $3 AND day <= $4 GROUP BY GROUPING SETS ((day), ())`;
const CLAIMS_SQL = `SELECT day, count(*)::integer AS claims, count(DISTINCT visitor_id)::integer AS claimers
  FROM (${REDEMPTIONS}) r WHERE day >= $3 AND day <= $4 GROUP BY GROUPING SETS ((day), ())`;
const PRIZES_SQL = `SELECT prize_id, count(*)::integer AS wins FROM (${DRAWS}) d
  WHERE win AND prize_id IS NOT NULL AND day >= $3 AND day <= $4 GROUP BY prize_id ORDER BY prize_id`;

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
  const params = [q.campaignId, q.timezone, q.from ?? "", q.to ?? "~"];
  const [plays, claims, prizeRows] = await Promise.all([
    db.query<{ day: string | null; plays: number; wins: number; players: number }>(PLAYS_SQL, params),
    db.query<{ day: string | null; claims: number; claimers: number }>(CLAIMS_SQL, params),
    db.query<{ prize_id: string; wins: number }>(PRIZES_SQL, params),
  ]);
  const drawTotal = plays.find((r) => r.day === null) ?? { plays: 0, wins: 0, players: 0 };
  const claimTotal = claims.find((r) => r.day === null) ?? { claims: 0, claimers: 0 };
  const drawDays = new Map(plays.filter((r) => r.day !== null).map((r) => [r.day!, r]));
  const claimDays = new Map(claims.filter((r) => r.day !== null).map((r) => [r.day!, r]));

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
