// the collector bench's fill and plan printer: the stats it times must read rows as ingest writes them, on both databases
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStats } from "../../src/core/stats/index.js";
import type { EngagementEvent } from "../../src/core/events/index.js";
import type { EventRow } from "../../src/collector/storage/events.js";
import type { Database } from "../../src/collector/storage/index.js";
import { queryStats } from "../../src/collector/storage/stats.js";
import { fillCampaign, makeRows, toEvent as sentAs } from "../../bench/collector-data.js";
import { explaining } from "../../bench/lib/explain.js";
import { BACKENDS } from "../collector/backends.js";

// three insert batches of 5,000 and a short last one, so the overlap of generating and storing is exercised
const COUNT = 16_000;
const TZ = "Asia/Ho_Chi_Minh";
const NOW = Date.parse("2027-03-01T00:00:00Z");

/** a stored row as the event core reads: as the tracker sent it, with the automated flag ingest set on the row */
const toEvent = (r: EventRow): EngagementEvent =>
  ({ ...sentAs(r), context: { ...r.context, ...(r.automated ? { automated: true } : {}) } }) as EngagementEvent;

// the rows the fill generates: the same chunks of 5,000 from the same starts
const rows = Array.from({ length: Math.ceil(COUNT / 5000) }, (_, i) =>
  makeRows({ campaignId: "bench", first: i * 5000, count: Math.min(5000, COUNT - i * 5000) }),
).flat();
const events = rows.map(toEvent);

describe.each(BACKENDS)("the collector bench's fill on $name", (backend) => {
  let db: Database;
  let progress: number[];
  beforeAll(async () => {
    db = await backend.open();
    progress = [];
    await fillCampaign(db, { campaignId: "bench", count: COUNT, onProgress: (n) => progress.push(n) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("stores every generated event once and leaves no rollup to apply", async () => {
    const [stored] = await db.query<{ events: number; outbox: number; counted: number }>(
      `SELECT (SELECT count(*) FROM events)::integer AS events, (SELECT count(*) FROM rollup_outbox)::integer AS outbox,
         (SELECT sum(events) FROM stats_daily)::integer AS counted`,
    );
    expect(stored).toEqual({ events: COUNT, outbox: 0, counted: COUNT });
    expect(progress).toEqual([0, 5000, 10_000, 15_000]);
  });

  it("gives the stats core computeStats gives over the same events, for the whole campaign and the bench's week", async () => {
    const whole = computeStats(events, { timezone: TZ, now: NOW }).bench!;
    expect(await queryStats(db, { campaignId: "bench", timezone: TZ, now: NOW })).toEqual(whole);
    const [from, to] = ["2027-02-01", "2027-02-07"];
    const week = events.filter((_, i) => rows[i]!.day >= from && rows[i]!.day <= to);
    // retention windows end at the range's last day: core sees it as "now" being the day after
    const weekEnd = Date.parse(`${to}T12:00:00+07:00`) + 86_400_000;
    expect(await queryStats(db, { campaignId: "bench", from, to, timezone: TZ, now: NOW })).toEqual(
      computeStats(week, { timezone: TZ, now: weekEnd }).bench,
    );
    // the comparison means something only if the data exercises the cockpit fields
    expect(whole.returning).toBeGreaterThan(0);
    expect(whole.nps?.responses).toBeGreaterThan(0);
    expect(whole.referrals.visits).toBeGreaterThan(0);
    expect(Object.keys(whole.sources).length).toBeGreaterThan(3);
  });

  it("prints a plan for each read and still answers the read's rows", async () => {
    const plans: string[] = [];
    const q = { campaignId: "bench", from: "2027-02-01", to: "2027-02-07", timezone: TZ, now: NOW };
    const explained = await queryStats(
      explaining(db, (_sql, plan) => plans.push(plan)),
      q,
    );
    expect(explained).toEqual(await queryStats(db, q));
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const plan of plans) expect(plan).toMatch(/actual time=/);
  });
});
