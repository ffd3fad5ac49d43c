// POST /v1/campaigns/:id/claims/verify: a brand's backend checks a result token of that campaign and redeems it, once
import type { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod/mini";
import { readJsonBody } from "../ingest/body.js";
import { dayKey } from "../../core/util/time.js";
import { drawPlayer } from "../storage/draw-row.js";
import { redeemDraw, SHOWN_CODE } from "../storage/draw-totals.js";
import { verifyResult } from "../security/tokens.js";
import type { Context } from "../context.js";
import { fail, firstIssue, requireBearer, type AppEnv } from "./http.js";

type StoredDraw = {
  visitor_id: string;
  requested_by: string | null;
  prize_id: string | null;
  code: string | null;
  win: boolean;
  test: boolean;
  redeemed_at: number | null;
};

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
    const prizeId = claim.p;
    const code = claim.code ?? null;
    const fresh = await ctx.db.transaction(async (tx) => {
      // the draw must be on record as the token describes it, a win and not a test: a token signed elsewhere with the
      // same secret redeems nothing, not even by naming a real draw with a better prize
      const day = dayKey(at, ctx.campaigns.get(campaignId)!.timezone);
      const row = await redeemDraw(tx, { campaignId, drawId: claim.d, visitorId: claim.v, prizeId, code, at, day });
      // what is announced is the stored draw, with the minted visitor who drew it, never a lead's contact
      if (row)
        await ctx.webhooks.enqueue(tx, {
          type: "claim",
          campaignId,
          data: { drawId: claim.d, ...drawPlayer(row.visitor_id, row.requested_by), prizeId: row.prize_id, code: row.code, at },
        });
      return row;
    });
    // the stored prize and code, equal to the token's (the insert checked them)
    if (fresh)
      return c.json({ valid: true, redeemed: true, redeemedAt: at, claim: { ...claim, p: fresh.prize_id, code: fresh.code ?? undefined } });
    const [stored] = await ctx.db.query<StoredDraw>(
      `SELECT d.visitor_id, d.requested_by, d.prize_id, ${SHOWN_CODE} AS code, d.win, d.test, r.redeemed_at FROM draws d
       LEFT JOIN redemptions r ON r.campaign_id = d.campaign_id AND r.draw_id = d.draw_id WHERE d.campaign_id = $1 AND d.draw_id = $2`,
      [campaignId, claim.d],
    );
    const unknown = { valid: true, redeemed: false, claim, error: "this collector has no record of that winning draw" };
    if (!stored?.win || stored.test || (claim.v !== stored.visitor_id && claim.v !== stored.requested_by)) return c.json(unknown, 409);
    // the collector signs only what it stored, so this token was altered and re-signed: its claim is not repeated
    const differs = [stored.prize_id !== prizeId && "prize", stored.code !== code && "code"].filter(Boolean);
    if (differs.length) {
      const what = `its ${differs.join(" and ")} ${differs.length > 1 ? "differ" : "differs"}`;
      return c.json({ valid: false, redeemed: false, error: `token does not match the stored draw: ${what}; nothing was redeemed` }, 409);
    }
    if (stored.redeemed_at === null) return c.json(unknown, 409);
    return c.json({ valid: true, redeemed: false, redeemedAt: stored.redeemed_at, claim, error: "already redeemed" }, 409);
  });

  // the unscoped endpoint redeemed any campaign's token with one key; say where it went rather than 404
  app.post("/v1/claims/verify", (c) =>
    fail(c, 410, "POST /v1/claims/verify was removed: verify a claim at POST /v1/campaigns/<campaignId>/claims/verify"),
  );
}
