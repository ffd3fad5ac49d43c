// GET /v1/campaigns/:id (public view) and GET /v1/campaigns/:id/eligibility (with the visitor's token)
import type { Hono } from "hono";
import type { Campaign } from "../../core/schema/index.js";
import { visitorToken } from "../security/tokens.js";
import type { Context } from "../context.js";
import { fail, type AppEnv } from "./http.js";

const VISITOR_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * What a browser may see of a campaign: no coupon codes (pool, generator or shared), and in server mode no quiz answers,
 * explanations or choice-to-outcome mapping. A server-mode page loads this view, never the campaign file.
 * @example publicCampaign(campaign).prizes[0].codes // undefined
 */
export function publicCampaign(campaign: Campaign): Campaign {
  const prizes = campaign.prizes.map(({ codes: _codes, codeGenerator: _generator, code: _shared, ...prize }) => prize);
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
    if (!engine) return fail(c, 404, `unknown campaign "${campaignId}"`);
    const visitorId = c.req.query("visitorId");
    const bad = checkVisitorId(visitorId);
    if (bad) return fail(c, 400, bad);
    const eligibility = await engine.eligibility(visitorId!);
    return c.json({ ...eligibility, visitorToken: visitorToken(ctx.secret, campaignId, visitorId!) });
  });
}
