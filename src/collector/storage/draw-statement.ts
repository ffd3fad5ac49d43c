// a sharded draw in one statement and no transaction of its own: the ledger read before the decision is checked again
// where the statement writes it (compare-and-set), so the decision stands only on the state it was made from
// (docs/scaling.md, "One statement per draw")
import type { DrawCommit } from "../../core/engine/types.js";
import { COUNT_READS, COUNT_WRITE, DAY_MARK, LEDGER_MARKS, LEDGER_MARKS_NEW, counterShard } from "./draw-totals.js";
import { SHARDS, type StockPlan } from "./stock.js";
import type { Queryable } from "./types.js";
import { drawRow } from "./draw-row.js";

/** "no limit" in an integer column */
const NO_LIMIT = 2_147_483_647;

/** the ledger a decision was made from: the statement writes only while the rows still hold these values */
export type LedgerSeen = { total: number; bonusTotal: number; lead: boolean; today: number; bonusToday: number };

/**
 * What the statement did. "stored": the draw and everything it counts (`code` is the pool code it took, if any); "gone":
 * every shard of the prize is spent, nothing written; "busy": the shards with units left were all held by other draws,
 * nothing written (take again waiting for them); the rest wrote nothing either: "replay" (the draw id exists), "stale" (the
 * visitor's ledger moved since it was read), "code" (the generated code exists), "guard" (the address is over its allowance).
 */
export type StatementOutcome = { kind: "stored"; code: string | null } | { kind: "gone" | "busy" | "replay" | "stale" | "code" | "guard" };

// where the statement stands after its writes; a failed check calls minigame_draw_rollback (migrations/065), which aborts the
// statement: every write of it is undone, the unit and the pool code taken included
const ROLLBACK = "MG001";
const REASONS = new Set(["replay", "stale", "code", "guard"]);

// $1–$14 as in the locked persist; $15 take a unit, $16 first shard to look at, $17 released by the day's end, $18 daily
// cap, $19 take a pool code, $20–$24 the ledger seen (total, bonus, lead, today's plays, today's bonus)
const SHARD_FREE = `campaign_id = $1 AND prize_id = $4::text AND given < cap AND given < $17::integer
    AND (day <> $10::text OR given_today < $18::integer)`;
