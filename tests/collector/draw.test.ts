// server-mode draws over real HTTP on both databases: stock under concurrency, idempotency, tokens, claims
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitorToken } from "../../src/collector/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, type Minted, startServer, type TestServer } from "./server.js";

const SECRET = "test-secret";
const rush = {
  id: "rush",
  game: "wheel",
  mode: "server",
  // every test visitor comes from 127.0.0.1: the per-address allowance is the farming suite's subject, not this one's
  limits: { perVisitor: { total: 1 }, perAddress: { perDay: 100_000 } },
  prizes: [
    { id: "gift", label: "Gift", weight: 1000, stock: 50, codeGenerator: { prefix: "R-", length: 6 } },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
};
const perks = {
  id: "perks",
  game: "wheel",
  requireLead: true,
  lead: { fields: ["email"] },
  limits: { perVisitor: { total: 1 } },
  bonusPlays: { perShare: 1, maxPerDay: 1 },
  prizes: [
    { id: "pen", label: "Pen", weight: 1 },
    { id: "hat", label: "Hat", weight: 0 },
  ],
};

const drawBody = (v: Minted, requestId: string) => ({ visitorId: v.visitorId, visitorToken: v.visitorToken, requestId });

describe.each(BACKENDS)("draws on $name", (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(backend, { campaigns: [rush, perks], limits: { ip: false, visitorDraws: false, mintsPerAddress: false } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("gives exactly the stock to 500 concurrent draws over HTTP, never a code twice", async () => {
    // the visitors are minted first, so the draws below arrive together
    const visitors = await Promise.all(Array.from({ length: 500 }, () => s.mint("rush")));
    const answers = await Promise.all(
      visitors.map(async (v, i) => {
        const res = await s.post("/v1/campaigns/rush/draw", drawBody(v, `request-${i}-rush`));
        expect(res.status).toBe(200);
        return (await res.json()) as { ok: boolean; win: boolean; code?: string; prize: { id: string } | null };
      }),
    );
    const winners = answers.filter((a) => a.ok && a.win);
    expect(winners).toHaveLength(50);
    expect(winners.every((w) => w.prize?.id === "gift" && /^R-[A-Z0-9]{6}$/.test(w.code ?? ""))).toBe(true);
    expect(new Set(winners.map((w) => w.code)).size).toBe(50);
    expect(answers.filter((a) => a.ok && !a.win && a.prize?.id === "none")).toHaveLength(450);
  }, 120_000);

  let repeat: Minted;
  it("answers a repeated request id with the same result and token, and counts one play", async () => {
    repeat = await s.mint("perks");
    const body = drawBody(repeat, "request-repeat-1");
    await s.post("/v1/campaigns/perks/leads", { ...body, email: "repeat@example.com", consent: true });
    const [a, b] = await Promise.all([s.post("/v1/campaigns/perks/draw", body), s.post("/v1/campaigns/perks/draw", body)]);
    const [first, second] = [await a.json(), await b.json()];
    expect(first).toMatchObject({ ok: true, prize: { id: "pen" }, token: expect.any(String) });
    expect(second).toEqual(first);
    const fresh = await (await s.post("/v1/campaigns/perks/draw", { ...body, requestId: "request-repeat-2" })).json();
    expect(fresh).toMatchObject({ ok: false, reason: "limit_total" });
    const someoneElse = await s.mint("perks");
    await s.post("/v1/campaigns/perks/leads", { ...drawBody(someoneElse, "x"), email: "else@example.com", consent: true });
    const stolen = await s.post("/v1/campaigns/perks/draw", drawBody(someoneElse, "request-repeat-1"));
    expect(stolen.status).toBe(409);
  });

  it("refuses a visitor id without its token, and a token for an id the collector did not mint", async () => {
    const victim = await s.mint("rush");
    const attacker = await s.mint("rush");
    const forged = await s.post("/v1/campaigns/rush/draw", { ...drawBody(victim, "request-forged"), visitorToken: attacker.visitorToken });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error).toMatch(/visitorToken/);
    // a token computed for an id the caller picked (as the collector once handed out) opens nothing
    const picked = await s.post("/v1/campaigns/rush/draw", {
      visitorId: "picked",
      visitorToken: visitorToken(SECRET, "rush", "picked"),
      requestId: "request-picked",
    });
    expect(picked.status).toBe(403);
  });

  it("never hands out a token with eligibility, asks for a lead first, and grants no play for a self-reported share", async () => {
    const bare = await fetch(`${s.url}/v1/campaigns/perks/eligibility?visitorId=lead-1`);
    expect(bare.status).toBe(403);
    expect(JSON.stringify(await bare.json())).not.toMatch(/"visitorToken"/);
    const id = await s.mint("perks");
    const eligibility = () =>
      fetch(`${s.url}/v1/campaigns/perks/eligibility?visitorId=${id.visitorId}&visitorToken=${id.visitorToken}`).then((r) => r.json());
    const e = await eligibility();
    expect(e).toEqual({ ok: false, reason: "lead_required", playsLeft: 1, playsLeftToday: null });
    expect((await s.post("/v1/campaigns/perks/leads", { ...id, email: "lead@example.com", consent: false })).status).toBe(400);
    const badEmail = await s.post("/v1/campaigns/perks/leads", { ...id, email: "not-an-email", consent: true });
    expect((await badEmail.json()).error).toMatch(/^email: /);
    expect((await s.post("/v1/campaigns/perks/leads", { ...id, phone: "+84 90 000 0000", consent: true })).status).toBe(400);
    const nul = await s.post("/v1/campaigns/perks/leads", { ...id, email: "lead@example.com", name: "A\u0000B", consent: true });
    expect((await nul.json()).error).toBe("name: must not contain control characters");
    expect((await s.post("/v1/campaigns/perks/leads", { ...id, email: "lead@example.com", consent: true })).status).toBe(201);
    expect(await eligibility()).toMatchObject({ ok: true, playsLeft: 1 });
    const bonus = await (await s.post("/v1/campaigns/perks/bonus", id)).json();
    expect(bonus).toMatchObject({ granted: 0, counted: true, reason: expect.stringMatching(/brings a new visitor/) });
    expect(await eligibility()).toMatchObject({ ok: true, playsLeft: 1 });
  });

  it("verifies a result token and redeems it once; forged tokens and missing admin tokens fail", async () => {
    const body = drawBody(await s.mint("rush"), "request-claimer");
    const won = await (await s.post("/v1/campaigns/rush/draw", body)).json();
    // the stock is gone: this draw gives the fallback, which has nothing to redeem
    expect(won).toMatchObject({ ok: true, win: false });
    const verifyOn = (campaignId: string, token: string, auth = `Bearer ${ADMIN}`) =>
      s.post(`/v1/campaigns/${campaignId}/claims/verify`, { token }, { authorization: auth });
    expect((await verifyOn("rush", won.token)).status).toBe(409);
    const verify = (token: string, auth?: string) => verifyOn("perks", token, auth);

    const [winner] = (await Promise.all(
      Array.from({ length: 1 }, () => s.post("/v1/campaigns/perks/draw", drawBody(repeat, "request-repeat-1")).then((r) => r.json())),
    )) as Array<{ token: string; drawId: string }>;
    const first = await verify(winner!.token);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      valid: true,
      redeemed: true,
      claim: { c: "perks", d: winner!.drawId, v: repeat.visitorId, p: "pen" },
    });
    const second = await verify(winner!.token);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ valid: true, redeemed: false, error: "already redeemed" });
    const [payload, sig] = winner!.token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), d: "other" })).toString(
      "base64url",
    );
    expect((await verify(`${forged}.${sig}`)).status).toBe(400);
    expect((await verify(winner!.token, "Bearer wrong")).status).toBe(401);
  });

  it("shows the public campaign without coupon codes, and 404s unknown campaigns", async () => {
    const res = await fetch(`${s.url}/v1/campaigns/rush`);
    expect(JSON.stringify(await res.json())).not.toMatch(/codeGenerator|"codes"/);
    const unknown = await s.post("/v1/campaigns/nope/draw", { visitorId: "v", visitorToken: "t", requestId: "request-unknown" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown campaign "nope"' });
    expect((await fetch(`${s.url}/v1/campaigns/nope/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(404);
  });
});
