// past one machine: NATS JetStream in front of ingest. Two collector processes, a nats-server with JetStream and a
// PostgreSQL cluster, all started here. Batches go over HTTP to both instances; PostgreSQL is stopped for 10 s while
// ingest keeps answering; one instance is SIGKILLed while the backlog drains → every accepted event stored once, and
// the rollups exact.
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACK_WAIT_MS } from "../../src/collector/queue/index.js";
import { startNats, type TestNats } from "../helpers/nats.js";
import { startCluster, type ClusterOutage, type TestPostgres } from "../helpers/postgres-cluster.js";
import { postgresUnavailable } from "../helpers/postgres.js";
import { natsServerPath } from "../helpers/system.js";
import { freePort, startCollectorProcess, type CollectorProcess } from "./helpers/collector-process.js";
import { scaled, timeoutFor } from "./soak.js";

// 1,200 visitors × 5 events in 120 batches of 50: each phase (before, during and after the outage) sends 40 batches
const VISITORS_PER_BATCH = 10;
const BATCHES = scaled(120);
const EVENTS = BATCHES * VISITORS_PER_BATCH * 5;
const OUTAGE_MS = 10_000;
const STREAM = "NATS_INGEST_TEST";
const ADMIN = "nats-admin-token";
const SECRET = "nats-ingest-secret-0123456789abcdef";
const CAMPAIGN = {
  id: "queued",
  game: "wheel",
  timezone: "UTC",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};

type Batch = { ids: string[]; events: Record<string, unknown>[] };

/** batch `b`: ten visitors, each an impression, open, play and result; even visitors win prize "a" and claim it */
function makeBatch(b: number): Batch {
  const ts = Date.now();
  const events = Array.from({ length: VISITORS_PER_BATCH }, (_, k) => {
    const v = b * VISITORS_PER_BATCH + k;
    const base = { campaignId: CAMPAIGN.id, visitorId: `visitor-${v}`, sessionId: `session-${v}`, ts };
    const win = v % 2 === 0;
    return [
      { ...base, id: `ev-${v}-impression`, type: "impression" },
      { ...base, id: `ev-${v}-open`, type: "open" },
      { ...base, id: `ev-${v}-play`, type: "play" },
      { ...base, id: `ev-${v}-result`, type: "result", props: win ? { win: true, prizeId: "a" } : { win: false } },
      win ? { ...base, id: `ev-${v}-claim`, type: "claim", props: { prizeId: "a" } } : { ...base, id: `ev-${v}-close`, type: "close" },
    ];
  }).flat();
  return { ids: events.map((e) => e.id as string), events };
}

const skip = postgresUnavailable();
if (!skip && !natsServerPath()) {
  if (process.env.CI === "true") throw new Error("no nats-server: apt-get install -y nats-server; CI must run the NATS suite");
  console.warn("skipping the NATS suite: no nats-server (apt-get install -y nats-server, or set NATS_SERVER_PATH)");
}