const DRAW_SQL = `WITH take AS (
    UPDATE stock_shards s SET given = s.given + 1, given_today = CASE WHEN s.day = $10::text THEN s.given_today + 1 ELSE 1 END,
      day = $10::text
    WHERE $15::boolean AND (s.campaign_id, s.prize_id, s.shard) = (
      SELECT campaign_id, prize_id, shard FROM stock_shards WHERE ${SHARD_FREE}
      ORDER BY (shard + $16::integer) % ${SHARDS} LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING s.shard
  ), pc AS (
    UPDATE pool_codes p SET draw_id = $2 WHERE $19::boolean AND EXISTS (SELECT 1 FROM take) AND (p.campaign_id, p.prize_id, p.idx) = (
      SELECT campaign_id, prize_id, idx FROM pool_codes WHERE campaign_id = $1 AND prize_id = $4::text AND draw_id IS NULL
      ORDER BY idx LIMIT 1 FOR UPDATE SKIP LOCKED
    ) RETURNING p.code
  ), go AS (
    SELECT NOT $15::boolean OR EXISTS (SELECT 1 FROM take) AS ok
  ), d AS (
    INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result)
    SELECT $1, $2, $3, $4::text, coalesce($5::text, (SELECT code FROM pc)), $6, $7, $8,
      CASE WHEN $19::boolean THEN $9::jsonb || jsonb_build_object('code', (SELECT code FROM pc)) ELSE $9::jsonb END
    FROM go WHERE go.ok ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING draw_id, code
  )${COUNT_READS}, v AS (
    INSERT INTO visitors (campaign_id, visitor_id, total, last_play_at, ${LEDGER_MARKS_NEW.columns})
    SELECT $1, $3, 1, $8, ${LEDGER_MARKS_NEW.values} FROM d
    ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET total = visitors.total + 1, last_play_at = excluded.last_play_at,
      ${LEDGER_MARKS}
    WHERE visitors.total = $20::integer AND visitors.bonus_total = $21::integer AND visitors.lead = $22::boolean RETURNING 1
  ), vd AS (
    INSERT INTO visitor_days (campaign_id, visitor_id, day, plays, counted) SELECT $1, $3, $10::text, 1, (NOT $7::boolean)::integer FROM d
    ON CONFLICT (campaign_id, visitor_id, day) DO UPDATE SET plays = visitor_days.plays + 1, ${DAY_MARK}
    WHERE visitor_days.plays = $23::integer AND visitor_days.bonus = $24::integer RETURNING 1
  ), c AS (
    INSERT INTO codes (campaign_id, code, draw_id) SELECT $1, coalesce($11::text, d.code), $2 FROM d WHERE coalesce($11::text, d.code) IS NOT NULL
    ON CONFLICT (campaign_id, code) DO NOTHING RETURNING code
  ), g AS (
    INSERT INTO address_counters AS a (campaign_id, kind, address, period, count) SELECT $1, 'play', $12::text, $10::text, 1 FROM d
    WHERE $12::text IS NOT NULL
    ON CONFLICT (campaign_id, kind, address, period) DO UPDATE SET count = a.count + 1 WHERE a.count < $13 RETURNING 1
  )${COUNT_WRITE}, s AS (
    SELECT (SELECT ok FROM go) AS went, (SELECT count(*) FROM d)::integer AS drawn, (SELECT count(*) FROM v)::integer AS ledger,
      (SELECT count(*) FROM vd)::integer AS day_ledger, (SELECT count(*) FROM c)::integer AS coded,
      (SELECT count(*) FROM g)::integer AS guarded, (SELECT code FROM d) AS code
  )
  SELECT s.went, s.code,
    CASE WHEN s.went THEN NULL ELSE (SELECT count(*) FROM stock_shards WHERE ${SHARD_FREE})::integer END AS free,
    CASE WHEN NOT s.went THEN NULL
      WHEN s.drawn = 0 THEN minigame_draw_rollback('replay')
      WHEN s.ledger = 0 OR s.day_ledger = 0 THEN minigame_draw_rollback('stale')
      WHEN s.code IS NOT NULL AND s.coded = 0 OR $11::text IS NOT NULL AND s.coded = 0 THEN minigame_draw_rollback('code')
      WHEN $19::boolean AND s.code IS NULL THEN minigame_draw_rollback('pool')
      WHEN $12::text IS NOT NULL AND s.guarded = 0 THEN minigame_draw_rollback('guard')
    END AS failed
  FROM s`;

/**
 * Take a unit (when `plan` is given) and a pool code (when the commit asks for one), store the draw, its ledgers, its code,
 * its address count and its counters, in one statement on its own (autocommit): one round trip, one commit. Writes only
 * while the visitor's ledger still holds `seen`, so limits stay exact without holding a lock across the decision.
 * @example const outcome = await drawStatement(db, campaignId, commit, result, seen, plan, guardPerDay);
 */
export async function drawStatement(
  q: Queryable,
  campaignId: string,
  c: DrawCommit,
  result: unknown,
  seen: LedgerSeen,
  plan: StockPlan | undefined,
  guardPerDay = NO_LIMIT,
): Promise<StatementOutcome> {
  const pool = c.pool === true && plan !== undefined;
  try {
    const [row] = await q.query<{ went: boolean; code: string | null; free: number | null }>(DRAW_SQL, [
      ...drawRow(campaignId, c, result),
      c.newCode ?? c.code ?? null,
      c.guard ?? null,
      guardPerDay,
      counterShard(true),
      plan !== undefined,
      // where to start looking only spreads the load; it decides nothing about the prize
      Math.floor(Math.random() * SHARDS),
      plan?.releasedOn(c.day) ?? NO_LIMIT,
      plan?.dailyCap ?? NO_LIMIT,
      pool,
      seen.total,
      seen.bonusTotal,
      seen.lead,
      seen.today,
      seen.bonusToday,
    ]);
    if (!row) throw new Error("the draw statement returned no row");
    if (!row.went) return { kind: row.free ? "busy" : "gone" };
    return { kind: "stored", code: pool ? row.code : null };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === ROLLBACK && err.message && REASONS.has(err.message)) return { kind: err.message as "replay" };
    if (err.code === ROLLBACK && err.message === "pool")
      throw new Error(`the code pool of prize "${c.prizeId}" in campaign "${campaignId}" is empty while its stock is not`);
    throw e;
  }
}
