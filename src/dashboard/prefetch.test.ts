// the page's first requests: read before the app's first render when they answer in time, taken once, for one token
import { afterEach, describe, expect, it, vi } from "vitest";
import { prefetch, prefetchedAnswers, takePrefetched, takeRead } from "./prefetch.js";

const LIST = { campaigns: [{ id: "tet-2027", firstDay: "2027-01-20", lastDay: "2027-02-10", today: "2027-01-27" }], endpoints: {} };
const STATS = { plays: 42 };

/** a collector that answers each path with its JSON body (or a status) when `open()` lets it */
function collector(answers: Record<string, { status?: number; body: unknown }>) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string) => {
      asked.push(path);
      await gate;
      const a = answers[path];
      return new Response(JSON.stringify(a?.body ?? { error: "no such path" }), { status: a ? (a.status ?? 200) : 404 });
    }),
  );
  return { asked, open: release };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("prefetchedAnswers and takeRead", () => {
  it("read the list and the view's stats before the first render, and give each once", async () => {
    const net = collector({ "/v1/campaigns": { body: LIST }, "/v1/campaigns/tet-2027/stats": { body: STATS } });
    const holder = {};
    prefetch("#/c/tet-2027", "token", holder);
    net.open();
    await prefetchedAnswers(60_000, holder);
    expect(takeRead("/v1/campaigns", "token", holder)).toEqual(LIST);
    expect(takeRead("/v1/campaigns/tet-2027/stats", "token", holder)).toEqual(STATS);
    // taken: a later view asks the collector again
    expect(takeRead("/v1/campaigns/tet-2027/stats", "token", holder)).toBeUndefined();
    const ask = vi.fn(async () => new Response("{}"));
    await takePrefetched("/v1/campaigns/tet-2027/stats", "token", ask, holder);
    expect(ask).toHaveBeenCalledOnce();
    expect(net.asked).toEqual(["/v1/campaigns", "/v1/campaigns/tet-2027/stats"]);
  });

  it("read the stats a 7-day view asks for once the list arrives", async () => {
    const path = "/v1/campaigns/tet-2027/stats?from=2027-01-21&to=2027-01-27";
    const net = collector({ "/v1/campaigns": { body: LIST }, [path]: { body: STATS } });
    const holder = {};
    prefetch("#/c/tet-2027?preset=7d", "token", holder);
    net.open();
    await prefetchedAnswers(60_000, holder);
    expect(takeRead(path, "token", holder)).toEqual(STATS);
  });

  it("give nothing to another token, and leave a refused answer to the app", async () => {
    const net = collector({ "/v1/campaigns": { status: 401, body: { error: "wrong token" } } });
    const holder = {};
    prefetch("#/c/tet-2027", "old-token", holder);
    net.open();
    await prefetchedAnswers(60_000, holder);
    expect(takeRead("/v1/campaigns", "old-token", holder)).toBeUndefined();
    expect(takeRead("/v1/campaigns/tet-2027/stats", "new-token", holder)).toBeUndefined();
    const refused = await takePrefetched("/v1/campaigns", "old-token", () => Promise.reject(new Error("asked twice")), holder);
    expect(refused.status).toBe(401);
  });

  it("stop waiting after `within` ms when the collector is slow, and resolve at once when nothing was asked", async () => {
    vi.useFakeTimers();
    collector({ "/v1/campaigns": { body: LIST } });
    const holder = {};
    prefetch("#/c/tet-2027", "token", holder);
    let done = false;
    const waiting = prefetchedAnswers(1000, holder).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(takeRead("/v1/campaigns", "token", holder)).toBeUndefined();
    await expect(prefetchedAnswers(1000, {})).resolves.toBeUndefined();
  });
});
