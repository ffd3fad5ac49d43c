// collector figures, each beside a baseline measured in the same run on the same database:
//   ingest events/s (storage path and HTTP) against raw batched INSERT of the same rows (the ceiling),
//   draw latency p50/p99 at 50 concurrent clients against GET /healthz at the same concurrency,
//   stats latency at 1M events (rollups) against one COUNT(DISTINCT) pass over the raw events, and the stats query
//   with the cockpit fields against the one before them (bench/lib/stats-before.ts) for the dashboard's views (whole
//   campaign, 7 and 30 days), alternated in the same run: CPU time on PGlite, wall time on PostgreSQL (durable commits).
// run: npx tsx bench/collector.ts [--backend pglite|postgres|both] [--ingest 50000] [--draws 2000] [--stats-events 1000000]
//      [--stats-runs 11] [--max-seconds 900] [--explain]
// PostgreSQL: BENCH_DATABASE_URL, else a throwaway cluster like the tests start.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createCollector } from "../src/collector/index.js";
import { migrate } from "../src/collector/migrations/index.js";
import { insertEvents, type EventRow } from "../src/collector/storage/events.js";
import { applyPendingRollups } from "../src/collector/storage/rollup-outbox.js";
import { openPglite, openPostgres, type Database } from "../src/collector/storage/index.js";
import { queryStats } from "../src/collector/storage/stats.js";
import { queryStatsBefore } from "./lib/stats-before.js";
import { explaining } from "./lib/explain.js";
import { startCluster } from "../tests/helpers/postgres-cluster.js";
import { fillCampaign, makeRows, quantile, toEvent } from "./collector-data.js";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string", default: "both" },
    ingest: { type: "string", default: "50000" },
    draws: { type: "string", default: "2000" },
    "stats-events": { type: "string", default: "1000000" },
    "max-seconds": { type: "string", default: "900" },
    "stats-runs": { type: "string", default: "11" },
    // print EXPLAIN (ANALYZE, BUFFERS) of each statement of the views' stats, before and now, after the timed runs
    explain: { type: "boolean", default: false },
  },
});
// bounded in time as well as in count: a stuck database must not keep a shared machine busy
setTimeout(() => {
  console.error(`bench/collector.ts: stopped after ${args["max-seconds"]} s (--max-seconds)`);
  process.exit(1);
}, Number(args["max-seconds"]) * 1000).unref();
const INGEST = Number(args.ingest);
const DRAWS = Number(args.draws);
const STATS_EVENTS = Number(args["stats-events"]);
const STATS_RUNS = Number(args["stats-runs"]);
const CLIENTS = 50;
const SECRET = "bench-secret";

const log = (...parts: unknown[]) => console.log(...parts);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(fn))[1]);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const COLUMNS = `id text, campaign_id text, type text, visitor_id text, session_id text, ts bigint, client_ts bigint,
  received_at bigint, day text, seq bigint, props jsonb, context jsonb, automated boolean, test boolean, clamped boolean`;
const NAMES =
  "id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, seq, props, context, automated, test, clamped";
const record = (r: EventRow) => ({
  id: r.id,
  campaign_id: r.campaignId,
  type: r.type,
  visitor_id: r.visitorId,
  session_id: r.sessionId,
  ts: r.ts,
  client_ts: r.clientTs,
  received_at: r.receivedAt,
  day: r.day,
  seq: r.seq,
  props: r.props,
  context: r.context,
  automated: r.automated,
  test: r.test,
  clamped: r.clamped,
});

