// a limited prize's units in shard rows and its code pool in rows, for draws without a campaign-wide lock (docs/scaling.md)
import { pacingClock, released } from "../../core/engine/pacing.js";
import type { PrizeCounters } from "../../core/engine/types.js";
import { isLimited, prizeCapacity, type Campaign, type Prize } from "../../core/schema/index.js";
import { dayKey } from "../../core/util/time.js";
import type { Database, Queryable } from "./types.js";

/** shards per prize: enough that 200 concurrent draws of one prize rarely meet on a row, few enough to scan when it runs out */
export const SHARDS = 16;
/** "no limit" in an integer column */
const NO_LIMIT = 2_147_483_647;

export type StockPlan = {
  prize: Prize;
  capacity: number;
  dailyCap: number | null;
  shards: number;
  /** units that may be given by the end of a day (pacing), NO_LIMIT when not paced */
  releasedOn(day: string): number;
};

/**
 * How each limited prize is kept. A daily cap or pacing puts the prize on one row: a unit then counts against the
 * stock and the day together, which split rows could not do exactly (one shard's day allowance could be spent
 * while another still held stock). Everything else is split over SHARDS rows.
 * @example stockPlans(campaign).get("gift")?.shards // 16
 */
export function stockPlans(campaign: Campaign): Map<string, StockPlan> {
  const clock = pacingClock(campaign);
  const plans = new Map<string, StockPlan>();
  for (const prize of campaign.prizes) {
    if (!isLimited(prize)) continue;
    const c = prizeCapacity(prize);
    const capacity = c === Infinity ? NO_LIMIT : c;
    const single = prize.dailyCap !== undefined || (clock !== null && c !== Infinity);
    plans.set(prize.id, {
      prize,
      capacity,
      dailyCap: prize.dailyCap ?? null,
      shards: single ? 1 : SHARDS,
      releasedOn: (day) => (clock && c !== Infinity ? released(c, clock, day) : NO_LIMIT),
    });
  }
  return plans;
}

/**
 * Fill (or, after a campaign file changed, rebalance) the shard rows and code pools of a campaign. Run once per
 * instance at its first draw, under an advisory lock so instances starting together fill once. A campaign the
 * locked path served before starts from its counters (prize_counters) and marks the codes it handed out (codes).
 * @example await prepareStock(db, campaign, Date.now());
 */
export async function prepareStock(db: Database, campaign: Campaign, now: number): Promise<void> {
  const today = dayKey(now, campaign.timezone);
  const plans = stockPlans(campaign);
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(727003, hashtext($1))", [campaign.id]);
    const known = new Map(
      (
        await tx.query<{ prize_id: string; capacity: number; daily_cap: number | null; shards: number }>(
          "SELECT prize_id, capacity, daily_cap, shards FROM stock_prizes WHERE campaign_id = $1",
          [campaign.id],
        )
      ).map((r) => [r.prize_id, r]),
    );
    for (const plan of plans.values()) {
      const k = known.get(plan.prize.id);
      if (!k || k.capacity !== plan.capacity || k.daily_cap !== plan.dailyCap || k.shards !== plan.shards)
        await fillShards(tx, campaign.id, plan, today, k !== undefined);
      if (plan.prize.codes) await fillPool(tx, campaign.id, plan.prize.id, plan.prize.codes);
    }
  });
}

type ShardRow = { shard: number; given: number; day: string; given_today: number };

async function fillShards(tx: Queryable, campaignId: string, plan: StockPlan, today: string, rebalance: boolean): Promise<void> {
  const id = plan.prize.id;
  let rows: ShardRow[];
  if (rebalance) {
    // locked, so no draw takes a unit while the caps are rewritten
    rows = await tx.query<ShardRow>(
      "SELECT shard, given, day, given_today FROM stock_shards WHERE campaign_id = $1 AND prize_id = $2 ORDER BY shard FOR UPDATE",
      [campaignId, id],
    );
  } else {
    const counted = await tx.query<{ day: string; given: number }>(
      "SELECT day, given FROM prize_counters WHERE campaign_id = $1 AND prize_id = $2 AND (day = '' OR day = $3)",
      [campaignId, id, today],
    );
    const given = counted.find((r) => r.day === "")?.given ?? 0;
    rows = [{ shard: 0, given, day: today, given_today: counted.find((r) => r.day === today)?.given ?? 0 }];
  }
  const given = rows.reduce((s, r) => s + r.given, 0);
  const left = plan.capacity === NO_LIMIT ? 0 : Math.max(0, plan.capacity - given);
  const count = Math.max(plan.shards, rows.length);
  for (let shard = 0; shard < count; shard++) {
    const row = rows.find((r) => r.shard === shard) ?? { shard, given: 0, day: "", given_today: 0 };
    // shards past the plan keep what they gave and take nothing more
    const share = shard < plan.shards ? Math.floor(left / plan.shards) + (shard < left % plan.shards ? 1 : 0) : 0;
    const cap = plan.capacity === NO_LIMIT ? NO_LIMIT : row.given + share;
    await tx.query(
      `INSERT INTO stock_shards (campaign_id, prize_id, shard, cap, given, day, given_today) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (campaign_id, prize_id, shard) DO UPDATE SET cap = excluded.cap`,
      [campaignId, id, shard, cap, row.given, row.day, row.given_today],
    );
  }
  await tx.query(
    `INSERT INTO stock_prizes (campaign_id, prize_id, capacity, daily_cap, shards) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (campaign_id, prize_id) DO UPDATE SET capacity = excluded.capacity, daily_cap = excluded.daily_cap, shards = excluded.shards`,
    [campaignId, id, plan.capacity, plan.dailyCap, plan.shards],
  );
}

