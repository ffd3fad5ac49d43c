// POST /v1/campaigns/:id/draw: the server-mode draw, idempotent by request id and signed
import type { Hono } from "hono";
import { z } from "zod/mini";
import type { DrawResult } from "../../core/engine/types.js";
import { readJsonBody } from "../ingest/body.js";
import { DrawReplayError } from "../storage/engine-store.js";
import { signResult, verifyVisitorToken } from "../security/tokens.js";
import type { Context } from "../context.js";
import { checkVisitorId } from "./campaigns.js";
import { fail, firstIssue, limited, type AppEnv } from "./http.js";

const drawSchema = z.object({
  visitorId: z.string(),
  visitorToken: z.string().check(z.maxLength(100)),
  requestId: z.string().check(z.regex(/^[\x21-\x7e]{8,64}$/, "must be 8–64 printable ASCII characters (a UUID works)")),
  answers: z.optional(z.record(z.string().check(z.maxLength(64)), z.union([z.int(), z.array(z.int()).check(z.maxLength(16))]))),
});

/** the result as the client gets it: with its signed token when something was drawn */
function signed(ctx: Context, campaignId: string, visitorId: string, result: DrawResult): DrawResult {
  if (!result.ok) return result;
  const token = signResult(ctx.secret, {
    c: campaignId,
    d: result.drawId,
    v: visitorId,
    p: result.prize?.id ?? null,
    win: result.win,
    at: result.at,
    ...(result.code ? { code: result.code } : {}),
    ...(result.test ? { test: true } : {}),
  });
  return { ...result, token };
}

export function drawRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/campaigns/:id/draw", async (c) => {
    const campaignId = c.req.param("id");
    const engine = ctx.engine(campaignId);
    if (!engine) return fail(c, 404, `unknown campaign "${campaignId}"`);
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const parsed = drawSchema.safeParse(body.value);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const { visitorId, visitorToken, requestId, answers } = parsed.data;
    const badId = checkVisitorId(visitorId);
    if (badId) return fail(c, 400, badId);
    if (!verifyVisitorToken(ctx.secret, campaignId, visitorId, visitorToken)) {
      return fail(c, 403, "visitorToken does not match visitorId; get one from GET /v1/campaigns/:id/eligibility");
    }

    const replay = async () => {
      const [prior] = await ctx.db.query<{ visitor_id: string; result: DrawResult }>(
        "SELECT visitor_id, result FROM draws WHERE campaign_id = $1 AND draw_id = $2",
        [campaignId, requestId],
      );
      if (!prior) return undefined;
      if (prior.visitor_id !== visitorId) return fail(c, 409, "requestId was already used by another visitor; send a new one");
      c.set("logExtra", { replay: true });
      return c.json(signed(ctx, campaignId, visitorId, prior.result));
    };
    const earlier = await replay();
    if (earlier) return earlier;
    const refused = limited(c, ctx.limiters.visitorDraws, `${campaignId}:${visitorId}`, "visitor");
    if (refused) return refused;

    try {
      const result = await engine.draw(visitorId, { drawId: requestId, ...(answers ? { answers } : {}) });
      // a twin of this request may have played first and made this one look like a second play
      if (!result.ok) {
        const twin = await replay();
        if (twin) return twin;
      }
      c.set("logExtra", { ok: result.ok, win: result.ok ? result.win : false });
      return c.json(signed(ctx, campaignId, visitorId, result));
    } catch (e) {
      // another visitor took this request id between our check and the draw
      if (e instanceof DrawReplayError) return fail(c, 409, "requestId was already used by another visitor; send a new one");
      throw e;
    }
  });
}
