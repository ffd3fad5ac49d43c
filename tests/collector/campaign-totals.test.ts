// the counters kept from ingest (stats_daily reach/participants/leads, stats_campaign_groups, stats_campaign_cohorts) equal a
// recount of the visitor rows they sum, after batches stored concurrently, out of time order and with duplicates, while
// two outbox consumers (as two collector instances would run) apply the rollups at the same time
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats } from "../../src/core/stats/index.js";
import { insertEvents } from "../../src/collector/storage/events.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import type { Database } from "../../src/collector/storage/index.js";
import { applyPendingRollups, startRollups } from "../../src/collector/storage/rollup-outbox.js";
import { BACKENDS } from "./backends.js";
import { generateEvents, toRow } from "./fixtures.js";

const TZ = "Asia/Ho_Chi_Minh";
const NOW = Date.parse("2027-01-29T12:00:00+07:00");
// few visitors, many events each: their first touch and first play day move as earlier events arrive in later batches
const events = generateEvents({ count: 6000, seed: 7, campaignIds: ["tet-2027", "summer"], visitors: 400, days: 12, duplicates: 0.1 });

const bits = (column: string) =>
  ["impression:1", "open:2", "play:4", "result:8", "claim:16", "lead:32", "engaged:64", "referred:128"]
    .map((b) => b.split(":"))
    .map(([name, bit]) => `count(*) FILTER (WHERE ${column} & ${bit} <> 0)::integer AS ${name}`)
    .join(", ");

// the same sums read straight from the visitor rows
const RECOUNT = {
  days: `SELECT campaign_id, day, automated, count(*) FILTER (WHERE steps & 1 <> 0)::integer AS reach,
      count(*) FILTER (WHERE steps & 4 <> 0)::integer AS participants, count(*) FILTER (WHERE steps & 32 <> 0)::integer AS leads
    FROM stats_visitors GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  groups: `SELECT campaign_id, automated, coalesce(source, 'direct') AS source, coalesce(device, 'unknown') AS device, ${bits("steps")},
      count(*) FILTER (WHERE steps & 132 = 132)::integer AS referred_play, sum(claims)::integer AS claims
    FROM stats_campaign_visitors GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  cohorts: `SELECT campaign_id, automated, play1, count(*)::integer AS players, count(play2)::integer AS returners,
      count(*) FILTER (WHERE play2::date - play1::date = 1)::integer AS d1, count(*) FILTER (WHERE play2::date - play1::date <= 7)::integer AS d7
    FROM stats_campaign_visitors WHERE play1 IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
};
const STORED = {
  days: "SELECT campaign_id, day, automated, reach, participants, leads FROM stats_daily WHERE reach + participants + leads > 0 ORDER BY 1, 2, 3",
  groups: `SELECT campaign_id, automated, source, device, impression, open, play, result, claim, lead, engaged, referred, referred_play, claims
    FROM stats_campaign_groups WHERE impression + open + play + result + claim + lead + engaged + referred + claims > 0 ORDER BY 1, 2, 3, 4`,
  cohorts:
    "SELECT campaign_id, automated, play1, players, returners, d1, d7 FROM stats_campaign_cohorts WHERE players > 0 ORDER BY 1, 2, 3",
};

describe.each(BACKENDS)("campaign counters on $name", (backend) => {
  let db: Database;
  const errors: unknown[] = [];
  let applied = 0;
  beforeAll(async () => {
    db = await backend.open();
    const rows = events.map((e) => toRow(e, TZ));
    // the worker ingest wakes after each batch, and a second consumer polling as another instance would
    const worker = startRollups(db, (e) => errors.push(e), 5);
    let writing = true;
    const other = (async () => {
      while (writing)
        applied += await applyPendingRollups(db).catch((e) => {
          errors.push(e);
          return 0;
        });
    })();
    // four writers at once, each sending its batches twice: the same visitors in every writer
    const writers = [0, 1, 2, 3].map(async (w) => {
      const mine = rows.filter((_, i) => i % 4 === w);
      for (let i = 0; i < mine.length; i += 150) {
        const batch = mine.slice(i, i + 150);
        await insertEvents(db, batch);
        await insertEvents(db, batch.slice(0, 40));
      }
    });
    await Promise.all(writers);
    writing = false;
    await other;
    // stopping applies what is left
    await worker.stop();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("equal a recount of the visitor rows after concurrent and duplicate batches", async () => {
    expect(errors).toEqual([]);
    // the second consumer took part, and nothing is left in the outbox
    expect(applied).toBeGreaterThan(0);
    expect(await db.query("SELECT seq FROM rollup_outbox")).toEqual([]);
    // every stored event counted once: the day counters hold as many events as the table
    const [counted] = await db.query<{ n: number }>("SELECT coalesce(sum(events), 0)::integer AS n FROM stats_daily");
    const [stored] = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM events WHERE NOT test");
    expect(counted!.n).toBe(stored!.n);
    expect(stored!.n).toBe(new Set(events.filter((e) => e.props?.test !== true).map((e) => e.id)).size);
    for (const table of ["days", "groups", "cohorts"] as const) {
      const recount = await db.query(RECOUNT[table]);
      expect(recount.length).toBeGreaterThan(3);
      expect(await db.query(STORED[table])).toEqual(recount);
    }
  });

  it("give the whole-campaign stats computeStats gives", async () => {
    const expected = computeStats(events, { timezone: TZ, now: NOW });
    for (const campaignId of ["tet-2027", "summer"]) {
      expect(await queryStats(db, { campaignId, timezone: TZ, now: NOW })).toEqual(expected[campaignId]);
    }
    // visitors came back, so first play days moved and cohorts were recounted
    expect(expected["tet-2027"]!.returning).toBeGreaterThan(50);
  });
});
