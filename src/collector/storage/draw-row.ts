// a stored draw's own columns, as the first parameters of every statement that stores one
import type { DrawCommit } from "../../core/engine/types.js";

/**
 * Campaign, draw id, visitor, prize, code, win, test, time, result (JSON) and day: `$1`–`$10` of the statements that
 * store a draw (engine-store.ts, sharded-store.ts, draw-statement.ts), in that order.
 * @example await tx.query(PERSIST_SQL, [...drawRow(campaignId, commit, result), consumes, code]);
 */
export function drawRow(campaignId: string, c: DrawCommit, result: unknown): unknown[] {
  return [campaignId, c.drawId, c.visitorId, c.prizeId, c.code ?? null, c.win, c.test, c.at, JSON.stringify(result ?? null), c.day];
}
