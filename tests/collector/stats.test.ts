// stats computed in SQL equal core computeStats for the same events, on both databases
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats } from "../../src/core/stats/index.js";
import type { EngagementEvent } from "../../src/core/events/index.js";
import { dayKey } from "../../src/core/util/time.js";
import { insertEvents } from "../../src/collector/storage/events.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import type { Database } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { generateEvents, toRow } from "./fixtures.js";
import { startServer, tet } from "./server.js";

const TZ = "Asia/Ho_Chi_Minh";
const events = generateEvents({ count: 12_000, seed: 42, campaignIds: ["tet-2027", "summer"], visitors: 3000, days: 12, duplicates: 0.05 });

describe.each(BACKENDS)("stats on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const rows = events.map((e) => toRow(e, TZ));
    for (let i = 0; i < rows.length; i += 500) await insertEvents(db, rows.slice(i, i + 500));
  });
  afterAll(async () => {
    await db?.close();
  });

  it("equal computeStats on 12,000 generated events with duplicates, test and automated events", async () => {
    const expected = computeStats(events, { timezone: TZ });
    for (const campaignId of ["tet-2027", "summer"]) {
      const actual = await queryStats(db, { campaignId });
      expect(actual).toEqual(expected[campaignId]);
    }
    // the comparison means something only if the data exercises every field
    const tet = expected["tet-2027"]!;
    expect(tet.reach).toBeGreaterThan(1000);
    expect(Object.keys(tet.daily).length).toBeGreaterThanOrEqual(12);
    expect(tet.prizes["7"]).toBeGreaterThan(0);
    expect(tet.wins).toBeGreaterThan(0);
  });

  it("equal computeStats with automated events counted", async () => {
    const expected = computeStats(events, { timezone: TZ, includeAutomated: true });
    expect(await queryStats(db, { campaignId: "summer", includeAutomated: true })).toEqual(expected.summer);
    expect(expected.summer!.impressions).toBeGreaterThan(computeStats(events, { timezone: TZ }).summer!.impressions);
  });

  it("equal computeStats over the events of a range of days", async () => {
    const days = Object.keys(computeStats(events, { timezone: TZ })["tet-2027"]!.daily).sort();
    const [from, to] = [days[3]!, days[7]!];
    const inRange = events.filter((e: EngagementEvent) => {
      const d = dayKey(e.ts, TZ);
      return d >= from && d <= to;
    });
    const expected = computeStats(inRange, { timezone: TZ })["tet-2027"];
    const actual = await queryStats(db, { campaignId: "tet-2027", from, to });
    expect(actual).toEqual(expected);
    expect(Object.keys(actual.daily)).toEqual(days.slice(3, 8));
  });

  it("answers zeros for a campaign without events", async () => {
    expect(await queryStats(db, { campaignId: "empty" })).toEqual({
      impressions: 0,
      reach: 0,
      participants: 0,
      plays: 0,
      wins: 0,
      claims: 0,
      leads: 0,
      participationRate: 0,
      conversionRate: 0,
      engagementRate: 0,
      winRate: 0,
      prizes: {},
      funnel: { impression: 0, open: 0, play: 0, result: 0, claim: 0 },
      daily: {},
    });
  });
});

describe.each(BACKENDS)("GET /v1/campaigns/:id/stats on $name", (backend) => {
  it("equals computeStats over the events as stored, after clock correction, through HTTP", async () => {
    const s = await startServer(backend, { limits: { ip: false, visitorEvents: false } });
    try {
      const now = Date.now();
      // a client clock 3 hours slow, events spread over the last two days
      const sent = generateEvents({
        count: 2000,
        seed: 9,
        campaignIds: ["tet-2027"],
        visitors: 300,
        start: now - 2 * 86_400_000,
        days: 2,
      }).map((e) => ({
        ...e,
        ts: e.ts - 3 * 3_600_000,
      }));
      for (let i = 0; i < sent.length; i += 200) {
        const res = await s.post("/v1/events", { sentAt: now - 3 * 3_600_000, events: sent.slice(i, i + 200) });
        expect(res.status).toBe(200);
      }
      const stored = await s.storedEvents();
      expect(stored).toHaveLength(new Set(sent.map((e) => e.id)).size);
      const expected = computeStats(stored, { timezone: String(tet.timezone) })["tet-2027"];
      // a client-mode campaign: every figure from the events, and the answer says so
      expect(await s.stats("tet-2027")).toEqual({ ...expected, source: "events" });
    } finally {
      await s.close();
    }
  });
});
