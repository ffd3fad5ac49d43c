import { afterEach, describe, expect, it, vi } from "vitest";
import { createRemoteDrawSource, newVisitorEligibility } from "./remote-draw-source.js";
import { checkRules } from "../core/engine/rules.js";
import type { VisitorState } from "../core/engine/types.js";
import { parseCampaign, type Campaign } from "../core/schema/index.js";

/** the ledger of a visitor who has never played */
const NEW_VISITOR: VisitorState = { total: 0, today: 0, lastPlayAt: null, bonusTotal: 0, bonusToday: 0, lead: false };

/** a valid server-mode campaign with `extra` on top */
function campaignWith(extra: Record<string, unknown>): Campaign {
  const parsed = parseCampaign({
    id: "tet",
    game: "scratch",
    mode: "server",
    prizes: [{ id: "v50", label: "Voucher", weight: 1 }],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.campaign;
}

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
const minted = (n = 1) => json({ visitorId: `mv-${n}`, visitorToken: `vt-${n}`, referralToken: `ref-${n}` }, 201);
const mint = (_: Call, n: number) => minted(n);
const paths = (calls: Call[]) => calls.map((c) => new URL(c.url).pathname);

/** an in-memory Storage, so each test starts empty */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}
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
  it("mints a visitor once, keeps it in storage, and sends its token with eligibility and the draw", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/eligibility": () => json({ ok: true, playsLeft: 2, playsLeftToday: 1 }),
      "/draw": () => json(won),
    });
    const storage = memoryStorage();
    let n = 0;
    const source = createRemoteDrawSource({
      base: "https://c.example.com",
      campaignId: "tet 2027",
      fetch,
      storage,
      newId: () => `req-${++n}`,
    });
    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 2, playsLeftToday: 1 });
    expect(calls[0]).toMatchObject({ method: "POST", url: "https://c.example.com/v1/campaigns/tet%202027/visitors", body: {} });
    expect(calls[1]!.url).toBe("https://c.example.com/v1/campaigns/tet%202027/eligibility?visitorId=mv-1&visitorToken=vt-1");
    expect(await source.draw({ answers: { q1: 1 } })).toEqual(won);
    expect(calls[2]).toMatchObject({
      method: "POST",
      url: "https://c.example.com/v1/campaigns/tet%202027/draw",
      body: { visitorId: "mv-1", visitorToken: "vt-1", requestId: "req-1", answers: { q1: 1 } },
    });
    expect(source.referralToken()).toBe("ref-1");
    // the next page in this browser is the same visitor: no second mint
    const again = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet 2027", fetch, storage });
    await again.eligibility();
    expect(paths(calls).filter((p) => p.endsWith("/visitors"))).toHaveLength(1);
    // kept under a key no campaign id can produce (ids have no ':')
    expect(storage.key(0)).toBe("minigame:identity:tet 2027");
  });

  it("mints again once when the collector refuses the visitor with a 403, then retries the call", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/eligibility": (call) =>
        call.url.includes("visitorToken=vt-1")
          ? json({ error: "visitorToken is not valid" }, 403)
          : json({ ok: true, playsLeft: 1, playsLeftToday: 1 }),
    });
    const storage = memoryStorage();
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", fetch, storage });
    expect(await source.eligibility()).toMatchObject({ ok: true });
    expect(paths(calls)).toEqual([
      "/v1/campaigns/tet/visitors",
      "/v1/campaigns/tet/eligibility",
      "/v1/campaigns/tet/visitors",
      "/v1/campaigns/tet/eligibility",
    ]);
    expect(JSON.parse(storage.getItem("minigame:identity:tet")!)).toMatchObject({ visitorId: "mv-2", visitorToken: "vt-2" });
  });

  it("does not mint in a loop when the collector keeps refusing", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/bonus": () => json({ error: "visitorToken is not valid" }, 403) });
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", fetch, storage: memoryStorage() });
    await expect(source.grantBonus()).rejects.toThrow("bonus: HTTP 403 (visitorToken is not valid)");
    expect(paths(calls).filter((p) => p.endsWith("/visitors"))).toHaveLength(2);
  });

  it("passes the member token and the referral token to the mint, and mints anew for another member", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/eligibility": () => json({ ok: true, playsLeft: 1, playsLeftToday: 1 }) });
    const storage = memoryStorage();
    const options = { base: "https://c.example.com", campaignId: "tet", fetch, storage, ref: "ref-abc" };
    await createRemoteDrawSource({ ...options, memberToken: "jwt-of-an" }).eligibility();
    // with the page it arrived on, whose utm source or referrer the collector credits its plays to
    expect(calls[0]!.body).toEqual({ memberToken: "jwt-of-an", ref: "ref-abc", context: { url: expect.any(String) } });
    await createRemoteDrawSource({ ...options, memberToken: "jwt-of-an" }).eligibility();
    await createRemoteDrawSource({ ...options, memberToken: "jwt-of-binh" }).eligibility();
    expect(calls.filter((c) => c.url.endsWith("/visitors")).map((c) => c.body!.memberToken)).toEqual(["jwt-of-an", "jwt-of-binh"]);
    // the member token itself is not kept in storage
    expect(storage.getItem("minigame:identity:tet")).not.toMatch(/jwt-of/);
  });

  it("with the campaign, answers a browser holding no visitor from the rules, asking nothing; the first play mints", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/eligibility": () => json({ ok: true, playsLeft: 1, playsLeftToday: 1 }),
      "/draw": () => json(won),
    });
    const storage = memoryStorage();
    const campaign = campaignWith({ limits: { perVisitor: { total: 3, perDay: 2 } } });
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", campaign, fetch, storage });
    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 3, playsLeftToday: 2 });
    expect(calls).toEqual([]);
    expect(storage.length).toBe(0);
    expect(await source.draw()).toEqual(won);
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/draw"]);
    // from now on this browser is a visitor the collector knows: it answers, on this page and the next
    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 1, playsLeftToday: 1 });
    await createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", campaign, fetch, storage }).eligibility();
    expect(paths(calls).slice(2)).toEqual(["/v1/campaigns/tet/eligibility", "/v1/campaigns/tet/eligibility"]);
  });

  it("answers a new visitor's lead gate and schedule as the collector would, and asks it for a member", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/eligibility": () => json({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: null }),
    });
    const options = { base: "https://c.example.com", campaignId: "tet", fetch, storage: memoryStorage() };
    const ask = (extra: Record<string, unknown>, more: { memberToken?: string } = {}) =>
      createRemoteDrawSource({ ...options, campaign: campaignWith(extra), ...more }).eligibility();
    expect(await ask({ requireLead: true })).toEqual({ ok: false, reason: "lead_required", playsLeft: null, playsLeftToday: null });
    // lead mode counts plays for a contact, which a new visitor has not given (the collector's eligibility route)
    expect(await ask({ identity: "lead", requireLead: true, limits: { perVisitor: { total: 2 } } })).toEqual({
      ok: false,
      reason: "lead_required",
      playsLeft: null,
      playsLeftToday: null,
    });
    const startsAt = "2099-01-01T00:00:00Z";
    expect(await ask({ schedule: { startsAt } })).toEqual({
      ok: false,
      reason: "not_started",
      retryAt: Date.parse(startsAt),
      playsLeft: null,
      playsLeftToday: null,
    });
    expect(calls).toEqual([]);
    // a member may have played in another browser: only the collector knows
    expect(await ask({ identity: "member" }, { memberToken: "jwt-of-an" })).toMatchObject({ ok: false, reason: "limit_total" });
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/eligibility"]);
  });

  it("plays as the visitor another tab minted after this page loaded, and mints once for the browser", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/draw": () => json(won) });
    const storage = memoryStorage();
    const campaign = campaignWith({});
    const tab = () => createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", campaign, fetch, storage });
    const [a, b] = [tab(), tab()];
    await a.eligibility();
    await b.eligibility();
    await a.draw();
    await b.draw();
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/draw", "/v1/campaigns/tet/draw"]);
    expect(calls.filter((c) => c.url.endsWith("/draw")).map((c) => c.body!.visitorId)).toEqual(["mv-1", "mv-1"]);
  });

  it("forgets a stored visitor the collector refuses on a page view, answering from the rules instead of minting", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/eligibility": () => json({ error: "visitorToken is not valid" }, 403),
      "/draw": () => json(won),
    });
    const storage = memoryStorage();
    storage.setItem("minigame:identity:tet", JSON.stringify({ visitorId: "erased", visitorToken: "old", m: "" }));
    const campaign = campaignWith({ limits: { perVisitor: { total: 2 } } });
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", campaign, fetch, storage });
    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 2, playsLeftToday: null });
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/eligibility"]);
    expect(storage.getItem("minigame:identity:tet")).toBeNull();
    // the first play registers the visitor anew
    await source.draw();
    expect(paths(calls).slice(1)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/draw"]);
  });

  it("mints at once on a page opened from a share link, so the sharer's bonus does not hang on where the friend plays", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/eligibility": () => json({ ok: true, playsLeft: 1, playsLeftToday: null }) });
    const options = { base: "https://c.example.com", campaignId: "tet", campaign: campaignWith({}), fetch, storage: memoryStorage() };
    await createRemoteDrawSource({ ...options, ref: "ref-of-lan" }).eligibility();
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/eligibility"]);
    expect(calls[0]!.body).toMatchObject({ ref: "ref-of-lan" });
  });

  it("works out a new visitor's eligibility exactly as the engine's rules do, for every rule a new visitor can meet", () => {
    const now = Date.parse("2027-02-10T12:00:00Z");
    const schedules = [
      undefined,
      { startsAt: "2027-03-01T00:00:00Z" },
      { endsAt: "2027-01-31T00:00:00Z" },
      { startsAt: "2027-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" },
    ];
    const limits = [
      {},
      { perVisitor: { total: 1 } },
      { perVisitor: { perDay: 2 } },
      { perVisitor: { total: 5, perDay: 1 }, cooldownSeconds: 600 },
    ];
    let compared = 0;
    for (const schedule of schedules)
      for (const limit of limits)
        for (const requireLead of [false, true]) {
          const campaign = campaignWith({ ...(schedule ? { schedule } : {}), limits: limit, requireLead });
          expect(newVisitorEligibility(campaign, now), JSON.stringify({ schedule, limit, requireLead })).toEqual(
            checkRules(campaign, NEW_VISITOR, now),
          );
          compared++;
        }
    expect(compared).toBe(32);
  });

  it("fails with the collector's reason when a visitor cannot be minted", async () => {
    const { fetch } = fakeFetch({ "/visitors": () => json({ error: "memberToken has expired" }, 401) });
    const source = createRemoteDrawSource({ base: "https://c.example.com", campaignId: "tet", fetch, storage: memoryStorage() });
    await expect(source.eligibility()).rejects.toThrow("visitors: HTTP 401 (memberToken has expired)");
  });

  it("solves a proof of work before the draw only when the campaign asks for one", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/draw": () => json(won) });
    let solved = 0;
    const solveProofOfWork = async () => `solution-${++solved}`;
    const base = { base: "https://c.example.com", campaignId: "tet", fetch, storage: memoryStorage(), solveProofOfWork };
    await createRemoteDrawSource(base).draw();
    expect(solved).toBe(0);
    expect(calls.at(-1)!.body).not.toHaveProperty("proofOfWork");
    const source = createRemoteDrawSource({ ...base, proofOfWork: true });
    await source.draw();
    await source.draw();
    expect(calls.filter((c) => c.url.endsWith("/draw")).map((c) => c.body!.proofOfWork)).toEqual([undefined, "solution-1", "solution-2"]);
  });

  it("reuses the requestId when it retries a failed draw, and takes a fresh one for the next play", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/draw": (_, n) => (n === 1 ? new TypeError("Failed to fetch") : n === 2 ? json({ error: "busy" }, 503) : json(won)),
    });
    let n = 0;
    const source = createRemoteDrawSource({
      drawUrl: "https://c.example.com/v1/campaigns/tet/draw",
      campaignId: "tet",
      fetch,
      storage: memoryStorage(),
      retryDelayMs: 1,
      newId: () => `req-${++n}`,
    });
    expect(await source.draw()).toEqual(won);
    await source.draw();
    const ids = calls.filter((c) => c.url.endsWith("/draw")).map((c) => c.body!.requestId);
    expect(ids).toEqual(["req-1", "req-1", "req-1", "req-2"]);
    expect(calls[0]!.url).toBe("https://c.example.com/v1/campaigns/tet/visitors");
  });

  it("waits as long as a 429's Retry-After asks before retrying the same request", async () => {
    const seen: number[] = [];
    const { fetch } = fakeFetch({
      "/visitors": mint,
      "/draw": (_, n) => {
        seen.push(Date.now());
        return n === 1 ? new Response(JSON.stringify({ error: "slow down" }), { status: 429, headers: { "retry-after": "1" } }) : json(won);
      },
    });
    const source = createRemoteDrawSource({
      base: "https://c.example.com",
      campaignId: "tet",
      fetch,
      storage: memoryStorage(),
      retryDelayMs: 1,
    });
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
      "/visitors": mint,
      "/draw": () => json({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: 0 }, 403),
      "/bonus": () => json({ error: "bad token" }, 401),
    });
    const source = createRemoteDrawSource({
      base: "https://c.example.com/",
      campaignId: "tet",
      fetch,
      storage: memoryStorage(),
      retryDelayMs: 1,
    });
    expect(await source.draw()).toEqual({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: 0 });
    await expect(source.grantBonus()).rejects.toThrow("bonus: HTTP 401");
  });

  it("gives up after the retries with a clear error", async () => {
    const { fetch, calls } = fakeFetch({ "/visitors": mint, "/eligibility": () => new TypeError("offline") });
    const source = createRemoteDrawSource({
      base: "https://c.example.com",
      campaignId: "tet",
      fetch,
      storage: memoryStorage(),
      retries: 2,
      retryDelayMs: 1,
    });
    await expect(source.eligibility()).rejects.toThrow(/^eligibility: network error/);
    expect(calls.filter((c) => c.url.includes("/eligibility"))).toHaveLength(3);
  });

  it("counts a share and submits leads with the visitor token", async () => {
    const { fetch, calls } = fakeFetch({
      "/visitors": mint,
      "/bonus": () => json({ granted: 0, counted: true }),
      "/leads": () => json({ stored: true }, 201),
    });
    const source = createRemoteDrawSource({ base: "https://c.example.com/v1/events", campaignId: "tet", fetch, storage: memoryStorage() });
    expect(await source.grantBonus()).toBe(0);
    await source.submitLead({ email: "lan@example.vn", consent: true });
    expect(paths(calls)).toEqual(["/v1/campaigns/tet/visitors", "/v1/campaigns/tet/bonus", "/v1/campaigns/tet/leads"]);
    expect(calls[2]!.body).toEqual({ visitorId: "mv-1", visitorToken: "vt-1", email: "lan@example.vn", consent: true });
  });
});
