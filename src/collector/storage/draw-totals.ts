// server-mode counters written with each draw and redemption, in its own statement, so they cannot drift from the draws:
// per campaign day the plays, wins, first plays of the day, the cohort of first plays and who of it came back, prize wins
// and first plays per source and per device (migrations/060-draw-totals.ts, 115-device-counters.ts)
import type { Campaign } from "../../core/schema/index.js";
import type { Database, Queryable } from "./types.js";

/** rows a sharded draw spreads its counts over: draws side by side rarely wait for the same row, and a read sums few rows */
export const COUNTER_SHARDS = 16;

/** the row a draw adds to: any, on the sharded path (it only spreads the load); 0 where draws take turns anyway */
export const counterShard = (sharded: boolean) => (sharded ? Math.floor(Math.random() * COUNTER_SHARDS) : 0);

// The fragments below go into a draw's persist statement, whose parameters are $1 campaign, $3 player, $4 prize, $6 win,
// $7 test, $10 day and $14 the counter shard. Every CTE of a statement sees the rows as they were before it, so `o` is the
// player's ledger before this draw: those rows are locked by the draw (or the campaign's lock), so no other draw moves them.

/** after the draw's insert `d`: the ledger before the draw (o), and the player's source and device recorded at mint (a) */
export const COUNT_READS = `, o AS (
    SELECT v.first_day, v.second_day, coalesce(vd.counted, 0) AS counted FROM (VALUES (1)) AS one(x)
    LEFT JOIN visitors v ON v.campaign_id = $1 AND v.visitor_id = $3
    LEFT JOIN visitor_days vd ON vd.campaign_id = $1 AND vd.visitor_id = $3 AND vd.day = $10::text
  ), a AS (
    SELECT coalesce(i.source, 'direct') AS source, coalesce(i.device, 'unknown') AS device, i.referred_by IS NOT NULL AS referred
    FROM (VALUES (1)) AS one(x)
    LEFT JOIN LATERAL (SELECT source, device, referred_by FROM identities WHERE campaign_id = $1 AND (visitor_id = $3 OR subject = $3)
      ORDER BY created_at LIMIT 1) i ON true
  )`;

/** the ledger's markers on a counted draw (a test draw moves none): the first and second play day, and the attribution */
export const LEDGER_MARKS = `first_day = CASE WHEN $7::boolean OR visitors.first_day IS NOT NULL THEN visitors.first_day ELSE $10::text END,
      second_day = CASE WHEN NOT $7::boolean AND visitors.second_day IS NULL AND visitors.first_day < $10::text THEN $10::text
        ELSE visitors.second_day END,
      source = CASE WHEN $7::boolean OR visitors.first_day IS NOT NULL THEN visitors.source ELSE (SELECT source FROM a) END,
      device = CASE WHEN $7::boolean OR visitors.first_day IS NOT NULL THEN visitors.device ELSE (SELECT device FROM a) END,
      referred = CASE WHEN $7::boolean OR visitors.first_day IS NOT NULL THEN visitors.referred ELSE (SELECT referred FROM a) END`;

/** the same markers for a ledger row the draw creates: columns and values */
export const LEDGER_MARKS_NEW = {
  columns: "first_day, source, device, referred",
  values:
    "CASE WHEN $7::boolean THEN NULL ELSE $10::text END, (SELECT source FROM a), (SELECT device FROM a), NOT $7::boolean AND (SELECT referred FROM a)",
};

/** the day's counted plays of the player, the marker of a first play of the day */
export const DAY_MARK = "counted = visitor_days.counted + (NOT $7::boolean)::integer";

// the rows sorted by key, so two draws lock shared rows in the same order and never deadlock on them
const ADD = `ON CONFLICT (campaign_id, day, dim, shard) DO UPDATE SET plays = t.plays + excluded.plays, wins = t.wins + excluded.wins,
    players = t.players + excluded.players, first_players = t.first_players + excluded.first_players,
    returners = t.returners + excluded.returners, d1 = t.d1 + excluded.d1, d7 = t.d7 + excluded.d7,
    referred = t.referred + excluded.referred, claims = t.claims + excluded.claims,
    first_claimers = t.first_claimers + excluded.first_claimers`;

