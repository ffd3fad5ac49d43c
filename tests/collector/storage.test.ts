// the storage layer on both databases: migrations, events with their rollups, the engine's store
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeTakenError, type DrawCommit } from "../../src/core/engine/types.js";
import { migrate, MIGRATIONS } from "../../src/collector/migrations/index.js";
import { insertEvents } from "../../src/collector/storage/events.js";
import { createDatabaseStore, DrawReplayError } from "../../src/collector/storage/engine-store.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import { ownValue } from "../../src/core/util/own.js";
import type { Database } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { generateEvents, toRow } from "./fixtures.js";

const commit = (over: Partial<DrawCommit> & Pick<DrawCommit, "drawId" | "visitorId">): DrawCommit => ({
  day: "2027-01-20",
  at: 1,
  prizeId: null,
  consumes: false,
  win: false,
  test: false,
  ...over,
});

describe.each(BACKENDS)("storage on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("runs each migration once", async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations");
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("stores a batch sent three times once", async () => {
    const rows = generateEvents({ count: 300, seed: 11, duplicates: 0, campaignIds: ["dedupe"] }).map((e) => toRow(e));
    const first = await insertEvents(db, rows);
    const again = [await insertEvents(db, rows), await insertEvents(db, rows)];
    expect(first).toEqual({ accepted: 300, duplicates: 0 });
    expect(again).toEqual([
      { accepted: 0, duplicates: 300 },
      { accepted: 0, duplicates: 300 },
    ]);
    const [count] = await db.query<{ n: number }>("SELECT count(*) AS n FROM events WHERE campaign_id = 'dedupe'");
    expect(count!.n).toBe(300);
    const impressions = rows.filter((r) => r.type === "impression" && !r.test && !r.automated).length;
    expect((await queryStats(db, { campaignId: "dedupe" })).impressions).toBe(impressions);
  });

  it("stores and counts only the new events of a batch that holds some stored ones", async () => {
    // the first batch is claimed by a plain insert; the second meets taken ids and is stored by the ON CONFLICT form
    const rows = generateEvents({ count: 200, seed: 13, duplicates: 0, campaignIds: ["mixed"] })
      .map((e) => toRow(e))
      .filter((r) => !r.test);
    const older = rows.filter((_, i) => i % 2 === 0);
    expect(await insertEvents(db, older)).toEqual({ accepted: older.length, duplicates: 0 });
    expect(await insertEvents(db, rows)).toEqual({ accepted: rows.length - older.length, duplicates: older.length });
    const [count] = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM events WHERE campaign_id = 'mixed'");
    expect(count!.n).toBe(rows.length);
    const impressions = rows.filter((r) => r.type === "impression" && !r.automated).length;
    expect((await queryStats(db, { campaignId: "mixed" })).impressions).toBe(impressions);
  });

  it("stores every column as it was sent, the characters a bulk format escapes included", async () => {
    const [base] = generateEvents({ count: 1, seed: 14, campaignIds: ["verbatim"] }).map((e) => toRow(e));
    const awkward = "tab\there, line\nbreak, return\r, backslash \\N and \\., Tết 🎉";
    const row = {
      ...base!,
      id: `id\t${awkward}`,
      visitorId: `v\\${awkward}`,
      sessionId: "\\N",
      seq: null,
      props: { label: awkward, quote: '"\\"', none: null, yes: true, n: 1.5 },
      context: null,
      automated: false,
      test: false,
      clamped: true,
    };
    expect(await insertEvents(db, [row])).toEqual({ accepted: 1, duplicates: 0 });
    const [stored] = await db.query(
      "SELECT id, visitor_id, session_id, seq, props, context, automated, test, clamped, ts, day FROM events WHERE campaign_id = 'verbatim'",
    );
    expect(stored).toEqual({
      id: row.id,
      visitor_id: row.visitorId,
      session_id: "\\N",
      seq: null,
      props: row.props,
      context: null,
      automated: false,
      test: false,
      clamped: true,
      ts: row.ts,
      day: row.day,
    });
    // the same id again is a duplicate, found by the same key
    expect(await insertEvents(db, [row])).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("keeps the first of two events with one id inside a batch", async () => {
    const [a] = generateEvents({ count: 1, seed: 12, campaignIds: ["inbatch"] }).map((e) => toRow(e));
    const b = { ...a!, type: "claim" as const };
    expect(await insertEvents(db, [a!, b])).toEqual({ accepted: 1, duplicates: 1 });
    const [stored] = await db.query<{ type: string }>("SELECT type FROM events WHERE id = $1", [a!.id]);
    expect(stored!.type).toBe(a!.type);
  });

  it("never gives more than the stock, even to 500 concurrent draws", async () => {
    const store = createDatabaseStore(db);
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        store.transact("stock", `v${i}`, "2027-01-20", (snap) => {
          const given = snap.prizes.gift?.given ?? 0;
          const win = given < 50;
          return {
            commit: commit({
              drawId: `d${i}`,
              visitorId: `v${i}`,
              prizeId: win ? "gift" : null,
              consumes: win,
              win,
              code: win ? `CODE-${given}` : undefined,
            }),
            result: win,
          };
        }),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(50);
    expect(await store.prizeCounters("stock", "2027-01-20")).toEqual({ gift: { given: 50, givenToday: 50 } });
    const codes = await db.query<{ code: string }>("SELECT code FROM codes WHERE campaign_id = 'stock'");
    expect(new Set(codes.map((c) => c.code)).size).toBe(50);
  });

  it("reads the counters of a prize named like an Object property as its own", async () => {
    const store = createDatabaseStore(db);
    for (const i of [1, 2])
      await store.transact("named", `v${i}`, "2027-01-20", (snap) => {
        // what the sampler reads: the snapshot's own entry, absent before the first unit
        expect(ownValue(snap.prizes, "constructor")?.given ?? 0).toBe(i - 1);
        return { commit: commit({ drawId: `n${i}`, visitorId: `v${i}`, prizeId: "constructor", consumes: true, win: true }), result: null };
      });
    expect(await store.prizeCounters("named", "2027-01-20")).toEqual({ constructor: { given: 2, givenToday: 2 } });
    expect(Object.getOwnPropertyNames(Object).includes("given")).toBe(false);
  });

  it("refuses a generated code that was already issued, and changes nothing", async () => {
    const store = createDatabaseStore(db);
    const draw = (drawId: string) =>
      store.transact("codes", drawId, "2027-01-20", () => ({
        commit: commit({ drawId, visitorId: drawId, prizeId: "p", consumes: true, win: true, newCode: "SAME", code: "SAME" }),
        result: drawId,
      }));
    await draw("first");
    await expect(draw("second")).rejects.toBeInstanceOf(CodeTakenError);
    expect(await store.prizeCounters("codes", "2027-01-20")).toEqual({ p: { given: 1, givenToday: 1 } });
    expect((await store.visitor("codes", "second", "2027-01-20")).total).toBe(0);
  });

  it("answers a draw id used before with its first result, changing nothing; another visitor's id is refused", async () => {
    const store = createDatabaseStore(db);
    let n = 0;
    const draw = (visitorId = "v") =>
      store.transact("replay", visitorId, "2027-01-20", () => ({
        commit: commit({ drawId: "once", visitorId, at: 5 }),
        result: { ok: true, n: ++n },
      }));
    expect(await draw()).toEqual({ ok: true, n: 1 });
    expect(await draw()).toEqual({ ok: true, n: 1 });
    await expect(draw("intruder")).rejects.toBeInstanceOf(DrawReplayError);
    const [row] = await db.query<{ result: unknown }>("SELECT result FROM draws WHERE campaign_id = 'replay' AND draw_id = 'once'");
    expect(row!.result).toEqual({ ok: true, n: 1 });
    expect(await store.visitor("replay", "v", "2027-01-20")).toEqual({
      total: 1,
      today: 1,
      lastPlayAt: 5,
      bonusTotal: 0,
      bonusToday: 0,
      lead: false,
    });
  });

  it("answers a draw id used before only to the visitor who sent it when several play as one contact", async () => {
    const store = createDatabaseStore(db);
    const draw = (requestedBy?: string) =>
      store.transact("replay-by", "email:an@example.com", "2027-01-20", () => ({
        commit: commit({ drawId: "once", visitorId: "email:an@example.com", ...(requestedBy ? { requestedBy } : {}) }),
        result: { ok: true, by: requestedBy },
      }));
    expect(await draw("browser-1")).toEqual({ ok: true, by: "browser-1" });
    expect(await draw("browser-1")).toEqual({ ok: true, by: "browser-1" });
    await expect(draw("browser-2")).rejects.toBeInstanceOf(DrawReplayError);
    // no sender is the player itself: a draw sent by a browser is not that
    await expect(draw()).rejects.toBeInstanceOf(DrawReplayError);
    expect((await store.visitor("replay-by", "email:an@example.com", "2027-01-20")).total).toBe(1);
  });

  it("keeps visitor ledgers per day, bonus plays up to the daily maximum, and leads", async () => {
    const store = createDatabaseStore(db);
    await store.transact("ledger", "v", "2027-01-20", () => ({
      commit: commit({ drawId: "a", visitorId: "v", day: "2027-01-20", at: 10 }),
      result: 0,
    }));
    await store.transact("ledger", "v", "2027-01-21", () => ({
      commit: commit({ drawId: "b", visitorId: "v", day: "2027-01-21", at: 20 }),
      result: 0,
    }));
    expect(await store.grantBonus("ledger", "v", "2027-01-21", 1, 2)).toBe(1);
    expect(await store.grantBonus("ledger", "v", "2027-01-21", 5, 2)).toBe(1);
    expect(await store.grantBonus("ledger", "v", "2027-01-21", 1, 2)).toBe(0);
    await store.markLead("ledger", "v");
    expect(await store.visitor("ledger", "v", "2027-01-21")).toEqual({
      total: 2,
      today: 1,
      lastPlayAt: 20,
      bonusTotal: 2,
      bonusToday: 2,
      lead: true,
    });
    expect(await store.visitor("ledger", "v", "2027-01-22")).toMatchObject({ total: 2, today: 0, bonusToday: 0 });
  });
});

