// admin reads for the dashboard: the campaigns this collector serves, and each campaign's prize inventory
import type { Hono } from "hono";
import type { Campaign } from "../../core/schema/index.js";
import { dayKey } from "../../core/util/time.js";
import type { CampaignSummary } from "../../core/api/admin.js";
import { queryInventory } from "../storage/inventory.js";
import type { Context } from "../context.js";
import { adminAuth, fail, type AppEnv } from "./http.js";

/** optional admin endpoints, by the route that serves them; the dashboard shows "not available" for the others */
const OPTIONAL: Record<string, string> = {
  statsCsv: "/v1/campaigns/:id/stats.csv",
  leadsCsv: "/v1/campaigns/:id/leads.csv",
  webhookDeliveries: "/v1/webhooks/deliveries",
};

/**
 * A campaign as the dashboard lists it: dates in its own time zone and where it stands today.
 * @example summarize(campaign, Date.now()).status // "running"
 */
export function summarize(campaign: Campaign, now: number): CampaignSummary {
  const startsAt = campaign.schedule?.startsAt ?? null;
  const endsAt = campaign.schedule?.endsAt ?? null;
  const status = startsAt && now < Date.parse(startsAt) ? "upcoming" : endsAt && now > Date.parse(endsAt) ? "ended" : "running";
  return {
    id: campaign.id,
    title: campaign.title ?? null,
    game: campaign.game,
    mode: campaign.mode,
    locale: campaign.locale,
    timezone: campaign.timezone,
    schedule: { startsAt, endsAt },
    firstDay: startsAt ? dayKey(Date.parse(startsAt), campaign.timezone) : null,
    lastDay: endsAt ? dayKey(Date.parse(endsAt), campaign.timezone) : null,
    today: dayKey(now, campaign.timezone),
    status,
    testMode: campaign.testMode,
    prizes: campaign.prizes.length,
  };
}

export function adminRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.get("/v1/campaigns", adminAuth(ctx), (c) => {
    const now = ctx.now();
    const paths = new Set(app.routes.map((r) => r.path));
    const endpoints = Object.fromEntries(Object.entries(OPTIONAL).map(([name, path]) => [name, paths.has(path)]));
    return c.json({ campaigns: [...ctx.campaigns.values()].map((campaign) => summarize(campaign, now)), endpoints });
  });

  app.get("/v1/campaigns/:id/inventory", adminAuth(ctx), async (c) => {
    const campaign = ctx.campaigns.get(c.req.param("id"));
    if (!campaign) return fail(c, 404, `unknown campaign ${JSON.stringify(c.req.param("id"))}`);
    return c.json(await queryInventory(ctx.db, campaign, ctx.now()));
  });
}
