// tampering in server mode: a client that forges a result, replays a claim or a draw, or spoofs another visitor's
// id gets nothing it was not given
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { createCollector, visitorToken, type Collector } from "../../src/collector/index.js";
import { COLLECTOR_BACKENDS } from "./backends.js";
import { stockedWheel } from "./campaigns.js";

const SECRET = "tamper-secret-0123456789abcdef";
const ADMIN = "tamper-admin-token";
let collector: Collector;

// the same attacks on each database: PostgreSQL draws without a campaign-wide lock, so its guarantees are argued apart
describe.each(COLLECTOR_BACKENDS)("tampering on $name", (backend) => {
  beforeAll(async () => {
    minted.clear();
    collector = createCollector({
      campaigns: [
        stockedWheel("win-two", 2, { giftWeight: 1e9 }), // the first two draws win, everyone after gets "none"
        { ...stockedWheel("never-wins", 10, { giftWeight: 0 }) }, // "gift" has weight 0: it can never be drawn
        stockedWheel("once-each", 50, { giftWeight: 1e9, perVisitorTotal: 1 }),
      ],
      ...(await backend.options()),
      secret: SECRET,
      adminToken: ADMIN,
      // every visitor here is minted from the same (socketless) address
      limits: { mintsPerAddress: false },
      log: () => {},
    });
    await collector.ready;
  });
  afterAll(async () => {
    await collector?.close();
  });
  forgedResults();
  replays();
  spoofedIds();
});

type Call = { status: number; json: any };

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Call> {
  const res = await collector.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** visitors by campaign and test name, each minted by the collector on first use */
const minted = new Map<string, { visitorId: string; visitorToken: string }>();
async function visitor(campaignId: string, name: string) {
  const key = `${campaignId}/${name}`;
  if (!minted.has(key)) {
    const { status, json } = await post(`/v1/campaigns/${campaignId}/visitors`, {});
    expect(status).toBe(201);
    minted.set(key, json);
  }
  return minted.get(key)!;
}

/** a draw by the visitor called `name`, with its own token unless `token` is given */
async function draw(campaignId: string, name: string, requestId: string, extra: Record<string, unknown> = {}, token?: string) {
  const me = await visitor(campaignId, name);
  return post(`/v1/campaigns/${campaignId}/draw`, { ...extra, visitorId: me.visitorId, visitorToken: token ?? me.visitorToken, requestId });
}

/** redeem on the campaign the token names, unless told otherwise */
function verify(token: string, admin = ADMIN, campaignId = claimOf(token).c as string) {
  return post(`/v1/campaigns/${campaignId}/claims/verify`, { token }, { authorization: `Bearer ${admin}` });
}

const claimOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;

/** re-encode a token's claim with a change, keeping the original signature */
function alter(token: string, change: Record<string, unknown>): string {
  const [payload, signature] = token.split(".");
  const claim = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
  return `${Buffer.from(JSON.stringify({ ...claim, ...change })).toString("base64url")}.${signature}`;
}

function forgedResults() {
  describe("forged results", () => {
    it("ignores a result the client writes into its draw request", async () => {
      const forged = { win: true, prize: { id: "gift", label: "Gift", win: true }, prizeId: "gift", code: "NEVER-WINS-00000" };
      for (let i = 0; i < 20; i++) {
        const { status, json } = await draw("never-wins", `greedy-${i}`, `greedy-request-${i}`, forged);
        expect(status).toBe(200);
        expect(json.ok).toBe(true);
        expect(json.win).toBe(false);
        expect(json.prize.id).toBe("none");
        expect(json.code).toBeUndefined();
      }
    });

    it("refuses a result token whose claim was edited into a win", async () => {
      const { json: lost } = await draw("never-wins", "editor", "editor-request-1");
      expect(lost.win).toBe(false);
      const edited = alter(lost.token, { win: true, p: "gift", code: "NEVER-WINS-00001" });
      const { status, json } = await verify(edited);
      expect(status).toBe(400);
      expect(json.valid).toBe(false);
      // the genuine losing token is genuine, and redeems nothing
      const genuine = await verify(lost.token);
      expect(genuine.status).toBe(409);
      expect(genuine.json.redeemed).toBe(false);
    });

    it("refuses a token signed with another secret and one moved to another visitor", async () => {
      const { json: won } = await draw("win-two", "winner-1", "winner-1-request");
      expect(won.win).toBe(true);
      const [payload] = (won.token as string).split(".");
      const otherSecret = `${payload}.${createHmac("sha256", "not-the-secret").update(`result\n${payload}`).digest("base64url")}`;
      expect((await verify(otherSecret)).json.valid).toBe(false);
      expect((await verify(alter(won.token, { v: "someone-else" }))).json.valid).toBe(false);
      expect((await verify(alter(won.token, { d: "another-draw" }))).json.valid).toBe(false);
    });
  });
}

function replays() {
  describe("replays", () => {
    it("redeems a winning claim token once; every replay is refused", async () => {
      const { json: won } = await draw("once-each", "claimer", "claimer-request-1");
      expect(won.win).toBe(true);
      const first = await verify(won.token);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ valid: true, redeemed: true });
      for (let i = 0; i < 5; i++) {
        const again = await verify(won.token);
        expect(again.status).toBe(409);
        expect(again.json.redeemed).toBe(false);
      }
      // and only the brand's backend may ask at all
      expect((await verify(won.token, "guess")).status).toBe(401);
    });

    it("answers a replayed draw request with the same result, without taking stock again", async () => {
      const { json: first } = await draw("win-two", "replayer", "replayer-request-1");
      expect(first.win).toBe(true);
      const replays = await Promise.all(Array.from({ length: 10 }, () => draw("win-two", "replayer", "replayer-request-1")));
      for (const { status, json } of replays) {
        expect(status).toBe(200);
        expect(json.drawId).toBe(first.drawId);
        expect(json.code).toBe(first.code);
      }
      // stock 2: winner-1 and the replayer took both units, so the next visitor gets the fallback, not an error
      const { json: late } = await draw("win-two", "late-visitor", "late-visitor-request");
      expect(late.ok).toBe(true);
      expect(late.prize.id).toBe("none");
    });
  });
}

