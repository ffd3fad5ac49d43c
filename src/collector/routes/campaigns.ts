// GET /v1/campaigns/:id (public view) and GET /v1/campaigns/:id/eligibility (for a minted visitor, with its token)
import type { Hono } from "hono";
import { prizeCapacity, type Campaign } from "../../core/schema/index.js";
import type { Context } from "../context.js";
import { fail, type AppEnv } from "./http.js";
import { authenticate } from "./identity.js";

const VISITOR_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * What a browser may see of a campaign: no coupon codes (pool, generator or shared), and in server mode no quiz answers,
 * explanations or choice-to-outcome mapping. A server-mode page loads this view, never the campaign file.
 * A prize's quantity stays: a code pool becomes the stock it bounds, so the odds sheet says what `minigame odds` says.
 * @example publicCampaign(campaign).prizes[0] // { id: "voucher", stock: 6, ... } for 6 codes and no stock; no `codes`
 */
export function publicCampaign(campaign: Campaign): Campaign {
  const prizes = campaign.prizes.map(({ codes: _codes, codeGenerator: _generator, code: _shared, ...prize }, i) => {
    // the field the browser already reads (prizeCapacity), not a new count a campaign file could set without a pool
    const capacity = prizeCapacity(campaign.prizes[i]!);
    return capacity === Infinity ? prize : { ...prize, stock: capacity };
  });
  // in server mode the collector scores the quiz, so the answers stay here
  const quiz =
    campaign.quiz && campaign.mode === "server"
      ? {
          ...campaign.quiz,
          // which choice leads to which outcome would let a visitor steer an outcome quiz to the best prize
          questions: campaign.quiz.questions.map(({ answer: _answer, explanation: _e, choiceOutcomes: _o, ...q }) => q),
        }
      : campaign.quiz;
  return { ...campaign, prizes, ...(quiz ? { quiz } : {}) };
}

/** visitor ids are printable ASCII without spaces, like the ids the tracker makes */
export function checkVisitorId(visitorId: unknown): string | null {
  if (typeof visitorId !== "string" || !VISITOR_ID.test(visitorId))
    return "visitorId must be 1–64 printable ASCII characters without spaces";
  return null;
}

export function campaignRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.get("/v1/campaigns/:id", (c) => {
    const campaign = ctx.campaigns.get(c.req.param("id"));
    if (!campaign) return fail(c, 404, `unknown campaign "${c.req.param("id")}"`);
    return c.json(publicCampaign(campaign));
  });

  app.get("/v1/campaigns/:id/eligibility", async (c) => {
    const campaignId = c.req.param("id");
    const engine = ctx.engine(campaignId);
    const campaign = ctx.campaigns.get(campaignId);
    if (!engine || !campaign) return fail(c, 404, `unknown campaign "${campaignId}"`);
    // the token proves the id was minted here; nothing hands out a token for an id the caller picked
    const who = await authenticate(c, ctx, campaign, c.req.query("visitorId"), c.req.query("visitorToken"));
    if (who instanceof Response) return who;
    if (campaign.identity === "lead" && who.identity.subject === null)
      return c.json({ ok: false, reason: "lead_required", playsLeft: null, playsLeftToday: null });
    return c.json(await engine.eligibility(who.player));
  });
}
