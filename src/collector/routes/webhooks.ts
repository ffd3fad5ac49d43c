// GET /v1/webhooks/deliveries: the latest webhook deliveries (status, attempts, last error), for the admin and dashboard
import type { Hono } from "hono";
import type { Context } from "../context.js";
import { countDeliveries, listDeliveries } from "../webhooks/index.js";
import { adminAuth, CAMPAIGN_ID, fail, type AppEnv } from "./http.js";

export function webhookRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.get("/v1/webhooks/deliveries", adminAuth(ctx), async (c) => {
    const { campaign, limit = "50" } = c.req.query();
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      return fail(c, 400, `limit must be a whole number from 1 to 500, got ${JSON.stringify(limit)}`);
    if (campaign !== undefined && !CAMPAIGN_ID.test(campaign))
      return fail(c, 400, `campaign must be a campaign id (1–64 letters, digits, '_', '.' or '-'), got ${JSON.stringify(campaign)}`);
    const [counts, deliveries] = await Promise.all([
      countDeliveries(ctx.db, { campaignId: campaign }),
      listDeliveries(ctx.db, { campaignId: campaign, limit: n }),
    ]);
    return c.json({
      // ids and event types only: an endpoint's URL may carry a token of the receiving system
      endpoints: ctx.webhooks.endpoints.map((e) => ({ id: e.id, events: e.events })),
      counts,
      deliveries,
    });
  });
}
