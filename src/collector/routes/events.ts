// POST /v1/events: batches from the tracker, stored (or, with NATS in front, in JetStream) before we answer
import type { Context as HonoContext, Hono } from "hono";
import type { EventQueue } from "../queue/index.js";
import { readJsonBody } from "../ingest/body.js";
import { deviceClass } from "../../core/stats/index.js";
import { isBotAgent } from "../ingest/bots.js";
import { campaignRules, normalizeBatch } from "../ingest/normalize.js";
import { insertEvents } from "../storage/events.js";
import type { Context } from "../context.js";
import { fail, limited, type AppEnv } from "./http.js";

/**
 * With NATS in front: the batch is in JetStream when we answer 202, and the consumers store it. `accepted` counts the
 * batch's distinct events (none when JetStream already holds this batch); duplicates of earlier batches are dropped when
 * stored, so stats, not this answer, say what was new.
 */
async function queued(c: HonoContext<AppEnv>, queue: EventQueue, batch: Extract<ReturnType<typeof normalizeBatch>, { ok: true }>) {
  const distinct = new Set(batch.rows.map((r) => r.id)).size;
  let duplicate: boolean;
  try {
    ({ duplicate } = await queue.publish(batch.rows));
  } catch (e) {
    // nothing was acknowledged, so nothing is promised: the tracker sends the batch again
    c.set("logExtra", { events: batch.rows.length, queue: "unavailable", error: String(e) });
    return fail(c, 503, "the event queue (NATS) is unavailable; send the batch again later", { "Retry-After": "5" });
  }
  const accepted = duplicate ? 0 : distinct;
  const duplicates = batch.rows.length - accepted;
  c.set("logExtra", {
    events: batch.rows.length + batch.rejected.length,
    accepted,
    duplicates,
    rejected: batch.rejected.length,
    dropped: batch.dropped,
    queued: true,
  });
  return c.json({ accepted, duplicates, rejected: batch.rejected, queued: true }, 202);
}

export function eventRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/events", async (c) => {
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const events = (body.value as { events?: unknown } | null)?.events;
    if (Array.isArray(events) && events.length > ctx.limits.batchEvents) {
      return fail(c, 413, `batch has ${events.length} events; send at most ${ctx.limits.batchEvents} per request`);
    }
    const receivedAt = ctx.now();
    const batch = normalizeBatch(body.value, {
      receivedAt,
      ...campaignRules(ctx.campaigns),
      botAgent: isBotAgent(c.req.header("user-agent")),
      device: deviceClass(c.req.header("user-agent")),
    });
    if (!batch.ok) return fail(c, 400, batch.error);
    if (batch.rows.length === 0 && batch.rejected.length > 0) {
      // nothing to store: a 4xx, which the tracker drops with a warning instead of sending again
      c.set("logExtra", { events: batch.rejected.length, accepted: 0, rejected: batch.rejected.length });
      const reasons = [...new Set(batch.rejected.map((r) => r.reason))].slice(0, 3).join("; ");
      return c.json({ error: `every event was rejected: ${reasons}`, accepted: 0, duplicates: 0, rejected: batch.rejected }, 422);
    }

    const rows = batch.rows;
    // a batch comes from one browser; when its visitor is over the limit the whole batch waits and is resent
    const perVisitor = new Map<string, number>();
    for (const r of rows) perVisitor.set(r.visitorId, (perVisitor.get(r.visitorId) ?? 0) + 1);
    for (const [visitorId, count] of perVisitor) {
      const refused = limited(c, ctx.limiters.visitorEvents, visitorId, "visitor", count);
      if (refused) return refused;
    }

    // an empty batch has nothing to publish (and the append below stores nothing without touching the database)
    if (ctx.queue && rows.length > 0) return queued(c, ctx.queue, batch);
    const { accepted, duplicates } = await insertEvents(ctx.db, rows, receivedAt);
    c.set("logExtra", {
      events: batch.rows.length + batch.rejected.length,
      accepted,
      duplicates,
      rejected: batch.rejected.length,
      dropped: batch.dropped,
    });
    return c.json({ accepted, duplicates, rejected: batch.rejected });
  });
}
