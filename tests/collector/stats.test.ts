// stats computed in SQL equal core computeStats for the same events, on both databases
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats, emptyStats } from "../../src/core/stats/index.js";
import type { EngagementEvent } from "../../src/core/events/index.js";
import { dayKey } from "../../src/core/util/time.js";
import { insertEvents } from "../../src/collector/storage/events.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import { applyPendingRollups } from "../../src/collector/storage/rollup-outbox.js";
import type { Database } from "../../src/collector/storage/index.js";
import { migrate, MIGRATIONS } from "../../src/collector/migrations/index.js";
import { BACKENDS } from "./backends.js";
import { generateEvents, toRow } from "./fixtures.js";
import { ADMIN, startServer, tet } from "./server.js";

const TZ = "Asia/Ho_Chi_Minh";
// a day within the generated 12 days: recent cohorts are still open and left out of retention
const NOW = Date.parse("2027-01-29T12:00:00+07:00");
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
    const expected = computeStats(events, { timezone: TZ, now: NOW });
    for (const campaignId of ["tet-2027", "summer"]) {
      const actual = await queryStats(db, { campaignId, timezone: TZ, now: NOW });
      expect(actual).toEqual(expected[campaignId]);
    }
    // the comparison means something only if the data exercises every field
    const tet = expected["tet-2027"]!;
    expect(tet.reach).toBeGreaterThan(1000);
    expect(Object.keys(tet.daily).length).toBeGreaterThanOrEqual(12);
    expect(tet.prizes["7"]).toBeGreaterThan(0);
    expect(tet.wins).toBeGreaterThan(0);
    expect(tet.returning).toBeGreaterThan(0);
    expect(tet.retention.cohorts.d1).toBeGreaterThan(0);
    expect(tet.retention.cohorts.d7).toBeGreaterThan(0);
    expect(tet.retention.cohorts.d7).toBeLessThan(tet.retention.cohorts.d1);
    expect(tet.retention.d1).toBeGreaterThan(0);
    expect(tet.nps?.responses).toBeGreaterThan(100);
    expect(tet.referrals.visits).toBeGreaterThan(0);
    expect(tet.referrals.participants).toBeGreaterThan(0);
    expect(tet.referrals.shares).toBeGreaterThan(0);
    expect(Object.keys(tet.sources)).toHaveLength(25);
    expect(tet.sources["(other)"]?.reach).toBeGreaterThan(0);
    expect(tet.sources.zalo?.reach).toBeGreaterThan(0);
    expect(tet.sources["google.com"]?.reach).toBeGreaterThan(0);
    expect(tet.sources["shop.example"]).toBeUndefined();
    expect(Object.keys(tet.devices).sort()).toEqual(["desktop", "mobile", "tablet", "unknown"]);
  });

  it("equal computeStats with automated events counted", async () => {
    const expected = computeStats(events, { timezone: TZ, includeAutomated: true, now: NOW });
    expect(await queryStats(db, { campaignId: "summer", includeAutomated: true, timezone: TZ, now: NOW })).toEqual(expected.summer);
    expect(expected.summer!.impressions).toBeGreaterThan(computeStats(events, { timezone: TZ }).summer!.impressions);
  });

  it("equal computeStats over the events of a range of days", async () => {
    const days = Object.keys(computeStats(events, { timezone: TZ })["tet-2027"]!.daily).sort();
    const [from, to] = [days[3]!, days[7]!];
    const inRange = events.filter((e: EngagementEvent) => {
      const d = dayKey(e.ts, TZ);
      return d >= from && d <= to;
    });
    // retention windows end at the range's last day: core sees it as "now" being the day after
    const expected = computeStats(inRange, { timezone: TZ, now: Date.parse(`${to}T12:00:00+07:00`) + 86_400_000 })["tet-2027"];
    const actual = await queryStats(db, { campaignId: "tet-2027", from, to, timezone: TZ, now: NOW + 30 * 86_400_000 });
    expect(actual).toEqual(expected);
    expect(Object.keys(actual.daily)).toEqual(days.slice(3, 8));
  });

  // a range of up to 56 days keeps its play days as bits (storage/cockpit-stats.ts: an integer up to 31 days, a bigint
  // beyond), a longer or open one folds them:
  // both must equal core, with retention cut inside the range by `now` as well as at its end
  const all = () => Object.keys(computeStats(events, { timezone: TZ })["tet-2027"]!.daily).sort();
  const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  it.each([
    { name: "every day of the campaign, retention cut by now", range: () => ({ from: all()[0], to: all().at(-1) }) },
    { name: "the same with automated events", range: () => ({ from: all()[0], to: all().at(-1) }), includeAutomated: true },
    { name: "the last 31 days (integer bits)", range: () => ({ from: shift(all().at(-1)!, -30), to: all().at(-1) }) },
    { name: "a range of 32 to 56 days (bigint bits)", range: () => ({ from: shift(all()[0]!, -40), to: all().at(-1) }) },
    { name: "a range longer than 56 days", range: () => ({ from: shift(all()[0]!, -60), to: all().at(-1) }) },
    { name: "a range with only a first day", range: () => ({ from: all()[2], to: undefined }) },
    { name: "a range with only a last day", range: () => ({ from: undefined, to: all()[8] }) },
  ])("equal computeStats over $name", async ({ range, includeAutomated }) => {
    const { from, to } = range();
    const inRange = events.filter((e: EngagementEvent) => {
      const d = dayKey(e.ts, TZ);
      return (from === undefined || d >= from) && (to === undefined || d <= to);
    });
    // retention windows end at the range's last day or yesterday, whichever is earlier: core sees the earlier as "now"
    const now = to === undefined ? NOW : Math.min(NOW, Date.parse(`${to}T12:00:00+07:00`) + 86_400_000);
    const expected = computeStats(inRange, { timezone: TZ, includeAutomated, now })["tet-2027"]!;
    expect(await queryStats(db, { campaignId: "tet-2027", from, to, includeAutomated, timezone: TZ, now: NOW })).toEqual(expected);
    expect(expected.retention.cohorts.d1).toBeGreaterThan(0);
    expect(expected.retention.d1).toBeGreaterThan(0);
    expect(expected.returning).toBeGreaterThan(0);
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
      returning: 0,
      retention: { d1: 0, d7: 0, cohorts: { d1: 0, d7: 0 } },
      nps: null,
      referrals: { shares: 0, visits: 0, participants: 0, viralCoefficient: 0 },
      sources: {},
      devices: {},
    });
    expect(emptyStats()).toEqual(await queryStats(db, { campaignId: "empty" }));
  });
});

