// admin endpoints for people's data: one person's export and erasure across campaigns, and a campaign's leads as CSV
import type { Context as HonoContext, Hono } from "hono";
import { toCsv } from "../../core/util/csv.js";
import type { Context } from "../context.js";
import { unstorableText } from "../ingest/normalize.js";
import { adminAuth, fail, type AppEnv } from "../routes/http.js";
import { campaignLeads, erasePerson, findPerson, type PersonSelector } from "./store.js";

const SELECTORS = ["email", "phone", "visitor"] as const;

/** exactly one of ?email=, ?phone=, ?visitor=, non-empty and short, or a sentence saying what is wrong */
export function personSelector(query: Record<string, string>): PersonSelector | string {
  const given = SELECTORS.filter((k) => query[k] !== undefined);
  if (given.length !== 1) return "give exactly one of ?email=, ?phone= or ?visitor=";
  const key = given[0]!;
  const value = query[key]!.trim();
  if (!value || value.length > 254) return `${key} must be 1–254 characters`;
  // PostgreSQL would fail on a NUL with a 500; nobody's email, phone or visitor id holds one
  const unstorable = unstorableText(value, key);
  if (unstorable) return unstorable;
  if (key === "phone" && value.replace(/\D/g, "").length < 6) return "phone must have at least 6 digits";
  return { [key]: value } as PersonSelector;
}

export function leadRoutes(app: Hono<AppEnv>, ctx: Context): void {
  const admin = adminAuth(ctx);
  /** the person named by the query, or the 400 that says why there is none */
  const person = (c: HonoContext<AppEnv>): PersonSelector | Response => {
    const selector = personSelector(c.req.query());
    return typeof selector === "string" ? fail(c, 400, selector) : selector;
  };

  // access (Decree 13 art. 14, GDPR art. 15): everything held on one person, across every campaign
  app.get("/v1/leads", admin, async (c) => {
    const selector = person(c);
    if (selector instanceof Response) return selector;
    const data = await findPerson(ctx.db, selector);
    c.set("logExtra", { leads: data.leads.length, draws: data.draws.length, webhooks: data.webhooks.length });
    return c.json(data, 200, { "Cache-Control": "no-store" });
  });

  // erasure (Decree 13 art. 16, GDPR art. 17)
  app.delete("/v1/leads", admin, async (c) => {
    const selector = person(c);
    if (selector instanceof Response) return selector;
    const erased = await ctx.db.transaction((tx) => erasePerson(tx, selector));
    c.set("logExtra", { ...erased });
    return c.json({
      erased,
      kept: "draws, redemptions and play counts stay as prize accounting, under ids no contact data points to any more",
    });
  });

  app.get("/v1/campaigns/:id/leads.csv", admin, async (c) => {
    const campaignId = c.req.param("id");
    if (!ctx.campaigns.has(campaignId)) return fail(c, 404, `unknown campaign ${JSON.stringify(campaignId)}`);
    const leads = await campaignLeads(ctx.db, campaignId);
    c.set("logExtra", { leads: leads.length });
    const csv = toCsv(
      ["campaign_id", "visitor_id", "email", "phone", "name", "consent_version", "consent_at", "consent_text", "created_at", "updated_at"],
      leads.map((l) => [
        l.campaignId,
        l.visitorId,
        l.email,
        l.phone,
        l.name,
        l.consent.version,
        l.consent.at,
        l.consent.text,
        l.createdAt,
        l.updatedAt,
      ]),
    );
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${campaignId}-leads.csv"`,
      "Cache-Control": "no-store",
    });
  });
}