async function ingest(db: Database, name: string) {
  const batch = 500;
  const chunks = (campaignId: string) =>
    Array.from({ length: Math.ceil(INGEST / batch) }, (_, i) => makeRows({ campaignId, first: i * batch, count: batch }));
  // the ceiling: the same rows, the same batches, into a table with the same columns and no key, index or rollup
  await db.query("CREATE TABLE IF NOT EXISTS raw_events (LIKE events)");
  const raw = chunks("raw");
  const [, rawMs] = await timed(async () => {
    for (const rows of raw)
      await db.query(`INSERT INTO raw_events (${NAMES}) SELECT ${NAMES} FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS})`, [
        JSON.stringify(rows.map(record)),
      ]);
  });
  const stored = chunks("ingest");
  const [, storeMs] = await timed(async () => {
    for (const rows of stored) await insertEvents(db, rows);
  });
  // the rollups follow from the outbox (storage/rollup-outbox.ts); bench/ingest.ts measures both with durable commits
  const [, rollupMs] = await timed(() => applyPendingRollups(db));
  // through HTTP as the tracker sends: batches of 200 (a 64 KiB body holds about 300 events), 4 clients at once
  const collector = createCollector({ database: db, secret: SECRET, log: () => {}, limits: { ip: false, visitorEvents: false } });
  const { port } = await collector.listen(0);
  const bodies: string[] = [];
  const http = makeRows({ campaignId: "http", first: 0, count: INGEST });
  for (let i = 0; i < http.length; i += 200)
    bodies.push(JSON.stringify({ sentAt: Date.now(), events: http.slice(i, i + 200).map(toEvent) }));
  let next = 0;
  const [, httpMs] = await timed(() =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
            method: "POST",
            body,
            headers: { "content-type": "text/plain" },
          });
          if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    ),
  );
  await collector.close();
  log(`\n## ${name}: ingest of ${INGEST} events, batched`);
  log(`| path | events/s | vs raw INSERT |`);
  log(`|---|---:|---:|`);
  log(`| raw batched INSERT (ceiling, 500/batch) | ${perSecond(INGEST, rawMs)} | 1.00 |`);
  log(`| insertEvents: dedupe + outbox (500/batch) | ${perSecond(INGEST, storeMs)} | ${(rawMs / storeMs).toFixed(2)} |`);
  log(`| rollups applied from the outbox afterwards | ${perSecond(INGEST, rollupMs)} | ${(rawMs / rollupMs).toFixed(2)} |`);
  log(`| HTTP POST /v1/events (200/batch, 4 clients) | ${perSecond(INGEST, httpMs)} | ${(rawMs / httpMs).toFixed(2)} |`);
}

async function drawLatency(db: Database, name: string) {
  const campaign = {
    id: "bench-draw",
    game: "wheel",
    mode: "server",
    prizes: [
      {
        id: "voucher",
        label: "Voucher",
        weight: 30,
        stock: 1_000_000_000,
        dailyCap: 1_000_000_000,
        codeGenerator: { prefix: "B-", length: 10 },
      },
      { id: "none", label: "Next time", weight: 70, win: false },
    ],
    fallbackPrizeId: "none",
    // every bench client plays from 127.0.0.1: the per-address allowance must not be what is measured
    limits: { perAddress: { perDay: 1_000_000_000 } },
  };
  const collector = createCollector({
    database: db,
    secret: SECRET,
    campaigns: [campaign],
    log: () => {},
    limits: { ip: false, visitorDraws: false, mintsPerAddress: false },
  });
  const { port } = await collector.listen(0);
  const base = `http://127.0.0.1:${port}`;
  const run = async (request: (client: number, i: number) => Promise<Response>) => {
    const latencies: number[] = [];
    const perClient = Math.ceil(DRAWS / CLIENTS);
    const [, ms] = await timed(() =>
      Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          for (let i = 0; i < perClient; i++) {
            const t = performance.now();
            const res = await request(client, i);
            if (res.status !== 200) throw new Error(`answered ${res.status}: ${await res.text()}`);
            await res.arrayBuffer();
            latencies.push(performance.now() - t);
          }
        }),
      ),
    );
    latencies.sort((a, b) => a - b);
    return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), perSecond: perSecond(latencies.length, ms) };
  };
  const health = await run(() => fetch(`${base}/healthz`));
  // each client is a visitor the collector minted (not timed): tokens are accepted only for minted ids
  const visitors = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const res = await fetch(`${base}/v1/campaigns/${campaign.id}/visitors`, { method: "POST", body: "{}" });
      if (res.status !== 201) throw new Error(`mint answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { visitorId: string; visitorToken: string };
    }),
  );
  const draws = await run((client, i) => {
    const body = JSON.stringify({ ...visitors[client], requestId: `req-${client}-${i}-${Date.now()}` });
    return fetch(`${base}/v1/campaigns/${campaign.id}/draw`, { method: "POST", body, headers: { "content-type": "application/json" } });
  });
  await collector.close();
  log(`\n## ${name}: ${DRAWS} requests, ${CLIENTS} concurrent clients`);
  log(`| request | p50 ms | p99 ms | requests/s |`);
  log(`|---|---:|---:|---:|`);
  log(`| GET /healthz (baseline: HTTP + SELECT 1) | ${health.p50.toFixed(1)} | ${health.p99.toFixed(1)} | ${health.perSecond} |`);
  log(`| POST /v1/campaigns/:id/draw | ${draws.p50.toFixed(1)} | ${draws.p99.toFixed(1)} | ${draws.perSecond} |`);
}

