// POST /v1/campaigns/:id/draw: the server-mode draw, idempotent by request id and signed
import type { Hono } from "hono";
import { z } from "zod/mini";
import type { DrawResult, QuizResult } from "../../core/engine/types.js";
import { readJsonBody } from "../ingest/body.js";
import { priorDraw } from "../storage/draw-row.js";
import { DrawReplayError } from "../storage/engine-store.js";
import { spendPowSolution } from "../security/proof-of-work.js";
import { signResult } from "../security/tokens.js";
import type { Context } from "../context.js";
import { fail, firstIssue, limited, type AppEnv } from "./http.js";
import { authenticate, requestAddress } from "./identity.js";

const drawSchema = z.object({
  visitorId: z.string(),
  visitorToken: z.string().check(z.maxLength(100)),
  requestId: z.string().check(z.regex(/^[\x21-\x7e]{8,64}$/, "must be 8–64 printable ASCII characters (a UUID works)")),
  answers: z.optional(z.record(z.string().check(z.maxLength(64)), z.union([z.int(), z.array(z.int()).check(z.maxLength(16))]))),
  /** a solved ALTCHA challenge, when the campaign asks for proof of work */
  proofOfWork: z.optional(z.string().check(z.maxLength(4096))),
});

const TAKEN = "requestId was already used by another visitor; send a new one";

/**
 * The result as the client gets it: with its signed token when something was drawn, naming the minted visitor who drew,
 * and of the quiz only what the visitor must see (passed, and an outcome quiz's outcome). The score, maxScore and tier
 * prizes stay in the stored draw: handed to every attempt, a score tells a script which single changed answer was right,
 * and it learns a 4 × 4 key in 8 plays.
 */
function signed(ctx: Context, campaignId: string, visitorId: string, stored: DrawResult): DrawResult {
  if (!stored.ok) return stored;
  const result = stored.quiz ? { ...stored, quiz: shownQuiz(stored.quiz) } : stored;
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

/** a quiz result without score, maxScore and prizeIds (a replayed draw too: its stored result keeps them) */
function shownQuiz({ passed, outcomeId }: QuizResult): QuizResult {
  return outcomeId === undefined ? { passed } : { passed, outcomeId };
}

export function drawRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/campaigns/:id/draw", async (c) => {
    const campaignId = c.req.param("id");
    const engine = ctx.engine(campaignId);
    const campaign = ctx.campaigns.get(campaignId);
    if (!engine || !campaign) return fail(c, 404, `unknown campaign "${campaignId}"`);
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const parsed = drawSchema.safeParse(body.value);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const { visitorId, visitorToken, requestId, answers, proofOfWork } = parsed.data;
    const who = await authenticate(c, ctx, campaign, visitorId, visitorToken);
    if (who instanceof Response) return who;
    // plays count for the member, the lead's contact or the visitor, whichever the campaign's identity says
    const player = who.player;
    // a request id belongs to the browser that sent it: several minted visitors may play as one contact or member, and
    // only the one who made a draw gets its code and token again
    const requestedBy = who.identity.visitorId;

    const replay = async () => {
      const prior = await priorDraw<DrawResult>(ctx.db, campaignId, requestId, player, requestedBy);
      if (!prior) return undefined;
      if (prior === "taken") return fail(c, 409, TAKEN);
      c.set("logExtra", { replay: true });
      return c.json(signed(ctx, campaignId, requestedBy, prior.result));
    };
    // a retried request id gets its first answer: the draw's own statement finds the id taken (a round trip less per
    // draw); it is looked up first only where a refusal or a spent proof of work would answer before the draw does
    const refused = limited(c, ctx.limiters.visitorDraws, `${campaignId}:${visitorId}`, "visitor");
    if (refused) return (await replay()) ?? refused;
    if (campaign.identity === "lead" && who.identity.subject === null) {
      // the form was not sent yet: nobody to count this play for
      return (await replay()) ?? c.json({ ok: false, reason: "lead_required", playsLeft: null, playsLeftToday: null } satisfies DrawResult);
    }
    if (campaign.antiBot?.proofOfWork) {
      const earlier = await replay();
      if (earlier) return earlier;
      const pow = await spendPowSolution(ctx.db, ctx.secret, campaignId, proofOfWork, ctx.now());
      if (!pow.ok) return fail(c, 400, pow.error);
    }
    // the per-address allowance is read and counted inside the draw's transaction, so it holds across instances
    const guard = { key: requestAddress(c, ctx), perDay: campaign.limits.perAddress.perDay };

    try {
      const result = await engine.draw(player, { drawId: requestId, guard, requestedBy, ...(answers ? { answers } : {}) });
      // a twin of this request may have played first and made this one look like a second play
      if (!result.ok) {
        const twin = await replay();
        if (twin) return twin;
      }
      c.set("logExtra", { ok: result.ok, win: result.ok ? result.win : false });
      return c.json(signed(ctx, campaignId, requestedBy, result));
    } catch (e) {
      // another visitor took this request id between our check and the draw
      if (e instanceof DrawReplayError) return fail(c, 409, TAKEN);
      throw e;
    }
  });
}
