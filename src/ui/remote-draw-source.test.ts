import { afterEach, describe, expect, it, vi } from "vitest";
import { createRemoteDrawSource } from "./remote-draw-source.js";

afterEach(() => vi.useRealTimers());

type Call = { url: string; method: string; body: Record<string, unknown> | null };

/** a fake collector: answers by path, records every request */
function fakeFetch(answers: Record<string, (call: Call, n: number) => Response | Error>) {
  const calls: Call[] = [];
  const counts: Record<string, number> = {};
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const call = { url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : null };
    calls.push(call);
    const key = Object.keys(answers).find((k) => new URL(url).pathname.endsWith(k))!;
    counts[key] = (counts[key] ?? 0) + 1;
    const answer = answers[key]!(call, counts[key]!);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const won = {
  ok: true,
  drawId: "d1",
  prize: { id: "v50", label: "Voucher", win: true },
  win: true,
  code: "A1",
  playsLeft: 1,
  playsLeftToday: 0,
  at: 1,
  token: "signed",
};

describe("createRemoteDrawSource", () => {
  it("gets a visitor token with eligibility and sends it with the draw", async () => {
    const { fetch, calls } = fakeFetch({
      "/eligibility": () => json({ ok: true, playsLeft: 2, playsLeftToday: 1, visitorToken: "vt-1" }),
      "/draw": () => json(won),
    });
    let n = 0;
    const source = createRemoteDrawSource({
      base: "https://c.example.com",
      campaignId: "tet 2027",
      visitorId: "v/1",
      fetch,
      newId: () => `req-${++n}`,
    });
    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 2, playsLeftToday: 1 });
    expect(calls[0]!.url).toBe("https://c.example.com/v1/campaigns/tet%202027/eligibility?visitorId=v%2F1");
    expect(await source.draw({ answers: { q1: 1 } })).toEqual(won);
    expect(calls[1]).toMatchObject({
      method: "POST",
      url: "https://c.example.com/v1/campaigns/tet%202027/draw",
      body: { visitorId: "v/1", visitorToken: "vt-1", requestId: "req-1", answers: { q1: 1 } },
    });
  });

  it("reuses the requestId when it retries a failed draw, and takes a fresh one for the next play", async () => {
    const { fetch, calls } = fakeFetch({
      "/eligibility": () => json({ ok: true, playsLeft: null, playsLeftToday: null, visitorToken: "vt" }),
      "/draw": (_, n) => (n === 1 ? new TypeError("Failed to fetch") : n === 2 ? json({ error: "busy" }, 503) : json(won)),
    });
    let n = 0;
    const source = createRemoteDrawSource({
      drawUrl: "https://c.example.com/v1/campaigns/tet/draw",
      campaignId: "tet",
      visitorId: "v1",
      fetch,
      retryDelayMs: 1,
      newId: () => `req-${++n}`,
    });
    expect(await source.draw()).toEqual(won);
    await source.draw();
    const ids = calls.filter((c) => c.url.endsWith("/draw")).map((c) => c.body!.requestId);
    expect(ids).toEqual(["req-1", "req-1", "req-1", "req-2"]);
    expect(calls[0]!.url).toBe("https://c.example.com/v1/campaigns/tet/eligibility?visitorId=v1");
  });

  it("waits as long as a 429's Retry-After asks before retrying the same request", async () => {
    const seen: number[] = [];
    const { fetch } = fakeFetch({
      "/eligibility": () => json({ ok: true, playsLeft: null, playsLeftToday: null, visitorToken: "vt" }),
      "/draw": (_, n) => {
        seen.push(Date.now());
        return n === 1 ? new Response(JSON.stringify({ error: "slow down" }), { status: 429, headers: { "retry-after": "1" } }) : json(won);
      },
    });
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", visitorId: "v1", fetch, retryDelayMs: 1 });
    vi.useFakeTimers();
    const drawn = source.draw();
    await vi.advanceTimersByTimeAsync(990);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(await drawn).toEqual(won);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("passes a refusal through as a DrawResult and fails loudly on other errors", async () => {
    const { fetch } = fakeFetch({
      "/eligibility": () => json({ ok: true, playsLeft: 0, playsLeftToday: 0, visitorToken: "vt" }),
      "/draw": () => json({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: 0 }, 403),
      "/bonus": () => json({ error: "bad token" }, 401),
    });
    const source = createRemoteDrawSource({ base: "https://c.example.com/", campaignId: "tet", visitorId: "v1", fetch, retryDelayMs: 1 });
    expect(await source.draw()).toEqual({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: 0 });
    await expect(source.grantBonus()).rejects.toThrow("bonus: HTTP 401");
  });

  it("gives up after the retries with a clear error", async () => {
    const { fetch, calls } = fakeFetch({ "/eligibility": () => new TypeError("offline") });
    const source = createRemoteDrawSource({
      base: "https://c.example.com",
      campaignId: "tet",
      visitorId: "v1",
      fetch,
      retries: 2,
      retryDelayMs: 1,
    });
    await expect(source.eligibility()).rejects.toThrow(/eligibility\?visitorId=v1: network error/);
    expect(calls).toHaveLength(3);
  });

  it("grants bonus plays and submits leads with the visitor token", async () => {
    const { fetch, calls } = fakeFetch({
      "/eligibility": () => json({ ok: true, playsLeft: 1, playsLeftToday: 1, visitorToken: "vt-9" }),
      "/bonus": () => json({ granted: 1 }),
      "/leads": () => json({ ok: true }),
    });
    const source = createRemoteDrawSource({ base: "https://c.example.com/v1/events", campaignId: "tet", visitorId: "v1", fetch });
    expect(await source.grantBonus()).toBe(1);
    await source.submitLead({ email: "lan@example.vn", consent: true });
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      "/v1/campaigns/tet/eligibility",
      "/v1/campaigns/tet/bonus",
      "/v1/campaigns/tet/leads",
    ]);
    expect(calls[2]!.body).toEqual({ visitorId: "v1", visitorToken: "vt-9", email: "lan@example.vn", consent: true });
  });
});
