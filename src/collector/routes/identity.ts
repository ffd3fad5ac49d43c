// POST /v1/campaigns/:id/visitors mints a visitor; GET …/challenge hands out a proof-of-work challenge
import type { Context as HonoContext, Hono } from "hono";
import { z } from "zod/mini";
import type { Campaign } from "../../core/schema/index.js";
import { deviceClass, sourceOf } from "../../core/stats/index.js";
import type { Context } from "../context.js";
import { findByReferral, findIdentity, insertIdentity, subjectSeen, takeAddressAllowance, type Identity } from "../identity/index.js";
import { readJsonBody } from "../ingest/body.js";
import { addressAllowances, addressKey, sameNetwork } from "../security/client-address.js";
import { createPowChallenge } from "../security/proof-of-work.js";
import { readReferralToken, referralToken, verifyVisitorToken, visitorToken } from "../security/tokens.js";
import { checkVisitorId } from "./campaigns.js";
import { clientIp, fail, firstIssue, type AppEnv } from "./http.js";

const mintSchema = z.object({
  ref: z.optional(z.string().check(z.maxLength(100))),
  memberToken: z.optional(z.string().check(z.maxLength(4096))),
  /** the page the visitor arrived on: its utm source or referrer names the source their plays are credited to */
  context: z.optional(
    z.object({
      url: z.optional(z.string().check(z.maxLength(2048))),
      referrer: z.optional(z.string().check(z.maxLength(2048))),
      utm: z.optional(z.record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(200)))),
    }),
  ),
});

export const MINT_HINT = "mint a visitor with POST /v1/campaigns/:id/visitors";

/** a caller proven to be a visitor the collector minted, and whom its plays count for */
export type Visitor = { identity: Identity; player: string };

/** the network address a request is counted under (IPv4 /32, IPv6 /64; an IPv6 address counts against its /56 and /48 too) */
export function requestAddress(c: HonoContext<AppEnv>, ctx: Context): string {
  return addressKey(clientIp(c, ctx.trustedProxies));
}

/**
 * Check a visitor id and token against the minted visitors: a token is worth something only for an id this
 * collector minted. `player` is the ledger plays count against: the member, the lead's contact or the visitor.
 * @example const who = await authenticate(c, ctx, campaign, body.visitorId, body.visitorToken); if (who instanceof Response) return who;
 */
export async function authenticate(
  c: HonoContext<AppEnv>,
  ctx: Context,
  campaign: Campaign,
  visitorId: unknown,
  token: unknown,
): Promise<Visitor | Response> {
  const badId = checkVisitorId(visitorId);
  if (badId) return fail(c, 400, badId);
  const id = visitorId as string;
  const identity = verifyVisitorToken(ctx.secret, campaign.id, id, token) ? await findIdentity(ctx.db, campaign.id, id) : undefined;
  if (!identity) return fail(c, 403, `visitorToken is not valid for this visitorId; ${MINT_HINT}`);
  return { identity, player: identity.subject ?? identity.visitorId };
}

/** the hour an allowance is counted in; clock hours in UTC keep the window the same on every instance */
const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/**
 * Take one of the request address's hourly allowances for a campaign (`limits.mintsPerAddress`,
 * `limits.leadsPerAddress`), counted in the database so every instance shares it: the 429 naming the limit, with
 * Retry-After at the next clock hour, once it is used up; undefined while it lasts or when the limit is off.
 * @example const refused = await takeHourlyAllowance(c, ctx, campaign.id, "lead"); if (refused) return refused;
 */
