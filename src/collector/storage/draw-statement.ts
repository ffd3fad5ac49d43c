// a sharded draw in one statement and no transaction of its own: the ledger read before the decision is checked again
// where the statement writes it (compare-and-set), so the decision stands only on the state it was made from
// (docs/scaling.md, "One statement per draw")
import type { DrawCommit } from "../../core/engine/types.js";
import { counterShard } from "./draw-totals.js";
import { SHARDS, type StockPlan } from "./stock.js";
import type { Queryable } from "./types.js";
import { drawRow, requester } from "./draw-row.js";
import { NO_LIMIT } from "./guard.js";

/** the ledger a decision was made from: the statement writes only while the rows still hold these values */
export type LedgerSeen = { total: number; bonusTotal: number; lead: boolean; today: number; bonusToday: number };

/**
 * What the statement did. "stored": the draw and everything it counts (`code` is the pool code it took, if any); "gone":
 * every shard of the prize is spent, nothing written; "busy": the shards with units left were all held by other draws,
 * nothing written (take again waiting for them); the rest wrote nothing either: "replay" (the draw id exists), "stale" (the
 * visitor's ledger moved since it was read), "code" (the generated code exists), "guard" (the address is over its allowance).
 */
export type StatementOutcome = { kind: "stored"; code: string | null } | { kind: "gone" | "busy" | "replay" | "stale" | "code" | "guard" };

// a failed check raises MG001 with the reason inside the function, which aborts the call: every write of it is undone, the
// unit and the pool code taken included
const ROLLBACK = "MG001";
const REASONS = new Set(["replay", "stale", "code", "guard"]);

// the statement lives in a plpgsql function (migrations/130-draw-address-prefixes.ts), whose plans each connection keeps:
// only this call is planned per draw. $1–$10 the draw row, $11 its code, $12 the guard's key, $13 its plays per day, $14
// the counters' shard, $15 take a unit, $16 first shard to look at, $17 released by the day's end, $18 daily cap, $19
// take a pool code, $20–$24 the ledger seen (total, bonus, lead, today's plays, today's bonus), $25 the minted visitor who
// sent the draw when not the player, $26 and $27 the guard's wider keys and their plays per day
const DRAW_SQL = `SELECT went, code, free FROM minigame_draw(${Array.from({ length: 27 }, (_, i) => `$${i + 1}`).join(", ")})`;

/**
 * Take a unit (when `plan` is given) and a pool code (when the commit asks for one), store the draw, its ledgers, its code,
 * its address counts (`guard`: every key with its cap, its own first; none without a guard) and its counters, in one
 * statement on its own (autocommit): one round trip, one commit. Writes only while the visitor's ledger still holds
 * `seen`, so limits stay exact without holding a lock across the decision.
 * @example const outcome = await drawStatement(db, campaignId, commit, result, seen, plan, { keys: [address], caps: [perDay] });
 */
export async function drawStatement(
  q: Queryable,
  campaignId: string,
  c: DrawCommit,
  result: unknown,
  seen: LedgerSeen,
  plan: StockPlan | undefined,
  guard: { keys: readonly string[]; caps: readonly number[] } = { keys: [], caps: [] },
): Promise<StatementOutcome> {
  const pool = c.pool === true && plan !== undefined;
  try {
    const [row] = await q.query<{ went: boolean; code: string | null; free: number | null }>(DRAW_SQL, [
      ...drawRow(campaignId, c, result),
      c.newCode ?? c.code ?? null,
      guard.keys[0] ?? null,
      guard.caps[0] ?? NO_LIMIT,
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
      requester(c),
      guard.keys.slice(1),
      guard.caps.slice(1),
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
