// NATS JetStream in front of ingest, past one machine: two collector processes behind --nats, one nats-server with
// JetStream (file storage) and PostgreSQL with durable commits (fsync on, synchronous_commit on). 50,000 events go over
// HTTP to both instances; PostgreSQL is stopped (pg_ctl stop -m fast) for 10 s while ingest keeps accepting (up to 60% of
// the events, as many as the clients get through in those 10 s), then started again. Prints what was accepted, stored, stored twice, the rollups, the time to drain, and a raw batched INSERT of the
// same events in the same cluster as the database's own limit for that work.
// Each run starts on a new database, a new stream and two new collectors; the figures are the median of the runs.
// run: npx tsx bench/nats-ingest.ts [--events 50000] [--batch 50] [--clients 16] [--outage-seconds 10] [--runs 3] [--max-seconds 900]
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyPendingRollups } from "../src/collector/storage/rollup-outbox.js";
import { openPostgres } from "../src/collector/storage/index.js";
import { startNats } from "../tests/helpers/nats.js";
import { natsServerPath } from "../tests/helpers/system.js";
import { startCluster } from "../tests/helpers/postgres-cluster.js";
import { freePort, startCollectorProcess, type CollectorProcess } from "../tests/reliability/helpers/collector-process.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "50" },
    clients: { type: "string", default: "16" },
    "outage-seconds": { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    "max-seconds": { type: "string", default: "900" },
  },
});
setTimeout(() => {
  console.error(`bench/nats-ingest.ts: stopped after ${args["max-seconds"]} s (--max-seconds)`);
  process.exit(1);
}, Number(args["max-seconds"]) * 1000).unref();
const BATCH = Number(args.batch);
const BATCHES = Math.ceil(Number(args.events) / BATCH);
const EVENTS = BATCHES * BATCH;
const OUTAGE_MS = Number(args["outage-seconds"]) * 1000;
const CAMPAIGN = {
  id: "bench-nats",
  game: "wheel",
  timezone: "UTC",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};
const TYPES = ["impression", "open", "play", "result", "close"] as const;

const log = (line: string) => console.log(line);
const uptime = () => execFileSync("uptime").toString().trim();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** one batch: BATCH / 5 visitors with five events each */
function batchEvents(b: number) {
  const ts = Date.now();
  return Array.from({ length: BATCH }, (_, k) => {
    const v = `v-${b}-${Math.floor(k / TYPES.length)}`;
    const type = TYPES[k % TYPES.length]!;
    return {
      id: `e-${b}-${k}`,
      type,
      campaignId: CAMPAIGN.id,
      visitorId: v,
      sessionId: `s-${v}`,
      ts,
      ...(type === "result" ? { props: { win: false } } : {}),
    };
  });
}

type Run = {
  outageMs: number;
  acceptedDuringOutage: number;
  accepted: number;
  refused: number;
  sendingMs: number;
  stored: number;
  distinct: number;
  rollup: number;
  drainAfterUpMs: number;
  drainAfterLastMs: number;
  rawEventsPerSecond: number;
};

const cluster = await startCluster({ durable: true });
const nats = await startNats();
const collectors: CollectorProcess[] = [];

async function startCollectors(databaseUrl: string, stream: string): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    collectors.push(
      await startCollectorProcess({
        port,
        databaseUrl,
        natsUrl: nats.url,
        natsStream: stream,
        campaigns: [CAMPAIGN],
        secret: "bench-nats-secret",
        adminToken: "bench-admin",
        log: true,
      }),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  return urls;
}