export async function takeHourlyAllowance(
  c: HonoContext<AppEnv>,
  ctx: Context,
  campaignId: string,
  kind: "mint" | "lead",
): Promise<Response | undefined> {
  const setting = kind === "mint" ? "mintsPerAddress" : "leadsPerAddress";
  const limit = ctx.limits[setting];
  if (!limit) return undefined;
  const now = ctx.now();
  // an IPv6 /64 takes one of its /56's and /48's allowances too, or none when any of them is used up
  const allowances = addressAllowances(requestAddress(c, ctx), limit.perHour, ctx.limits.ipv6Prefixes);
  if (await takeAddressAllowance(ctx.db, { campaignId, kind, period: hourOf(now), allowances })) return undefined;
  const retry = Math.max(1, Math.ceil((3_600_000 - (now % 3_600_000)) / 1000));
  const what = kind === "mint" ? "new visitors" : "lead forms";
  const error = `too many ${what} from this network address this hour (limits.${setting}.perHour is ${limit.perHour}); retry in ${retry} s`;
  return fail(c, 429, error, { "Retry-After": String(retry) });
}

export function identityRoutes(app: Hono<AppEnv>, ctx: Context): void {
  app.post("/v1/campaigns/:id/visitors", async (c) => {
    const campaign = ctx.campaigns.get(c.req.param("id"));
    const engine = ctx.engine(c.req.param("id"));
    if (!campaign || !engine) return fail(c, 404, `unknown campaign "${c.req.param("id")}"`);
    const body = await readJsonBody(c.req.raw, ctx.limits.bodyBytes);
    if (!body.ok) return fail(c, body.status, body.error);
    const parsed = mintSchema.safeParse(body.value);
    if (!parsed.success) return fail(c, 400, firstIssue(parsed.error));
    const { ref, memberToken, context } = parsed.data;
    const now = ctx.now();
    const address = requestAddress(c, ctx);

    let subject: string | null = null;
    if (campaign.identity === "member") {
      if (!memberToken) return fail(c, 401, "memberToken: this campaign counts plays per member; the page must pass data-member-token");
      const member = await ctx.verifyMember!(memberToken);
      if (!member.ok) return fail(c, 401, member.error);
      subject = `member:${member.sub}`;
    }

    const refused = await takeHourlyAllowance(c, ctx, campaign.id, "mint");
    if (refused) return refused;

    // a referral counts only for a visitor who is new: not the referrer, not from the referrer's network (its IPv4 address or
    // IPv6 /48; a dual-stack home can still refer itself across the two), not a known member; an erased referrer's address
    // is blank, and a link whose owner's address is unknown credits nobody
    const referralId = ref ? readReferralToken(ctx.secret, campaign.id, ref) : null;
    const referrer = referralId ? await findByReferral(ctx.db, campaign.id, referralId) : undefined;
    const isNew = !subject || !(await subjectSeen(ctx.db, campaign.id, subject));
    const credited =
      referrer &&
      isNew &&
      referrer.address !== "" &&
      !sameNetwork(referrer.address, address) &&
      (subject === null || referrer.subject !== subject);

    const identity = await insertIdentity(ctx.db, {
      campaignId: campaign.id,
      address,
      subject,
      referredBy: credited ? referrer.visitorId : null,
      // decided once, here, by the same rule as the event stats; a play is credited to it only when the collector draws it
      source: sourceOf(context),
      // read from the request, as ingest reads an event's; no User-Agent is an unknown device
      device: deviceClass(c.req.header("user-agent")),
      now,
    });
    let bonus = 0;
    if (credited) bonus = await engine.grantBonus(referrer.subject ?? referrer.visitorId);
    c.set("logExtra", { referred: Boolean(referrer), credited: Boolean(credited), bonus });
    return c.json(
      {
        visitorId: identity.visitorId,
        visitorToken: visitorToken(ctx.secret, campaign.id, identity.visitorId),
        referralToken: referralToken(ctx.secret, campaign.id, identity.referralId),
      },
      201,
    );
  });

  app.get("/v1/campaigns/:id/challenge", async (c) => {
    const campaign = ctx.campaigns.get(c.req.param("id"));
    if (!campaign) return fail(c, 404, `unknown campaign "${c.req.param("id")}"`);
    const pow = campaign.antiBot?.proofOfWork;
    if (!pow) return fail(c, 404, `campaign "${campaign.id}" asks for no proof of work`);
    c.header("Cache-Control", "no-store");
    return c.json(await createPowChallenge(ctx.secret, campaign.id, pow.maxNumber, ctx.now()));
  });
}