async function fillPool(tx: Queryable, campaignId: string, prizeId: string, codes: readonly string[]): Promise<void> {
  const [row] = await tx.query<{ n: number }>("SELECT count(*)::integer AS n FROM pool_codes WHERE campaign_id = $1 AND prize_id = $2", [
    campaignId,
    prizeId,
  ]);
  if ((row?.n ?? 0) >= codes.length) return;
  // a code the locked path already handed out is in `codes` with its draw: it stays taken
  await tx.query(
    `INSERT INTO pool_codes (campaign_id, prize_id, idx, code, draw_id)
     SELECT $1, $2, x.idx - 1, x.code, (SELECT draw_id FROM codes WHERE campaign_id = $1 AND code = x.code)
     FROM unnest($3::text[]) WITH ORDINALITY AS x(code, idx)
     ON CONFLICT (campaign_id, prize_id, idx) DO NOTHING`,
    [campaignId, prizeId, codes],
  );
}

// the shard to take from: a free one first (SKIP LOCKED never waits); when every shard with units left is locked by
// other draws, the same query waits for them (a locked row is re-checked after the wait, so none is skipped)
const takeSql = (wait: boolean) => `UPDATE stock_shards s
  SET given = s.given + 1, given_today = CASE WHEN s.day = $4 THEN s.given_today + 1 ELSE 1 END, day = $4
  WHERE (s.campaign_id, s.prize_id, s.shard) = (
    SELECT campaign_id, prize_id, shard FROM stock_shards
    WHERE campaign_id = $1 AND prize_id = $2 AND given < cap AND given < $5 AND (day <> $4 OR given_today < $6)
    ORDER BY (shard + $3) % ${SHARDS} LIMIT 1 FOR UPDATE${wait ? "" : " SKIP LOCKED"}
  ) RETURNING s.shard`;
const TAKE_FREE = takeSql(false);
const TAKE_WAITING = takeSql(true);

/**
 * Take one unit of a prize in the caller's transaction; false when every shard is spent (for good, or for the day).
 * Shards only fill up within a day, so "every shard was seen spent" means the prize is gone: an exact answer.
 * @example if (!(await takeUnit(tx, campaignId, plan, day))) gone.push(plan.prize.id);
 */
export async function takeUnit(tx: Queryable, campaignId: string, plan: StockPlan, day: string): Promise<boolean> {
  // where to start looking only spreads the load; it decides nothing about the prize
  const start = Math.floor(Math.random() * SHARDS);
  const params = [campaignId, plan.prize.id, start, day, plan.releasedOn(day), plan.dailyCap ?? NO_LIMIT];
  if ((await tx.query(TAKE_FREE, params)).length) return true;
  return (await tx.query(TAKE_WAITING, params)).length > 0;
}

/**
 * Take the lowest free code of a prize's pool for `drawId`, skipping codes other draws hold. A unit was taken first, and
 * the pool holds at least as many free codes as the shards hold units, so a code is always there.
 * @example const code = await takePoolCode(tx, campaignId, "gift", drawId);
 */
export async function takePoolCode(tx: Queryable, campaignId: string, prizeId: string, drawId: string): Promise<string> {
  const [row] = await tx.query<{ code: string }>(
    `UPDATE pool_codes p SET draw_id = $3 WHERE (p.campaign_id, p.prize_id, p.idx) = (
       SELECT campaign_id, prize_id, idx FROM pool_codes WHERE campaign_id = $1 AND prize_id = $2 AND draw_id IS NULL
       ORDER BY idx LIMIT 1 FOR UPDATE SKIP LOCKED
     ) RETURNING p.code`,
    [campaignId, prizeId, drawId],
  );
  if (!row) throw new Error(`the code pool of prize "${prizeId}" in campaign "${campaignId}" is empty while its stock is not`);
  return row.code;
}

/**
 * Units given per limited prize, in total and on `day`, summed over the shards.
 * @example const counters = await readShardCounters(db, "tet-2027", "2027-01-20");
 */
export async function readShardCounters(q: Queryable, campaignId: string, day: string): Promise<Record<string, PrizeCounters>> {
  const rows = await q.query<{ prize_id: string; given: number; given_today: number | null }>(
    `SELECT prize_id, sum(given)::integer AS given, (sum(given_today) FILTER (WHERE day = $2))::integer AS given_today
     FROM stock_shards WHERE campaign_id = $1 GROUP BY prize_id`,
    [campaignId, day],
  );
  return Object.fromEntries(rows.map((r) => [r.prize_id, { given: r.given, givenToday: r.given_today ?? 0 }]));
}