async function runOnce(run: number): Promise<Run> {
  const databaseUrl = await cluster.newDatabase();
  const urls = await startCollectors(databaseUrl, `BENCH_EVENTS_${run}`);
  let pgDown = false;
  let acceptedEvents = 0;
  let acceptedDuringOutage = 0;
  let refused = 0;
  async function deliver(b: number): Promise<void> {
    const body = JSON.stringify({ sentAt: Date.now(), events: batchEvents(b) });
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${urls[(b + attempt) % urls.length]}/v1/events`, { method: "POST", body });
      const answer = (await res.json()) as { accepted: number };
      if (res.status === 202) {
        acceptedEvents += answer.accepted;
        if (pgDown) acceptedDuringOutage += answer.accepted;
        return;
      }
      refused++;
      await sleep(100);
    }
  }
  let next = 0;
  /** send batches up to `to`, taking no new one after `deadline` (the outage lasts its length, not the sending's) */
  const sendUntil = (to: number, deadline = Infinity) =>
    Promise.all(
      Array.from({ length: Number(args.clients) }, async () => {
        while (next < to && performance.now() < deadline) await deliver(next++);
      }),
    );
  const stored = async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    // a connection cut by the outage must not end the bench: the query rejects, the poll asks again
    c.on("error", () => {});
    await c.connect();
    try {
      return (await c.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM events")).rows[0] as { n: number; d: number };
    } finally {
      await c.end();
    }
  };

  const start = performance.now();
  await sendUntil(Math.floor(BATCHES * 0.1));
  let sending = performance.now() - start;
  // pg_ctl runs synchronously (nothing is sent while it stops or starts the server): the 10 s are counted from the
  // moment PostgreSQL is down to the start command, and the whole window is reported
  const down = performance.now();
  cluster.shutdown();
  pgDown = true;
  const stopped = performance.now();
  await sendUntil(Math.floor(BATCHES * 0.7), stopped + OUTAGE_MS);
  const outageSending = performance.now() - stopped;
  sending += outageSending;
  await sleep(Math.max(0, OUTAGE_MS - outageSending));
  cluster.startAgain();
  pgDown = false;
  const up = performance.now();
  await sendUntil(BATCHES);
  const sent = performance.now();
  sending += sent - up;
  let drainedAt = 0;
  for (;;) {
    const s = await stored().catch(() => ({ n: 0, d: 0 }));
    if (s.n >= acceptedEvents) {
      drainedAt = performance.now();
      break;
    }
    await sleep(100);
  }
  const s = await stored();
  // the rollups follow the stored events through the outbox: what is still pending is applied before they are read
  const drain = await openPostgres(databaseUrl, 1);
  await applyPendingRollups(drain, { campaignId: CAMPAIGN.id, wait: true });
  await drain.close();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const rollup = (await c.query("SELECT COALESCE(sum(events), 0)::int AS events FROM stats_daily WHERE campaign_id = $1", [CAMPAIGN.id]))
    .rows[0] as { events: number };
  // the database's own limit for the same rows: batched INSERT … SELECT FROM jsonb_to_recordset, no rollups, durable
  await c.query("CREATE TABLE raw_events (LIKE events INCLUDING ALL)");
  const rows = Array.from({ length: BATCHES }, (_, b) => batchEvents(b)).flat();
  const chunk = 2_000;
  const rawStart = performance.now();
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk).map((e) => ({
      id: e.id,
      campaign_id: e.campaignId,
      type: e.type,
      visitor_id: e.visitorId,
      session_id: e.sessionId,
      ts: e.ts,
      client_ts: e.ts,
      received_at: e.ts,
      day: new Date(e.ts).toISOString().slice(0, 10),
      props: "props" in e ? e.props : null,
      automated: false,
      test: false,
      clamped: false,
    }));
    await c.query(
      `INSERT INTO raw_events (id, campaign_id, type, visitor_id, session_id, ts, client_ts, received_at, day, props, automated, test, clamped)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, campaign_id text, type text, visitor_id text,
         session_id text, ts bigint, client_ts bigint, received_at bigint, day text, props jsonb, automated boolean,
         test boolean, clamped boolean)`,
      [JSON.stringify(part)],
    );
  }
  const rawMs = performance.now() - rawStart;
  await c.end();
  for (const p of collectors.splice(0)) await p.stop();
  return {
    outageMs: up - down,
    acceptedDuringOutage,
    accepted: acceptedEvents,
    refused,
    sendingMs: sending,
    stored: s.n,
    distinct: s.d,
    rollup: rollup.events,
    drainAfterUpMs: drainedAt - up,
    drainAfterLastMs: drainedAt - sent,
    rawEventsPerSecond: rows.length / (rawMs / 1000),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const sql = new pg.Client({ connectionString: cluster.url });
  await sql.connect();
  const setting = async (name: string) => (await sql.query(`SHOW ${name}`)).rows[0][name];
  log(`durable commits: fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`);
  await sql.end();
  log(
    `${execFileSync(natsServerPath()!, ["--version"]).toString().trim()}, JetStream file storage (a publish is acked once in the server's store)`,
  );
  log(
    `${EVENTS} events in ${BATCHES} batches of ${BATCH}, ${args.clients} clients over 2 instances, PostgreSQL stopped for ${seconds(OUTAGE_MS)}`,
  );
  log(`load before: ${uptime()}`);
  const runs: Run[] = [];
  for (let r = 1; r <= Number(args.runs); r++) {
    const x = await runOnce(r);
    runs.push(x);
    log(
      `run ${r}: PostgreSQL down ${seconds(x.outageMs)} (${x.acceptedDuringOutage} events accepted meanwhile); accepted ${x.accepted}, ${Math.round(x.accepted / (x.sendingMs / 1000))} events/s over ${seconds(x.sendingMs)} of sending, other answers ${x.refused}; stored ${x.stored}, distinct ${x.distinct}, duplicates stored ${x.stored - x.distinct}, rollup events ${x.rollup}; drained ${seconds(x.drainAfterUpMs)} after PostgreSQL returned, ${seconds(x.drainAfterLastMs)} after the last answer; raw INSERT ${Math.round(x.rawEventsPerSecond)} events/s`,
    );
    if (x.accepted !== EVENTS || x.stored !== EVENTS || x.distinct !== EVENTS || x.rollup !== EVENTS) {
      console.error(`bench/nats-ingest.ts: run ${r}: accepted, stored and rollups differ`);
      process.exitCode = 1;
    }
  }
  const m = (f: (x: Run) => number) => median(runs.map(f));
  log(`median of ${runs.length}:`);
  log(
    `  accepted: ${m((x) => x.accepted)} (${m((x) => x.acceptedDuringOutage)} while PostgreSQL was down, ${seconds(m((x) => x.outageMs))})`,
  );
  log(`  acceptance rate: ${Math.round(m((x) => x.accepted / (x.sendingMs / 1000)))} events/s`);
  log(`  stored: ${m((x) => x.stored)}, duplicates stored: ${m((x) => x.stored - x.distinct)}, rollup events: ${m((x) => x.rollup)}`);
  log(
    `  time to drain: ${seconds(m((x) => x.drainAfterUpMs))} after PostgreSQL returned, ${seconds(m((x) => x.drainAfterLastMs))} after the last answer`,
  );
  log(`  raw batched INSERT (chunks of 2,000, no rollups): ${Math.round(m((x) => x.rawEventsPerSecond))} events/s`);
  log(`load after: ${uptime()}`);
} finally {
  for (const p of collectors) await p.stop();
  await nats.stop();
  await cluster.stop();
}
