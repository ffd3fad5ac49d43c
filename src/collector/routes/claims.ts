// POST /v1/campaigns/:id/claims/verify: a brand's backend checks a result token of that campaign and redeems it, once
import type { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod/mini";
import { readJsonBody } from "../ingest/body.js";
import { dayKey } from "../../core/util/time.js";
import { redeemDraw } from "../storage/draw-totals.js";
import { verifyResult } from "../security/tokens.js";
import type { Context } from "../context.js";
import { fail, firstIssue, requireBearer, type AppEnv } from "./http.js";

const verifySchema = z.object({ token: z.string().check(z.minLength(1), z.maxLength(4096)) });

export function claimRoutes(app: Hono<AppEnv>, ctx: Context): void {
  const knownCampaign = createMiddleware<AppEnv>(async (c, next) => {
    const campaignId = c.req.param("id") ?? "";
    if (!ctx.campaigns.has(campaignId)) return fail(c, 404, `unknown campaign ${JSON.stringify(campaignId)}`);
    await next();
  });
  // the campaign's own claim key, so a shop's backend never needs the admin token (which reads every stat and lead)
  const claimAuth = requireBearer(
    (c) => [ctx.claimKeys.get(c.req.param("id") ?? ""), ctx.adminToken],
    "claim verification is disabled for this campaign: give the collector a claim key for it (--claim-key <campaignId>=<key>) or an admin token",
    "claim key or admin token",
  );

  app.post("/v1/campaigns/:id/claims/verify", knownCampaign, claimAuth, async (c) => {
    const campaignId = c.req.param("id");
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const parsed = verifySchema.safeParse(body.value);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const claim = verifyResult(ctx.secret, parsed.data.token);
    if (!claim) return c.json({ valid: false, redeemed: false, error: "token is not genuine: its signature does not match" }, 400);
    if (claim.c !== campaignId) {
      // no claim in the answer: it belongs to another campaign, whose key this caller may not hold
      return c.json(
        { valid: false, redeemed: false, error: `token is for campaign ${JSON.stringify(claim.c)}, not ${JSON.stringify(campaignId)}` },
        400,
      );
    }
    if (claim.test) {
      return c.json({ valid: true, redeemed: false, test: true, claim, error: "a test-mode result never redeems" }, 409);
    }
    if (!claim.win || claim.p === null) {
      return c.json({ valid: true, redeemed: false, claim, error: "this draw won nothing to redeem" }, 409);
    }
    const at = ctx.now();
    const fresh = await ctx.db.transaction(async (tx) => {
      // the draw must be on record, a win and not a test: a token signed elsewhere with the same secret redeems nothing
      const day = dayKey(at, ctx.campaigns.get(campaignId)!.timezone);
      const row = await redeemDraw(tx, { campaignId, drawId: claim.d, visitorId: claim.v, at, day });
      if (row)
        await ctx.webhooks.enqueue(tx, {
          type: "claim",
          campaignId,
          data: { drawId: claim.d, visitorId: claim.v, prizeId: claim.p, code: claim.code ?? null, at },
        });
      return row;
    });
    if (fresh) return c.json({ valid: true, redeemed: true, redeemedAt: at, claim });
    const [prior] = await ctx.db.query<{ redeemed_at: number }>(
      "SELECT redeemed_at FROM redemptions WHERE campaign_id = $1 AND draw_id = $2",
      [campaignId, claim.d],
    );
    if (prior) return c.json({ valid: true, redeemed: false, redeemedAt: prior.redeemed_at, claim, error: "already redeemed" }, 409);
    return c.json({ valid: true, redeemed: false, claim, error: "this collector has no record of that winning draw" }, 409);
  });

  // the unscoped endpoint redeemed any campaign's token with one key; say where it went rather than 404
  app.post("/v1/claims/verify", (c) =>
    fail(c, 410, "POST /v1/claims/verify was removed: verify a claim at POST /v1/campaigns/<campaignId>/claims/verify"),
  );
}
