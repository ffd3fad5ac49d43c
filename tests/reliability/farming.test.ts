// farming a server-mode campaign from one client: rotating visitor ids, a stolen id, forged X-Forwarded-For,
// replayed proofs of work and self-made referrals get no more than the limits allow, on PGlite and on PostgreSQL
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { createCollector, visitorToken, type CollectorOptions, type Database } from "../../src/collector/index.js";
import { DEFAULT_PER_ADDRESS_PER_DAY, type CampaignInput } from "../../src/core/index.js";
import { BACKENDS } from "../collector/backends.js";

const SECRET = "farming-secret-0123456789abcdef";
// a campaign morning in Hanoi, so each test's plays fall on one campaign day
const START = Date.parse("2027-01-20T02:00:00Z");

/** the campaign, with more coupons than one address may play for */
const farm = (id: string, over: Partial<CampaignInput> = {}): CampaignInput => ({
  id,
  game: "wheel",
  mode: "server",
  timezone: "Asia/Ho_Chi_Minh",
  prizes: [
    { id: "phone", label: "Phone", weight: 1, stock: 5 },
    { id: "coupon", label: "Coupon", weight: 100, stock: 1000, codeGenerator: { prefix: "C-", length: 8 } },
    { id: "none", label: "Next time", weight: 10, win: false },
  ],
  fallbackPrizeId: "none",
  ...over,
});

type Visitor = { visitorId: string; visitorToken: string; referralToken: string };
type Answer = { status: number; json: { ok?: boolean; reason?: string; win?: boolean; error?: string; [key: string]: unknown } };
const from = (address: string) => ({ "x-forwarded-for": address });

