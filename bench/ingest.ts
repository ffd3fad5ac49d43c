// event ingest on PostgreSQL with durable commits (fsync on, synchronous_commit on), median of 3 runs after a warm-up, in
// one run: the storage path (insertEvents: dedupe by id, day partitions, the rollup outbox) beside the database's own
// limit for the same rows in the same batches (a raw batched INSERT … SELECT FROM unnest into a plain table, the same
// with the old table's key and index, and COPY), then the rollups applied from the outbox, and a check that every counter
// equals a recount. One client, 500 events per batch, as a collector instance writes them; the INSERT paths take turns batch
// by batch, and each prints the CPU its PostgreSQL backends spent (steadier than a rate when other work shares the cores).
// run: npx tsx bench/ingest.ts [--events 50000] [--runs 3] [--batch 500] [--pglite] [--max-seconds 900]
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { migrate } from "../src/collector/migrations/index.js";
import { columnsOf, insertEvents, STORE_EVENTS, STORE_NEW_EVENTS, type EventRow } from "../src/collector/storage/events.js";
import { applyPendingRollups, startRollups } from "../src/collector/storage/rollup-outbox.js";
import { openPglite, openPostgres, type Database } from "../src/collector/storage/index.js";
import { createDatabase, startCluster } from "../tests/helpers/postgres-cluster.js";
import { postgresBinDir } from "../tests/helpers/system.js";
import { makeRows } from "./collector-data.js";
import { processCpuMs } from "./lib/cpu.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    runs: { type: "string", default: "3" },
    batch: { type: "string", default: "500" },
    pglite: { type: "boolean", default: false },
    "max-seconds": { type: "string", default: "900" },
  },
});
setTimeout(() => {
  console.error(`bench/ingest.ts: stopped after ${args["max-seconds"]} s (--max-seconds)`);
  process.exit(1);
}, Number(args["max-seconds"]) * 1000).unref();
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const BATCH = Number(args.batch);
const NOW = Date.now();

const log = (...parts: unknown[]) => console.log(...parts);
const uptime = () => execFileSync("uptime").toString().trim();
const perSecond = (ms: number) => Math.round((EVENTS * 1000) / ms);
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const NAMES =
  "id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, seq, props, context, automated, test, clamped";
const UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[],
  $9::text[], $10::bigint[], $11::jsonb[], $12::jsonb[], $13::boolean[], $14::boolean[], $15::boolean[])`;

/** this run's rows in batches: live traffic of the last three days, a fresh campaign id per run and path */
const batchesOf = (campaignId: string) =>
  Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, i) =>
    makeRows({ campaignId, first: i * BATCH, count: Math.min(BATCH, EVENTS - i * BATCH), start: NOW - 3 * 86_400_000, days: 3 }),
  );

/** the pool whose backends' CPU is counted per path (undefined: not measured, as on PGlite) and those backends */
let measured: Database | undefined;
let backends: number[] = [];
const POOL = 4;

/** the backends of the pool, every connection opened: their CPU is read around each step (a pool closes idle ones) */
async function findBackends(): Promise<void> {
  if (!measured) return;
  const rows = await Promise.all(
    Array.from({ length: POOL }, () => measured!.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")),
  );
  backends = [...new Set(rows.map((r) => r[0]!.pid))];
}

/** CPU time of the pool's backends, ms (/proc); background work (autovacuum, the checkpointer) is left out. A backend
 * the pool closed (idle) keeps the last time read of it */
const lastRead = new Map<number, number>();
const backendsCpuMs = () => {
  if (!measured) return Number.NaN;
  let sum = 0;
  for (const pid of backends) {
    const ms = processCpuMs(pid) || (lastRead.get(pid) ?? 0);
    lastRead.set(pid, ms);
    sum += ms;
  }
  return sum;
};

/** add the wall time of `fn` to `out[key]` and its backends' CPU time (ms) to `out["<key> cpu"]` */
async function timed(out: Figures, key: string, fn: () => Promise<unknown>): Promise<void> {
  const cpu = backendsCpuMs();
  const t = performance.now();
  await fn();
  out[key] = (out[key] ?? 0) + performance.now() - t;
  out[`${key} cpu`] = (out[`${key} cpu`] ?? 0) + backendsCpuMs() - cpu;
}

const csvField = (v: unknown) =>
  v === null || v === undefined ? "" : `"${String(typeof v === "object" ? JSON.stringify(v) : v).replaceAll('"', '""')}"`;
const csv = (rows: EventRow[]) =>
  rows
    .map((r) =>
      [
        r.id,
        r.campaignId,
        r.type,
        r.visitorId,
        r.sessionId,
        r.ts,
        r.clientTs,
        r.receivedAt,
        r.day,
        r.seq,
        r.props,
        r.context,
        r.automated,
        r.test,
        r.clamped,
      ]
        .map(csvField)
        .join(","),
    )
    .join("\n");