describe.each(BACKENDS)("stats over rows stored before version 80 on $name", (backend) => {
  it("equal computeStats over a range once the visitor-days have their day number, first-touch key and part", async () => {
    const old = await backend.openBefore(80);
    try {
      const some = events.slice(0, 3000);
      const rows = some.map((e) => toRow(e, TZ));
      for (let i = 0; i < rows.length; i += 500) await insertEvents(old, rows.slice(i, i + 500));
      await applyPendingRollups(old);
      expect(await migrate(old)).toEqual(MIGRATIONS.filter((m) => m.version >= 80).map((m) => m.version));
      const days = Object.keys(computeStats(some, { timezone: TZ })["tet-2027"]!.daily).sort();
      const [from, to] = [days[0]!, days[6]!];
      const inRange = some.filter((e) => dayKey(e.ts, TZ) >= from && dayKey(e.ts, TZ) <= to);
      const expected = computeStats(inRange, { timezone: TZ, now: Date.parse(`${to}T12:00:00+07:00`) + 86_400_000 })["tet-2027"]!;
      expect(await queryStats(old, { campaignId: "tet-2027", from, to, timezone: TZ, now: NOW + 30 * 86_400_000 })).toEqual(expected);
      expect(expected.returning).toBeGreaterThan(0);
      expect(Object.keys(expected.sources).length).toBeGreaterThan(3);
    } finally {
      await old.close();
    }
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
      const expected = computeStats(stored, { timezone: String(tet.timezone) })["tet-2027"]!;
      // a client-mode campaign: every figure from the events, and the answer says so
      expect(await s.stats("tet-2027")).toEqual({ ...expected, source: "events" });
      // fetch's User-Agent is no phone: every visitor counts as desktop, whatever the events claimed
      expect(Object.keys(expected.devices)).toEqual(["desktop"]);

      // the daily table as CSV, for the admin only
      const csvUrl = `${s.url}/v1/campaigns/tet-2027/stats.csv`;
      expect((await fetch(csvUrl)).status).toBe(401);
      const res = await fetch(csvUrl, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
      expect(lines[0]).toBe("day,impressions,reach,participants,plays,wins,claims,leads");
      const days = Object.entries(expected.daily).sort(([a], [b]) => (a < b ? -1 : 1));
      expect(lines.slice(1, -1)).toEqual(
        days.map(([day, d]) => [day, d.impressions, d.reach, d.participants, d.plays, d.wins, d.claims, d.leads].join(",")),
      );
      expect(lines.at(-1)).toBe("");
    } finally {
      await s.close();
    }
    // 2,000 events through HTTP and the embedded database: slow on a busy machine
  }, 180_000);
});
