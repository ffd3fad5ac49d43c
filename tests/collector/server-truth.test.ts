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
