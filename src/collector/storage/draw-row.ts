// a stored draw's own columns, as the first parameters of every statement that stores one, and its answer to a retry
import type { DrawCommit } from "../../core/engine/types.js";
import type { Queryable } from "./types.js";

/**
 * Campaign, draw id, visitor, prize, code, win, test, time, result (JSON) and day: `$1`–`$10` of the statements that
 * store a draw (engine-store.ts, sharded-store.ts, draw-statement.ts), in that order.
 * @example await tx.query(PERSIST_SQL, [...drawRow(campaignId, commit, result), consumes, code]);
 */
export function drawRow(campaignId: string, c: DrawCommit, result: unknown): unknown[] {
  return [campaignId, c.drawId, c.visitorId, c.prizeId, c.code ?? null, c.win, c.test, c.at, JSON.stringify(result ?? null), c.day];
}

/**
 * `draws.requested_by`, the last parameter of those statements: the minted visitor who sent the draw, or null when that
 * is the player itself (anonymous mode; rows stored before the column read the same way)
 * @example await tx.query(PERSIST_SQL, [...drawRow(campaignId, commit, result), consumes, code, requester(commit)]);
 */
export function requester(c: DrawCommit): string | null {
  return c.requestedBy === undefined || c.requestedBy === c.visitorId ? null : c.requestedBy;
}

/**
 * A stored draw's answer to its draw id sent again: its result when the same sender asks for the same player, "taken"
 * when anyone else does (in lead mode everyone who types a contact plays as it, so the player alone proves nothing),
 * undefined when no draw has that id.
 * @example const prior = await priorDraw(db, campaignId, requestId, player, visitorId); if (prior === "taken") …
 */
export async function priorDraw<T>(
  q: Queryable,
  campaignId: string,
  drawId: string,
  player: string,
  requestedBy: string = player,
): Promise<{ result: T } | "taken" | undefined> {
  const [row] = await q.query<{ visitor_id: string; requested_by: string | null; result: T }>(
    "SELECT visitor_id, requested_by, result FROM draws WHERE campaign_id = $1 AND draw_id = $2",
    [campaignId, drawId],
  );
  if (!row) return undefined;
  return row.visitor_id === player && (row.requested_by ?? row.visitor_id) === requestedBy ? { result: row.result } : "taken";
}

/**
 * How result tokens and webhooks name a draw's player: the minted visitor who sent it, never the contact a lead-mode
 * play counts for; in member mode the webhooks add the member's id (the `sub` the brand signed). The visitor is null
 * for a lead- or member-mode draw stored before its sender was (migration 110): its player is all there is.
 * @example drawPlayer("email:an@x.vn", "3f0c…") // { visitorId: "3f0c…" }
 */
export function drawPlayer(player: string, requestedBy: string | null | undefined): { visitorId: string | null; memberId?: string } {
  // minted ids are UUIDs; every subject ("email:", "phone:", "member:", "erased:") has a ':'
  const visitorId = requestedBy ?? (player.includes(":") ? null : player);
  return player.startsWith("member:") ? { visitorId, memberId: player.slice("member:".length) } : { visitorId };
}
