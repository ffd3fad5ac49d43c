// GET /v1/campaigns/:id/stats: CampaignStats from the rollups, for the admin; server-mode counts from draws and claims
import type { Hono } from "hono";
import { applyServerTruth } from "../storage/server-truth.js";
import { queryStats } from "../storage/stats.js";
import type { Context } from "../context.js";
import { adminAuth, fail, type AppEnv } from "./http.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// the campaign schema's id rule: anything else has no events (and PostgreSQL text cannot hold some of it)
const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function statsRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.get("/v1/campaigns/:id/stats", adminAuth(ctx), async (c) => {
    const campaignId = c.req.param("id");
    if (!CAMPAIGN_ID.test(campaignId) || (ctx.campaigns.size && !ctx.campaigns.has(campaignId))) {
      return fail(c, 404, `unknown campaign ${JSON.stringify(campaignId)}`);
    }
    const { from, to, includeAutomated } = c.req.query();
    for (const [name, value] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (value !== undefined && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
        return fail(c, 400, `${name} must be a day as YYYY-MM-DD in the campaign time zone, got ${JSON.stringify(value)}`);
      }
    }
    if (from && to && from > to) return fail(c, 400, `from (${from}) is after to (${to})`);
    const stats = await queryStats(ctx.db, {
      campaignId,
      from,
      to,
      includeAutomated: ctx.includeAutomated || includeAutomated === "true",
    });
    // the collector draws for a server-mode campaign, so its own records, not the browsers' events, count plays and prizes
    const campaign = ctx.campaigns.get(campaignId);
    if (campaign?.mode === "server") {
      return c.json(await applyServerTruth(ctx.db, stats, { campaignId, timezone: campaign.timezone, from, to }));
    }
    return c.json({ ...stats, source: "events" });
  });
}