describe.each(BACKENDS)("migrations on $name", (backend) => {
  it("bring a version 1 database up to date, filling the campaign visitor rollup from the daily one", async () => {
    const db = await backend.openBefore(1);
    try {
      expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
      await db.query(
        `INSERT INTO stats_visitors (campaign_id, day, automated, visitor_id, steps) VALUES
         ('c', '2027-01-20', false, 'v', 1), ('c', '2027-01-21', false, 'v', 4), ('c', '2027-01-21', true, 'v', 2),
         ('c', '2027-01-23', false, 'v', 4), ('c', '2027-01-25', false, 'v', 4)`,
      );
      expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
      const rows = await db.query("SELECT automated, visitor_id, steps, play1, play2 FROM stats_campaign_visitors ORDER BY automated");
      // the cockpit's play days (version 20) are filled from the visitor-days too
      expect(rows).toEqual([
        { automated: false, visitor_id: "v", steps: 5, play1: "2027-01-21", play2: "2027-01-23" },
        { automated: true, visitor_id: "v", steps: 2, play1: null, play2: null },
      ]);
      // and the campaign counters (version 40) from those rows: one visitor, first played on the 21st, back two days later
      expect(
        await db.query("SELECT automated, source, device, impression, play, open FROM stats_campaign_groups ORDER BY automated"),
      ).toEqual([
        { automated: false, source: "direct", device: "unknown", impression: 1, play: 1, open: 0 },
        { automated: true, source: "direct", device: "unknown", impression: 0, play: 0, open: 1 },
      ]);
      expect(await db.query("SELECT automated, play1, players, returners, d1, d7 FROM stats_campaign_cohorts")).toEqual([
        { automated: false, play1: "2027-01-21", players: 1, returners: 1, d1: 0, d7: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});
