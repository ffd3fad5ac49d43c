// what the result token, the claim answer and the win and claim webhooks say about a draw, over real HTTP on both
// databases: the stored draw's prize and code, and the minted visitor who drew, never the contact plays count for
import { createServer, type Server } from "node:http";
import { SignJWT } from "jose";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signResult, verifyResult } from "../../src/collector/security/tokens.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer, type Minted, type TestServer } from "./server.js";

const SECRET = "test-secret";
const HOOK_SECRET = `whsec_${Buffer.from("claim-webhooks-test-key-0123456").toString("base64")}`;
const MEMBER_SECRET = "brand-backend-secret-0123456789abcdef";
const admin = { authorization: `Bearer ${ADMIN}` };

/** every draw wins a voucher with a generated code; the iPhone is never drawn */
const campaign = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  game: "wheel",
  mode: "server",
  prizes: [
    { id: "voucher10", label: "Voucher", weight: 1, stock: 100, codeGenerator: { prefix: "V10-" } },
    { id: "iphone", label: "iPhone", weight: 0, stock: 1 },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
  fallbackPrizeId: "none",
  ...extra,
});

type Hook = { type: string; data: Record<string, unknown> };
let receiver: Server;
let hookUrl: string;
const received: { body: string; hook: Hook }[] = [];

