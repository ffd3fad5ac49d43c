// the collector with NATS JetStream in front of ingest, in process: 202 once a batch is in JetStream and stored by the
// consumer; a message that cannot be stored is terminated without holding up the others; 503 with Retry-After when NATS
// is gone, while draws still answer from PostgreSQL; no start without NATS
import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { connect, nanos, nkeys } from "@nats-io/transport-node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector, type Collector, type LogLine } from "../../src/collector/index.js";
import { startNats, type TestNats } from "../helpers/nats.js";
import { natsServerPath } from "../helpers/system.js";
import { BACKENDS } from "./backends.js";
import { ADMIN } from "./server.js";

const postgres = BACKENDS.find((b) => b.name === "postgres");
if (postgres && !natsServerPath()) {
  if (process.env.CI === "true") throw new Error("no nats-server: apt-get install -y nats-server; CI must run the NATS suites");
  console.warn("skipping the NATS suite: no nats-server (apt-get install -y nats-server, or set NATS_SERVER_PATH)");
}
const campaigns = [
  {
    id: "q-events",
    game: "wheel",
    prizes: [
      { id: "a", label: "A", weight: 1 },
      { id: "b", label: "B", weight: 1, win: false },
    ],
  },
  {
    id: "q-draws",
    game: "wheel",
    mode: "server",
    prizes: [
      { id: "gift", label: "Gift", weight: 1, stock: 5, codeGenerator: { prefix: "Q-" } },
      { id: "none", label: "Next time", weight: 1, win: false },
    ],
    fallbackPrizeId: "none",
  },
];
const batch = (ids: string[]) => ({
  sentAt: Date.now(),
  events: ids.map((id) => ({ id, type: "impression", campaignId: "q-events", visitorId: `v-${id}`, sessionId: "s", ts: Date.now() })),
});

