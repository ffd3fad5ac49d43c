// the webhook outbox and dispatcher on both databases, against a real HTTP receiver
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { startDispatcher } from "../../src/collector/webhooks/dispatcher.js";
import { createWebhooks, listDeliveries, parseWebhookConfig } from "../../src/collector/webhooks/index.js";
import type { Database } from "../../src/collector/storage/index.js";
import { erasePerson, storeLead } from "../../src/collector/leads/index.js";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import { BACKENDS } from "./backends.js";

const SECRET = `whsec_${Buffer.from("outbox-test-signing-key-0123456").toString("base64")}`;

type Received = { id: string; body: string; valid: boolean };
let server: Server;
let url: string;
const received: Received[] = [];
/** answers queued here first (e.g. 503), then 204 */
const answers: number[] = [];

beforeAll(async () => {
  const wh = new Webhook(SECRET);
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      let valid = true;
      try {
        wh.verify(body, req.headers as Record<string, string>);
      } catch {
        valid = false;
      }
      received.push({ id: String(req.headers["webhook-id"]), body, valid });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook?token=abc`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const parsed = parseCampaign({
  id: "erase",
  game: "wheel",
  mode: "server",
  lead: { fields: ["email"] },
  prizes: [
    { id: "pen", label: "Pen", weight: 1 },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const erasable: Campaign = parsed.campaign;

const config = () =>
  parseWebhookConfig({ endpoints: [{ url, secret: SECRET, events: ["lead", "claim"] }], retryBaseMs: 20, pollMs: 20, timeoutMs: 2000 });

describe("webhook configuration", () => {
  it("names every problem with its path, and never shows a URL's path or query as the endpoint id", () => {
    expect(() => parseWebhookConfig({ endpoints: [{ url: "ftp://x", secret: "nope", events: ["lead", "refund"] }] })).toThrow(
      /webhooks\.endpoints\.0\.url: must be an http\(s\) URL[\s\S]*endpoints\.0\.secret[\s\S]*endpoints\.0\.events\.1/,
    );
    expect(config().endpoints[0]!.id).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});

describe.each(BACKENDS)("webhook outbox on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes deliveries only with the fact's transaction, signs them, and retries until a 2xx", async () => {
    received.length = 0;
    const webhooks = createWebhooks({ db, config: config(), now: Date.now, log: () => {} });
    try {
      // a rolled-back fact announces nothing
      await expect(
        db.transaction(async (tx) => {
          await webhooks.enqueue(tx, { type: "lead", campaignId: "c", data: { visitorId: "gone" } });
          throw new Error("the lead insert failed");
        }),
      ).rejects.toThrow(/lead insert failed/);
      // an event the endpoint did not ask for writes nothing
      await db.transaction((tx) => webhooks.enqueue(tx, { type: "win", campaignId: "c", data: { drawId: "d" } }));
      answers.push(503, 500);
      await db.transaction((tx) => webhooks.enqueue(tx, { type: "lead", campaignId: "c", data: { visitorId: "v1", email: "a@b.vn" } }));
      await expect.poll(() => received.filter((r) => r.valid).length, { timeout: 20_000 }).toBe(3);
      const ids = new Set(received.map((r) => r.id));
      expect(ids.size).toBe(1); // the same webhook-id on every retry
      expect(JSON.parse(received[2]!.body)).toMatchObject({ type: "lead", data: { campaignId: "c", visitorId: "v1", email: "a@b.vn" } });
      await expect.poll(async () => (await listDeliveries(db, { limit: 10 }))[0]?.status, { timeout: 10_000 }).toBe("delivered");
      const [d] = await listDeliveries(db, { campaignId: "c", limit: 10 });
      expect(d).toMatchObject({ type: "lead", attempts: 3, lastStatus: 204, lastError: null });
      expect(await listDeliveries(db, { limit: 10 })).toHaveLength(1);
    } finally {
      await webhooks.stop();
    }
  });

  it("erases a person while the outbox holds a payload PostgreSQL's JSON parser refuses, and still delivers that one as stored", async () => {
    received.length = 0;
    const cfg = config();
    const write = createWebhooks({ db, config: { ...cfg, pollMs: 60_000 }, now: Date.now, log: () => {} });
    await write.stop(); // only its enqueue is used: nothing is delivered before the erasure
    // JSON.stringify writes the lone surrogate as the escape \ud800, which PostgreSQL's json and jsonb refuse
    await db.transaction((tx) => write.enqueue(tx, { type: "lead", campaignId: "erase", data: { visitorId: "v-lone", name: "\ud800" } }));
    await storeLead(db, erasable, { visitorId: "v-an", email: "an@example.com" }, Date.now());
    await db.transaction((tx) =>
      write.enqueue(tx, { type: "lead", campaignId: "erase", data: { visitorId: "v-an", email: "an@example.com" } }),
    );
    expect(await db.transaction((tx) => erasePerson(tx, { email: "an@example.com" }))).toEqual({ leads: 1, identities: 0, deliveries: 1 });
    const left = await db.query<{ payload: string }>("SELECT payload FROM webhook_deliveries WHERE campaign_id = 'erase'");
    expect(left.map((r) => r.payload)).toEqual([expect.stringContaining('"name":"\\ud800"')]);
    const dispatcher = startDispatcher({ db, config: cfg, now: Date.now, log: () => {} });
    try {
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
      expect(received[0]).toMatchObject({ valid: true, body: left[0]!.payload });
    } finally {
      await dispatcher.stop();
      // nothing of this test left due for the next one's dispatchers, pass or fail
      await db.query("DELETE FROM webhook_deliveries WHERE campaign_id = 'erase'");
    }
  });

  it("leases each due delivery to one dispatcher at a time", async () => {
    received.length = 0;
    const webhooks = createWebhooks({ db, config: undefined, now: Date.now, log: () => {} });
    const cfg = config();
    const write = createWebhooks({ db, config: { ...cfg, pollMs: 60_000 }, now: Date.now, log: () => {} });
    await write.stop(); // only its enqueue is used: no dispatcher runs in the background
    for (let i = 0; i < 30; i++) await db.transaction((tx) => write.enqueue(tx, { type: "claim", campaignId: "lease", data: { i } }));
    // two collectors' dispatchers racing for the same rows
    const a = startDispatcher({ db, config: { ...cfg, pollMs: 60_000 }, now: Date.now, log: () => {}, batch: 7 });
    const b = startDispatcher({ db, config: { ...cfg, pollMs: 60_000 }, now: Date.now, log: () => {}, batch: 7 });
    try {
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(30);
      // every id once: a row leased by one was skipped by the other
      expect(new Set(received.map((r) => r.id)).size).toBe(30);
    } finally {
      await Promise.all([a.stop(), b.stop(), webhooks.stop()]);
    }
  });
});
