// accepted events survive a crash before their rollups: events stored with no consumer run (the process died right
// after accepting), then a collector SIGKILLed while batches arrive over HTTP; the restarted collector applies the
// outbox before it serves, and the counters equal a recount of the stored events (each counted once)
import { afterAll, beforeAll, describe, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../../src/collector/migrations/index.js";
import { insertEvents } from "../../src/collector/storage/events.js";
import { openPostgres, type Database } from "../../src/collector/storage/index.js";
import { openTestPgliteDir } from "../helpers/pglite.js";
import { BACKENDS } from "../collector/backends.js";
import { generateEvents, toRow } from "../collector/fixtures.js";
import { freePort, startCollectorProcess, type CollectorProcess } from "./helpers/collector-process.js";
import { timeoutFor } from "./soak.js";

const CAMPAIGN = {
  id: "crash",
  game: "wheel",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};
const SECRET = "ingest-crash-secret-0123456789abcdef";

// per day: the day counters against the stored events, and the day's visitor counts against the visitor rows
const COUNTED = `SELECT day, automated, events, impressions, plays, results, claims, reach, participants, leads
  FROM stats_daily WHERE campaign_id = 'crash' ORDER BY 1, 2`;
const RECOUNT = `SELECT e.day, e.automated, count(*)::integer AS events,
    count(*) FILTER (WHERE type = 'impression')::integer AS impressions, count(*) FILTER (WHERE type = 'play')::integer AS plays,
    count(*) FILTER (WHERE type = 'result')::integer AS results, count(*) FILTER (WHERE type = 'claim')::integer AS claims,
    coalesce(max(v.reach), 0)::integer AS reach, coalesce(max(v.participants), 0)::integer AS participants,
    coalesce(max(v.leads), 0)::integer AS leads
  FROM events e LEFT JOIN (
    SELECT day, automated, count(DISTINCT visitor_id) FILTER (WHERE type = 'impression') AS reach,
      count(DISTINCT visitor_id) FILTER (WHERE type = 'play') AS participants, count(DISTINCT visitor_id) FILTER (WHERE type = 'lead') AS leads
    FROM events WHERE campaign_id = 'crash' AND NOT test GROUP BY 1, 2
  ) v USING (day, automated)
  WHERE e.campaign_id = 'crash' AND NOT e.test GROUP BY 1, 2 ORDER BY 1, 2`;

// the databases side by side: each run waits mostly on its collector processes, so the two overlap instead of queueing
describe.concurrent.each(BACKENDS)("ingest crash on $name", (backend) => {
  let dir: string;
  let target: { dataDir?: string; databaseUrl?: string };
  const open = async (): Promise<Database> => {
    // PGlite starts from the migrated snapshot, as the collector processes below do
    const db = target.databaseUrl ? await openPostgres(target.databaseUrl) : await openTestPgliteDir(join(target.dataDir!, "pglite"));
    await migrate(db);
    return db;
  };
  const start = async (): Promise<CollectorProcess & { base: string }> => {
    const port = await freePort();
    const proc = await startCollectorProcess({ port, ...target, campaigns: [CAMPAIGN], secret: SECRET, adminToken: "admin-token-0123" });
    return { ...proc, base: `http://127.0.0.1:${port}` };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ingest-crash-"));
    target = backend.url ? { databaseUrl: await backend.url() } : { dataDir: dir };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    "applies every accepted event once after crashes between accepting and applying",
    // concurrent tests assert through their own context's expect
    async ({ expect }) => {
      const events = generateEvents({ count: 3000, seed: 21, campaignIds: ["crash"], visitors: 300, duplicates: 0.05 });
      // 1. accepted (durable), then the process is gone before any consumer ran
      let db = await open();
      const early = events.slice(0, 1000);
      await insertEvents(
        db,
        early.map((e) => toRow(e)),
      );
      expect((await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM rollup_outbox"))[0]!.n).toBeGreaterThan(0);
      await db.close();

      // 2. a collector takes batches from four clients and is SIGKILLed while they are still sending
      let collector = await start();
      const late = events.slice(1000);
      const batches = Array.from({ length: Math.ceil(late.length / 50) }, (_, i) => late.slice(i * 50, i * 50 + 50));
      const acknowledged: string[] = [];
      let answered = 0;
      let next = 0;
      const killed = (async () => {
        await expect.poll(() => answered, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(10);
        await collector.kill();
      })();
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < batches.length) {
            const batch = batches[next++]!;
            const res = await fetch(`${collector.base}/v1/events`, {
              method: "POST",
              body: JSON.stringify({ sentAt: Date.now(), events: batch }),
              headers: { "content-type": "text/plain" },
            }).catch(() => undefined);
            if (!res) return; // the collector is gone
            if (res.status === 200) acknowledged.push(...batch.map((e) => e.id));
            answered++;
          }
        }),
      );
      await killed;
      expect(acknowledged.length).toBeGreaterThan(0);

      // 3. restarted: it applies the outbox before it serves; then it dies again without a clean stop
      collector = await start();
      await collector.kill();

      db = await open();
      try {
        expect(await db.query("SELECT seq FROM rollup_outbox")).toEqual([]);
        const stored = new Set((await db.query<{ id: string }>("SELECT id FROM events WHERE campaign_id = 'crash'")).map((r) => r.id));
        // every acknowledged event is stored, and so is every event of the first step
        for (const id of [...acknowledged, ...early.map((e) => e.id)]) expect(stored.has(id)).toBe(true);
        const recount = await db.query(RECOUNT);
        expect(recount.length).toBeGreaterThan(0);
        expect(await db.query(COUNTED)).toEqual(recount);
      } finally {
        await db.close();
      }
    },
    timeoutFor(180_000),
  );
});