describe.skipIf(!postgres || !natsServerPath())("NATS JetStream in front of ingest (in process)", () => {
  let nats: TestNats;
  let databaseUrl: string;
  let collector: Collector;
  let url: string;
  const logs: LogLine[] = [];
  beforeAll(async () => {
    [nats, databaseUrl] = await Promise.all([startNats(), postgres!.url!()]);
    collector = createCollector({
      databaseUrl,
      natsUrl: nats.url,
      campaigns,
      adminToken: ADMIN,
      dataDir: null,
      log: (line) => logs.push(line),
      secret: "q-secret",
    });
    url = `http://127.0.0.1:${(await collector.listen(0)).port}`;
  });
  afterAll(async () => {
    await collector?.close();
    await nats?.stop();
  });

  const post = (body: unknown) => fetch(`${url}/v1/events`, { method: "POST", body: JSON.stringify(body) });
  const stats = async () =>
    (await (await fetch(`${url}/v1/campaigns/q-events/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
      impressions: number;
    };

  it("answers 202 once JetStream has the batch, counts a resent batch as duplicates, and the consumer stores it once", async () => {
    const first = await post(batch(["n-1", "n-2", "n-2"]));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [], queued: true });
    const again = await post(batch(["n-2", "n-1"]));
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [], queued: true });
    // a bad event is still refused at the door, before anything is published
    const bad = await post({ sentAt: Date.now(), events: batch(["n-3"]).events.map((e) => ({ ...e, campaignId: "nope" })) });
    expect(bad.status).toBe(422);
    // an empty batch publishes nothing
    const empty = await post({ sentAt: Date.now(), events: [] });
    expect([empty.status, await empty.json()]).toEqual([200, { accepted: 0, duplicates: 0, rejected: [] }]);
    await expect.poll(async () => (await stats()).impressions).toBe(2);
  });

  it("terminates and logs a message it cannot read and one the database refuses, and stores the 100 good batches around them once", async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const nc = await connect({ servers: nats.url });
    try {
      // a row the checks pass and PostgreSQL refuses, as a database can refuse rows the collector did not foresee
      await db.query("ALTER TABLE event_ids ADD CONSTRAINT refuses_some CHECK (id NOT LIKE 'refused-%')");
      const js = jetstream(nc);
      const publish = (rows: unknown[], id: string) =>
        js.publish("MINIGAME_EVENTS.batches", new TextEncoder().encode(JSON.stringify({ v: 1, rows })), { msgID: id });
      const at = Date.now();
      const row = (id: string, campaignId = "q-events") => ({
        id,
        campaignId,
        type: "impression",
        visitorId: "v",
        sessionId: "s",
        ts: at,
        clientTs: at,
        receivedAt: at,
        day: new Date(at).toISOString().slice(0, 10),
        seq: null,
        props: null,
        context: null,
        automated: false,
        test: false,
        clamped: false,
      });
      await publish([{ id: "poison", campaignId: null }], "poison");
      await publish([row("forged", "not-served")], "forged");
      const answers: number[] = [];
      for (let b = 0; b < 100; b++) {
        if (b === 50) await publish([row("refused-1")], "refused");
        const ids = Array.from({ length: 10 }, (_, i) => `good-${b}-${i}`);
        answers.push((await post(batch(ids))).status);
      }
      expect(new Set(answers)).toEqual(new Set([202]));
      const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
      await expect
        .poll(() => count("SELECT count(*) AS n FROM events WHERE id LIKE 'good-%'"), { timeout: 30_000, interval: 200 })
        .toBe(1_000);
      const jsm = await jetstreamManager(nc);
      await expect
        .poll(
          async () => {
            const info = await jsm.consumers.info("MINIGAME_EVENTS", "collector");
            return [info.num_pending, info.num_ack_pending];
          },
          { timeout: 30_000, interval: 200 },
        )
        .toEqual([0, 0]);
      expect(await count("SELECT count(*) - count(DISTINCT id) AS n FROM events")).toBe(0);
      expect(await count("SELECT count(*) AS n FROM events WHERE id IN ('poison', 'forged', 'refused-1')")).toBe(0);
      const errors = logs.filter((l) => l.level === "error");
      expect(errors).toEqual([
        expect.objectContaining({
          msg: "event queue: unreadable message terminated",
          error: expect.stringMatching(/^every row was refused: rows\.0: receivedAt: /),
        }),
        expect.objectContaining({
          msg: "event queue: unreadable message terminated",
          error: 'every row was refused: rows.0: campaignId: unknown campaign "not-served"',
        }),
        expect.objectContaining({
          msg: "event queue: a batch the database refuses was terminated",
          events: 1,
          error: expect.stringMatching(/refuses_some/),
        }),
      ]);
      // the backlog the stream may hold is bounded, and a full stream refuses new batches instead of losing old ones
      const { config } = await jsm.streams.info("MINIGAME_EVENTS");
      expect([config.max_bytes, config.max_age, config.discard]).toEqual([1024 ** 3, nanos(7 * 24 * 3600_000), DiscardPolicy.New]);
    } finally {
      await nc.close();
      await db.end();
    }
  });

  it("answers 503 with Retry-After while NATS is gone, and draws still answer from PostgreSQL", async () => {
    const minted = (await (await fetch(`${url}/v1/campaigns/q-draws/visitors`, { method: "POST", body: "{}" })).json()) as {
      visitorId: string;
      visitorToken: string;
    };
    await nats.stop();
    const res = await post(batch(["gone-1"]));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "the event queue (NATS) is unavailable; send the batch again later" });
    const draw = await fetch(`${url}/v1/campaigns/q-draws/draw`, {
      method: "POST",
      body: JSON.stringify({ ...minted, requestId: "q-draw-request-1" }),
    });
    expect(draw.status).toBe(200);
    expect(await draw.json()).toMatchObject({ ok: true });
  });

  it("does not start when NATS is unreachable, or without PostgreSQL", async () => {
    const down = createCollector({ databaseUrl, natsUrl: "nats://127.0.0.1:1", campaigns, dataDir: null, log: () => {}, secret: "q" });
    await expect(down.ready).rejects.toThrow(/^natsUrl: cannot use NATS JetStream: /);
    await down.close();
    const pglite = createCollector({ natsUrl: "nats://127.0.0.1:1", campaigns, dataDir: null, log: () => {}, secret: "q" });
    await expect(pglite.ready).rejects.toThrow("natsUrl: the NATS event queue feeds PostgreSQL; set databaseUrl (DATABASE_URL) as well");
    await pglite.close();
  });
});

describe.skipIf(!postgres || !natsServerPath())("NATS with users: the collector logs in, others may not publish batches", () => {
  const nkey = nkeys.createUser();
  const collectorOnly = `{ publish: ["MINIGAME_EVENTS.batches", "$JS.API.>", "$JS.ACK.MINIGAME_EVENTS.>"], subscribe: ["_INBOX.>"] }`;
  // the permissions docs/scaling.md gives the collectors; a page's backend may use the server, not the subject
  const config = `authorization {
    users = [
      { user: collector, password: "pass/word", permissions: ${collectorOnly} }
      { nkey: ${nkey.getPublicKey()}, permissions: ${collectorOnly} }
      { user: other, password: "other-pw", permissions: { publish: { deny: ["MINIGAME_EVENTS.>", "$JS.>"] } } }
    ]
  }`;
  let nats: TestNats;
  const collectors: Collector[] = [];
  afterAll(async () => {
    for (const c of collectors) await c.close();
    await nats?.stop();
  });

  it("logs in with a user and password in the URL or with an nkey seed, bounds a stream left unbounded, and stores what each instance accepts", async () => {
    let databaseUrl: string;
    [nats, databaseUrl] = await Promise.all([startNats(config), postgres!.url!()]);
    const port = new URL(nats.url).port;
    // the stream as collectors before its limits created it: unbounded, and given the limits at the next start
    const admin = await connect({ servers: nats.url, user: "collector", pass: "pass/word" });
    const jsm = await jetstreamManager(admin);
    await jsm.streams.add({
      name: "MINIGAME_EVENTS",
      subjects: ["MINIGAME_EVENTS.batches"],
      storage: StorageType.File,
      retention: RetentionPolicy.Workqueue,
    });
    const options = { databaseUrl, campaigns, adminToken: ADMIN, dataDir: null, log: () => {}, secret: "q-secret" };
    const withPassword = createCollector({ ...options, natsUrl: `nats://collector:pass%2Fword@127.0.0.1:${port}` });
    const withNkey = createCollector({ ...options, natsUrl: nats.url, natsNkeySeed: new TextDecoder().decode(nkey.getSeed()) });
    const without = createCollector({ ...options, natsUrl: nats.url });
    collectors.push(withPassword, withNkey, without);
    await expect(without.ready).rejects.toThrow(/^natsUrl: cannot use NATS JetStream: .*Authorization Violation/);
    const urls = await Promise.all([withPassword, withNkey].map(async (c) => `http://127.0.0.1:${(await c.listen(0)).port}`));
    for (const [i, u] of urls.entries()) {
      const res = await fetch(`${u}/v1/events`, { method: "POST", body: JSON.stringify(batch([`auth-${i}-a`, `auth-${i}-b`])) });
      expect(res.status).toBe(202);
    }
    const impressions = async () =>
      (
        (await (await fetch(`${urls[0]}/v1/campaigns/q-events/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as {
          impressions: number;
        }
      ).impressions;
    await expect.poll(impressions, { timeout: 15_000 }).toBe(4);

    const { config: bounded } = await jsm.streams.info("MINIGAME_EVENTS");
    expect([bounded.max_bytes, bounded.max_age, bounded.discard]).toEqual([1024 ** 3, nanos(7 * 24 * 3600_000), DiscardPolicy.New]);
    await admin.close();

    const other = await connect({ servers: nats.url, user: "other", pass: "other-pw" });
    try {
      const forged = jetstream(other).publish("MINIGAME_EVENTS.batches", new TextEncoder().encode("{}"), { timeout: 2_000 });
      await expect(forged).rejects.toThrow();
    } finally {
      await other.close();
    }
  });
});
