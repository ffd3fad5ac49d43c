// forged stats and claims, on PGlite and PostgreSQL over real HTTP: 10,000 forged `result` events (and forged plays and
// claims) move no server-mode figure; unknown campaigns are refused with a reason; claims redeem on their own campaign,
// once, and never in test mode
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector, openPostgres, queryStats, type Collector, type Database } from "../../src/collector/index.js";
import { COLLECTOR_BACKENDS } from "./backends.js";
import { quizCampaign, stockedWheel } from "./campaigns.js";
import { scaled } from "./soak.js";

const SECRET = "forged-stats-secret-0123456789ab";
const ADMIN = "forged-stats-admin-token";
const KEYS = { truth: "truth-claim-key-0123456789", rival: "rival-claim-key-0123456789" };
const FORGED_RESULTS = scaled(10_000);
const FORGED_OTHERS = scaled(2_000);
const BATCH = 500;
const PHONE = { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148" };

type Stats = Record<string, unknown> & { daily: Record<string, Record<string, number>> };
/** what no event may move in a server-mode campaign */
const serverFigures = (s: Stats) => ({
  plays: s.plays,
  wins: s.wins,
  prizes: s.prizes,
  claims: s.claims,
  participants: s.participants,
  winRate: s.winRate,
  participationRate: s.participationRate,
  conversionRate: s.conversionRate,
  funnel: {
    play: (s.funnel as Record<string, number>).play,
    result: (s.funnel as Record<string, number>).result,
    claim: (s.funnel as Record<string, number>).claim,
  },
  // a day only forged events fell on has nothing the server counted
  daily: Object.fromEntries(
    Object.entries(s.daily)
      .filter(([, d]) => d.plays || d.wins || d.claims || d.participants)
      .map(([day, d]) => [day, [d.plays, d.wins, d.claims, d.participants]]),
  ),
  // the cockpit's figures about players: who came back, who a share link brought, who played and claimed from each source
  returning: s.returning,
  retention: s.retention,
  referrals: {
    participants: (s.referrals as Record<string, number>).participants,
    viral: (s.referrals as Record<string, number>).viralCoefficient,
  },
  // reach per source is an event figure in every mode: forged impressions may add a row with reach alone
  sources: Object.fromEntries(
    Object.entries(s.sources as Record<string, Record<string, number>>)
      .filter(([, r]) => r.participants || r.claims)
      .map(([name, r]) => [name, [r.participants, r.claims]]),
  ),
  // and who played on each device (reach per device is an event figure too)
  devices: Object.fromEntries(
    Object.entries(s.devices as Record<string, Record<string, number>>)
      .filter(([, r]) => r.participants)
      .map(([name, r]) => [name, r.participants]),
  ),
});

describe.each(COLLECTOR_BACKENDS)("forged stats and claims on $name", (backend) => {
  let db: Database;
  let collector: Collector;
  let url: string;
  const wins: string[] = [];
  let rivalWin: string;
  let trialResult: string;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "text/plain", ...headers },
    });
    return { status: res.status, json: await res.json() };
  };
  const stats = async (campaignId: string): Promise<Stats> => {
    const res = await fetch(`${url}/v1/campaigns/${campaignId}/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    return res.json();
  };
  const draw = async (campaignId: string, name: string, context?: Record<string, unknown>, headers?: Record<string, string>) => {
    const minted = await post(`/v1/campaigns/${campaignId}/visitors`, context ? { context } : {}, headers);
    expect(minted.status).toBe(201);
    const { visitorId, visitorToken } = minted.json as { visitorId: string; visitorToken: string };
    const { status, json } = await post(`/v1/campaigns/${campaignId}/draw`, { visitorId, visitorToken, requestId: `request-${name}` });
    expect(status).toBe(200);
    return json as { ok: boolean; win: boolean; token: string };
  };
  const verify = (campaignId: string, token: string, key: string) =>
    post(`/v1/campaigns/${campaignId}/claims/verify`, { token }, { authorization: `Bearer ${key}` });

  beforeAll(async () => {
    const options = await backend.options();
    db = "databaseUrl" in options ? await openPostgres(options.databaseUrl) : options.database;
    collector = createCollector({
      database: db,
      campaigns: [
        stockedWheel("truth", 5, { giftWeight: 1e9 }), // the first five draws win, the rest get "none"
        stockedWheel("rival", 5, { giftWeight: 1e9 }),
        { ...stockedWheel("trial", 5, { giftWeight: 1e9 }), testMode: true },
        quizCampaign("quiz"),
      ],
      secret: SECRET,
      adminToken: ADMIN,
      claimKeys: KEYS,
      // 500 forged events to a request, as a script sends them (the tracker sends 20 at most)
      limits: { bodyBytes: 256 * 1024 },
      log: () => {},
    });
    url = `http://127.0.0.1:${(await collector.listen(0)).port}`;
    for (let i = 0; i < 8; i++) {
      // half of the players arrived from a newsletter link on a phone: the page and its request say so at mint
      const result = await draw(
        "truth",
        `player-${i}`,
        i % 2 ? { url: "https://shop.example/?utm_source=news", utm: { utm_source: "news" } } : undefined,
        i % 2 ? PHONE : undefined,
      );
      if (result.win) wins.push(result.token);
    }
    expect(wins).toHaveLength(5);
    rivalWin = (await draw("rival", "rival-player")).token;
    trialResult = (await draw("trial", "trial-player")).token;
    // the genuine page's impressions: reach is an event figure in every mode
    const impressions = Array.from({ length: 8 }, (_, i) => ({
      id: `impression-${i}`,
      type: "impression",
      campaignId: "truth",
      visitorId: `player-${i}`,
      sessionId: `session-${i}`,
      ts: Date.now(),
    }));
    expect((await post("/v1/events", { sentAt: Date.now(), events: impressions })).json).toMatchObject({ accepted: 8 });
  });
  afterAll(async () => {
    await collector?.close();
    // a PGlite database is the backend's, closed with the file
    if (backend.name === "postgres") await db?.close();
  });

  it("redeems a winning claim once when 20 verifications arrive together", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify("truth", wins[0]!, KEYS.truth)));
    expect(answers.filter((a) => a.status === 200 && a.json.redeemed === true)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.json.error === "already redeemed")).toHaveLength(19);
    expect((await verify("truth", wins[1]!, KEYS.truth)).json).toMatchObject({ redeemed: true });
  });

  it("refuses a claim of campaign A on campaign B, whose key cannot redeem it either", async () => {
    const onTruth = await verify("truth", rivalWin, KEYS.truth);
    expect(onTruth).toEqual({ status: 400, json: { valid: false, redeemed: false, error: 'token is for campaign "rival", not "truth"' } });
    expect((await verify("rival", rivalWin, KEYS.truth)).status).toBe(401);
    expect((await verify("rival", rivalWin, KEYS.rival)).json).toMatchObject({ redeemed: true, claim: { c: "rival" } });
  });

  it("never redeems a test-mode claim", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => verify("trial", trialResult, ADMIN)));
    for (const a of answers) expect(a).toMatchObject({ status: 409, json: { valid: true, redeemed: false, test: true } });
    expect((await stats("trial")).claims).toBe(0);
  });

  it(`keeps plays, wins, prizes and claims when ${FORGED_RESULTS} forged results, ${FORGED_OTHERS} plays and ${FORGED_OTHERS} claims arrive`, async () => {
    const before = await stats("truth");
    expect(before).toMatchObject({
      source: "server",
      plays: 8,
      wins: 5,
      prizes: { gift: 5 },
      claims: 2,
      participants: 8,
      reach: 8,
      referrals: { participants: 0, viralCoefficient: 0 },
    });
    expect(serverFigures(before).sources).toEqual({ direct: [4, 1], news: [4, 1] });
    // the rest drew from Node's fetch, whose User-Agent reads as a desktop
    expect(serverFigures(before).devices).toEqual({ desktop: 4, mobile: 4 });
    const kinds: Array<{ type: string; i: number; props?: Record<string, unknown>; ago?: number }> = [
      ...Array.from({ length: FORGED_RESULTS }, (_, i) => ({ type: "result", i, props: { win: true, prizeId: "gift" } })),
      ...Array.from({ length: FORGED_OTHERS }, (_, i) => ({ type: "play", i })),
      ...Array.from({ length: FORGED_OTHERS }, (_, i) => ({ type: "claim", i, props: { prizeId: "gift" } })),
      // a play on the day before: a participant who came back, if believed
      ...Array.from({ length: FORGED_OTHERS }, (_, i) => ({ type: "play", i, ago: 86_400_000 })),
    ];
    const forged = kinds.map(({ type, i, props, ago }) => ({
      id: `forged-${type}-${i}${ago ? "-before" : ""}`,
      type,
      campaignId: "truth",
      // a fresh visitor per event, as a script would make them
      visitorId: type === "impression" || ago ? `forger-play-${i}` : `forger-${type}-${i}`,
      sessionId: `forger-session-${i}`,
      ts: Date.now() - (ago ?? 0),
      ...(props ? { props } : {}),
      // and from sources of its own making
      context: { url: "https://shop.example/", utm: { source: i % 2 ? "news" : "forged" } },
    }));
    const started = performance.now();
    let accepted = 0;
    for (let at = 0; at < forged.length; at += BATCH) {
      // from a phone, like the genuine players of the newsletter
      const { status, json } = await post("/v1/events", { sentAt: Date.now(), events: forged.slice(at, at + BATCH) }, PHONE);
      expect(status).toBe(200);
      accepted += json.accepted;
    }
    const ms = Math.round(performance.now() - started);
    // every forged event was taken and stored: the event rollups count them, the served figures do not
    expect(accepted).toBe(forged.length);
    const events = await queryStats(db, { campaignId: "truth" });
    const eventWins = events.wins;
    expect(eventWins).toBe(FORGED_RESULTS);
    // the event rollups believe the forgers came back; the served figures must not
    expect(events.returning).toBeGreaterThan(0);
    const after = await stats("truth");
    expect(serverFigures(after)).toEqual(serverFigures(before));
    // visits a share link brought, the forgers' own: reach is an event figure, so rates over it move; nothing else may
    const referred = Array.from({ length: FORGED_OTHERS }, (_, i) => ({
      id: `forged-referred-${i}`,
      type: "impression",
      campaignId: "truth",
      visitorId: `forger-play-${i}`,
      sessionId: `forger-session-${i}`,
      ts: Date.now(),
      props: { ref: "forged-ref" },
    }));
    for (let at = 0; at < referred.length; at += BATCH)
      expect((await post("/v1/events", { sentAt: Date.now(), events: referred.slice(at, at + BATCH) })).status).toBe(200);
    expect((await queryStats(db, { campaignId: "truth" })).referrals.participants).toBeGreaterThan(0);
    const { participationRate: _p, conversionRate: _c, ...unmoved } = serverFigures(before);
    expect(serverFigures(await stats("truth"))).toMatchObject(unmoved);
    expect(after).toMatchObject({ source: "server", plays: 8, wins: 5, prizes: { gift: 5 }, claims: 2 });
    console.log(
      `[forged-stats] ${backend.name}: ${forged.length} forged events in ${forged.length / BATCH} batches, ${ms} ms;` +
        ` served plays/wins/gift/claims before ${before.plays}/${before.wins}/${(before.prizes as Record<string, number>).gift}/${before.claims},` +
        ` after ${after.plays}/${after.wins}/${(after.prizes as Record<string, number>).gift}/${after.claims}; event-based wins after: ${eventWins}`,
    );
  }, 180_000);

  it("rejects events for a campaign it does not serve, with the reason, and takes the others", async () => {
    const ghost = (i: number) => ({
      id: `ghost-${i}`,
      type: "result",
      campaignId: "ghost",
      visitorId: "g",
      sessionId: "g",
      ts: Date.now(),
      props: { win: true },
    });
    const refused = await post("/v1/events", { sentAt: Date.now(), events: [ghost(1), ghost(2)] });
    expect(refused.status).toBe(422);
    expect(refused.json.rejected).toEqual([
      { index: 0, reason: 'campaignId: unknown campaign "ghost"' },
      { index: 1, reason: 'campaignId: unknown campaign "ghost"' },
    ]);
    const mixed = await post("/v1/events", {
      sentAt: Date.now(),
      events: [ghost(3), { id: "fine-1", type: "open", campaignId: "truth", visitorId: "player-0", sessionId: "s", ts: Date.now() }],
    });
    expect(mixed).toEqual({
      status: 200,
      json: { accepted: 1, duplicates: 0, rejected: [{ index: 0, reason: 'campaignId: unknown campaign "ghost"' }] },
    });
    const stored = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM events WHERE campaign_id = 'ghost'");
    expect(stored[0]!.n).toBe(0);
  });

  it("serves a public view with no code, code generator or quiz answer in it", async () => {
    const wheel = await (await fetch(`${url}/v1/campaigns/truth`)).text();
    expect(wheel).not.toMatch(/TRUTH-\d{5}|"codes"|"codeGenerator"/);
    const quiz = await (await fetch(`${url}/v1/campaigns/quiz`)).text();
    expect(quiz).not.toMatch(/"answer"|"explanation"|"choiceOutcomes"/);
    expect(JSON.parse(quiz).quiz.questions.map((q: { id: string }) => q.id)).toEqual(["q1", "q2"]);
  });
});
