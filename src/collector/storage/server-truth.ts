// server-mode stats: plays, wins, prizes, claims, returning, retention, referred, per-source and per-device players from
// the collector's own draws and redemptions (the counters kept with them, draw-totals.ts), never from events
import { OTHER_SOURCES, rate, retentionCutoffs, type CampaignStats, type DailyStats, type Segment } from "../../core/stats/index.js";
import { MAX_SOURCES } from "../../core/stats/dimensions.js";
import { dayKey } from "../../core/util/time.js";
import { readDrawTotals, type TotalsRow } from "./draw-totals.js";
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
  /** the instant retention windows are judged against; Date.now() when absent */
  now?: number;
};

// a range counts its distinct players from the per-day markers (a counted visitor-day: no draw is read) with their first
// two play days in the range, where they came from and on what device; and its distinct claimers from the redemptions made in it
const RANGE_PLAYERS_SQL = `SELECT coalesce(v.source, 'direct') AS source, coalesce(v.device, 'unknown') AS device,
    count(*)::integer AS players,
    count(p.play2)::integer AS returning,
    count(*) FILTER (WHERE p.play1 <= $4)::integer AS d1_cohort,
    count(*) FILTER (WHERE p.play1 <= $4 AND p.play2::date - p.play1::date = 1)::integer AS d1,
    count(*) FILTER (WHERE p.play1 <= $5)::integer AS d7_cohort,
    count(*) FILTER (WHERE p.play1 <= $5 AND p.play2::date - p.play1::date <= 7)::integer AS d7,
    count(*) FILTER (WHERE v.referred)::integer AS referred
  FROM (SELECT visitor_id, min(day) AS play1, (array_agg(day ORDER BY day))[2] AS play2 FROM visitor_days
    WHERE campaign_id = $1 AND day >= $2 AND day <= $3 AND counted > 0 GROUP BY visitor_id) p
  LEFT JOIN visitors v ON v.campaign_id = $1 AND v.visitor_id = p.visitor_id
  GROUP BY 1, 2`;
const RANGE_CLAIMERS_SQL = `SELECT count(DISTINCT d.visitor_id)::integer AS claimers FROM redemptions r
  JOIN draws d ON d.campaign_id = r.campaign_id AND d.draw_id = r.draw_id
  WHERE r.campaign_id = $1 AND NOT d.test AND r.redeemed_at >= $2 AND r.redeemed_at < $3`;

type PlayerRow = {
  source: string;
  device: string;
  players: number;
  returning: number;
  d1_cohort: number;
  d1: number;
  d7_cohort: number;
  d7: number;
  referred: number;
};

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

const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
const NO_DAY: DailyStats = { impressions: 0, reach: 0, participants: 0, plays: 0, wins: 0, claims: 0, leads: 0 };

type SourceRow = Segment & { claims: number };
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The top sources as core's topSources lists them, the rest summed as `(other)`, but ranked by what the server counted
 * (participants, then claims, then name) before reach: events can raise reach alone, so they cannot push a source with
 * players into `(other)`. Sources without players or claims follow, by reach.
 * @example topPlayedSources(new Map([["direct", { reach: 0, participants: 2, claims: 1 }]]))
 */
export function topPlayedSources(all: ReadonlyMap<string, SourceRow>, max = MAX_SOURCES): Record<string, SourceRow> {
  const sorted = [...all].sort(
    ([a, x], [b, y]) =>
      y.participants - x.participants || y.claims - x.claims || (x.participants || x.claims ? 0 : y.reach - x.reach) || byName(a, b),
  );
  // a Map, then defined keys: a source named `__proto__` is a row like any other, not the object's prototype
  const out = new Map<string, SourceRow>();
  sorted.forEach(([name, row], i) => {
    const key = i < max - 1 || sorted.length <= max ? name : OTHER_SOURCES;
    const o = out.get(key) ?? { reach: 0, participants: 0, claims: 0 };
    out.set(key, { reach: o.reach + row.reach, participants: o.participants + row.participants, claims: o.claims + row.claims });
  });
  return Object.fromEntries(out);
}

/**
 * The whole campaign's players from the counters: per source (the device left blank), cohorts by first play day, the
 * cutoffs leaving out open windows. Devices are counted apart ('d:' rows): each player sits in one source and one device.
 */
function countedPlayers(rows: readonly TotalsRow[], cut: { d1: string; d7: string }): PlayerRow[] {
  const out = new Map<string, PlayerRow>();
  const row = (source: string) => {
    if (!out.has(source))
      out.set(source, { source, device: "", players: 0, returning: 0, d1_cohort: 0, d1: 0, d7_cohort: 0, d7: 0, referred: 0 });
    return out.get(source)!;
  };
  // the cohorts are counted on the campaign rows ('') and carried by the first source row: only their totals are read
  const all = row("");
  for (const r of rows) {
    if (r.dim.startsWith("s:")) row(r.dim.slice(2)).players += r.first_players;
    if (r.dim !== "") continue;
    all.returning += r.returners;
    all.referred += r.referred;
    if (r.day <= cut.d1) {
      all.d1_cohort += r.first_players;
      all.d1 += r.d1;
    }
    if (r.day <= cut.d7) {
      all.d7_cohort += r.first_players;
      all.d7 += r.d7;
    }
  }
  return [...out.values()];
}

/**
 * A server-mode campaign's stats: the event-based `stats` with everything about players and prizes replaced by the
 * collector's own records: plays, wins, prizes, claims and what derives from them (participants, win, participation and
 * conversion rates, the play, result and claim steps of the funnel, the same per day), returning, retention, the
 * participants behind referrals, each source's participants and claims, and each device's participants. Events a client
 * sends cannot move those. Impressions, reach (also per source and device), opens, leads, engagement, NPS, shares and
 * visits stay as the events say. Reads O(days + prizes + sources + devices) counter rows for the whole campaign; a range
 * also counts its distinct players from the per-day markers.
 * @example const stats = await applyServerTruth(db, await queryStats(db, q), { campaignId, timezone: campaign.timezone });
 */
