// POST /v1/claims/verify: a brand's backend checks a result token and redeems it, once
import type { Hono } from "hono";
import { z } from "zod/mini";
import { readJsonBody } from "../ingest/body.js";
import { verifyResult } from "../security/tokens.js";
import type { Context } from "../context.js";
import { adminOnly, fail, firstIssue, type AppEnv } from "./http.js";

const verifySchema = z.object({ token: z.string().check(z.minLength(1), z.maxLength(4096)) });

export function claimRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/claims/verify", async (c) => {
    const denied = adminOnly(c, ctx);
    if (denied) return denied;
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const parsed = verifySchema.safeParse(body.value);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const claim = verifyResult(ctx.secret, parsed.data.token);
    if (!claim) return c.json({ valid: false, error: "token is not genuine: its signature does not match" }, 400);
    if (!claim.win || claim.p === null)
      return c.json({ valid: true, redeemed: false, claim, error: "this draw won nothing to redeem" }, 409);
    const at = ctx.now();
    const fresh = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.query(
        "INSERT INTO redemptions (campaign_id, draw_id, redeemed_at) VALUES ($1, $2, $3) ON CONFLICT (campaign_id, draw_id) DO NOTHING RETURNING draw_id",
        [claim.c, claim.d, at],
      );
      if (row)
        await ctx.webhooks.enqueue(tx, {
          type: "claim",
          campaignId: claim.c,
          data: { drawId: claim.d, visitorId: claim.v, prizeId: claim.p, code: claim.code ?? null, at },
        });
      return row;
    });
    if (fresh) return c.json({ valid: true, redeemed: true, redeemedAt: at, claim });
    const [prior] = await ctx.db.query<{ redeemed_at: number }>(
      "SELECT redeemed_at FROM redemptions WHERE campaign_id = $1 AND draw_id = $2",
      [claim.c, claim.d],
    );
    return c.json({ valid: true, redeemed: false, redeemedAt: prior?.redeemed_at ?? null, claim, error: "already redeemed" }, 409);
  });
}
