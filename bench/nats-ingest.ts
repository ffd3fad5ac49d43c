// NATS JetStream in front of ingest, past one machine: two collector processes behind --nats, one nats-server with
// JetStream (file storage) and PostgreSQL with durable commits (fsync on, synchronous_commit on). 50,000 events go over
// HTTP to both instances; PostgreSQL is stopped (pg_ctl stop -m fast) for 10 s while ingest keeps accepting (up to 60% of
// the events, as many as the clients get through in those 10 s), then started again. Prints what was accepted, stored, stored twice, the rollups, the time to drain, and a raw batched INSERT of the
// same events in the same cluster as the database's own limit for that work.
// run: npx tsx bench/nats-ingest.ts [--events 50000] [--batch 50] [--clients 16] [--outage-seconds 10] [--max-seconds 600]
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyPendingRollups } from "../src/collector/storage/rollup-outbox.js";
import { openPostgres } from "../src/collector/storage/index.js";
import { startNats } from "../tests/helpers/nats.js";
import { natsServerPath } from "../tests/helpers/system.js";
import { startCluster } from "../tests/helpers/postgres-cluster.js";
import { startCollectorProcess, type CollectorProcess } from "../tests/reliability/helpers/collector-process.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "50" },
    clients: { type: "string", default: "16" },
    "outage-seconds": { type: "string", default: "10" },
    "max-seconds": { type: "string", default: "600" },
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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

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

const cluster = await startCluster({ durable: true });
const nats = await startNats();
const collectors: CollectorProcess[] = [];
try {
  const databaseUrl = await cluster.newDatabase();
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const setting = async (name: string) => (await sql.query(`SHOW ${name}`)).rows[0][name];
  log(`durable commits: fsync=${await setting("fsync")}, synchronous_commit=${await setting("synchronous_commit")}`);
  log(
    `${execFileSync(natsServerPath()!, ["--version"]).toString().trim()}, JetStream file storage (a publish is acked once in the server's store)`,
  );
  log(`load before: ${uptime()}`);
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    collectors.push(
      await startCollectorProcess({
        port,
        databaseUrl,
        natsUrl: nats.url,
        campaigns: [CAMPAIGN],
        secret: "bench-nats-secret",
        adminToken: "bench-admin",
        log: true,
      }),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  await sql.end();

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
  const down = performance.now();
  cluster.shutdown();
  pgDown = true;
  await sendUntil(Math.floor(BATCHES * 0.7), down + OUTAGE_MS);
  const outageSending = performance.now() - down;
  sending += outageSending;
  await sleep(Math.max(0, OUTAGE_MS - outageSending));
  cluster.startAgain();
  pgDown = false;
  const up = performance.now();
  log(`PostgreSQL stopped for ${seconds(up - down)}; ${acceptedDuringOutage} events accepted meanwhile`);
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

  log(`events sent: ${EVENTS} in ${BATCHES} batches of ${BATCH}, ${args.clients} clients over 2 instances`);
  log(
    `accepted (202, in JetStream): ${acceptedEvents} in ${seconds(sending)} of sending, ${Math.round(acceptedEvents / (sending / 1000))} events/s (${seconds(sent - start)} from first to last answer, outage included); answers other than 202: ${refused}`,
  );
  log(`stored: ${s.n}, distinct ids: ${s.d}, duplicates stored: ${s.n - s.d}, rollup events: ${rollup.events}`);
  log(`time to drain: ${seconds(drainedAt - up)} after PostgreSQL returned, ${seconds(drainedAt - sent)} after the last answer`);
  log(
    `raw batched INSERT of the same ${rows.length} events (chunks of ${chunk}, no rollups): ${seconds(rawMs)} (${Math.round(rows.length / (rawMs / 1000))} events/s)`,
  );
  log(`load after: ${uptime()}`);
  if (acceptedEvents !== EVENTS || s.n !== EVENTS || s.d !== EVENTS || rollup.events !== EVENTS) {
    console.error("bench/nats-ingest.ts: accepted, stored and rollups differ");
    process.exitCode = 1;
  }
} finally {
  for (const p of collectors) await p.stop();
  await nats.stop();
  await cluster.stop();
}
