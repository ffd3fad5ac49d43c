// GET /v1/campaigns/:id/stats (CampaignStats as JSON) and …/stats.csv (the daily table), from the rollups, for the admin;
// server-mode counts from draws and claims
import type { Context as HonoContext, Hono } from "hono";
import type { CampaignStats } from "../../core/stats/index.js";
import { toCsv } from "../../core/util/csv.js";
import { applyServerTruth } from "../storage/server-truth.js";
import { queryStats } from "../storage/stats.js";
import type { Context } from "../context.js";
import { adminAuth, CAMPAIGN_ID, fail, type AppEnv } from "./http.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** the columns of the daily table, in order: the same names as CampaignStats.daily */
export const DAILY_COLUMNS = ["impressions", "reach", "participants", "plays", "wins", "claims", "leads"] as const;

/** the stats a request asks for (campaign, range, automated), or the error response; JSON and CSV read the same numbers */
async function statsFor(c: HonoContext<AppEnv>, ctx: Context): Promise<{ id: string; stats: CampaignStats } | Response> {
  const campaignId = c.req.param("id") ?? "";
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
  const campaign = ctx.campaigns.get(campaignId);
  const stats = await queryStats(ctx.db, {
    campaignId,
    from,
    to,
    includeAutomated: ctx.includeAutomated || includeAutomated === "true",
    timezone: campaign?.timezone,
    now: ctx.now(),
  });
  // the collector draws for a server-mode campaign, so its own records, not the browsers' events, count plays and prizes
  if (campaign?.mode === "server") {
    return {
      id: campaignId,
      stats: await applyServerTruth(ctx.db, stats, { campaignId, timezone: campaign.timezone, from, to, now: ctx.now() }),
    };
  }
  return { id: campaignId, stats: { ...stats, source: "events" } as CampaignStats };
}

export function statsRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.get("/v1/campaigns/:id/stats", adminAuth(ctx), async (c) => {
    const r = await statsFor(c, ctx);
    return r instanceof Response ? r : c.json(r.stats);
  });

  // the daily table for a spreadsheet: UTF-8 with a BOM, formula-looking cells neutralised (core/util/csv.ts)
  app.get("/v1/campaigns/:id/stats.csv", adminAuth(ctx), async (c) => {
    const r = await statsFor(c, ctx);
    if (r instanceof Response) return r;
    const rows = Object.keys(r.stats.daily)
      .sort()
      .map((day) => [day, ...DAILY_COLUMNS.map((k) => r.stats.daily[day]![k])]);
    return c.body(toCsv(["day", ...DAILY_COLUMNS], rows), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.id}-stats.csv"`,
      "Cache-Control": "no-store",
    });
  });
}
