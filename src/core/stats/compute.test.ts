import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeStats } from "./index.js";
import { ownValue } from "../util/own.js";
import { EVENT_TYPES, type EngagementEvent, type EventType } from "../events/index.js";

const T0 = Date.parse("2027-01-21T10:00:00Z");
let seq = 0;

function ev(type: EventType, visitorId: string, extra: Partial<EngagementEvent> = {}): EngagementEvent {
  return { id: `e${++seq}`, type, campaignId: "c1", visitorId, sessionId: `s-${visitorId}`, ts: T0, ...extra };
}

const win = (visitorId: string, prizeId: string, extra: Partial<EngagementEvent> = {}) =>
  ev("result", visitorId, { props: { win: true, prizeId }, ...extra });
const loss = (visitorId: string) => ev("result", visitorId, { props: { win: false, prizeId: "none" } });

describe("computeStats definitions", () => {
  it("counts impressions as events and reach as distinct visitors", () => {
    const s = computeStats([ev("impression", "a"), ev("impression", "a"), ev("impression", "b")]).c1!;
    expect(s.impressions).toBe(3);
    expect(s.reach).toBe(2);
    expect(s.funnel.impression).toBe(2);
  });

  it("counts plays as events and participants as distinct players", () => {
    const s = computeStats([ev("impression", "a"), ev("impression", "b"), ev("play", "a"), ev("play", "a"), ev("play", "a")]).c1!;
    expect(s.plays).toBe(3);
    expect(s.participants).toBe(1);
    expect(s.participationRate).toBe(0.5);
  });

  it("counts wins among results and the win rate over all results", () => {
    const s = computeStats([win("a", "voucher50"), win("b", "voucher50"), win("b", "lixi"), loss("c")]).c1!;
    expect(s.wins).toBe(3);
    expect(s.winRate).toBe(0.75);
    expect(s.prizes).toEqual({ voucher50: 2, lixi: 1 });
  });

  it("does not count a result as a win unless props.win is exactly true", () => {
    const s = computeStats([
      ev("result", "a", { props: { win: "true", prizeId: "x" } }),
      ev("result", "a", { props: { win: 1, prizeId: "x" } }),
      ev("result", "a"),
    ]).c1!;
    expect(s.wins).toBe(0);
    expect(s.winRate).toBe(0);
    expect(s.prizes).toEqual({});
    expect(s.funnel.result).toBe(1);
  });

  it("counts claims as events and conversion as distinct claimers over reach", () => {
    const events = ["a", "b", "c", "d"].map((v) => ev("impression", v));
    events.push(ev("claim", "a"), ev("claim", "a"), ev("claim", "b"));
    const s = computeStats(events).c1!;
    expect(s.claims).toBe(3);
    expect(s.conversionRate).toBe(0.5);
    expect(s.funnel.claim).toBe(2);
  });

  it("counts leads as distinct visitors", () => {
    const s = computeStats([ev("lead", "a"), ev("lead", "a"), ev("lead", "b")]).c1!;
    expect(s.leads).toBe(2);
  });

  it("counts as engaged any visitor with open, play, result, claim, lead or share, but not close or error", () => {
    const visitors = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    const events = visitors.map((v) => ev("impression", v));
    const kinds: EventType[] = ["open", "play", "result", "claim", "lead", "share", "close", "error"];
    for (const [i, type] of kinds.entries()) events.push(ev(type, visitors[i]!));
    const s = computeStats(events).c1!;
    expect(s.engagementRate).toBe(6 / 10);
  });

  it("builds the funnel from distinct visitors at each step", () => {
    const s = computeStats([
      ev("impression", "a"),
      ev("impression", "b"),
      ev("impression", "c"),
      ev("open", "a"),
      ev("open", "b"),
      ev("open", "b"),
      ev("play", "a"),
      ev("play", "b"),
      win("a", "p"),
      ev("claim", "a"),
    ]).c1!;
    expect(s.funnel).toEqual({ impression: 3, open: 2, play: 2, result: 1, claim: 1 });
  });

  it("gives 0 for every rate when nothing was seen", () => {
    const s = computeStats([ev("close", "a")]).c1!;
    expect([s.participationRate, s.conversionRate, s.engagementRate, s.winRate]).toEqual([0, 0, 0, 0]);
    expect(s.reach).toBe(0);
  });

  it("keeps rates at most 1 when impressions were lost on the way", () => {
    const s = computeStats([ev("impression", "a"), ev("play", "a"), ev("play", "b"), ev("claim", "b"), ev("claim", "c")]).c1!;
    expect(s.participationRate).toBe(1);
    expect(s.conversionRate).toBe(1);
  });

  it("keeps campaigns apart", () => {
    const stats = computeStats([ev("impression", "a"), ev("impression", "a", { campaignId: "c2" }), ev("play", "a", { campaignId: "c2" })]);
    expect(Object.keys(stats).sort()).toEqual(["c1", "c2"]);
    expect(stats.c1!.plays).toBe(0);
    expect(stats.c2!.plays).toBe(1);
    expect(stats.c2!.participationRate).toBe(1);
  });

  it("returns no entry for an empty event list", () => {
    expect(computeStats([])).toEqual({});
  });
});