/** the last CTE of a persist: the draw on its day, a second play day on the first's cohort, the prize, the source, the device */
export const COUNT_WRITE = `, t AS (
    INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, plays, wins, players, first_players, returners, d1, d7, referred)
    SELECT $1, x.day, x.dim, $14::integer, x.plays, x.wins, x.players, x.first_players, x.returners, x.d1, x.d7, x.referred
    FROM d, o, a, LATERAL (VALUES
      (true, $10::text, '', 1, $6::boolean::integer, (o.counted = 0)::integer, (o.first_day IS NULL)::integer, 0, 0, 0,
        (o.first_day IS NULL AND a.referred)::integer),
      (o.first_day < $10::text AND o.second_day IS NULL, o.first_day, '', 0, 0, 0, 0, 1,
        ($10::date - o.first_day::date = 1)::integer, ($10::date - o.first_day::date <= 7)::integer, 0),
      ($6::boolean AND $4::text IS NOT NULL, $10::text, 'p:' || $4::text, 0, 1, 0, 0, 0, 0, 0, 0),
      (o.first_day IS NULL, $10::text, 's:' || a.source, 0, 0, 0, 1, 0, 0, 0, 0),
      (o.first_day IS NULL, $10::text, 'd:' || a.device, 0, 0, 0, 1, 0, 0, 0, 0)
    ) AS x(counts, day, dim, plays, wins, players, first_players, returners, d1, d7, referred)
    WHERE x.counts AND NOT $7::boolean
    ORDER BY x.day, x.dim
    ${ADD}
  )`;

/** the code a stored draw showed: its unit's code, or the prize's shared code, which only the stored result holds */
export const SHOWN_CODE = "coalesce(code, result->>'code')";

// a redemption: the primary key makes the insert the one place it can happen; the claimer's marker counts a first claim.
// The draw must be the token's in full: its player or sender ($3), prize ($7) and code ($8); the claim is counted for
// the draw's player, whom the ledgers are keyed by, whichever of the two the token names.
const REDEEM_SQL = `WITH s AS (
    SELECT campaign_id, draw_id, visitor_id, requested_by, prize_id, ${SHOWN_CODE} AS code FROM draws
    WHERE campaign_id = $1 AND draw_id = $2 AND $3 IN (visitor_id, requested_by) AND win AND NOT test
      AND prize_id IS NOT DISTINCT FROM $7::text AND ${SHOWN_CODE} IS NOT DISTINCT FROM $8::text
  ), r AS (
    INSERT INTO redemptions (campaign_id, draw_id, redeemed_at) SELECT campaign_id, draw_id, $4 FROM s
    ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING redeemed_at
  ), m AS (
    INSERT INTO claimers (campaign_id, visitor_id, day) SELECT $1, s.visitor_id, $5::text FROM r, s
    ON CONFLICT (campaign_id, visitor_id) DO NOTHING RETURNING 1
  ), t AS (
    INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, claims, first_claimers)
    SELECT $1, $5::text, x.dim, $6::integer, 1, x.first FROM r, LATERAL (VALUES
      ('', (SELECT count(*) FROM m)::integer),
      ('s:' || coalesce((SELECT v.source FROM visitors v, s WHERE v.campaign_id = $1 AND v.visitor_id = s.visitor_id), 'direct'), 0)
    ) AS x(dim, first)
    ORDER BY x.dim
    ${ADD}
  )
  SELECT r.redeemed_at, s.visitor_id, s.requested_by, s.prize_id, s.code FROM r, s`;

/** a redeemed draw as stored: when, its player and sender, and the prize and code it gave */
export type Redeemed = { redeemed_at: number; visitor_id: string; requested_by: string | null; prize_id: string; code: string | null };

/**
 * Redeem a winning, non-test draw and count it, in the caller's transaction, when the stored draw is the one the token
 * describes (player or sender, prize and code); undefined when it was not redeemed (already redeemed, no such winning
 * draw, or one that gave another prize or code).
 * @example const row = await redeemDraw(tx, { campaignId, drawId, visitorId, prizeId, code, at, day: dayKey(at, campaign.timezone) });
 */
