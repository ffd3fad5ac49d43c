// a source, a prize id or a campaign id is whatever a visitor sent: `__proto__` and `constructor` are names like any
// other, in the stats and in the collector's process, on both databases and in both modes
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownValue } from "../../src/core/util/own.js";
import { BACKENDS } from "./backends.js";
import { startServer, type TestServer } from "./server.js";

const wheel = (id: string, mode: "server" | "client") => ({
  id,
  game: "wheel",
  mode,
  prizes: [
    { id: "gift", label: "Gift", weight: 1 },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
});
const utm = (source: string) => ({ url: "https://shop.example/", utm: { utm_source: source } });
type Row = { reach: number; participants: number; claims: number };

describe.each(BACKENDS)("source names from visitors on $name", (backend) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [wheel("served", "server"), wheel("browser", "client")],
      limits: { ip: false, visitorDraws: false, visitorEvents: false },
    });
  });
  afterAll(async () => {
    await s?.close();
    // a failing run must not leave the worker's later files a polluted prototype
    for (const k of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[k];
  });

  const event = (campaignId: string, type: string, visitorId: string, source: string, props?: Record<string, unknown>) => ({
    id: `name-event-${n++}`,
    type,
    campaignId,
    visitorId,
    sessionId: "s",
    ts: Date.now(),
    context: utm(source),
    ...(props ? { props } : {}),
  });
  const healthy = async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(Object.keys(Object.prototype)).toEqual([]);
  };

  it("counts a client-mode source and prize called __proto__ and keeps answering", async () => {
    const events = ["__proto__", "constructor"].flatMap((source) => [
      event("browser", "impression", `v-${source}`, source),
      event("browser", "play", `v-${source}`, source),
      event("browser", "result", `v-${source}`, source, { win: true, prizeId: source }),
    ]);
    expect((await s.post("/v1/events", { sentAt: Date.now(), events })).status).toBe(200);
    const stats = await s.stats("browser");
    const sources = stats.sources as Record<string, Row>;
    expect(ownValue(sources, "__proto__")).toEqual({ reach: 1, participants: 1, claims: 0 });
    expect(ownValue(sources, "constructor")).toEqual({ reach: 1, participants: 1, claims: 0 });
    expect(Object.entries(stats.prizes as object)).toEqual([
      ["__proto__", 1],
      ["constructor", 1],
    ]);
    await healthy();
  });

  it("counts a server-mode player who came from __proto__ and keeps answering", async () => {
    const v = await s.mint("served", { context: utm("__proto__") });
    expect((await s.post("/v1/campaigns/served/draw", { ...v, requestId: `name-request-${n++}` })).status).toBe(200);
    await s.post("/v1/events", { sentAt: Date.now(), events: [event("served", "impression", v.visitorId, "__proto__")] });
    const stats = await s.stats("served");
    const sources = stats.sources as Record<string, Row>;
    expect(ownValue(sources, "__proto__")).toEqual({ reach: 1, participants: 1, claims: 0 });
    expect(stats.participants).toBe(1);
    await healthy();
    // and again: the stored name is read on every stats request
    expect((await s.stats("served")).sources).toEqual(stats.sources);
    await healthy();
  });
});