// the counters against a recount of what they sum: events per day, visitors per day, and the whole-campaign groups
const CHECKS = [
  [
    "day counters = stored events",
    "SELECT campaign_id, day, automated, sum(events)::integer AS n FROM stats_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    "SELECT campaign_id, day, automated, count(*)::integer AS n FROM events WHERE NOT test GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
  ],
  [
    "day visitors = visitor rows",
    "SELECT campaign_id, day, automated, reach, participants, leads FROM stats_daily ORDER BY 1, 2, 3",
    `SELECT campaign_id, day, automated, count(*) FILTER (WHERE steps & 1 <> 0)::integer AS reach,
       count(*) FILTER (WHERE steps & 4 <> 0)::integer AS participants, count(*) FILTER (WHERE steps & 32 <> 0)::integer AS leads
     FROM stats_visitors GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ],
  [
    "campaign groups = campaign visitor rows",
    "SELECT campaign_id, automated, source, device, impression, play, claims FROM stats_campaign_groups WHERE impression + play + claims + open + result > 0 ORDER BY 1, 2, 3, 4",
    `SELECT campaign_id, automated, coalesce(source, 'direct') AS source, coalesce(device, 'unknown') AS device,
       count(*) FILTER (WHERE steps & 1 <> 0)::integer AS impression, count(*) FILTER (WHERE steps & 4 <> 0)::integer AS play,
       sum(claims)::integer AS claims FROM stats_campaign_visitors GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  ],
] as const;

type Figures = Record<string, number>;

async function oneRun(db: Database, run: string, copyDir: string | undefined, url: string | undefined): Promise<Figures> {
  const out: Figures = {};
  await db.query("DROP TABLE IF EXISTS raw_plain, raw_keyed, raw_copy");
  // the ceiling: the same columns, no key, no index, no rollup
  await db.query("CREATE TABLE raw_plain (LIKE events)");
  await db.query("CREATE TABLE raw_copy (LIKE events)");
  // what the request path wrote before partitions and the outbox: the id key and the (campaign, ts) index, no rollups
  await db.query("CREATE TABLE raw_keyed (LIKE events)");
  await db.query("ALTER TABLE raw_keyed ADD PRIMARY KEY (id)");
  await db.query("CREATE INDEX ON raw_keyed (campaign_id, ts)");

  // the paths take turns batch by batch, so a busy spell of the machine falls on all of them alike; the parameters are
  // built inside the timing, as insertEvents builds its own
  const [plain, keyed, stored, onConflict] = ["plain", "keyed", "stored", "conflict"].map((p) => batchesOf(`${p}-${run}`));
  await findBackends();
  for (let i = 0; i < plain!.length; i++) {
    await timed(out, "raw", () => db.query(`INSERT INTO raw_plain (${NAMES}) SELECT * FROM ${UNNEST}`, columnsOf(plain![i]!).slice(0, 15)));
    await timed(out, "keyed", () =>
      db.query(`INSERT INTO raw_keyed (${NAMES}) SELECT * FROM ${UNNEST} ON CONFLICT (id) DO NOTHING`, columnsOf(keyed![i]!).slice(0, 15)),
    );
    // the storage path, no consumer running: what a request waits for
    await timed(out, "store", () => insertEvents(db, stored![i]!, NOW));
    // the same statement with the claim as ON CONFLICT DO NOTHING: what a batch holding a stored id pays (and what every
    // batch paid before the plain-insert claim)
    await timed(out, "conflict", () => db.query(STORE_EVENTS, columnsOf(onConflict![i]!)));
  }
  // the rollups of both storage paths' events, so per event: half
  await findBackends();
  await timed(out, "drain", () => applyPendingRollups(db));
  out.drain! /= 2;
  out["drain cpu"]! /= 2;
  if (copyDir && url) {
    const file = join(copyDir, `copy-${run}.csv`);
    writeFileSync(file, csv(batchesOf(`copy-${run}`).flat()));
    chmodSync(file, 0o644);
    const psql = join(postgresBinDir()!, "psql");
    await timed(out, "copy", async () => {
      execFileSync(psql, [url, "-q", "-c", `\\copy raw_copy (${NAMES}) FROM '${file}' WITH (FORMAT csv)`]);
    });
    // psql's backend has ended before the second reading
    out["copy cpu"] = Number.NaN;
  }

  // the storage path with the consumer running beside it, as in the collector; done when the outbox is empty
  const live = batchesOf(`live-${run}`);
  await findBackends();
  const worker = startRollups(db, (e) => {
    throw e;
  });
  await timed(out, "live", async () => {
    for (const rows of live) await insertEvents(db, rows, NOW);
    await worker.stop();
  });
  return out;
}

