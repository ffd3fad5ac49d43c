// whatever arrives, the collector answers 4xx with a sentence and keeps running: never a 5xx
import fc from "fast-check";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "./backends.js";
import { createCollector, type CollectorOptions } from "../../src/collector/index.js";
import { ADMIN, event, startServer, tet, type TestServer } from "./server.js";

const [pglite] = BACKENDS;

describe("bad input", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(pglite!, { limits: { ip: false, visitorEvents: false, visitorDraws: false } });
  });
  afterAll(async () => {
    await s?.close();
  });

  const expectError = async (res: Response, status: number, message: RegExp) => {
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  };

  it("malformed JSON, empty bodies and invalid UTF-8 get 400 with what was wrong", async () => {
    await expectError(await s.post("/v1/events", '{"sentAt": 1, "events": [}'), 400, /not valid JSON/);
    await expectError(await s.post("/v1/events", ""), 400, /empty/);
    await expectError(await s.post("/v1/events", new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d])), 400, /UTF-8/);
  });

  it("wrong types get 400 naming the field", async () => {
    await expectError(await s.post("/v1/events", { sentAt: "yesterday", events: [] }), 400, /^sentAt: /);
    await expectError(await s.post("/v1/events", { sentAt: 1, events: "lots" }), 400, /^events: /);
    await expectError(await s.post("/v1/events", [1, 2, 3]), 400, /expected \{ sentAt/);
    await expectError(await s.post("/v1/events", "null"), 400, /expected \{ sentAt/);
    const draw = await s.post("/v1/campaigns/tet-2027/draw", { visitorId: 5, visitorToken: "x", requestId: "short" });
    await expectError(draw, 400, /^visitorId: /);
  });

  it("stores events with extreme numbers instead of failing", async () => {
    const extreme = [event({ ts: 1e300 }), event({ ts: 0, seq: Number.MAX_SAFE_INTEGER }), event({ ts: 5e-324 })];
    const res = await s.post("/v1/events", { sentAt: 1e300, events: extreme });
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const res2 = await s.post("/v1/events", { sentAt: 0, events: [event({ ts: 1e300 })] });
    expect(await res2.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it("huge bodies get 413 and 10,000-event batches are refused whole", async () => {
    await expectError(await s.post("/v1/events", "x".repeat(70 * 1024)), 413, /larger than 65536 bytes/);
    const tenK = { sentAt: Date.now(), events: Array.from({ length: 10_000 }, () => event()) };
    const tooLarge = await s.post("/v1/events", tenK);
    // the unread rest of the body ends the connection: a pooling client must not send its next request into it
    expect(tooLarge.headers.get("connection")).toBe("close");
    await expectError(tooLarge, 413, /larger than/);
    const wide = await startServer(pglite!, { limits: { bodyBytes: 10 * 1024 * 1024, ip: false } });
    try {
      await expectError(await wide.post("/v1/events", tenK), 413, /batch has 10000 events; send at most 500/);
    } finally {
      await wide.close();
    }
  });

  it("stops reading a chunked body without a content-length at the limit", async () => {
    // node:http on its own socket (agent: false) so the connection the server closes is no one else's;
    // 1 MiB in 16 KiB chunks, no content-length: the size is only known by counting
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${s.url}/v1/events`, { method: "POST", agent: false, headers: { "content-type": "text/plain" } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      let sent = 0;
      const pump = () => {
        while (sent < 1024 * 1024 && !req.destroyed) {
          sent += 16 * 1024;
          if (!req.write(Buffer.alloc(16 * 1024, 0x20))) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ error: "body is larger than 65536 bytes" });
  });

  it("answers every admin-token problem with 401 and { error }, whatever the header looks like", async () => {
    const stats = (authorization?: string) =>
      fetch(`${s.url}/v1/campaigns/tet-2027/stats`, { headers: authorization === undefined ? {} : { authorization } });
    for (const header of [
      undefined,
      "Bearer",
      "Bearer ",
      "Basic dXNlcjpwYXNz",
      "Bearer wrong-token",
      "Bearer bad token!",
      `Bearer ${ADMIN}x`,
    ]) {
      const res = await stats(header);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      await expectError(res, 401, /^missing or wrong admin token \(Authorization: Bearer <token>\)$/);
    }
    expect((await stats(`Bearer ${ADMIN}`)).status).toBe(200);
    expect((await stats(`bearer ${ADMIN}`)).status).toBe(200);
  });

  it("refuses to start with an admin token or claim key no Authorization header can carry", async () => {
    // refused before any database is opened
    const start = (options: CollectorOptions) => createCollector({ campaigns: [tet], dataDir: null, log: () => {}, ...options }).ready;
    await expect(start({ adminToken: "two words" })).rejects.toThrow(/adminToken: must be letters, digits/);
    await expect(start({ claimKeys: { "tet-2027": "short" } })).rejects.toThrow(/claimKeys.tet-2027: must be at least 16/);
    await expect(start({ claimKeys: { other: "k".repeat(20) } })).rejects.toThrow(/claimKeys.other: no campaign "other"/);
  });

  it("unknown campaigns, routes and content types get 404 and 415", async () => {
    await expectError(await fetch(`${s.url}/v1/campaigns/nope`), 404, /unknown campaign "nope"/);
    await expectError(await fetch(`${s.url}/v1/campaigns/nope/eligibility?visitorId=v`), 404, /unknown campaign/);
    await expectError(await fetch(`${s.url}/v2/events`), 404, /no route for GET \/v2\/events/);
    await expectError(await s.post("/v1/events", "<xml/>", { "content-type": "application/xml" }), 415, /content-type/);
    await expectError(await fetch(`${s.url}/v1/campaigns/tet-2027/eligibility`), 400, /visitorId/);
    await expectError(await fetch(`${s.url}/v1/campaigns/tet-2027/eligibility?visitorId=v`), 403, /visitorToken is not valid/);
    await expectError(await s.post("/v1/campaigns/nope/visitors", {}), 404, /unknown campaign "nope"/);
    await expectError(await s.post("/v1/campaigns/tet-2027/visitors", { ref: 5 }), 400, /^ref: /);
    await expectError(await fetch(`${s.url}/v1/campaigns/tet-2027/challenge`), 404, /asks for no proof of work/);
    const badDay = await fetch(`${s.url}/v1/campaigns/tet-2027/stats?from=yesterday`, { headers: { authorization: `Bearer ${ADMIN}` } });
    await expectError(badDay, 400, /from must be a day as YYYY-MM-DD/);
    await expectError(await fetch(`${s.url}/v1/campaigns/tet-2027/stats`), 401, /admin token/);
    // with no campaigns configured any id may have events, but not one PostgreSQL could not even compare
    const open = await startServer(pglite!, { campaigns: [] });
    try {
      const nul = await fetch(`${open.url}/v1/campaigns/a%00b/stats`, { headers: { authorization: `Bearer ${ADMIN}` } });
      await expectError(nul, 404, /unknown campaign "a\\u0000b"/);
      const deliveries = await fetch(`${open.url}/v1/webhooks/deliveries?campaign=a%00b`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      await expectError(deliveries, 400, /^campaign must be a campaign id \(1–64 letters, digits, '_', '\.' or '-'\), got "a\\u0000b"$/);
      expect((await open.stats("anything")).impressions).toBe(0);
    } finally {
      await open.close();
    }
  });

  it("survives fuzzed bodies: any JSON, event-shaped junk and raw bytes never get a 5xx", async () => {
    const eventish = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant(null)),
        type: fc.oneof(fc.constantFrom("impression", "play", "result", "claim"), fc.string()),
        campaignId: fc.oneof(fc.constant("tet-2027"), fc.string()),
        visitorId: fc.string({ maxLength: 70 }),
        sessionId: fc.string({ maxLength: 70 }),
        ts: fc.oneof(fc.double(), fc.integer(), fc.string()),
        props: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 2 })),
        context: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null"),
      fc.record({ sentAt: fc.oneof(fc.double(), fc.nat()), events: fc.array(eventish, { maxLength: 20 }) }).map((b) => JSON.stringify(b)),
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: "binary", maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("text/plain", "application/json"), async (payload, type) => {
        const res = await s.post("/v1/events", payload, { "content-type": type });
        expect(res.status).toBeLessThan(500);
        const answer = (await res.json()) as Record<string, unknown>;
        if (res.status === 200)
          expect(answer).toEqual({ accepted: expect.any(Number), duplicates: expect.any(Number), rejected: expect.any(Array) });
        else expect(answer.error).toEqual(expect.any(String));
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it("survives fuzzed draw, bonus, lead and claim bodies", async () => {
    const field = fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
    const body = fc.oneof(
      fc.record(
        {
          visitorId: field,
          visitorToken: field,
          requestId: field,
          answers: field,
          email: field,
          phone: field,
          consent: field,
          token: field,
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const path = fc.constantFrom(
      "/v1/campaigns/tet-2027/draw",
      "/v1/campaigns/tet-2027/bonus",
      "/v1/campaigns/tet-2027/leads",
      "/v1/campaigns/tet-2027/claims/verify",
    );
    await fc.assert(
      fc.asyncProperty(path, body, async (p, b) => {
        const res = await s.post(p, JSON.stringify(b) ?? "null", { "content-type": "application/json", authorization: `Bearer ${ADMIN}` });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await res.json()).toHaveProperty("error");
      }),
      { numRuns: 200 },
    );
  });
});
