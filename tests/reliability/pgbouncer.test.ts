// PgBouncer in transaction pool mode in front of PostgreSQL: two collectors whose 20 client connections share 4 server
// connections draw, ingest and read stats through it. Anything that leans on session state (a session advisory lock, a
// named prepared statement, a SET outside a transaction, LISTEN, a temp table) breaks or leaks between clients here.
import { Agent } from "node:http";
import { postJson } from "./helpers/post-json.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createCollector, type Collector } from "../../src/collector/index.js";
import type { DrawResult } from "../../src/core/index.js";
import { startPgbouncer, type TestPgbouncer } from "../helpers/pgbouncer.js";
import { postgresUnavailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { pgbouncerPath } from "../helpers/system.js";
import { stockedWheel } from "./campaigns.js";

const SERVER_CONNECTIONS = 4;
const STOCK = 20;
const DRAWS = 200;
const VISITORS = 100;
const EVENTS_PER_VISITOR = 6;
const ADMIN = "pgbouncer-admin-token";
const campaigns = [
  { ...stockedWheel("bounced", STOCK), limits: { perAddress: { perDay: 1_000_000 } } },
  {
    id: "bounced-events",
    game: "wheel",
    prizes: [
      { id: "a", label: "A", weight: 1 },
      { id: "b", label: "B", weight: 1, win: false },
    ],
  },
];

const skip = postgresUnavailable();
if (!skip && !pgbouncerPath()) {
  if (process.env.CI === "true") throw new Error("no pgbouncer: apt-get install -y pgbouncer; CI must run the PgBouncer suite");
  console.warn("skipping the PgBouncer suite: no pgbouncer (apt-get install -y pgbouncer, or set PGBOUNCER_PATH)");
}

describe.skipIf(skip || !pgbouncerPath())("the collector behind PgBouncer in transaction mode", () => {
  let cluster: TestPostgres;
  let bouncer: TestPgbouncer;
  let upstream: string;
  const instances: Array<{ collector: Collector; url: string }> = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });

  beforeAll(async () => {
    cluster = await startPostgres();
    bouncer = await startPgbouncer(cluster.url, { poolSize: SERVER_CONNECTIONS });
    upstream = await cluster.newDatabase();
    // both start together through pgbouncer: the migrations' lock is transaction-scoped, so it holds there
    const started = await Promise.all(
      [0, 1].map(async () => {
        const collector = createCollector({
          databaseUrl: bouncer.url(upstream),
          databasePoolSize: 10,
          campaigns,
          secret: "pgbouncer-secret-0123456789abcdef",
          adminToken: ADMIN,
          includeAutomated: true,
          limits: { ip: false, visitorDraws: false, visitorEvents: false, mintsPerAddress: false },
          log: () => {},
        });
        const { port } = await collector.listen(0);
        return { collector, url: `http://127.0.0.1:${port}` };
      }),
    );
    instances.push(...started);
  });

  afterAll(async () => {
    agent.destroy();
    for (const i of instances) await i.collector.close();
    await bouncer?.stop();
    await cluster?.stop();
  });

  it(`gives exactly the stock of ${STOCK} to ${DRAWS} concurrent draws on two collectors, never a code twice`, async () => {
    const visitors = await Promise.all(
      Array.from({ length: DRAWS }, async (_, i) => {
        const res = await postJson(agent, `${instances[i % 2]!.url}/v1/campaigns/bounced/visitors`, {});
        expect(res.status).toBe(201);
        return res.json as { visitorId: string; visitorToken: string };
      }),
    );
    // minted on one instance, drawn on the other, all at once
    const results = await Promise.all(
      visitors.map(async (v, i) => {
        const res = await postJson(agent, `${instances[(i + 1) % 2]!.url}/v1/campaigns/bounced/draw`, {
          ...v,
          requestId: `${v.visitorId}-req-0001`,
        });
        expect(res.status).toBe(200);
        return res.json as DrawResult;
      }),
    );
    const winners = results.filter((r) => r.ok && r.win && r.prize?.id === "gift");
    expect(winners).toHaveLength(STOCK);
    expect(new Set(winners.map((r) => (r.ok ? r.code : undefined))).size).toBe(STOCK);
    // a repeated request id answers the first result and takes nothing
    const again = await postJson(agent, `${instances[0]!.url}/v1/campaigns/bounced/draw`, {
      ...visitors[1]!,
      requestId: `${visitors[1]!.visitorId}-req-0001`,
    });
    expect(again.json).toEqual(results[1]);

    const res = await fetch(`${instances[1]!.url}/v1/campaigns/bounced/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const stats = (await res.json()) as { plays: number; wins: number; prizes: Record<string, number> };
    expect(stats).toMatchObject({ plays: DRAWS, wins: STOCK, prizes: { gift: STOCK } });
  });

  it("stores every event once through both collectors, batches sent twice, and the rollups are exact", async () => {
    const batches = Array.from({ length: VISITORS }, (_, v) => ({
      sentAt: Date.now(),
      events: Array.from({ length: EVENTS_PER_VISITOR }, (_, k) => ({
        id: `bounced-${v}-${k}`,
        type: k === 0 ? "impression" : k === 1 ? "play" : "open",
        campaignId: "bounced-events",
        visitorId: `visitor-${v}`,
        sessionId: `session-${v}`,
        ts: Date.now(),
      })),
    }));
    // every batch goes to both instances at once: half of the writes race on the same ids
    const answers = await Promise.all(
      batches.flatMap((b) => instances.map((i) => postJson(agent, `${i.url}/v1/events`, b).then((r) => r.json as { accepted: number }))),
    );
    expect(answers.reduce((sum, a) => sum + a.accepted, 0)).toBe(VISITORS * EVENTS_PER_VISITOR);

    const res = await fetch(`${instances[0]!.url}/v1/campaigns/bounced-events/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const stats = (await res.json()) as { impressions: number; reach: number; participants: number; plays: number };
    expect(stats).toMatchObject({ impressions: VISITORS, reach: VISITORS, participants: VISITORS, plays: VISITORS });

    const direct = new pg.Client({ connectionString: upstream });
    await direct.connect();
    try {
      const { rows } = await direct.query("SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM events WHERE campaign_id = $1", [
        "bounced-events",
      ]);
      expect(rows[0]).toEqual({ n: VISITORS * EVENTS_PER_VISITOR, d: VISITORS * EVENTS_PER_VISITOR });
    } finally {
      await direct.end();
    }
  });

  it("really went through a transaction pool: more clients than server connections", async () => {
    const admin = new pg.Client({ connectionString: bouncer.adminUrl });
    await admin.connect();
    try {
      // the admin console speaks the simple protocol only
      const database = new URL(upstream).pathname.slice(1);
      const pools = (await admin.query({ text: "SHOW POOLS", queryMode: "simple" } as pg.QueryConfig)).rows.filter(
        (r) => r.database === database,
      );
      expect(pools.map((p) => p.pool_mode)).toEqual(["transaction"]);
      const clients = (await admin.query({ text: "SHOW CLIENTS", queryMode: "simple" } as pg.QueryConfig)).rows;
      const servers = (await admin.query({ text: "SHOW SERVERS", queryMode: "simple" } as pg.QueryConfig)).rows;
      expect(servers.filter((s) => s.database === database).length).toBeLessThanOrEqual(SERVER_CONNECTIONS);
      expect(clients.filter((c) => c.database === database).length).toBeGreaterThan(SERVER_CONNECTIONS);
    } finally {
      await admin.end();
    }
  });
});
