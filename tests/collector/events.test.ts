// POST /v1/events over real HTTP, on both databases: storage, dedupe, flags, limits, CORS and logs
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { event, startServer, type TestServer } from "./server.js";

describe.each(BACKENDS)("POST /v1/events on $name", (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(backend);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("stores a text/plain batch before answering and reports each rejected event by index", async () => {
    const good = [event({ visitorId: "a" }), event({ visitorId: "b", type: "play" })];
    const res = await s.post("/v1/events", {
      sentAt: Date.now(),
      events: [good[0], { type: "play" }, good[1], event({ campaignId: "nope" })],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, reason: expect.stringMatching(/^id: /) },
        { index: 3, reason: 'campaignId: unknown campaign "nope"' },
      ],
    });
    const stats = await s.stats("tet-2027");
    expect(stats).toMatchObject({ impressions: 1, reach: 1, plays: 1, participants: 1 });
  });

  it("answers 422 with every reason when no event of a batch can be stored, so the tracker drops it instead of retrying", async () => {
    const res = await s.post("/v1/events", {
      sentAt: Date.now(),
      events: [event({ campaignId: "nope" }), event({ campaignId: "nope", type: "play" })],
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: 'every event was rejected: campaignId: unknown campaign "nope"',
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, reason: 'campaignId: unknown campaign "nope"' },
        { index: 1, reason: 'campaignId: unknown campaign "nope"' },
      ],
    });
    expect(await s.storedEvents("nope")).toEqual([]);
    // an empty batch is not an error, and a resent batch of duplicates is stored already
    expect((await s.post("/v1/events", { sentAt: Date.now(), events: [] })).status).toBe(200);
  });

  it("counts the same batch sent three times once", async () => {
    const batch = {
      sentAt: Date.now(),
      events: [event({ visitorId: "d1" }), event({ visitorId: "d2" }), event({ visitorId: "d1", type: "claim" })],
    };
    const before = await s.stats("tet-2027");
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await s.post("/v1/events", batch, { "content-type": "application/json" })).json());
    expect(answers).toEqual([
      { accepted: 3, duplicates: 0, rejected: [] },
      { accepted: 0, duplicates: 3, rejected: [] },
      { accepted: 0, duplicates: 3, rejected: [] },
    ]);
    const after = await s.stats("tet-2027");
    expect((after.impressions as number) - (before.impressions as number)).toBe(2);
    expect((after.claims as number) - (before.claims as number)).toBe(1);
  });

  it("corrects a client clock that is a day fast", async () => {
    const day = 86_400_000;
    const id = `skew-${Date.now()}`;
    const now = Date.now();
    await s.post("/v1/events", { sentAt: now + day, events: [event({ id, ts: now + day - 5_000 })] });
    const stats = await s.stats("tet-2027");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
    expect(Object.keys(stats.daily as object)).toContain(today);
    const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now + day);
    expect(Object.keys(stats.daily as object)).not.toContain(tomorrow);
  });

  it("keeps automated visitors' events out of stats unless asked", async () => {
    const before = await s.stats("tet-2027");
    await s.post("/v1/events", { sentAt: Date.now(), events: [event({ visitorId: "robot", context: { automated: true } })] });
    await s.post("/v1/events", { sentAt: Date.now(), events: [event({ visitorId: "crawler" })] }, { "user-agent": "Googlebot/2.1" });
    const after = await s.stats("tet-2027");
    expect(after.impressions).toBe(before.impressions);
    const withBots = await s.stats("tet-2027", "?includeAutomated=true");
    expect((withBots.impressions as number) - (after.impressions as number)).toBe(2);
  });

  it("lets allowed origins read answers to text/plain posts and preflights, and no one else", async () => {
    const allowed = await s.post("/v1/events", { sentAt: 1, events: [] }, { origin: "http://localhost:5173" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const other = await s.post("/v1/events", { sentAt: 1, events: [] }, { origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${s.url}/v1/campaigns/tet-2027/draw`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
  });

  it("logs one JSON line per request with the route, never the body or visitor ids", async () => {
    const secret = "visitor-secret-id";
    const from = s.logs.length;
    await s.post("/v1/events", { sentAt: Date.now(), events: [event({ visitorId: secret, props: { email: "an@example.com" } })] });
    await fetch(`${s.url}/v1/campaigns/tet-2027/eligibility?visitorId=${secret}&visitorToken=also-secret`);
    const lines = s.logs.slice(from);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ method: "POST", route: "/v1/events", status: 200, accepted: 1 });
    expect(JSON.stringify(lines)).not.toMatch(/visitor-secret-id|also-secret|example\.com/);
  });

  it("answers /healthz", async () => {
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ ok: true, db: backend.name, campaigns: 1 });
  });
});

describe.each(BACKENDS)("rate limits on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("answers 429 with Retry-After per address and per visitor", async () => {
    // the buckets refill on the collector's clock: stopped here, a slow request cannot earn back part of a token and
    // turn the 10 s wait into 9
    const at = Date.now();
    const now = () => at;
    const s = await startServer(db, {
      limits: { ip: { capacity: 3, refillPerSecond: 0.1 }, visitorEvents: { capacity: 5, refillPerSecond: 0.1 } },
      now,
    });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await s.post("/v1/events", { sentAt: 1, events: [] })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await s.post("/v1/events", { sentAt: 1, events: [] });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await s.close();
    }
    const v = await startServer(db, { limits: { visitorEvents: { capacity: 5, refillPerSecond: 0.1 } }, now });
    try {
      const six = { sentAt: Date.now(), events: Array.from({ length: 6 }, () => event({ visitorId: "chatty" })) };
      expect((await v.post("/v1/events", { sentAt: Date.now(), events: six.events.slice(0, 5) })).status).toBe(200);
      const res = await v.post("/v1/events", { sentAt: Date.now(), events: [event({ visitorId: "chatty" })] });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("10");
      expect((await v.post("/v1/events", { sentAt: Date.now(), events: [event({ visitorId: "quiet" })] })).status).toBe(200);
    } finally {
      await v.close();
    }
  });
});