export async function applyServerTruth(
  db: Queryable,
  stats: CampaignStats,
  q: ServerTruthQuery,
): Promise<CampaignStats & { source: "server" }> {
  const ranged = q.from !== undefined || q.to !== undefined;
  const cut = retentionCutoffs(dayKey(q.now ?? Date.now(), q.timezone), q.to);
  const first = q.from ?? "";
  const last = q.to ?? "~";
  const [rows, rangePlayers, rangeClaimers] = await Promise.all([
    readDrawTotals(db, q.campaignId, q.from, q.to),
    ranged ? db.query<PlayerRow>(RANGE_PLAYERS_SQL, [q.campaignId, first, last, cut.d1, cut.d7]) : undefined,
    ranged ? db.query<{ claimers: number }>(RANGE_CLAIMERS_SQL, [q.campaignId, ...rangeInstants(q)]) : undefined,
  ]);

  const daily: Record<string, DailyStats> = {};
  for (const day of Object.keys(stats.daily)) daily[day] = { ...stats.daily[day]!, participants: 0, plays: 0, wins: 0, claims: 0 };
  const prizes = new Map<string, number>();
  const claimsBy = new Map<string, number>();
  const total = { plays: 0, wins: 0, claims: 0, players: 0, claimers: 0 };
  for (const r of rows) {
    if (r.dim === "") {
      daily[r.day] ??= { ...NO_DAY };
      const d = daily[r.day]!;
      d.plays += r.plays;
      d.wins += r.wins;
      d.participants += r.players;
      d.claims += r.claims;
      total.plays += r.plays;
      total.wins += r.wins;
      total.claims += r.claims;
      total.players += r.first_players;
      total.claimers += r.first_claimers;
    } else if (r.dim.startsWith("p:")) {
      if (r.wins) add(prizes, r.dim.slice(2), r.wins);
    } else if (r.dim.startsWith("s:") && r.claims) add(claimsBy, r.dim.slice(2), r.claims);
  }
  const players = rangePlayers ?? countedPlayers(rows, cut);
  const sum = (k: Exclude<keyof PlayerRow, "source" | "device">) => players.reduce((n, r) => n + r[k], 0);
  if (ranged) {
    total.players = sum("players");
    total.claimers = rangeClaimers?.[0]?.claimers ?? 0;
  }

  // reach per source stays the events'; who played and claimed from it is the server's, then the top sources by those
  const sources = new Map<string, SourceRow>();
  for (const [name, s] of Object.entries(stats.sources)) sources.set(name, { reach: s.reach, participants: 0, claims: 0 });
  const source = (name: string) => {
    if (!sources.has(name)) sources.set(name, { reach: 0, participants: 0, claims: 0 });
    return sources.get(name)!;
  };
  for (const r of players) if (r.source !== "" && r.players) source(r.source).participants += r.players;
  for (const [name, claims] of claimsBy) source(name).claims += claims;
  for (const [name, s] of sources) if (!s.reach && !s.participants && !s.claims) sources.delete(name);

  // the same per device: reach stays the events', who played on it is the server's (the class it read at mint)
  const devicePlayers = new Map<string, number>();
  if (rangePlayers) for (const r of rangePlayers) add(devicePlayers, r.device, r.players);
  else for (const r of rows) if (r.dim.startsWith("d:")) add(devicePlayers, r.dim.slice(2), r.first_players);
  const devices = new Map<string, Segment>();
  for (const [name, d] of Object.entries(stats.devices)) devices.set(name, { reach: d.reach, participants: 0 });
  for (const [name, n] of devicePlayers) devices.set(name, { reach: devices.get(name)?.reach ?? 0, participants: n });

  const kept = { d1: sum("d1"), d7: sum("d7") };
  const cohorts = { d1: sum("d1_cohort"), d7: sum("d7_cohort") };
  const referred = sum("referred");
  const sortedDaily: Record<string, DailyStats> = {};
  for (const day of Object.keys(daily).sort()) sortedDaily[day] = daily[day]!;
  return {
    ...stats,
    participants: total.players,
    plays: total.plays,
    wins: total.wins,
    claims: total.claims,
    participationRate: rate(total.players, stats.reach),
    conversionRate: rate(total.claimers, stats.reach),
    // every draw the collector made is a result it gave
    winRate: rate(total.wins, total.plays),
    prizes: Object.fromEntries([...prizes].sort(([a], [b]) => byName(a, b))),
    funnel: { ...stats.funnel, play: total.players, result: total.players, claim: total.claimers },
    daily: sortedDaily,
    returning: sum("returning"),
    retention: { d1: rate(kept.d1, cohorts.d1), d7: rate(kept.d7, cohorts.d7), cohorts },
    referrals: { ...stats.referrals, participants: referred, viralCoefficient: rate(referred, total.players) },
    sources: topPlayedSources(sources),
    devices: Object.fromEntries([...devices].filter(([, d]) => d.reach || d.participants)),
    source: "server",
  };
}

/** the first instant of `from` and of the day after `to` in the campaign's zone (all of time on an open side) */
function rangeInstants(q: ServerTruthQuery): [number, number] {
  const { bounds } = dayBounds(q.from ?? q.to!, q.to ?? q.from!, q.timezone);
  return [q.from === undefined ? MIN_MS : bounds[0]!, q.to === undefined ? MAX_MS : bounds[bounds.length - 1]!];
}
