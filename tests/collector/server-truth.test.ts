// where stats come from, over real HTTP on both databases: a server-mode campaign counts its own draws and redemptions
// per day in its time zone; a client-mode campaign counts events, and says so
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayKey } from "../../src/core/util/time.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer, type TestServer } from "./server.js";

const ZONE = "Asia/Ho_Chi_Minh";
// a minute before and a minute after midnight in Ho Chi Minh City, which is 17:00 UTC
const LATE = Date.parse("2027-01-20T23:59:00+07:00");
const EARLY = Date.parse("2027-01-21T00:01:00+07:00");

// the User-Agent a page's requests carry: the device class is read from it, at mint for the server's records
const PHONE = { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148" };
const TABLET = { "user-agent": "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/120.0 Safari/537.36" };
const DESKTOP = { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36" };

const wheel = (id: string, mode: "server" | "client") => ({
  id,
  game: "wheel",
  mode,
  timezone: ZONE,
  prizes: [
    { id: "gift", label: "Gift", weight: 1 },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
});

describe.each(BACKENDS)("stats sources on $name", (backend) => {
  let s: TestServer;
  let clock = LATE;
  let n = 0;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [wheel("served", "server"), wheel("browser", "client")],
      now: () => clock,
      limits: { ip: false, visitorDraws: false, visitorEvents: false },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const draw = async (campaignId: string) => {
    const { visitorId, visitorToken } = await s.mint(campaignId);
    const res = await s.post(`/v1/campaigns/${campaignId}/draw`, { visitorId, visitorToken, requestId: `truth-request-${n++}` });
    return (await res.json()) as { win: boolean; token: string };
  };
  const event = (campaignId: string, type: string, visitorId: string, props?: Record<string, unknown>) => ({
    id: `truth-event-${n++}`,
    type,
    campaignId,
    visitorId,
    sessionId: "s",
    ts: clock,
    ...(props ? { props } : {}),
  });

  it("counts a server-mode campaign's draws and redemptions on the day they happened in its time zone", async () => {
    const late = await draw("served");
    clock = EARLY;
    await draw("served");
    await draw("served");
    const redeem = await s.post("/v1/campaigns/served/claims/verify", { token: late.token }, { authorization: `Bearer ${ADMIN}` });
    expect(redeem.status).toBe(200);
    // what the page reports: an impression each, and a forged win that must not count
    await s.post("/v1/events", {
      sentAt: clock,
      events: [event("served", "impression", "player-0"), event("served", "result", "forger", { win: true, prizeId: "gift" })],
    });

    const [day1, day2] = [dayKey(LATE, ZONE), dayKey(EARLY, ZONE)];
    expect([day1, day2]).toEqual(["2027-01-20", "2027-01-21"]);
    const stats = await s.stats("served");
    expect(stats).toMatchObject({ source: "server", plays: 3, wins: 3, claims: 1, participants: 3, prizes: { gift: 3 }, winRate: 1 });
    expect(stats.funnel).toMatchObject({ play: 3, result: 3, claim: 1 });
    expect(stats.daily).toEqual({
      [day1]: { impressions: 0, reach: 0, leads: 0, participants: 1, plays: 1, wins: 1, claims: 0 },
      // the redemption counts on the day it was made, the impression on the day it was seen
      [day2]: { impressions: 1, reach: 1, leads: 0, participants: 2, plays: 2, wins: 2, claims: 1 },
    });
    const second = await s.stats("served", `?from=${day2}&to=${day2}`);
    expect(second).toMatchObject({ plays: 2, wins: 2, claims: 1, participants: 2, prizes: { gift: 2 } });
    expect(Object.keys(second.daily as object)).toEqual([day2]);
    expect(await s.stats("served", `?to=${day1}`)).toMatchObject({ plays: 1, claims: 0 });
  });

  it("counts a client-mode campaign from its events, and says so", async () => {
    await s.post("/v1/events", {
      sentAt: clock,
      events: [event("browser", "play", "b1"), event("browser", "result", "b1", { win: true, prizeId: "gift" })],
    });
    expect(await s.stats("browser")).toMatchObject({ source: "events", plays: 1, wins: 1, prizes: { gift: 1 } });
  });
});

describe.each(BACKENDS)("server-mode players on $name", (backend) => {
  let s: TestServer;
  let clock = LATE;
  let n = 0;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [wheel("served", "server"), wheel("browser", "client"), wheel("quiet", "server")],
      now: () => clock,
      limits: { ip: false, visitorDraws: false, visitorEvents: false },
      trustedProxies: "127.0.0.1/32,::1/128",
    });
  });
  afterAll(async () => {
    await s?.close();
  });
  const from = (address: string) => ({ "x-forwarded-for": address });
  const draw = async (v: { visitorId: string; visitorToken: string }) => {
    const res = await s.post("/v1/campaigns/served/draw", { ...v, requestId: `player-request-${n++}` });
    return (await res.json()) as { win: boolean; token: string };
  };
  /** the cockpit figures about players */
  const players = (stats: Record<string, unknown>) => ({
    participants: stats.participants,
    returning: stats.returning,
    retention: stats.retention,
    referred: (stats.referrals as { participants: number }).participants,
    viral: (stats.referrals as { viralCoefficient: number }).viralCoefficient,
    // reach per source is an event figure in every mode (forged impressions add a row with reach only)
    sources: Object.fromEntries(
      Object.entries(stats.sources as Record<string, { participants: number; claims: number }>)
        .filter(([, v]) => v.participants || v.claims)
        .map(([k, v]) => [k, [v.participants, v.claims]]),
    ),
    // so is reach per device; who played on each device is the server's
    devices: Object.fromEntries(
      Object.entries(stats.devices as Record<string, { participants: number }>)
        .filter(([, v]) => v.participants)
        .map(([k, v]) => [k, v.participants]),
    ),
  });

  it("takes returning, retention, referred participants and each source's and device's players from draws, not from events", async () => {
    // A came from a Zalo link on a phone, B through A's share link on a tablet, C from nowhere in particular on a desktop
    const a = await s.mint(
      "served",
      { context: { url: "https://shop.example/?utm_source=zalo", utm: { utm_source: "Zalo" } } },
      { ...from("203.0.113.1"), ...PHONE },
    );
    const b = await s.mint("served", { ref: a.referralToken }, { ...from("203.0.113.2"), ...TABLET });
    const won = await draw(a);
    await draw(b);
    clock = EARLY;
    await draw(a);
    await draw(await s.mint("served", {}, { ...from("203.0.113.3"), ...DESKTOP }));
    const redeemed = await s.post("/v1/campaigns/served/claims/verify", { token: won.token }, { authorization: `Bearer ${ADMIN}` });
    expect(redeemed.status).toBe(200);
    // every retention window of both days has ended
    clock = Date.parse("2027-01-30T12:00:00+07:00");
    const expected = {
      participants: 3,
      returning: 1,
      retention: { d1: 1 / 3, d7: 1 / 3, cohorts: { d1: 3, d7: 3 } },
      referred: 1,
      viral: 1 / 3,
      sources: { zalo: [1, 1], direct: [2, 0] },
      devices: { mobile: 1, tablet: 1, desktop: 1 },
    };
    expect(players(await s.stats("served"))).toEqual(expected);
    // the second day alone: A's first play in it is that day's, so nobody came back within it
    expect(players(await s.stats("served", "?from=2027-01-20&to=2027-01-21"))).toEqual({
      ...expected,
      retention: { d1: 1 / 2, d7: 0, cohorts: { d1: 2, d7: 0 } },
    });
    expect(players(await s.stats("served", "?from=2027-01-21&to=2027-01-21"))).toEqual({
      participants: 2,
      returning: 0,
      // the day's cohort has no window that ends inside the range
      retention: { d1: 0, d7: 0, cohorts: { d1: 0, d7: 0 } },
      referred: 0,
      viral: 0,
      sources: { zalo: [1, 1], direct: [1, 0] },
      devices: { mobile: 1, desktop: 1 },
    });

    // forged events of invented visitors: plays on two days, referred visits, claims, sources of their own
    const forged = Array.from({ length: 10 }, (_, k) =>
      (["play", "play", "impression", "claim"] as const).map((type, i) => ({
        id: `forged-player-${k}-${i}`,
        type,
        campaignId: "served",
        visitorId: `forger-${k}`,
        sessionId: "f",
        // the second play the day before
        ts: clock - (i === 1 ? 86_400_000 : 0),
        props: { ref: "forged-ref", win: true },
        context: { utm: { source: k % 2 ? "zalo" : "forged" } },
      })),
    ).flat();
    // sent from a phone: each event is credited to the device its request came from
    expect((await s.post("/v1/events", { sentAt: clock, events: forged }, PHONE)).status).toBe(200);
    expect(players(await s.stats("served"))).toEqual(expected);
    expect(players(await s.stats("served", "?from=2027-01-20&to=2027-01-30")).devices).toEqual(expected.devices);
    // impressions from 30 invented sources outrank the genuine ones by reach, which would fold those into "(other)"
    const flood = Array.from({ length: 60 }, (_, k) => ({
      id: `flood-${k}`,
      type: "impression",
      campaignId: "served",
      visitorId: `flooder-${k}`,
      sessionId: "f",
      ts: clock,
      context: { utm: { source: `invented-${k % 30}` } },
    }));
    expect((await s.post("/v1/events", { sentAt: clock, events: flood })).status).toBe(200);
    for (const range of ["", "?from=2027-01-20&to=2027-01-30"]) {
      const flooded = await s.stats("served", range);
      expect(players(flooded).sources, range).toEqual(expected.sources);
      // the invented ones are what was folded
      expect(Object.keys(flooded.sources as object), range).toContain("(other)");
    }
    // where the same events count, in a client-mode campaign
    await s.post(
      "/v1/events",
      { sentAt: clock, events: forged.map((e) => ({ ...e, id: `browser-${e.id}`, campaignId: "browser" })) },
      PHONE,
    );
    const browser = players(await s.stats("browser"));
    expect(browser.participants).toBe(10);
    expect(browser.devices).toEqual({ mobile: 10 });
    expect(browser.returning).toBeGreaterThan(0);
    expect(browser.referred).toBeGreaterThan(0);
  });

  it("counts no device participants for forged plays: only a draw the collector made puts a player on a device", async () => {
    const forge = (round: number) =>
      Array.from({ length: 300 }, (_, k) => ({
        id: `quiet-${round}-${k}`,
        type: "play",
        campaignId: "quiet",
        visitorId: `quiet-forger-${round}-${k}`,
        sessionId: "q",
        ts: clock,
        props: { game: "wheel" },
      }));
    expect((await s.post("/v1/events", { sentAt: clock, events: forge(1) }, PHONE)).status).toBe(200);
    // events would make them 300 phone players (as in a client-mode campaign above); the served figures have none
    const quiet = await s.stats("quiet");
    expect(quiet).toMatchObject({ source: "server", plays: 0, participants: 0, funnel: { play: 0 } });
    expect(quiet.devices).toEqual({});
    // one player minted from a phone draws: one phone participant, which more forged plays do not move
    const phone = await s.mint("quiet", {}, { ...from("203.0.113.9"), ...PHONE });
    expect((await s.post("/v1/campaigns/quiet/draw", { ...phone, requestId: "quiet-request" })).status).toBe(200);
    expect((await s.post("/v1/events", { sentAt: clock, events: forge(2) }, PHONE)).status).toBe(200);
    for (const range of ["", `?from=${dayKey(clock, ZONE)}&to=${dayKey(clock, ZONE)}`])
      expect((await s.stats("quiet", range)).devices, range).toEqual({ mobile: { reach: 0, participants: 1 } });
  });
});
