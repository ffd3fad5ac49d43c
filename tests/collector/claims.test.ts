// claims verified per campaign over real HTTP on both databases: scoped tokens, scoped keys, test results never redeem
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signResult } from "../../src/collector/security/tokens.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer, type TestServer } from "./server.js";

const SECRET = "test-secret";
const KEY_ALPHA = "alpha-claim-key-0123456789";
const KEY_BETA = "beta-claim-key-0123456789";

/** every draw wins a unique code ("none" has weight 0 and is only there as the fallback) */
const always = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  game: "wheel",
  mode: "server",
  prizes: [
    { id: "gift", label: "Gift", weight: 1, stock: 100, codeGenerator: { prefix: `${id.toUpperCase()}-` } },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
  fallbackPrizeId: "none",
  ...extra,
});

describe.each(BACKENDS)("claims on $name", (backend) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [always("alpha"), always("beta"), always("trial", { testMode: true })],
      claimKeys: { alpha: KEY_ALPHA, beta: KEY_BETA },
      limits: { ip: false, visitorDraws: false },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** a winning draw's result token */
  async function win(campaignId: string): Promise<string> {
    const { visitorId, visitorToken } = await s.mint(campaignId);
    const res = await s.post(`/v1/campaigns/${campaignId}/draw`, { visitorId, visitorToken, requestId: `claim-request-${n++}` });
    const result = await res.json();
    expect(result).toMatchObject({ ok: true, win: true });
    return result.token;
  }

  const verify = async (campaignId: string, token: string, key: string) => {
    const res = await s.post(`/v1/campaigns/${campaignId}/claims/verify`, { token }, { authorization: `Bearer ${key}` });
    return { status: res.status, body: await res.json() };
  };

  it("redeems a token only on its own campaign", async () => {
    const token = await win("alpha");
    const elsewhere = await verify("beta", token, KEY_BETA);
    expect(elsewhere).toEqual({
      status: 400,
      body: { valid: false, redeemed: false, error: 'token is for campaign "alpha", not "beta"' },
    });
    // refused elsewhere, it still redeems at home, once
    expect(await verify("alpha", token, KEY_ALPHA)).toMatchObject({ status: 200, body: { valid: true, redeemed: true } });
    expect(await verify("alpha", token, KEY_ALPHA)).toMatchObject({ status: 409, body: { redeemed: false, error: "already redeemed" } });
  });

  it("takes the campaign's own claim key or the admin token, and no other campaign's key", async () => {
    const token = await win("alpha");
    const wrongKey = await verify("alpha", token, KEY_BETA);
    expect(wrongKey).toEqual({ status: 401, body: { error: "missing or wrong claim key or admin token (Authorization: Bearer <token>)" } });
    expect(await verify("alpha", token, ADMIN)).toMatchObject({ status: 200, body: { redeemed: true, claim: { c: "alpha" } } });
    // a campaign without a claim key is the admin's alone
    const trial = await win("trial");
    expect((await verify("trial", trial, KEY_ALPHA)).status).toBe(401);
  });

  it("never redeems a test-mode result", async () => {
    const token = await win("trial");
    for (let i = 0; i < 2; i++) {
      // the second answer is the same: nothing was recorded as redeemed
      expect(await verify("trial", token, ADMIN)).toMatchObject({
        status: 409,
        body: { valid: true, redeemed: false, test: true, error: "a test-mode result never redeems" },
      });
    }
  });

  it("redeems nothing for a genuine-looking token of a draw this collector never made", async () => {
    // what a token signed by another deployment sharing the secret looks like
    const token = signResult(SECRET, { c: "alpha", d: "never-drawn", v: "nobody", p: "gift", win: true, at: Date.now() });
    expect(await verify("alpha", token, KEY_ALPHA)).toMatchObject({
      status: 409,
      body: { valid: true, redeemed: false, error: "this collector has no record of that winning draw" },
    });
  });

  it("404s an unknown campaign and points the old unscoped endpoint to the new one", async () => {
    const unknown = await s.post("/v1/campaigns/nope/claims/verify", { token: "x" }, { authorization: `Bearer ${ADMIN}` });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown campaign "nope"' });
    const old = await s.post("/v1/claims/verify", { token: await win("alpha") }, { authorization: `Bearer ${ADMIN}` });
    expect(old.status).toBe(410);
    expect((await old.json()).error).toMatch(/POST \/v1\/campaigns\/<campaignId>\/claims\/verify/);
  });
});
