// the webhook outbox and dispatcher on both databases, against a real HTTP receiver
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { startDispatcher } from "../../src/collector/webhooks/dispatcher.js";
import { createWebhooks, listDeliveries, parseWebhookConfig } from "../../src/collector/webhooks/index.js";
import type { Database } from "../../src/collector/storage/index.js";
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

const config = () =>
  parseWebhookConfig({ endpoints: [{ url, secret: SECRET, events: ["lead", "claim"] }], retryBaseMs: 20, pollMs: 20, timeoutMs: 2000 });

describe("webhook configuration", () => {
  it("names every problem with its path, and never shows a URL's query as the endpoint id", () => {
    expect(() => parseWebhookConfig({ endpoints: [{ url: "ftp://x", secret: "nope", events: ["lead", "refund"] }] })).toThrow(
      /webhooks\.endpoints\.0\.url: must be an http\(s\) URL[\s\S]*endpoints\.0\.secret[\s\S]*endpoints\.0\.events\.1/,
    );
    expect(config().endpoints[0]!.id).toMatch(/^127\.0\.0\.1:\d+\/hook$/);
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
