// POST /v1/campaigns/:id/bonus and /leads: calls about a minted visitor, so they need its token
import type { Context as HonoContext, Hono } from "hono";
import { z } from "zod/mini";
import type { Engine } from "../../core/engine/types.js";
import type { Campaign } from "../../core/schema/index.js";
import { readJsonBody } from "../ingest/body.js";
import { unstorableText } from "../ingest/normalize.js";
import { storeLead } from "../leads/index.js";
import { leadConsent } from "../../core/schema/index.js";
import type { Context } from "../context.js";
import { countShare, leadSubject, setSubject } from "../identity/index.js";
import { fail, firstIssue, limited, type AppEnv } from "./http.js";
import { authenticate, takeHourlyAllowance, type Visitor } from "./identity.js";

// no control characters anywhere: PostgreSQL text cannot hold NUL, and nobody's name or address has one
const EMAIL = /^[^\s@\x00-\x1f\x7f]{1,64}@[^\s@\x00-\x1f\x7f]{1,190}\.[^\s@\x00-\x1f\x7f]{2,63}$/;
const NAME = /^[^\x00-\x1f\x7f]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

const identity = { visitorId: z.string(), visitorToken: z.string().check(z.maxLength(100)) };
const bonusSchema = z.object(identity);
const leadSchema = z.object({
  ...identity,
  email: z.optional(z.string().check(z.maxLength(254), z.regex(EMAIL, "must be an email address such as an@example.com"))),
  phone: z.optional(z.string().check(z.regex(PHONE, "must be a phone number of 6–25 digits, spaces or + ( ) . -"))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(100), z.regex(NAME, "must not contain control characters"))),
  consent: z.boolean(),
  /** the version of the consent text the form showed; the stored text and version come from the campaign */
  consentVersion: z.optional(z.string().check(z.maxLength(40))),
});

type Checked<T> = { ok: true; campaign: Campaign; engine: Engine; data: T; who: Visitor } | { ok: false; response: Response };

/** the shared steps: known campaign, readable body, valid fields, genuine visitor token, under the rate limit */
async function checkVisitorCall<T extends { visitorId: string; visitorToken: string }>(
  c: HonoContext<AppEnv>,
  ctx: Context,
  schema: z.ZodMiniType<T>,
): Promise<Checked<T>> {
  const campaignId = c.req.param("id") ?? "";
  const campaign = ctx.campaigns.get(campaignId);
  const engine = ctx.engine(campaignId);
  if (!campaign || !engine) return { ok: false, response: fail(c, 404, `unknown campaign "${campaignId}"`) };
  const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
  if (!body.ok) return { ok: false, response: fail(c, body.status, body.error) };
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return { ok: false, response: fail(c, 400, firstIssue(parsed.error)) };
  // a lone surrogate (JSON's "\ud800") passes the field rules, but PostgreSQL's JSON parser refuses the payload it ends up in
  const unstorable = unstorableText(parsed.data);
  if (unstorable) return { ok: false, response: fail(c, 400, unstorable) };
  const { visitorId, visitorToken } = parsed.data;
  const who = await authenticate(c, ctx, campaign, visitorId, visitorToken);
  if (who instanceof Response) return { ok: false, response: who };
  const refused = limited(c, ctx.limiters.visitorDraws, `${campaignId}:${visitorId}`, "visitor");
  if (refused) return { ok: false, response: refused };
  return { ok: true, campaign, engine, data: parsed.data, who };
}

export function visitorRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/campaigns/:id/bonus", async (c) => {
    const checked = await checkVisitorCall(c, ctx, bonusSchema);
    if (!checked.ok) return checked.response;
    // anyone can say they shared; only a referral link that brings a new visitor (POST …/visitors with ref) earns a play
    await countShare(ctx.db, checked.campaign.id, checked.data.visitorId);
    return c.json({
      granted: 0,
      counted: true,
      reason: "a share is counted but earns no play by itself: a bonus play is granted when the share link brings a new visitor",
    });
  });

  app.post("/v1/campaigns/:id/leads", async (c) => {
    const checked = await checkVisitorCall(c, ctx, leadSchema);
    if (!checked.ok) return checked.response;
    const { campaign, engine, data, who } = checked;
    if (!data.consent) return fail(c, 400, "consent: must be true; a lead is stored only with the visitor's consent");
    const missing = campaign.lead.fields.filter((f) => !data[f]);
    if (missing.length) return fail(c, 400, `${missing.join(", ")}: required by this campaign`);
    // plays are counted per contact, written any way: An.Nguyen+x@gmail.com and annguyen@gmail.com are one person
    const subject = campaign.identity === "lead" ? leadSubject(data) : undefined;
    if (campaign.identity === "lead" && !subject) {
      return fail(c, 400, "email or phone: cannot be read as an email address or a phone number to count plays for");
    }
    // a form that showed another wording (an old copy of the campaign) did not ask for this consent
    const current = leadConsent(campaign).version;
    if (data.consentVersion !== undefined && data.consentVersion !== current) {
      return fail(
        c,
        409,
        `consentVersion: the form showed version "${data.consentVersion}", the campaign's consent is now "${current}"; reload the campaign and ask again`,
      );
    }
    // every lead is a webhook to the brand's CRM: one address sending forms with invented contacts is held to an hourly
    // allowance in the database (taken last, so a refused form uses none of it)
    const flooded = await takeHourlyAllowance(c, ctx, campaign.id, "lead");
    if (flooded) return flooded;
    const at = ctx.now();
    const lead = { visitorId: data.visitorId, email: data.email ?? null, phone: data.phone ?? null, name: data.name ?? null };
    // every check has passed: the contact plays count for, its consent and the webhook commit together, so a refused lead writes nothing
    await ctx.db.transaction(async (tx) => {
      if (subject) await setSubject(tx, campaign.id, data.visitorId, subject);
      await storeLead(tx, campaign, data, at);
      await ctx.webhooks.enqueue(tx, { type: "lead", campaignId: campaign.id, data: { ...lead, consent: true, at } });
    });
    const player = subject ?? who.player;
    await engine.markLead(player);
    return c.json({ stored: true }, 201);
  });
}