async function statsLatency(db: Database, name: string) {
  const campaignId = "bench-stats";
  // through the collector's write path and rollup code, generation overlapping the inserts (collector-data.ts says why
  // it is shaped so): the stats read rows exactly as ingest writes them, every rollup applied before the first read
  const fill = await fillCampaign(db, {
    campaignId,
    count: STATS_EVENTS,
    onProgress: (n) => n > 0 && n % 200_000 === 0 && process.stderr.write(`  ${n} events stored\n`),
  });
  const loadMs = fill.insertMs;
  await db.query("ANALYZE");
  // the dashboard's views: the whole campaign, the last 7 and 30 days (the data's days are 2027-01-20…02-18), judged
  // after they ended so their retention cohorts count
  const now = Date.parse("2027-03-01T00:00:00Z");
  const views = [
    { name: "whole campaign", q: { campaignId } },
    { name: "one week (2027-02-01…07)", q: { campaignId, from: "2027-02-01", to: "2027-02-07" } },
    { name: "30 days (2027-01-20…02-18)", q: { campaignId, from: "2027-01-20", to: "2027-02-18" } },
  ];
  // PGlite runs in this process: its CPU time per query is what the query costs, whatever other processes load the
  // machine; PostgreSQL runs in its own processes (and two connections at once for a range), so it is timed by the wall
  const pglite = db.kind === "pglite";
  const measure = async (fn: () => Promise<unknown>) => {
    const [cpu, wall] = [process.cpuUsage(), performance.now()];
    await fn();
    const used = process.cpuUsage(cpu);
    return pglite ? (used.user + used.system) / 1000 : performance.now() - wall;
  };
  const runs = views.map(() => ({ before: [] as number[], now: [] as number[] }));
  for (const v of views) {
    // warm caches and plans
    await queryStatsBefore(db, v.q);
    await queryStats(db, { ...v.q, now });
  }
  // before and now alternate, and which goes first alternates too, so a machine that gets busier halfway weighs on both alike
  for (let i = 0; i < STATS_RUNS; i++)
    for (const [j, v] of views.entries()) {
      const pair = [
        ["before", () => queryStatsBefore(db, v.q)],
        ["now", () => queryStats(db, { ...v.q, now })],
      ] as const;
      for (const [side, fn] of i % 2 ? [...pair].reverse() : pair) runs[j]![side].push(await measure(fn));
    }
  if (args.explain) {
    const show = (sql: string, plan: string) => log(`\n\`\`\`\n${sql.replace(/\s+/g, " ").trim()}\n\n${plan}\n\`\`\``);
    for (const v of views.slice(1)) {
      log(`\n### ${name}: plans of ${v.name}, before the cockpit fields`);
      await queryStatsBefore(explaining(db, show), v.q);
      log(`\n### ${name}: plans of ${v.name}, now`);
      await queryStats(explaining(db, show), { ...v.q, now });
    }
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // the baseline: totals only (no days, no funnel) straight from the raw events
  const rawPass = await median(3, () =>
    db.query(
      `SELECT count(*) FILTER (WHERE type = 'impression') AS impressions, count(DISTINCT visitor_id) FILTER (WHERE type = 'impression') AS reach,
         count(DISTINCT visitor_id) FILTER (WHERE type = 'play') AS participants, count(*) FILTER (WHERE type = 'play') AS plays
       FROM events WHERE campaign_id = $1 AND NOT automated AND NOT test`,
      [campaignId],
    ),
  );
  const [stats, wholeMs] = await timed(() => queryStats(db, { campaignId }));
  log(
    `\n## ${name}: stats over ${STATS_EVENTS} events (${stats.reach} visitors reached, ${Object.keys(stats.daily).length} days; loaded at ${perSecond(STATS_EVENTS, loadMs)} events/s)`,
  );
  log(
    `filled through insertEvents (5,000 per statement${pglite ? "" : ", durable commits"}), the next rows generated while the database stores the last, then applyPendingRollups: events stored in ${seconds(fill.insertMs)} s, rollups applied by ${seconds(fill.totalMs)} s (${perSecond(STATS_EVENTS, fill.totalMs)} events/s in all)`,
  );
  log(`| query | median ms | vs raw pass |`);
  log(`|---|---:|---:|`);
  log(`| raw events: 4 totals in one COUNT(DISTINCT) pass (baseline) | ${rawPass.toFixed(0)} | 1.00 |`);
  log(`| queryStats, whole campaign (rollups) | ${wholeMs.toFixed(0)} | ${(rawPass / wholeMs).toFixed(1)}× faster |`);
  const unit = pglite ? "CPU ms" : "wall ms";
  log(
    `\nqueryStats with the cockpit fields vs the query before them (bench/lib/stats-before.ts), same run, alternated, median of ${STATS_RUNS}; ${pglite ? "CPU time of this process (PGlite runs in it)" : "wall time (PostgreSQL's own processes; two connections for a range)"}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  for (const [j, v] of views.entries()) {
    const [b, a] = [mid(runs[j]!.before), mid(runs[j]!.now)];
    log(`\n| ${v.name} | ${unit} | vs before |`);
    log(`|---|---:|---:|`);
    log(`| queryStats before the cockpit fields, ${v.name} (baseline) | ${b.toFixed(1)} | 1.00 |`);
    log(`| queryStats, ${v.name} | ${a.toFixed(1)} | **${(a / b).toFixed(2)}×** |`);
  }
  log(
    `\nruns (before / now): ${views.map((v, j) => `${v.name}: ${runs[j]!.before.map((x) => x.toFixed(0)).join(" ")} / ${runs[j]!.now.map((x) => x.toFixed(0)).join(" ")}`).join("; ")}`,
  );
}

async function bench(name: string, open: () => Promise<{ db: Database; done: () => Promise<void> }>) {
  const { db, done } = await open();
  try {
    await migrate(db);
    if (INGEST > 0) await ingest(db, name);
    if (DRAWS > 0) await drawLatency(db, name);
    if (STATS_EVENTS > 0) await statsLatency(db, name);
  } finally {
    await done();
  }
}

const backends = args.backend === "both" ? ["pglite", "postgres"] : [args.backend!];
log(`# collector bench (${new Date().toISOString()}, node ${process.version})`);
const started = performance.now();
for (const backend of backends) {
  if (backend === "pglite") {
    await bench("PGlite (on disk)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "minigame-bench-"));
      const db = await openPglite(dir);
      return {
        db,
        done: async () => {
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    });
  } else if (backend === "postgres") {
    await bench("PostgreSQL", async () => {
      // durable commits (fsync on), as a production database runs
      const server = process.env.BENCH_DATABASE_URL ? null : await startCluster({ durable: true });
      const db = await openPostgres(server ? await server.newDatabase() : process.env.BENCH_DATABASE_URL!, CLIENTS);
      const setting = async (name: string) => (await db.query<{ v: string }>(`SELECT current_setting('${name}') AS v`))[0]?.v ?? "?";
      log(`\nPostgreSQL commits: fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`);
      return {
        db,
        done: async () => {
          await db.close();
          await server?.stop();
        },
      };
    });
  } else throw new Error(`--backend must be pglite, postgres or both, got ${backend}`);
}
log(`\ntotal ${seconds(performance.now() - started)} s`);