async function bench(name: string, db: Database, copyDir?: string, url?: string) {
  await migrate(db);
  await oneRun(db, "warm", copyDir, url);
  const runs: Figures[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await oneRun(db, String(r), copyDir, url));
  const m = (k: string) => mid(runs.map((r) => r[k]!));
  const raw = m("raw");
  // PostgreSQL backends' CPU per 1,000 events: steadier than a rate on a shared machine, where the rate is whatever cores were free
  const cpuOf = (k: string) => (m(`${k} cpu`) * 1000) / EVENTS;
  const row = (label: string, ms: number, cpu: number) =>
    log(
      `| ${label} | ${perSecond(ms).toLocaleString("en-US")} | ${(raw / ms).toFixed(2)} | ${Number.isNaN(cpu) ? "–" : cpu.toFixed(0)} | ${Number.isNaN(cpu) ? "–" : (cpuOf("raw") / cpu).toFixed(2)} |`,
    );
  log(`\n## ${name}: ${EVENTS} events in batches of ${BATCH}, one client, median of ${RUNS} after a warm-up`);
  log("| path | events/s | vs raw INSERT | PostgreSQL backend CPU ms per 1,000 events | raw's CPU / this CPU |");
  log("|---|---:|---:|---:|---:|");
  row("raw batched INSERT … unnest, plain table (ceiling)", raw, cpuOf("raw"));
  row("raw batched INSERT … ON CONFLICT DO NOTHING, id key + (campaign, ts) index", m("keyed"), cpuOf("keyed"));
  if (runs[0]!.copy !== undefined) row("COPY (psql \\copy, one stream), plain table", m("copy"), cpuOf("copy"));
  row("**storage path: insertEvents** (dedupe, day partitions, outbox)", m("store"), cpuOf("store"));
  row("storage path with every claim ON CONFLICT DO NOTHING (a batch holding a stored id)", m("conflict"), cpuOf("conflict"));
  row("rollups applied from the outbox (consumer alone)", m("drain"), cpuOf("drain"));
  row("storage path, then rollups (sequential sum)", m("store") + m("drain"), cpuOf("store") + cpuOf("drain"));
  row("storage path with the consumer running beside it, until the outbox is empty", m("live"), cpuOf("live"));
  log(
    `\nstorage path / raw INSERT: ${(raw / m("store")).toFixed(2)}× (target ≥ 0.8×); in PostgreSQL CPU: ${(cpuOf("raw") / cpuOf("store")).toFixed(2)}×`,
  );

  // where the time goes in one batch of the storage path, either claim
  type Plan = { "Node Type": string; "Relation Name"?: string; "Subplan Name"?: string; "Actual Total Time": number; Plans?: Plan[] };
  for (const [claim, sql] of [
    ["plain insert", STORE_NEW_EVENTS],
    ["ON CONFLICT", STORE_EVENTS],
  ] as const) {
    const sample = makeRows({ campaignId: "explain", first: 0, count: BATCH, start: NOW - 86_400_000, days: 1 });
    // rolled back: the sample stays out of the counters checked below
    let plan: { "QUERY PLAN": unknown } | undefined;
    await db
      .transaction(async (tx) => {
        [plan] = await tx.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, columnsOf(sample));
        throw new Error("rollback");
      })
      .catch(() => {});
    const raw = plan!["QUERY PLAN"];
    const root = (JSON.parse(typeof raw === "string" ? raw : JSON.stringify(raw)) as { Plan: Plan; "Execution Time": number }[])[0]!;
    const parts: string[] = [];
    const walk = (p: Plan) => {
      if (p["Node Type"] === "ModifyTable") parts.push(`${p["Relation Name"]} ${p["Actual Total Time"].toFixed(1)} ms`);
      for (const c of p.Plans ?? []) walk(c);
    };
    walk(root.Plan);
    log(
      `one batch of ${BATCH}, ids claimed by ${claim} (EXPLAIN ANALYZE): ${root["Execution Time"].toFixed(1)} ms in the statement; inserts (inclusive): ${parts.join(", ")}`,
    );
  }

  const problems: string[] = [];
  for (const [label, counted, recount] of CHECKS) {
    const [a, b] = [await db.query(counted), await db.query(recount)];
    const same = JSON.stringify(a) === JSON.stringify(b);
    if (!same) problems.push(label);
    log(`exact: ${label}: ${same ? "yes" : "NO"} (${a.length} rows)`);
  }
  const [left] = await db.query<{ n: number }>("SELECT count(*)::integer AS n FROM rollup_outbox");
  log(`outbox rows left: ${left!.n}`);
  if (problems.length || left!.n) process.exitCode = 1;
}

const copyDir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
chmodSync(copyDir, 0o755);
const cluster = await startCluster({ durable: true });
try {
  const url = await createDatabase(cluster.url);
  const db = await openPostgres(url, POOL);
  measured = db;
  const setting = async (n: string) => (await db.query<{ v: string }>(`SELECT current_setting('${n}') AS v`))[0]!.v;
  log(`# event ingest, PostgreSQL ${await setting("server_version")}`);
  log(`durable commits: fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`);
  log(`load before: ${uptime()}`);
  await bench("PostgreSQL", db, copyDir, url);
  await db.close();
  if (args.pglite) {
    const dir = mkdtempSync(join(tmpdir(), "bench-ingest-pglite-"));
    try {
      const lite = await openPglite(join(dir, "pglite"));
      measured = undefined;
      await bench("PGlite (data directory; no COPY row: its COPY reads a blob, not the wire)", lite);
      await lite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(`load after: ${uptime()}`);
} finally {
  await cluster.stop();
  rmSync(copyDir, { recursive: true, force: true });
}