beforeAll(async () => {
  const wh = new Webhook(HOOK_SECRET);
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push({ body, hook: wh.verify(body, req.headers as Record<string, string>) as Hook });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/fulfil`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

/** the webhook of one type about one draw, once it arrived */
async function hookOf(type: string, drawId: string): Promise<{ body: string; hook: Hook }> {
  let found: { body: string; hook: Hook } | undefined;
  await expect
    .poll(() => (found = received.find((m) => m.hook.type === type && m.hook.data.drawId === drawId)), { timeout: 10_000 })
    .toBeDefined();
  return found!;
}

describe.each(BACKENDS)("claims and win/claim webhooks on $name", (backend) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [
        campaign("club", { identity: "lead", requireLead: true, lead: { fields: ["email"] } }),
        campaign("members", { identity: "member" }),
        campaign("open"),
        // one code every winner shares: the stored draw keeps it in its result only
        campaign("shared", {
          prizes: [
            { id: "voucher10", label: "Voucher", weight: 1, code: "TET10" },
            { id: "none", label: "Next time", weight: 0, win: false },
          ],
        }),
      ],
      member: { secret: MEMBER_SECRET },
      limits: { ip: false, visitorDraws: false },
      // a fulfilment system that takes wins and claims, and was never meant to get anyone's contact
      webhooks: { endpoints: [{ id: "fulfilment", url: hookUrl, secret: HOOK_SECRET, events: ["win", "claim"] }], pollMs: 20 },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  async function draw(campaignId: string, who: Minted) {
    const requestId = `claim-hooks-${backend.name}-${n++}`;
    const res = await s.post(`/v1/campaigns/${campaignId}/draw`, { visitorId: who.visitorId, visitorToken: who.visitorToken, requestId });
    const result = await res.json();
    expect(result).toMatchObject({ ok: true, win: true, prize: { id: "voucher10" } });
    return result as { drawId: string; code: string; token: string };
  }
  const verify = async (campaignId: string, token: string) => {
    const res = await s.post(`/v1/campaigns/${campaignId}/claims/verify`, { token }, admin);
    return { status: res.status, body: await res.json() };
  };
  async function lead(email: string): Promise<Minted> {
    const who = await s.mint("club");
    const res = await s.post("/v1/campaigns/club/leads", { ...who, email, consent: true });
    expect(res.status).toBe(201);
    return who;
  }

  it("lead mode: the token, the answer and the win and claim webhooks name the minted visitor, never the contact", async () => {
    const an = await lead("An.Nguyen+tet@googlemail.com");
    const won = await draw("club", an);
    expect(verifyResult(SECRET, won.token)).toMatchObject({ c: "club", d: won.drawId, v: an.visitorId, p: "voucher10", code: won.code });
    expect(Buffer.from(won.token.split(".")[0]!, "base64url").toString()).not.toMatch(/annguyen|email:/);
    const redeemed = await verify("club", won.token);
    expect(redeemed).toMatchObject({ status: 200, body: { redeemed: true, claim: { v: an.visitorId, p: "voucher10" } } });
    for (const type of ["win", "claim"]) {
      const { body, hook } = await hookOf(type, won.drawId);
      expect(hook.data).toMatchObject({ visitorId: an.visitorId, prizeId: "voucher10", code: won.code });
      expect(body).not.toMatch(/annguyen|email:/);
    }
  });

  it("member mode: the token and webhooks name the minted visitor, and the webhooks the member's id apart", async () => {
    const token = await new SignJWT({ sub: "cust-42" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(MEMBER_SECRET));
    const phone = await s.mint("members", { memberToken: token });
    const won = await draw("members", phone);
    expect(verifyResult(SECRET, won.token)).toMatchObject({ v: phone.visitorId });
    expect(await verify("members", won.token)).toMatchObject({ status: 200, body: { redeemed: true } });
    for (const type of ["win", "claim"]) {
      expect((await hookOf(type, won.drawId)).hook.data).toMatchObject({ visitorId: phone.visitorId, memberId: "cust-42" });
    }
  });

  it("anonymous mode: the token and webhooks name the visitor, as before", async () => {
    const who = await s.mint("open");
    const won = await draw("open", who);
    expect(verifyResult(SECRET, won.token)).toMatchObject({ v: who.visitorId });
    expect(await verify("open", won.token)).toMatchObject({ status: 200, body: { redeemed: true } });
    const { hook } = await hookOf("claim", won.drawId);
    expect(hook.data).toMatchObject({ visitorId: who.visitorId, prizeId: "voucher10", code: won.code });
    expect(hook.data).not.toHaveProperty("memberId");
  });

  it("redeems a prize whose code every winner shares, and announces that code", async () => {
    const won = await draw("shared", await s.mint("shared"));
    expect(won.code).toBe("TET10");
    expect(await verify("shared", won.token)).toMatchObject({ status: 200, body: { redeemed: true, claim: { code: "TET10" } } });
    expect((await hookOf("claim", won.drawId)).hook.data).toMatchObject({ prizeId: "voucher10", code: "TET10" });
  });

  it("still redeems a token issued before, which names the contact plays count for, and announces the minted visitor", async () => {
    const binh = await lead("binh@example.com");
    const won = await draw("club", binh);
    const earlier = signResult(SECRET, { ...verifyResult(SECRET, won.token)!, v: "email:binh@example.com" });
    expect(await verify("club", earlier)).toMatchObject({ status: 200, body: { redeemed: true } });
    expect((await hookOf("claim", won.drawId)).hook.data).toMatchObject({ visitorId: binh.visitorId });
  });

  it("redeems nothing for a genuine token whose prize or code is not the stored draw's, and names what differs", async () => {
    const chi = await lead("chi@example.com");
    const won = await draw("club", chi);
    const claim = verifyResult(SECRET, won.token)!;
    // what anyone holding the secret (a staging copy, a leaked env file) could sign for their own real win
    const upgraded = signResult(SECRET, { ...claim, p: "iphone" });
    expect(await verify("club", upgraded)).toEqual({
      status: 409,
      body: { valid: false, redeemed: false, error: "token does not match the stored draw: its prize differs; nothing was redeemed" },
    });
    const recoded = signResult(SECRET, { ...claim, code: "ANYTHING" });
    expect((await verify("club", recoded)).body.error).toBe("token does not match the stored draw: its code differs; nothing was redeemed");
    const both = signResult(SECRET, { ...claim, p: "iphone", code: "ANYTHING" });
    expect((await verify("club", both)).body.error).toBe(
      "token does not match the stored draw: its prize and code differ; nothing was redeemed",
    );
    // the genuine token still redeems, once, and only the stored prize and code are announced
    expect(await verify("club", won.token)).toMatchObject({
      status: 200,
      body: { redeemed: true, claim: { p: "voucher10", code: won.code } },
    });
    expect((await verify("club", upgraded)).status).toBe(409);
    const { hook } = await hookOf("claim", won.drawId);
    expect(hook.data).toMatchObject({ prizeId: "voucher10", code: won.code });
    const claims = await s.db.query("SELECT 1 FROM webhook_deliveries WHERE event_type = 'claim' AND payload LIKE '%' || $1 || '%'", [
      won.drawId,
    ]);
    expect(claims).toHaveLength(1);
  });
});
