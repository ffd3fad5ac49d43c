import { describe, expect, it } from "vitest";
import type { Inventory, Stats } from "./api.js";
import { change, funnelSteps, prizeRows, toBreakdown } from "./metrics.js";
import { addDays, presetRange, previousRange, scheduledDays } from "./range.js";
import { formatRoute, parseRoute } from "./route.js";
import { toCsv } from "./csv.js";
import { csvCell } from "../core/util/csv.js";

const stats = (over: Partial<Stats> = {}): Stats => ({
  impressions: 0,
  reach: 0,
  participants: 0,
  plays: 0,
  wins: 40,
  claims: 0,
  leads: 0,
  participationRate: 0,
  conversionRate: 0,
  engagementRate: 0,
  winRate: 0.4,
  prizes: { voucher: 30, gift: 10 },
  funnel: { impression: 100, open: 40, play: 30, result: 30, claim: 0 },
  daily: {},
  ...over,
});
const inventory: Inventory = {
  today: "2027-01-30",
  source: "draws",
  prizes: [
    { id: "voucher", label: "Voucher", win: true, weight: 3, odds: 0.3, stock: 100, dailyCap: 2, given: 30, givenToday: 1, left: 70 },
    { id: "gift", label: "Gift", win: true, weight: 1, odds: 0.1, stock: 10, dailyCap: null, given: 10, givenToday: 0, left: 0 },
    { id: "none", label: "Next time", win: false, weight: 6, odds: 0.6, stock: null, dailyCap: null, given: 0, givenToday: 0, left: null },
  ],
};
const cal = { firstDay: "2027-01-21", lastDay: "2027-03-31", today: "2027-01-30" };

describe("dashboard arithmetic", () => {
  it("gives no change when there is nothing before to compare with", () => {
    expect(change(12, 10)).toBeCloseTo(0.2);
    expect(change(5, 0)).toBeNull();
    expect(change(5, undefined)).toBeNull();
  });

  it("gives each funnel step's drop-off from the step before", () => {
    const steps = funnelSteps({ impression: 100, open: 40, play: 30, result: 30, claim: 0 });
    expect(steps.map((s) => s.dropOff)).toEqual([null, 0.6, 0.25, 0, 1]);
    expect(steps[2]!.ofFirst).toBe(0.3);
    expect(funnelSteps({ impression: 0, open: 0, play: 0, result: 0, claim: 0 })[1]!.dropOff).toBe(0);
  });

  it("sets observed shares against all results and projects the stock-out from the range's pace, within the daily cap", () => {
    const range = { from: "2027-01-21", to: "2027-01-30" };
    const rows = prizeRows(inventory, stats(), range, cal);
    // 100 results (40 wins at a 40 % win rate): the only no-win prize has the other 60
    expect(rows.map((r) => r.observed)).toEqual([0.3, 0.1, 0.6]);
    // 30 in 10 days is 3 a day, capped at 2: 70 left last 35 days from today
    expect(rows[0]!.pace).toBe(2);
    expect(rows[0]!.stockOut).toEqual({ kind: "day", day: addDays("2027-01-30", 34) });
    expect(rows[1]!.stockOut).toEqual({ kind: "empty" });
    expect(rows[2]!.stockOut).toEqual({ kind: "unlimited" });
    const short = prizeRows(inventory, stats(), range, { ...cal, lastDay: "2027-02-10" });
    expect(short[0]!.stockOut).toEqual({ kind: "after-end" });
    expect(prizeRows(inventory, stats({ prizes: {}, wins: 0, winRate: 0 }), range, cal)[0]!.stockOut).toEqual({ kind: "no-pace" });
  });

  it("counts no wins for a prize named like an Object property that won nothing", () => {
    const named = { ...inventory, prizes: inventory.prizes.map((p, i) => (i === 0 ? { ...p, id: "constructor" } : p)) };
    const rows = prizeRows(named, stats({ prizes: { gift: 10 }, wins: 10 }), { from: "2027-01-21", to: "2027-01-30" }, cal);
    expect(rows[0]!.wonInRange).toBe(0);
    expect(rows[0]!.observed).toBe(0);
  });

  it("keeps a breakdown's field named __proto__ as a column", () => {
    expect(toBreakdown(JSON.parse('{"a":{"__proto__":2,"reach":1}}'))?.columns).toEqual(["__proto__", "reach"]);
  });

  it("reads breakdowns keyed by name or listed as rows", () => {
    expect(toBreakdown({ direct: { reach: 5, participants: 2 }, facebook: { reach: 9, participants: 1 } })).toEqual({
      columns: ["reach", "participants"],
      rows: [
        { key: "facebook", values: { reach: 9, participants: 1 } },
        { key: "direct", values: { reach: 5, participants: 2 } },
      ],
    });
    expect(toBreakdown([{ device: "mobile", reach: 3 }])?.rows).toEqual([{ key: "mobile", values: { reach: 3 } }]);
    expect(toBreakdown({ mobile: 4 })?.rows).toEqual([{ key: "mobile", values: { count: 4 } }]);
    expect(toBreakdown(undefined)).toBeUndefined();
  });
});

describe("dashboard ranges and routes", () => {
  it("compares a range with the equal period before it, unless that lies before the campaign", () => {
    expect(previousRange({ from: "2027-01-28", to: "2027-02-03" }, cal)).toEqual({ from: "2027-01-21", to: "2027-01-27" });
    expect(previousRange({ from: "2027-01-21", to: "2027-01-27" }, cal)).toBeUndefined();
    expect(previousRange(undefined, cal)).toBeUndefined();
    expect(presetRange("7d", cal)).toEqual({ from: "2027-01-24", to: "2027-01-30" });
    expect(presetRange("campaign", cal)).toBeUndefined();
    expect(scheduledDays({ ...cal, today: "2027-01-01" })).toEqual({ from: "2027-01-21", to: "2027-03-31" });
    expect(scheduledDays({ ...cal, today: "2027-05-01" })).toEqual({ from: "2027-01-21", to: "2027-03-31" });
  });

  it("keeps the view in the hash and drops whatever is malformed", () => {
    const hash = formatRoute({ campaignId: "tet-2027", preset: "custom", from: "2027-01-21", to: "2027-01-27", lang: "en" });
    expect(parseRoute(hash)).toEqual({ campaignId: "tet-2027", preset: "custom", from: "2027-01-21", to: "2027-01-27", lang: "en" });
    expect(parseRoute("#/c/x?preset=evil&from=2027-13&to=x&lang=fr")).toEqual({ campaignId: "x" });
    expect(parseRoute("#/c/x?preset=custom&from=2027-02-01&to=2027-01-01")).toEqual({ campaignId: "x", preset: "custom" });
  });

  it("writes CSV a spreadsheet opens without running a formula", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-3)).toBe("-3");
    expect(toCsv({ header: ["a"], rows: [["Lì xì"]] })).toBe("\uFEFFa\r\nLì xì\r\n");
  });
});