export async function redeemDraw(
  tx: Queryable,
  r: { campaignId: string; drawId: string; visitorId: string; prizeId: string; code: string | null; at: number; day: string },
): Promise<Redeemed | undefined> {
  const [row] = await tx.query<Redeemed>(REDEEM_SQL, [
    r.campaignId,
    r.drawId,
    r.visitorId,
    r.at,
    r.day,
    counterShard(true),
    r.prizeId,
    r.code,
  ]);
  return row;
}

/** one counter row: a day, a dimension and every count summed over the shards */
export type TotalsRow = {
  day: string;
  dim: string;
  plays: number;
  wins: number;
  players: number;
  first_players: number;
  returners: number;
  d1: number;
  d7: number;
  referred: number;
  claims: number;
  first_claimers: number;
};

const COUNTS = ["plays", "wins", "players", "first_players", "returners", "d1", "d7", "referred", "claims", "first_claimers"] as const;

/**
 * The counters of a campaign, per day and dimension, summed over the shards, for days `from`…`to` (inclusive, all when unset).
 * @example const rows = await readDrawTotals(db, "tet-2027");
 */
export async function readDrawTotals(q: Queryable, campaignId: string, from?: string, to?: string): Promise<TotalsRow[]> {
  return q.query<TotalsRow>(
    `SELECT day, dim, ${COUNTS.map((c) => `sum(${c})::integer AS ${c}`).join(", ")}
     FROM draw_totals WHERE campaign_id = $1 AND day >= $2 AND day <= $3 GROUP BY day, dim`,
    [campaignId, from ?? "", to ?? "~"],
  );
}

// a stored draw's campaign day, in the zone the campaign is counted in ($2)
const DAY_OF_AT = (column: string) => `to_char(to_timestamp(${column}::double precision / 1000) AT TIME ZONE $2, 'YYYY-MM-DD')`;

// the counters and markers of one campaign from its draws and redemptions, as the draws would have written them; the
// ledger rows are written where missing (a database filled by other means than draws)
const FILL_SQL = [
  "DELETE FROM draw_totals WHERE campaign_id = $1",
  "DELETE FROM claimers WHERE campaign_id = $1",
  "CREATE TEMP TABLE fill_days (visitor_id text, day text, plays integer, wins integer) ON COMMIT DROP",
  `INSERT INTO fill_days SELECT visitor_id, ${DAY_OF_AT("at")}, count(*), count(*) FILTER (WHERE win)
   FROM draws WHERE campaign_id = $1 AND NOT test GROUP BY 1, 2`,
  "CREATE TEMP TABLE fill_players (visitor_id text, first_day text, second_day text, source text, device text, referred boolean) ON COMMIT DROP",
  `INSERT INTO fill_players SELECT f.visitor_id, f.first_day, f.second_day, coalesce(i.source, 'direct'), coalesce(i.device, 'unknown'),
     coalesce(i.referred, false)
   FROM (SELECT visitor_id, min(day) AS first_day, (array_agg(day ORDER BY day))[2] AS second_day FROM fill_days GROUP BY visitor_id) f
   LEFT JOIN LATERAL (SELECT source, device, referred_by IS NOT NULL AS referred FROM identities
     WHERE campaign_id = $1 AND (visitor_id = f.visitor_id OR subject = f.visitor_id) ORDER BY created_at LIMIT 1) i ON true`,
  `INSERT INTO visitors AS v (campaign_id, visitor_id, first_day, second_day, source, device, referred)
   SELECT $1, visitor_id, first_day, second_day, source, device, referred FROM fill_players
   ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET first_day = excluded.first_day, second_day = excluded.second_day,
     source = excluded.source, device = excluded.device, referred = excluded.referred`,
  `INSERT INTO visitor_days (campaign_id, visitor_id, day, counted) SELECT $1, visitor_id, day, plays FROM fill_days
   ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET counted = excluded.counted`,
  `INSERT INTO draw_totals (campaign_id, day, dim, shard, plays, wins, players)
   SELECT $1, day, '', 0, sum(plays), sum(wins), count(*) FROM fill_days GROUP BY day`,
  `INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, first_players, returners, d1, d7, referred)
   SELECT $1, first_day, '', 0, count(*), count(second_day), count(*) FILTER (WHERE second_day::date - first_day::date = 1),
     count(*) FILTER (WHERE second_day::date - first_day::date <= 7), count(*) FILTER (WHERE referred)
   FROM fill_players GROUP BY first_day
   ON CONFLICT (campaign_id, day, dim, shard) DO UPDATE SET first_players = excluded.first_players, returners = excluded.returners,
     d1 = excluded.d1, d7 = excluded.d7, referred = excluded.referred`,
  `INSERT INTO draw_totals (campaign_id, day, dim, shard, first_players)
   SELECT $1, first_day, 's:' || source, 0, count(*) FROM fill_players GROUP BY 2, 3`,
  `INSERT INTO draw_totals (campaign_id, day, dim, shard, first_players)
   SELECT $1, first_day, 'd:' || device, 0, count(*) FROM fill_players GROUP BY 2, 3`,
  `INSERT INTO draw_totals (campaign_id, day, dim, shard, wins)
   SELECT $1, ${DAY_OF_AT("at")}, 'p:' || prize_id, 0, count(*) FROM draws
   WHERE campaign_id = $1 AND NOT test AND win AND prize_id IS NOT NULL GROUP BY 2, 3`,
  "CREATE TEMP TABLE fill_claims (visitor_id text, day text, at bigint) ON COMMIT DROP",
  `INSERT INTO fill_claims SELECT d.visitor_id, ${DAY_OF_AT("r.redeemed_at")}, r.redeemed_at FROM redemptions r
   JOIN draws d ON d.campaign_id = r.campaign_id AND d.draw_id = r.draw_id WHERE r.campaign_id = $1 AND NOT d.test`,
  `INSERT INTO claimers (campaign_id, visitor_id, day)
   SELECT DISTINCT ON (visitor_id) $1, visitor_id, day FROM fill_claims ORDER BY visitor_id, at`,
  `INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, claims, first_claimers)
   SELECT $1, c.day, '', 0, count(*), 0 FROM fill_claims c GROUP BY c.day
   ON CONFLICT (campaign_id, day, dim, shard) DO UPDATE SET claims = excluded.claims`,
  `UPDATE draw_totals t SET first_claimers = m.n FROM (SELECT day, count(*)::integer AS n FROM claimers WHERE campaign_id = $1 GROUP BY day) m
   WHERE t.campaign_id = $1 AND t.day = m.day AND t.dim = '' AND t.shard = 0`,
  `INSERT INTO draw_totals AS t (campaign_id, day, dim, shard, claims)
   SELECT $1, c.day, 's:' || coalesce(p.source, 'direct'), 0, count(*) FROM fill_claims c
   LEFT JOIN fill_players p ON p.visitor_id = c.visitor_id GROUP BY 2, 3
   ON CONFLICT (campaign_id, day, dim, shard) DO UPDATE SET claims = excluded.claims`,
];