describe.each(BACKENDS)("farming on $name", (backend) => {
  const open: Array<() => Promise<void>> = [];
  let clock = START;
  // one database for the file (each test has its own campaign ids): opening PGlite is the slow part
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  /** a collector on this backend's database, on the test's clock */
  async function start(campaigns: CampaignInput[], options: Partial<CollectorOptions> = {}) {
    const collector = createCollector({ database: db, campaigns, secret: SECRET, now: () => clock, log: () => {}, ...options });
    const { port } = await collector.listen(0);
    open.push(() => collector.close());
    return { url: `http://127.0.0.1:${port}`, db };
  }
  afterAll(async () => {
    for (const close of open) await close();
    await db?.close();
  });
  /** run `n` attempts, `width` at a time, as a farming script would */
  async function burst<T>(n: number, width: number, attempt: (i: number) => Promise<T>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < n; i += width)
      out.push(...(await Promise.all(Array.from({ length: Math.min(width, n - i) }, (_, j) => attempt(i + j)))));
    return out;
  }

  const call = async (url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(url, body === undefined ? { headers } : { method: "POST", body: JSON.stringify(body), headers });
    return { status: res.status, json: await res.json() };
  };
  const mint = async (url: string, campaignId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const r = await call(`${url}/v1/campaigns/${campaignId}/visitors`, body, headers);
    if (r.status !== 201) throw new Error(`mint answered ${r.status}: ${JSON.stringify(r.json)}`);
    return r.json as Visitor;
  };
  const draw = (url: string, campaignId: string, v: Visitor, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call(
      `${url}/v1/campaigns/${campaignId}/draw`,
      { visitorId: v.visitorId, visitorToken: v.visitorToken, requestId: crypto.randomUUID(), ...extra },
      headers,
    );
  const count = async (db: Database, sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;

  it(`one address rotating visitor ids gets ${DEFAULT_PER_ADDRESS_PER_DAY} plays a campaign day with default limits, and no stock beyond`, async () => {
    clock = START;
    const s = await start([farm("rotate")]);
    // 220 mints and draws, 20 at a time
    const answers = await burst(DEFAULT_PER_ADDRESS_PER_DAY + 20, 20, async () => draw(s.url, "rotate", await mint(s.url, "rotate")));
    const played = answers.filter((a) => a.json.ok);
    expect(played).toHaveLength(DEFAULT_PER_ADDRESS_PER_DAY);
    expect(answers.filter((a) => a.json.ok === false && a.json.reason === "limit_address")).toHaveLength(20);
    expect(await count(s.db, "SELECT count(*)::int AS n FROM draws WHERE campaign_id = 'rotate'")).toBe(DEFAULT_PER_ADDRESS_PER_DAY);
    // every unit of stock given went to one of the allowed plays: counted in stock shards where draws take no
    // campaign-wide lock (PostgreSQL), in the locked path's prize counters otherwise (PGlite)
    const units = await count(
      s.db,
      `SELECT coalesce(
         (SELECT sum(given) FROM stock_shards WHERE campaign_id = 'rotate'),
         (SELECT sum(given) FROM prize_counters WHERE campaign_id = 'rotate' AND day = '' AND prize_id <> 'none'),
         0)::int AS n`,
    );
    expect(units).toBe(played.filter((a) => a.json.win).length);
    // the next campaign day the address may play again
    clock = START + 24 * 3_600_000;
    expect((await draw(s.url, "rotate", await mint(s.url, "rotate"))).json.ok).toBe(true);
  }, 120_000);

  it("a stolen visitor id alone gets 0 plays and 0 lead writes", async () => {
    clock = START;
    const s = await start([farm("stolen", { requireLead: true, lead: { fields: ["email"] } })]);
    const victim = await mint(s.url, "stolen");
    const thief = await mint(s.url, "stolen");
    const id = victim.visitorId;
    const tokens = [undefined, "", thief.visitorToken, visitorToken(SECRET, "other-campaign", id), "A".repeat(43)];
    // the old hand-out: eligibility for an id gives no token
    const bare = await call(`${s.url}/v1/campaigns/stolen/eligibility?visitorId=${id}`);
    expect(bare.status).toBe(403);
    expect(JSON.stringify(bare.json)).not.toContain('visitorToken":');
    for (const token of tokens) {
      const as = { visitorId: id, ...(token === undefined ? {} : { visitorToken: token }) };
      const lead = await call(`${s.url}/v1/campaigns/stolen/leads`, { ...as, email: "thief@example.com", consent: true });
      const play = await call(`${s.url}/v1/campaigns/stolen/draw`, { ...as, requestId: crypto.randomUUID() });
      const bonus = await call(`${s.url}/v1/campaigns/stolen/bonus`, as);
      for (const r of [lead, play, bonus]) expect(r.status, JSON.stringify(r.json)).toBeGreaterThanOrEqual(400);
    }
    expect(await count(s.db, "SELECT count(*)::int AS n FROM draws WHERE campaign_id = 'stolen'")).toBe(0);
    expect(await count(s.db, "SELECT count(*)::int AS n FROM leads WHERE campaign_id = 'stolen'")).toBe(0);
  });

  it("rotating X-Forwarded-For does not escape the per-address limit, with or without --trusted-proxies", async () => {
    clock = START;
    const perDay = 10;
    const campaign = farm("xff", { limits: { perAddress: { perDay } } });
    const direct = await start([campaign]);
    const proxied = await start([campaign], { trustedProxies: "127.0.0.1/32, ::1" });
    const rotate = (i: number) => `198.51.${i % 250}.${(i * 7) % 250}`;
    const attack = async (url: string, header: (i: number) => string) => {
      const answers = await burst(perDay + 10, 10, async (i) => {
        const v = await mint(url, "xff", {}, { "x-forwarded-for": header(i) });
        return draw(url, "xff", v, {}, { "x-forwarded-for": header(i) });
      });
      return answers.filter((a) => a.json.ok).length;
    };
    // no trusted proxies: the header is the client's own writing and is ignored
    expect(await attack(direct.url, rotate)).toBe(perDay);
    // behind a trusted proxy that appends the real address (203.0.113.7), the client-written hops to its left are ignored
    expect(await attack(proxied.url, (i) => `${rotate(i)}, 203.0.113.7`)).toBe(perDay);
    // and two real clients behind that proxy are counted apart
    const other = await mint(proxied.url, "xff", {}, from("203.0.113.8"));
    expect((await draw(proxied.url, "xff", other, {}, from("203.0.113.8"))).json.ok).toBe(true);
  });

  it("with proof of work on, a draw without a solution or with a replayed one is refused", async () => {
    clock = Date.now(); // challenges expire by the wall clock
    const s = await start([farm("pow", { antiBot: { proofOfWork: { maxNumber: 2000 } } }), farm("pow-b")]);
    const v = await mint(s.url, "pow");
    const solve = async (campaignId: string) => {
      const challenge = (await call(`${s.url}/v1/campaigns/${campaignId}/challenge`)).json as unknown as Parameters<
        typeof solveChallenge
      >[0]["challenge"];
      const solution = await solveChallenge({ challenge, deriveKey });
      return btoa(JSON.stringify({ challenge, solution }));
    };
    const none = await draw(s.url, "pow", v);
    expect(none.status).toBe(400);
    expect(none.json.error).toMatch(/^proofOfWork: this campaign needs a solved challenge/);
    const work = await solve("pow");
    expect((await draw(s.url, "pow", v, { proofOfWork: work })).json).toMatchObject({ ok: true });
    const replayed = await draw(s.url, "pow", v, { proofOfWork: work });
    expect(replayed.status).toBe(400);
    expect(replayed.json.error).toMatch(/already used/);
    const [head, tail] = [work.slice(0, -8), work.slice(-8)];
    const garbled = await draw(s.url, "pow", v, { proofOfWork: `${head}${tail.split("").reverse().join("")}` });
    expect(garbled.status).toBe(400);
    expect((await call(`${s.url}/v1/campaigns/pow-b/challenge`)).status).toBe(404);
    expect(await count(s.db, "SELECT count(*)::int AS n FROM draws WHERE campaign_id = 'pow'")).toBe(1);
  });

  it("grants a bonus play only when a referral link brings a new visitor from elsewhere", async () => {
    clock = START;
    const campaign = farm("refer", { limits: { perVisitor: { total: 1 } }, bonusPlays: { perShare: 1, maxPerDay: 2 } });
    const s = await start([campaign], { trustedProxies: "127.0.0.1/32, ::1" });
    const home = from("203.0.113.50");
    const sharer = await mint(s.url, "refer", {}, home);
    const eligibility = async () =>
      (
        await call(
          `${s.url}/v1/campaigns/refer/eligibility?visitorId=${sharer.visitorId}&visitorToken=${sharer.visitorToken}`,
          undefined,
          home,
        )
      ).json;
    expect((await draw(s.url, "refer", sharer, {}, home)).json.ok).toBe(true);
    expect(await eligibility()).toMatchObject({ ok: false, reason: "limit_total" });
    // saying "I shared" is counted and earns nothing
    const said = await call(`${s.url}/v1/campaigns/refer/bonus`, { visitorId: sharer.visitorId, visitorToken: sharer.visitorToken }, home);
    expect(said.json).toMatchObject({ granted: 0, counted: true });
    // minting new ids with one's own link from one's own address earns nothing either
    for (let i = 0; i < 5; i++) await mint(s.url, "refer", { ref: sharer.referralToken }, home);
    // a forged or foreign referral token is no link at all
    await mint(s.url, "refer", { ref: `${sharer.referralToken.split(".")[0]}.forged` }, from("203.0.113.60"));
    expect(await eligibility()).toMatchObject({ ok: false, reason: "limit_total" });
    // a friend on another network arrives by the link: one bonus play
    await mint(s.url, "refer", { ref: sharer.referralToken }, from("203.0.113.61"));
    expect(await eligibility()).toMatchObject({ ok: true, playsLeft: 1 });
    // more friends: bounded by bonusPlays.maxPerDay
    for (const n of [62, 63, 64]) await mint(s.url, "refer", { ref: sharer.referralToken }, from(`203.0.113.${n}`));
    expect(await eligibility()).toMatchObject({ ok: true, playsLeft: 2 });
  });
});