function spoofedIds() {
  describe("spoofed visitor ids", () => {
    it("refuses a draw for another visitor's id without that visitor's token", async () => {
      const victim = "victim";
      const attackerToken = (await visitor("once-each", "attacker")).visitorToken;
      const forged = await draw("once-each", victim, "spoof-request-1", {}, attackerToken);
      expect(forged.status).toBe(403);
      const guessed = await draw("once-each", victim, "spoof-request-2", {}, "A".repeat(43));
      expect(guessed.status).toBe(403);
      // a token for the same visitor id in another campaign is no good either
      const victimId = (await visitor("once-each", victim)).visitorId;
      const crossCampaign = await draw("once-each", victim, "spoof-request-3", {}, visitorToken(SECRET, "win-two", victimId));
      expect(crossCampaign.status).toBe(403);
      // the victim's own first play is untouched by all of that
      const own = await draw("once-each", victim, "victim-request-1");
      expect(own.json).toMatchObject({ ok: true, win: true });
    });

    it("keeps the per-visitor limit: new request ids do not buy another play", async () => {
      const { json: first } = await draw("once-each", "limited", "limited-request-1");
      expect(first.ok).toBe(true);
      const second = await draw("once-each", "limited", "limited-request-2");
      expect(second.status).toBe(200);
      expect(second.json).toMatchObject({ ok: false, reason: "limit_total" });
    });

    it("refuses to hand one visitor's draw to another through its request id", async () => {
      const { json: owner } = await draw("once-each", "owner", "owned-request-1");
      expect(owner.win).toBe(true);
      const thief = await draw("once-each", "thief", "owned-request-1");
      expect(thief.status).toBe(409);
      expect(thief.json.code).toBeUndefined();
      expect(thief.json.token).toBeUndefined();
    });
  });
}