describe.skipIf(skip || !natsServerPath())("NATS JetStream in front of ingest", () => {
  let cluster: TestPostgres & ClusterOutage;
  let nats: TestNats;
  let databaseUrl: string;
  const instances: Array<{ process: CollectorProcess; url: string; alive: boolean }> = [];

  beforeAll(async () => {
    [cluster, nats] = await Promise.all([startCluster(), startNats()]);
    databaseUrl = await cluster.newDatabase();
    for (let i = 0; i < 2; i++) {
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const started = await startCollectorProcess({
          port,
          databaseUrl,
          natsUrl: nats.url,
          natsStream: STREAM,
          campaigns: [CAMPAIGN],
          secret: SECRET,
          adminToken: ADMIN,
          log: true,
        }).catch((e: unknown) => {
          if (attempt === 5) throw e;
          return undefined;
        });
        if (started) {
          instances.push({ process: started, url: `http://127.0.0.1:${port}`, alive: true });
          break;
        }
      }
    }
  });

  afterAll(async () => {
    for (const i of instances) await i.process.stop();
    await nats?.stop();
    await cluster?.stop();
  });

  /** POST a batch the way a load balancer with a tracker behind it would: another instance, again, until one accepts */
  async function deliver(batch: Batch, first: number): Promise<{ accepted: number }> {
    for (let attempt = 0; ; attempt++) {
      const target = instances[(first + attempt) % instances.length]!;
      if (!target.alive) continue;
      let retryAfterMs = 0;
      try {
        const res = await fetch(`${target.url}/v1/events`, {
          method: "POST",
          body: JSON.stringify({ sentAt: Date.now(), events: batch.events }),
          headers: { "content-type": "text/plain" },
        });
        const body = (await res.json()) as { accepted: number };
        if (res.status === 202) return body;
        if (res.status !== 503) throw new Error(`events answered ${res.status}: ${JSON.stringify(body)}`);
        // the queue is away: come back when the collector says, as the tracker does
        retryAfterMs = Number(res.headers.get("retry-after")) * 1000;
      } catch (e) {
        // the instance was killed under this request: nothing was promised, so the batch goes to the next one at once
        if (target.alive) throw e;
      }
      if (retryAfterMs > 0) await new Promise((r) => setTimeout(r, retryAfterMs));
    }
  }

  /** send batches [from, to) eight at a time, alternating instances */
  async function send(batches: Batch[], from: number, to: number): Promise<number> {
    let next = from;
    let accepted = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < to) {
          const b = next++;
          // read after the await: `accepted += await …` would add to the value from before it
          const answer = await deliver(batches[b]!, b);
          accepted += answer.accepted;
        }
      }),
    );
    return accepted;
  }

  async function stored(): Promise<{ events: number; distinct: number }> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT count(*)::int AS events, count(DISTINCT id)::int AS distinct FROM events");
      return rows[0] as { events: number; distinct: number };
    } finally {
      await client.end();
    }
  }

  it(
    `stores ${EVENTS} events exactly once through a 10 s PostgreSQL outage and an instance killed mid-drain`,
    async () => {
      const batches = Array.from({ length: BATCHES }, (_, b) => makeBatch(b));
      const third = Math.floor(BATCHES / 3);
      expect(await send(batches, 0, third)).toBe(third * VISITORS_PER_BATCH * 5);

      // PostgreSQL goes away; ingest keeps answering from JetStream
      const down = Date.now();
      cluster.shutdown();
      const acceptedDuringOutage = await send(batches, third, 2 * third);
      expect(acceptedDuringOutage).toBe(third * VISITORS_PER_BATCH * 5);
      // the outage lasts its 10 s however fast the sending was (the subject here is the outage itself)
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
      cluster.startAgain();

      // the consumers find PostgreSQL back and drain the backlog while the last third arrives; one instance dies in the
      // middle of both (its unacked batches go to the other after the ack wait; its answered ones are in JetStream)
      const before = (await stored()).events;
      const last = send(batches, 2 * third, BATCHES);
      await expect.poll(async () => (await stored()).events, { timeout: 60_000, interval: 100 }).toBeGreaterThan(before);
      instances[1]!.alive = false;
      await instances[1]!.process.kill();
      // every batch was answered 202 by one instance or the other (a batch whose answer died with the instance is
      // sent again and may then count as JetStream's duplicate, so the sum is not checked here)
      await last;

      // batches sent again: the same ten (JetStream drops them by message id) and the same ten with one new event
      // each (a new message: the database drops the old events by id)
      const again = await send(batches, 0, 10);
      expect(again).toBe(0);
      const extended = batches.slice(0, 10).map((b, i) => {
        const extra = { ...b.events[0]!, id: `ev-extra-${i}`, visitorId: `extra-${i}`, sessionId: `extra-${i}`, type: "impression" };
        return { ids: [...b.ids, extra.id as string], events: [...b.events, extra] };
      });
      expect(await send(extended, 0, 10)).toBe(10 * (VISITORS_PER_BATCH * 5 + 1));

      const total = EVENTS + 10;
      await expect.poll(async () => (await stored()).events, { timeout: 90_000, interval: 250 }).toBe(total);
      expect(await stored()).toEqual({ events: total, distinct: total });

      // nothing left in JetStream: every batch acked after its commit
      const nc = await connect({ servers: nats.url });
      try {
        const jsm = await jetstreamManager(nc);
        // a batch the killed instance had pulled stays unacked until JetStream's ack wait ends and the survivor takes it
        await expect
          .poll(
            async () => {
              const info = await jsm.consumers.info(STREAM, "collector");
              return { pending: info.num_pending, unacked: info.num_ack_pending };
            },
            { timeout: ACK_WAIT_MS + 30_000, interval: 250 },
          )
          .toEqual({ pending: 0, unacked: 0 });
        expect((await jsm.streams.info(STREAM)).state.messages).toBe(0);
      } finally {
        await nc.close();
      }
      expect(await stored()).toEqual({ events: total, distinct: total });

      const visitors = BATCHES * VISITORS_PER_BATCH;
      const res = await fetch(`${instances[0]!.url}/v1/campaigns/${CAMPAIGN.id}/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        impressions: visitors + 10,
        reach: visitors + 10,
        participants: visitors,
        plays: visitors,
        wins: visitors / 2,
        claims: visitors / 2,
        prizes: { a: visitors / 2 },
        funnel: { impression: visitors + 10, open: visitors, play: visitors, result: visitors, claim: visitors / 2 },
      });
    },
    timeoutFor(240_000),
  );
});