describe("computeStats with names a visitor chose", () => {
  // a source, a prize id and a campaign id all arrive in events: Object.prototype's names are ordinary keys
  const from = (source: string) => ({ context: { utm: { utm_source: source } } });
  const polluted = () => {
    const keys: string[] = [];
    for (const k in {}) keys.push(k);
    return keys;
  };
  // should a case fail, the later files of this worker must not inherit its pollution
  afterAll(() => {
    for (const k of Object.keys(Object.prototype)) delete (Object.prototype as Record<string, unknown>)[k];
  });

  it("counts sources called __proto__ and constructor and leaves Object.prototype alone", () => {
    const events = ["__proto__", "constructor", "zalo"].flatMap((source) => [
      ev("impression", source, from(source)),
      ev("play", source, from(source)),
      ev("claim", source, from(source)),
    ]);
    const s = computeStats(events).c1!;
    expect(polluted()).toEqual([]);
    expect(Object.keys(s.sources).sort()).toEqual(["__proto__", "constructor", "zalo"]);
    expect(Object.hasOwn(s.sources, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(s.sources)).toBe(Object.prototype);
    for (const name of ["__proto__", "constructor", "zalo"]) expect(s.sources[name]).toEqual({ reach: 1, participants: 1, claims: 1 });
    expect(ownValue(JSON.parse(JSON.stringify(s.sources)), "__proto__")).toEqual({ reach: 1, participants: 1, claims: 1 });
  });

  it("sums a source called __proto__ into (other) like any other beyond the top ones", () => {
    const events = Array.from({ length: 26 }, (_, i) => (i === 25 ? "__proto__" : `s${i}`)).flatMap((source, i) =>
      Array.from({ length: 26 - i }, (_, k) => ev("impression", `${source}-${k}`, from(source))),
    );
    const s = computeStats(events).c1!;
    expect(polluted()).toEqual([]);
    expect(Object.keys(s.sources)).toHaveLength(25);
    expect(Object.hasOwn(s.sources, "__proto__")).toBe(false);
    expect(s.sources["(other)"]).toEqual({ reach: 2 + 1, participants: 0, claims: 0 });
  });

  it("counts prize ids and campaign ids called __proto__ and constructor", () => {
    const s = computeStats([win("a", "__proto__"), win("b", "constructor"), win("c", "constructor")]).c1!;
    expect(Object.entries(s.prizes)).toEqual([
      ["__proto__", 1],
      ["constructor", 2],
    ]);
    const all = computeStats([ev("impression", "a", { campaignId: "__proto__" }), ev("impression", "b", { campaignId: "constructor" })]);
    expect(Object.keys(all)).toEqual(["__proto__", "constructor"]);
    expect(ownValue(all, "__proto__")?.reach).toBe(1);
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    expect(polluted()).toEqual([]);
  });
});

describe("computeStats filtering", () => {
  it("counts an event id once, first occurrence wins", () => {
    const first = ev("play", "a");
    const resent = { ...first };
    const sameIdOtherContent: EngagementEvent = { ...first, type: "claim" };
    const s = computeStats([first, resent, sameIdOtherContent]).c1!;
    expect(s.plays).toBe(1);
    expect(s.claims).toBe(0);
  });

  it("leaves out test events, including a later copy of one", () => {
    const t = ev("play", "a", { props: { test: true } });
    const s = computeStats([
      ev("impression", "a"),
      t,
      { ...t, props: {} },
      win("a", "p", { props: { win: true, prizeId: "p", test: true } }),
    ]).c1!;
    expect(s.plays).toBe(0);
    expect(s.participants).toBe(0);
    expect(s.wins).toBe(0);
    expect(s.prizes).toEqual({});
  });

  it("counts props.test values other than true", () => {
    const s = computeStats([ev("play", "a", { props: { test: false } }), ev("play", "b", { props: { test: "true" } })]).c1!;
    expect(s.plays).toBe(2);
  });

  it("leaves out automated events unless asked to include them", () => {
    const events = [ev("impression", "a"), ev("impression", "bot", { context: { automated: true } })];
    expect(computeStats(events).c1!.reach).toBe(1);
    expect(computeStats(events, { includeAutomated: true }).c1!.reach).toBe(2);
  });

  it("rejects a time zone that does not exist with a message naming it", () => {
    expect(() => computeStats([], { timezone: "Mars/Olympus" })).toThrow(/Mars\/Olympus/);
  });
});

describe("computeStats daily", () => {
  it("splits days at midnight in the campaign time zone", () => {
    const late = Date.parse("2027-01-20T23:59:00+07:00");
    const early = Date.parse("2027-01-21T00:01:00+07:00");
    const events = [ev("play", "a", { ts: late }), ev("play", "a", { ts: early })];
    const vn = computeStats(events, { timezone: "Asia/Ho_Chi_Minh" }).c1!;
    expect(Object.keys(vn.daily)).toEqual(["2027-01-20", "2027-01-21"]);
    expect(vn.daily["2027-01-20"]!.participants).toBe(1);
    expect(vn.daily["2027-01-21"]!.participants).toBe(1);
    expect(vn.participants).toBe(1);
    // the same two instants (16:59 and 17:01 UTC) fall on one UTC day
    const utc = computeStats(events).c1!;
    expect(Object.keys(utc.daily)).toEqual(["2027-01-20"]);
    expect(utc.daily["2027-01-20"]).toMatchObject({ plays: 2, participants: 1 });
  });

  it("counts distinct visitors within each day", () => {
    const d1 = Date.parse("2027-01-20T09:00:00Z");
    const d2 = Date.parse("2027-01-21T09:00:00Z");
    const events = [
      ev("impression", "a", { ts: d1 }),
      ev("impression", "a", { ts: d1 + 1000 }),
      ev("impression", "b", { ts: d1 }),
      ev("lead", "a", { ts: d1 }),
      ev("lead", "a", { ts: d1 + 5 }),
      ev("impression", "a", { ts: d2 }),
      win("a", "p", { ts: d2 }),
      ev("claim", "a", { ts: d2 }),
    ];
    const s = computeStats(events).c1!;
    expect(s.daily).toEqual({
      "2027-01-20": { impressions: 3, reach: 2, participants: 0, plays: 0, wins: 0, claims: 0, leads: 1 },
      "2027-01-21": { impressions: 1, reach: 1, participants: 0, plays: 0, wins: 1, claims: 1, leads: 0 },
    });
    expect(s.reach).toBe(2);
  });

  it("sums daily event counts to the campaign totals", () => {
    const events = Array.from({ length: 200 }, (_, i) =>
      ev(i % 3 === 0 ? "impression" : i % 3 === 1 ? "play" : "claim", `v${i % 17}`, { ts: T0 + i * 3_600_000 }),
    );
    const s = computeStats(events, { timezone: "America/New_York" }).c1!;
    const days = Object.values(s.daily);
    const sum = (k: "impressions" | "plays" | "claims") => days.reduce((n, d) => n + d[k], 0);
    expect([sum("impressions"), sum("plays"), sum("claims")]).toEqual([s.impressions, s.plays, s.claims]);
  });
});

describe("computeStats properties", () => {
  const eventArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    type: fc.constantFrom(...EVENT_TYPES),
    campaignId: fc.constantFrom("c1", "c2"),
    visitorId: fc.constantFrom("a", "b", "c", "d", "e"),
    sessionId: fc.constant("s"),
    ts: fc.integer({ min: T0 - 3 * 86_400_000, max: T0 + 3 * 86_400_000 }),
    props: fc.option(fc.record({ win: fc.boolean(), prizeId: fc.constantFrom("p1", "p2"), test: fc.boolean() }, { requiredKeys: [] }), {
      nil: undefined,
    }),
    context: fc.option(fc.record({ automated: fc.boolean() }), { nil: undefined }),
  });
  // events with distinct ids: duplicates made below are exact copies, as a resending tracker makes them
  const uniqueEvents = fc.uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 60 });

  it("does not change when events are shuffled or resent", () => {
    fc.assert(
      fc.property(uniqueEvents, fc.array(fc.nat()), fc.integer(), (events, dupIdx, seed) => {
        const copies = events.length ? dupIdx.map((i) => ({ ...events[i % events.length]! })) : [];
        const all = [...events, ...copies];
        // deterministic shuffle from the seed
        let s = seed >>> 0;
        for (let i = all.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [all[i], all[j]] = [all[j]!, all[i]!];
        }
        expect(computeStats(all, { timezone: "Asia/Ho_Chi_Minh" })).toEqual(computeStats(events, { timezone: "Asia/Ho_Chi_Minh" }));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every rate in [0, 1] and counts consistent with each other", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 80 }), (events) => {
        for (const s of Object.values(computeStats(events))) {
          for (const r of [s.participationRate, s.conversionRate, s.engagementRate, s.winRate]) {
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(1);
          }
          expect(s.reach).toBeLessThanOrEqual(s.impressions);
          expect(s.participants).toBeLessThanOrEqual(s.plays);
          // a win without a prizeId counts as a win but under no prize
          expect(Object.values(s.prizes).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(s.wins);
          for (const d of Object.values(s.daily)) {
            expect(d.reach).toBeLessThanOrEqual(s.reach);
            expect(d.participants).toBeLessThanOrEqual(s.participants);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
