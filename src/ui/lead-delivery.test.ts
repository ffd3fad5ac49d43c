import { afterEach, describe, expect, it, vi } from "vitest";
import { createLeadDelivery, withLeadDelivery } from "./lead-delivery.js";
import type { DrawSource } from "./draw-source.js";
import { createIdentityClient } from "./identity.js";

const ROOT = "https://c.example.com/v1/campaigns/tet";
const lead = { email: "an@example.com", consent: true, consentVersion: "default-vi-1" };

type Call = { url: string; method: string; body: unknown };

/** a collector stand-in answering each call with the next scripted status (the last one repeats) */
function collector(statuses: number[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)]!;
    if (status === 0) throw new TypeError("Failed to fetch");
    const ok = url.endsWith("/visitors") ? { visitorId: "minted", visitorToken: "t", referralToken: "r" } : { stored: true };
    return new Response(JSON.stringify(status < 300 ? ok : { error: "nope" }), { status });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe("createLeadDelivery", () => {
  it("posts the lead with a minted identity and empties the queue", async () => {
    const c = collector([201]);
    const identify = vi.fn(async () => ({ visitorId: "minted-1", visitorToken: "t1" }));
    const d = createLeadDelivery({ root: ROOT, identify, storage: localStorage, key: "q", fetch: c.fetch });
    d.send(lead);
    await d.flush();
    expect(c.calls).toEqual([{ url: `${ROOT}/leads`, method: "POST", body: { visitorId: "minted-1", visitorToken: "t1", ...lead } }]);
    expect(localStorage.getItem("q")).toBeNull();
  });

  it("keeps the lead in storage through network errors and 503s, retrying with backoff until it is delivered", async () => {
    vi.useFakeTimers();
    const c = collector([0, 503, 201]);
    const identify = async () => ({ visitorId: "v", visitorToken: "t" });
    const d = createLeadDelivery({ root: ROOT, identify, storage: localStorage, key: "q", fetch: c.fetch, retryDelayMs: 1000 });
    d.send(lead);
    await d.flush();
    expect(c.calls).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem("q")!)).toEqual([lead]);
    await vi.advanceTimersByTimeAsync(999);
    expect(c.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000); // doubled after the second failure
    expect(c.calls).toHaveLength(3);
    expect(localStorage.getItem("q")).toBeNull();
  });

  it("delivers what an earlier page left in storage", async () => {
    localStorage.setItem("q", JSON.stringify([lead, { ...lead, email: "bich@example.com" }]));
    const c = collector([201]);
    const d = createLeadDelivery({
      root: ROOT,
      identify: async () => ({ visitorId: "v", visitorToken: "t" }),
      storage: localStorage,
      key: "q",
      fetch: c.fetch,
    });
    await d.flush();
    expect(c.calls.map((x) => (x.body as { email: string }).email)).toEqual(["an@example.com", "bich@example.com"]);
    expect(localStorage.getItem("q")).toBeNull();
  });

  it("asks for a fresh identity once on 403, and drops a lead the collector refuses for good, saying why", async () => {
    const c = collector([403, 201, 409]);
    const identify = vi.fn(async (fresh: boolean) => ({ visitorId: fresh ? "fresh" : "stale", visitorToken: "t" }));
    const errors: string[] = [];
    const d = createLeadDelivery({ root: ROOT, identify, storage: localStorage, key: "q", fetch: c.fetch, onError: (m) => errors.push(m) });
    d.send(lead);
    await d.flush();
    expect(identify.mock.calls.map((a) => a[0])).toEqual([false, true]);
    expect((c.calls[1]!.body as { visitorId: string }).visitorId).toBe("fresh");
    d.send(lead);
    await d.flush();
    expect(errors).toEqual(["the collector refused the lead (HTTP 409: nope)"]);
    expect(localStorage.getItem("q")).toBeNull();
  });
});

function localSource(): DrawSource & { leads: unknown[] } {
  return {
    leads: [],
    eligibility: async () => ({ ok: true, playsLeft: 1, playsLeftToday: 1 }),
    draw: async () => ({ ok: false, reason: "ended", playsLeft: 0, playsLeftToday: 0 }),
    grantBonus: async () => 0,
    async submitLead(l) {
      this.leads.push(l);
    },
  };
}