/**
 * Count the draws and redemptions a server-mode campaign stored before its counters existed (or before this collector
 * served it), once per campaign and time zone; the days need the campaign's zone, which only the campaign file holds.
 * Runs before this instance draws for the campaign, under a lock, so instances starting together count once.
 * @example await fillDrawTotals(db, campaigns.values());
 */
export async function fillDrawTotals(db: Database, campaigns: Iterable<Campaign>, now = Date.now()): Promise<string[]> {
  const filled: string[] = [];
  for (const campaign of campaigns) {
    if (campaign.mode !== "server") continue;
    const done = await db.query("SELECT 1 FROM draw_totals_filled WHERE campaign_id = $1", [campaign.id]);
    if (done.length) continue;
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(727004, hashtext($1))", [campaign.id]);
      if ((await tx.query("SELECT 1 FROM draw_totals_filled WHERE campaign_id = $1", [campaign.id])).length) return;
      // no draw of the campaign while it is counted: the locked path's lock; a sharded draw never starts before its fill
      await tx.query("SELECT pg_advisory_xact_lock(727002, hashtext($1))", [campaign.id]);
      // each statement takes the parameters it names: $1 the campaign, $2 its zone
      for (const sql of FILL_SQL)
        await tx.query(sql, [campaign.id, campaign.timezone].slice(0, sql.includes("$2") ? 2 : sql.includes("$1") ? 1 : 0));
      await tx.query("INSERT INTO draw_totals_filled (campaign_id, timezone, filled_at) VALUES ($1, $2, $3)", [
        campaign.id,
        campaign.timezone,
        now,
      ]);
      filled.push(campaign.id);
    });
  }
  return filled;
}
