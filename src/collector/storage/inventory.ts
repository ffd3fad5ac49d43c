// prize inventory for the dashboard: stock, units given (all time and today) and what is left
import { prizeCapacity, type Campaign } from "../../core/schema/index.js";
import { dayKey } from "../../core/util/time.js";
import type { Inventory } from "../../core/api/admin.js";
import type { Database } from "./types.js";
import { applyPendingRollups } from "./rollup-outbox.js";

const QUARTER_HOUR = 15 * 60_000; // every zone offset falls on a quarter hour

/** the first instant of the calendar day of `now` in `timeZone` */
export function startOfDay(now: number, timeZone: string): number {
  const today = dayKey(now, timeZone);
  let t = Math.floor(now / QUARTER_HOUR) * QUARTER_HOUR;
  while (dayKey(t - QUARTER_HOUR, timeZone) === today) t -= QUARTER_HOUR;
  return t;
}

/**
 * What each prize has given and has left. Server mode reads the draw ledger the engine keeps under its lock;
 * client mode has no ledger, so it counts winning result events (limits there are per browser anyway).
 * @example const { prizes } = await queryInventory(db, campaign, Date.now());
 */
export async function queryInventory(db: Database, campaign: Campaign, now: number): Promise<Inventory> {
  const today = dayKey(now, campaign.timezone);
  const server = campaign.mode === "server";
  // client mode counts winning results from the rollups: what is accepted and still in the outbox first
  if (!server) await applyPendingRollups(db, { campaignId: campaign.id, wait: true });
  const rows = server
    ? // every winning draw, limited prize or not (the engine keeps counters for limited prizes only)
      await db.query<{ prize_id: string; given: number; given_today: number }>(
        `SELECT prize_id, count(*)::integer AS given, (count(*) FILTER (WHERE at >= $2))::integer AS given_today
         FROM draws WHERE campaign_id = $1 AND win AND NOT test AND prize_id IS NOT NULL GROUP BY prize_id`,
        [campaign.id, startOfDay(now, campaign.timezone)],
      )
    : await db.query<{ prize_id: string; given: number; given_today: number }>(
        `SELECT prize_id, sum(wins)::integer AS given, (sum(wins) FILTER (WHERE day = $2))::integer AS given_today
         FROM stats_prizes WHERE campaign_id = $1 AND NOT automated GROUP BY prize_id`,
        [campaign.id, today],
      );
  const byId = new Map(rows.map((r) => [r.prize_id, r]));
  const total = campaign.prizes.reduce((sum, p) => sum + p.weight, 0);
  return {
    today,
    source: server ? "draws" : "events",
    prizes: campaign.prizes.map((p) => {
      const given = byId.get(p.id)?.given ?? 0;
      const capacity = prizeCapacity(p);
      const stock = capacity === Infinity ? null : capacity;
      return {
        id: p.id,
        label: p.label,
        win: p.win,
        weight: p.weight,
        odds: total > 0 ? p.weight / total : 0,
        stock,
        dailyCap: p.dailyCap ?? null,
        given,
        givenToday: byId.get(p.id)?.given_today ?? 0,
        left: stock === null ? null : Math.max(0, stock - given),
      };
    }),
  };
}
