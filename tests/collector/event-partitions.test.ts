// events partitioned by day on both databases: a partition per recent day created on demand, old days in the default
// partition, dedupe by id across partitions (a resend with another time lands on another day), the move of an
// unpartitioned table, and stats that never miss what is still in the rollup outbox
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, MIGRATIONS } from "../../src/collector/migrations/index.js";
import { insertEvents, type EventRow } from "../../src/collector/storage/events.js";
import { partitionName } from "../../src/collector/storage/event-partitions.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import type { Database } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";

const NOW = Date.parse("2027-03-10T12:00:00Z");
const DAY = 86_400_000;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

const row = (id: string, ts: number, over: Partial<EventRow> = {}): EventRow => ({
  id,
  campaignId: "parts",
  type: "impression",
  visitorId: `v-${id}`,
  sessionId: "s",
  ts,
  clientTs: ts,
  receivedAt: ts,
  day: dayOf(ts),
  seq: null,
  props: null,
  context: null,
  automated: false,
  test: false,
  clamped: false,
  ...over,
});

/** where each stored event of the campaign lives */
const placed = (db: Database, ids: string[]) =>
  db.query<{ id: string; part: string }>("SELECT id, tableoid::regclass::text AS part FROM events WHERE id = ANY($1::text[]) ORDER BY id", [
    ids,
  ]);

const partitions = async (db: Database) =>
  (
    await db.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1",
    )
  ).map((r) => r.name);

describe.each(BACKENDS)("event partitions on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("creates the partition of a new recent day on demand and keeps old days in the default partition", async () => {
    const before = await partitions(db);
    expect(before).toContain("events_default");
    expect(before).not.toContain(partitionName(dayOf(NOW)));
    // today, yesterday, and fifty days far in the past (a forger inventing times must not make fifty tables)
    const old = Array.from({ length: 50 }, (_, i) => row(`old-${i}`, NOW - (30 + i) * DAY));
    const recent = [row("today", NOW), row("yesterday", NOW - DAY)];
    expect(await insertEvents(db, [...recent, ...old], NOW)).toEqual({ accepted: 52, duplicates: 0 });
    const after = await partitions(db);
    expect(after.filter((p) => !before.includes(p)).sort()).toEqual([partitionName(dayOf(NOW - DAY)), partitionName(dayOf(NOW))]);
    expect(await placed(db, ["today", "yesterday", "old-0", "old-49"])).toEqual([
      { id: "old-0", part: "events_default" },
      { id: "old-49", part: "events_default" },
      { id: "today", part: partitionName(dayOf(NOW)) },
      { id: "yesterday", part: partitionName(dayOf(NOW - DAY)) },
    ]);
  });

  it("refuses an id resent with another time, even when that time falls on another day's partition", async () => {
    const first = row("resent", NOW - 2 * DAY, { type: "play" });
    expect(await insertEvents(db, [first], NOW)).toEqual({ accepted: 1, duplicates: 0 });
    // the same id: a day later (another partition), a week earlier (another partition), and far back (the default one)
    for (const ts of [NOW - DAY, NOW - 6 * DAY, NOW - 60 * DAY]) {
      expect(await insertEvents(db, [{ ...first, ts, day: dayOf(ts), type: "claim" }], NOW)).toEqual({ accepted: 0, duplicates: 1 });
    }
    // and several batches at once resending it with different times
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        insertEvents(db, [{ ...first, id: "racing", type: "open", ts: NOW - i * DAY, day: dayOf(NOW - i * DAY) }], NOW),
      ),
    );
    expect(racing.reduce((n, r) => n + r.accepted, 0)).toBe(1);
    expect(await db.query("SELECT id, type, day FROM events WHERE id = 'resent'")).toEqual([
      { id: "resent", type: "play", day: dayOf(NOW - 2 * DAY) },
    ]);
    expect(await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM events WHERE id = 'racing'")).toEqual([{ n: 1 }]);
    // counted once in the stats too
    const stats = await queryStats(db, { campaignId: "parts" });
    expect(stats.plays).toBe(1);
    expect(stats.claims).toBe(0);
    expect(stats.funnel.open).toBe(1);
  });

  it("answers stats with the events still in the outbox", async () => {
    const rows = [row("pending-1", NOW, { campaignId: "pending" }), row("pending-2", NOW, { campaignId: "pending", type: "play" })];
    await insertEvents(db, rows, NOW);
    // no consumer runs here: the rollups have not seen them yet
    expect(await db.query("SELECT events FROM stats_daily WHERE campaign_id = 'pending'")).toEqual([]);
    expect(await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM rollup_outbox WHERE campaign_id = 'pending'")).toEqual([
      { n: 1 },
    ]);
    const stats = await queryStats(db, { campaignId: "pending" });
    expect({ impressions: stats.impressions, plays: stats.plays, reach: stats.reach, participants: stats.participants }).toEqual({
      impressions: 1,
      plays: 1,
      reach: 1,
      participants: 1,
    });
    expect(await db.query("SELECT seq FROM rollup_outbox WHERE campaign_id = 'pending'")).toEqual([]);
  });

  it("moves an unpartitioned events table into day partitions, and its ids stay taken", async () => {
    const old = await backend.openBefore(50);
    try {
      await old.query(
        `INSERT INTO events (id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, automated, test, clamped)
         VALUES ('a', 'c', 'impression', 'v', 's', 1, 1, 1, '2027-01-20', false, false, false),
                ('b', 'c', 'play', 'v', 's', 2, 2, 2, '2027-01-21', false, false, false),
                ('c', 'c', 'play', 'v', 's', 3, 3, 3, '2027-01-21', false, false, false)`,
      );
      expect(await migrate(old)).toEqual(MIGRATIONS.filter((m) => m.version >= 50).map((m) => m.version));
      expect(await placed(old, ["a", "b", "c"])).toEqual([
        { id: "a", part: "events_2027_01_20" },
        { id: "b", part: "events_2027_01_21" },
        { id: "c", part: "events_2027_01_21" },
      ]);
      expect(await old.query("SELECT id, day FROM event_ids ORDER BY id")).toEqual([
        { id: "a", day: "2027-01-20" },
        { id: "b", day: "2027-01-21" },
        { id: "c", day: "2027-01-21" },
      ]);
      expect(await insertEvents(old, [row("b", NOW)], NOW)).toEqual({ accepted: 0, duplicates: 1 });
    } finally {
      await old.close();
    }
  });
});