describe("withLeadDelivery", () => {
  const options = (fetch: typeof globalThis.fetch) => ({
    endpoint: "https://c.example.com/v1/events",
    campaignId: "tet",
    storage: localStorage,
    fetch,
  });

  it("records the lead locally and delivers it to the collector in client mode", async () => {
    const c = collector([201]);
    const local = localSource();
    const { source, destroy } = withLeadDelivery(local, options(c.fetch));
    await source.submitLead(lead);
    expect(local.leads).toEqual([lead]);
    await vi.waitFor(() => expect(c.calls.map((x) => `${x.method} ${x.url}`)).toEqual([`POST ${ROOT}/visitors`, `POST ${ROOT}/leads`]));
    expect(c.calls[1]!.body).toEqual({ visitorId: "minted", visitorToken: "t", ...lead });
    destroy();
  });

  it("is the visitor server mode minted: one identity client, one storage key, renewed there on 403", async () => {
    let n = 0;
    const calls: Call[] = [];
    const fetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? "GET", body: JSON.parse(String(init?.body)) });
      if (url.endsWith("/visitors")) return new Response(JSON.stringify({ visitorId: `m${++n}`, visitorToken: `t${n}` }), { status: 201 });
      // the first identity is refused once, as after a collector lost it
      return new Response("{}", { status: (calls[calls.length - 1]!.body as { visitorId: string }).visitorId === "m1" ? 403 : 201 });
    }) as unknown as typeof globalThis.fetch;
    // a server-mode page of the campaign minted first
    const server = createIdentityClient({ root: ROOT, campaignId: "tet", fetch, storage: localStorage });
    expect((await server.get()).visitorId).toBe("m1");

    const { source, destroy } = withLeadDelivery(localSource(), options(fetch));
    await source.submitLead(lead);
    const seen = () => calls.map((x) => (x.url.endsWith("/visitors") ? "mint" : `lead ${(x.body as { visitorId: string }).visitorId}`));
    await vi.waitFor(() => expect(seen()).toEqual(["mint", "lead m1", "mint", "lead m2"]));
    expect(localStorage.getItem("minigame:leads:tet")).toBeNull();
    destroy();
    // the renewed identity is where the identity client keeps it: the next server-mode page is m2 without a mint
    const next = createIdentityClient({ root: ROOT, campaignId: "tet", fetch, storage: localStorage });
    expect((await next.get()).visitorId).toBe("m2");
    expect(seen().filter((x) => x === "mint")).toHaveLength(2);
  });

  it("sends a member's queued lead only under that member: another member's page drops it unsent", async () => {
    // Alice's lead is still queued when her tab closes (the collector was down)
    const down = collector([0]);
    const alice = withLeadDelivery(localSource(), { ...options(down.fetch), memberToken: "jwt-alice" });
    await alice.source.submitLead(lead);
    await vi.waitFor(() => expect(down.calls.length).toBeGreaterThan(0));
    alice.destroy();
    expect(localStorage.getItem("minigame:leads:tet")).toContain("an@example.com");

    // Bob logs in on the same browser: his page mints his own visitor and sends nothing of Alice's
    const bob = collector([201]);
    const bobs = withLeadDelivery(localSource(), { ...options(bob.fetch), memberToken: "jwt-bob" });
    await vi.waitFor(() => expect(localStorage.getItem("minigame:leads:tet")).toBeNull());
    expect(bob.calls.filter((x) => x.url.endsWith("/leads"))).toEqual([]);
    await bobs.source.submitLead({ ...lead, email: "bob@example.com" });
    await vi.waitFor(() => expect(bob.calls.filter((x) => x.url.endsWith("/leads")).map((x) => x.body)).toHaveLength(1));
    expect(bob.calls.find((x) => x.url.endsWith("/leads"))!.body).toEqual({
      visitorId: "minted",
      visitorToken: "t",
      ...lead,
      email: "bob@example.com",
    });
    bobs.destroy();
  });

  it("delivers a member's own queued lead on their next page, as an anonymous visitor's", async () => {
    for (const memberToken of ["jwt-alice", undefined]) {
      const down = collector([0]);
      const first = withLeadDelivery(localSource(), { ...options(down.fetch), ...(memberToken ? { memberToken } : {}) });
      await first.source.submitLead(lead);
      await vi.waitFor(() => expect(down.calls.length).toBeGreaterThan(0));
      first.destroy();
      const up = collector([201]);
      const next = withLeadDelivery(localSource(), { ...options(up.fetch), ...(memberToken ? { memberToken } : {}) });
      await vi.waitFor(() => expect(localStorage.getItem("minigame:leads:tet")).toBeNull());
      // the lead goes out as it was given, without the member mark the queue keeps
      expect(up.calls.filter((x) => x.url.endsWith("/leads")).map((x) => x.body)).toEqual([
        { visitorId: "minted", visitorToken: "t", ...lead },
      ]);
      next.destroy();
      localStorage.clear();
    }
  });
});
