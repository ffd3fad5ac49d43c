// identity modes over real HTTP on both databases: plays counted per visitor, per contact or per member
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector } from "../../src/collector/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, type Minted, startServer, type TestServer } from "./server.js";

const MEMBER_SECRET = "brand-backend-secret-0123456789abcdef";
const prizes = [
  { id: "pen", label: "Pen", weight: 1 },
  { id: "none", label: "Next time", weight: 1, win: false },
];
const byLead = {
  id: "by-lead",
  game: "wheel",
  mode: "server",
  identity: "lead",
  requireLead: true,
  lead: { fields: ["email"] },
  limits: { perVisitor: { total: 1 } },
  prizes,
};
const byMember = { id: "by-member", game: "wheel", mode: "server", identity: "member", limits: { perVisitor: { total: 1 } }, prizes };
const byVisitor = { id: "by-visitor", game: "wheel", mode: "server", limits: { perVisitor: { total: 1 } }, prizes };

const memberToken = (sub: string, secret = MEMBER_SECRET) =>
  new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("10m").sign(new TextEncoder().encode(secret));

describe.each(BACKENDS)("identity modes on $name", (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [byLead, byMember, byVisitor],
      member: { secret: MEMBER_SECRET },
      limits: { ip: false, visitorDraws: false, mintsPerAddress: { perHour: 30 } },
    });
  });
  afterAll(async () => {
    await s?.close();
  });
  const draw = async (campaignId: string, v: Minted) =>
    (
      await s.post(`/v1/campaigns/${campaignId}/draw`, {
        visitorId: v.visitorId,
        visitorToken: v.visitorToken,
        requestId: crypto.randomUUID(),
      })
    ).json();
  const lead = (campaignId: string, v: Minted, email: string, extra: Record<string, unknown> = {}) =>
    s.post(`/v1/campaigns/${campaignId}/leads`, { visitorId: v.visitorId, visitorToken: v.visitorToken, email, consent: true, ...extra });
  const subjectOf = async (campaignId: string, v: Minted) =>
    (
      await s.db.query<{ subject: string | null }>("SELECT subject FROM identities WHERE campaign_id = $1 AND visitor_id = $2", [
        campaignId,
        v.visitorId,
      ])
    )[0]?.subject;
  const person = async (email: string) =>
    (await fetch(`${s.url}/v1/leads?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();

  it("anonymous: each minted visitor has its own plays", async () => {
    expect(await draw("by-visitor", await s.mint("by-visitor"))).toMatchObject({ ok: true });
    expect(await draw("by-visitor", await s.mint("by-visitor"))).toMatchObject({ ok: true });
  });

  it("lead: refuses a draw before the form, then counts plays per normalised email whatever the visitor id", async () => {
    const first = await s.mint("by-lead");
    expect(await draw("by-lead", first)).toEqual({ ok: false, reason: "lead_required", playsLeft: null, playsLeftToday: null });
    expect((await lead("by-lead", first, "An.Nguyen+tet@gmail.com")).status).toBe(201);
    expect(await draw("by-lead", first)).toMatchObject({ ok: true });
    // a new browser, the same person written another way: no second play
    const second = await s.mint("by-lead");
    expect((await lead("by-lead", second, "AnNguyen@GoogleMail.com")).status).toBe(201);
    expect(await draw("by-lead", second)).toMatchObject({ ok: false, reason: "limit_total" });
    // another person plays
    const third = await s.mint("by-lead");
    await lead("by-lead", third, "binh@example.vn");
    expect(await draw("by-lead", third)).toMatchObject({ ok: true });
  });

  it("lead: a lead refused for a stale consent version stores no contact to count plays for", async () => {
    const v = await s.mint("by-lead");
    const stale = await lead("by-lead", v, "an.nguyen@example.com", { consentVersion: "stale-v0" });
    expect(stale.status).toBe(409);
    expect(await subjectOf("by-lead", v)).toBeNull();
    expect(await person("an.nguyen@example.com")).toMatchObject({ leads: [], identities: [], draws: [] });
    expect(await draw("by-lead", v)).toMatchObject({ ok: false, reason: "lead_required" });
  });

  it("lead: a visitor who played as one contact still plays as it after a refused lead for another", async () => {
    const v = await s.mint("by-lead");
    expect((await lead("by-lead", v, "a.person@example.com")).status).toBe(201);
    expect(await draw("by-lead", v)).toMatchObject({ ok: true });
    expect((await lead("by-lead", v, "b.person@example.com", { consentVersion: "old" })).status).toBe(409);
    // its play as A still counts (limit_total), not a contact without a lead (lead_required)
    expect(await subjectOf("by-lead", v)).toBe("email:a.person@example.com");
    expect(await draw("by-lead", v)).toMatchObject({ ok: false, reason: "limit_total" });
    expect(await person("b.person@example.com")).toMatchObject({ leads: [], identities: [], draws: [] });
  });

  it("member: refuses a mint without a valid member token, then counts plays per sub across browsers", async () => {
    const none = await s.post("/v1/campaigns/by-member/visitors", {});
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatch(/^memberToken: this campaign counts plays per member/);
    const forged = await s.post("/v1/campaigns/by-member/visitors", {
      memberToken: await memberToken("m-1", "not-the-brand-secret-000000000"),
    });
    expect(forged.status).toBe(401);
    const phone = await s.mint("by-member", { memberToken: await memberToken("m-1") });
    expect(await draw("by-member", phone)).toMatchObject({ ok: true });
    const laptop = await s.mint("by-member", { memberToken: await memberToken("m-1") });
    expect(laptop.visitorId).not.toBe(phone.visitorId);
    expect(await draw("by-member", laptop)).toMatchObject({ ok: false, reason: "limit_total" });
    expect(await draw("by-member", await s.mint("by-member", { memberToken: await memberToken("m-2") }))).toMatchObject({ ok: true });
  });

  it("limits new visitors per address per hour, in the database, with Retry-After", async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await s.post("/v1/campaigns/by-visitor/visitors", {});
      if (res.status === 429) refused = res;
    }
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused!.json()).error).toMatch(/too many new visitors from this network address this hour/);
  });
});

it("refuses to start a member campaign without a member key, before opening a database", async () => {
  const collector = createCollector({ campaigns: [byMember], dataDir: null, log: () => {} });
  await expect(collector.ready).rejects.toThrow(/by-member count plays per member: start the collector with --member-jwt-secret/);
});
