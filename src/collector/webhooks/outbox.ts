// the outbox: a delivery row per subscribed endpoint, written in the transaction of the fact it announces
import { randomUUID } from "node:crypto";
import type { Queryable } from "../storage/types.js";
import { legacyEndpointId, type WebhookEndpoint, type WebhookEventType } from "./config.js";

/** a fact worth announcing: a lead stored, a prize won (server mode), a claim redeemed */
export type WebhookFact = { type: WebhookEventType; campaignId: string; data: Record<string, unknown> };

export type DeliveryRow = {
  message_id: string;
  endpoint_id: string;
  event_type: string;
  campaign_id: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  leased_until: number | null;
  delivered_at: number | null;
  last_status: number | null;
  last_error: string | null;
};

/**
 * Write the deliveries of one fact inside the caller's transaction: if the fact rolls back, so do they.
 * The message id is the `webhook-id` every endpoint sees for this fact, the key receivers dedupe on.
 * @example await enqueue(tx, endpoints, Date.now(), { type: "lead", campaignId: "tet-2027", data: { visitorId } });
 */
export async function enqueue(tx: Queryable, endpoints: readonly WebhookEndpoint[], at: number, fact: WebhookFact): Promise<number> {
  const targets = endpoints.filter((e) => e.events.includes(fact.type)).map((e) => e.id);
  if (targets.length === 0) return 0;
  const messageId = `msg_${randomUUID()}`;
  // Standard Webhooks payload shape: type, timestamp, data; stored as the text sent. The insert's trigger (migration 150)
  // reads the person keys export and erasure look up from this text as written (`"email":"an@example.com"`, no spaces),
  // in this transaction, so it never parses a row PostgreSQL's JSON parser would refuse
  const payload = JSON.stringify({
    type: fact.type,
    timestamp: new Date(at).toISOString(),
    data: { campaignId: fact.campaignId, ...fact.data },
  });
  await tx.query(
    `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at)
     SELECT $1, e, $2, $3, $4, $5, $5 FROM unnest($6::text[]) AS e`,
    [messageId, fact.type, fact.campaignId, payload, at, targets],
  );
  return targets.length;
}

export type DeliveryView = {
  webhookId: string;
  endpoint: string;
  type: string;
  campaignId: string;
  createdAt: number;
  status: "delivered" | "pending" | "retrying";
  attempts: number;
  deliveredAt: number | null;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
};

/**
 * The latest deliveries (newest first), for the admin and the dashboard.
 * @example const recent = await listDeliveries(db, { campaignId: "tet-2027", limit: 50 });
 */
export async function listDeliveries(db: Queryable, q: { campaignId?: string; limit: number }): Promise<DeliveryView[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT * FROM webhook_deliveries WHERE ($1::text IS NULL OR campaign_id = $1)
     ORDER BY created_at DESC, message_id, endpoint_id LIMIT $2`,
    [q.campaignId ?? null, q.limit],
  );
  return rows.map((r) => ({
    webhookId: r.message_id,
    endpoint: r.endpoint_id,
    type: r.event_type,
    campaignId: r.campaign_id,
    createdAt: Number(r.created_at),
    status: r.delivered_at !== null ? "delivered" : r.attempts === 0 ? "pending" : "retrying",
    attempts: r.attempts,
    deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
    nextAttemptAt: r.delivered_at === null ? Number(r.next_attempt_at) : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
  }));
}

/**
 * How many deliveries are delivered, pending (never tried) and retrying, over all time.
 * @example const { retrying } = await countDeliveries(db, { campaignId: "tet-2027" });
 */
export async function countDeliveries(db: Queryable, q: { campaignId?: string }) {
  const [row] = await db.query<{ delivered: number; pending: number; retrying: number }>(
    `SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL)::integer AS delivered,
       count(*) FILTER (WHERE delivered_at IS NULL AND attempts = 0)::integer AS pending,
       count(*) FILTER (WHERE delivered_at IS NULL AND attempts > 0)::integer AS retrying
     FROM webhook_deliveries WHERE ($1::text IS NULL OR campaign_id = $1)`,
    [q.campaignId ?? null],
  );
  return row ?? { delivered: 0, pending: 0, retrying: 0 };
}

/**
 * Move the deliveries stored under the id an endpoint's URL had before the host became the default (the URL without
 * scheme and query, which may hold a token of the receiving system, and with any `user:password@`) to the endpoint's
 * id, whatever that id is now: the host, or one given since (two endpoints on one host need one each). Those still due
 * are delivered, and no listing shows the path any more. Run at start, before any dispatcher; returns the rows moved.
 * @example await adoptLegacyIds(db, config.endpoints) // 12
 */
export async function adoptLegacyIds(db: Queryable, endpoints: readonly WebhookEndpoint[]): Promise<number> {
  let moved = 0;
  for (const e of endpoints) {
    const legacy = legacyEndpointId(e.url);
    // an endpoint whose id is still its former default keeps its rows; of two endpoints on one URL, the first adopts
    if (legacy === e.id) continue;
    const rows = await db.query(
      `UPDATE webhook_deliveries w SET endpoint_id = $2
       WHERE (endpoint_id = $1::text
           OR (right(endpoint_id, length($1::text) + 1) = '@' || $1::text AND strpos(left(endpoint_id, -length($1::text) - 1), '/') = 0))
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries x WHERE x.message_id = w.message_id AND x.endpoint_id = $2)
       RETURNING 1`,
      [legacy, e.id],
    );
    moved += rows.length;
  }
  return moved;
}
