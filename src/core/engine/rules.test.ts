import { describe, expect, it } from "vitest";
import { testCampaign } from "../../../tests/helpers/core/engine-campaigns.js";
import { released, pacingClock } from "./pacing.js";
import { checkRules, nextDayStart } from "./rules.js";
import type { VisitorState } from "./types.js";

const fresh: VisitorState = { total: 0, today: 0, lastPlayAt: null, bonusTotal: 0, bonusToday: 0, lead: false };
const at = (iso: string) => Date.parse(iso);

describe("nextDayStart", () => {
  it("is the next local midnight in the campaign's zone", () => {
    expect(nextDayStart(at("2027-01-20T23:59:00+07:00"), "Asia/Ho_Chi_Minh")).toBe(at("2027-01-21T00:00:00+07:00"));
    expect(nextDayStart(at("2027-01-21T00:01:00+07:00"), "Asia/Ho_Chi_Minh")).toBe(at("2027-01-22T00:00:00+07:00"));
    expect(nextDayStart(at("2027-01-20T12:00:00Z"), "Asia/Kathmandu")).toBe(at("2027-01-21T00:00:00+05:45"));
  });

  it("handles days of 23 and 25 hours around daylight saving changes", () => {
    expect(nextDayStart(at("2027-03-28T01:00:00+01:00"), "Europe/Paris")).toBe(at("2027-03-29T00:00:00+02:00"));
    expect(nextDayStart(at("2027-10-31T23:30:00+01:00"), "Europe/Paris")).toBe(at("2027-11-01T00:00:00+01:00"));
  });
});

describe("checkRules", () => {
  const schedule = { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-02-10T23:59:59+07:00" };

  it("refuses before the start with the start as retry time, and after the end", () => {
    const c = testCampaign({ schedule });
    expect(checkRules(c, fresh, at("2027-01-19T23:59:59+07:00"))).toMatchObject({
      ok: false,
      reason: "not_started",
      retryAt: at(schedule.startsAt),
    });
    expect(checkRules(c, fresh, at(schedule.startsAt)).ok).toBe(true);
    expect(checkRules(c, fresh, at(schedule.endsAt)).ok).toBe(true);
    const ended = checkRules(c, fresh, at(schedule.endsAt) + 1);
    expect(ended).toMatchObject({ ok: false, reason: "ended" });
    expect(ended).not.toHaveProperty("retryAt");
  });

  it("counts bonus plays in both allowances", () => {
    const c = testCampaign({ limits: { perVisitor: { total: 2, perDay: 1 } } });
    const spent = { ...fresh, total: 2, today: 1 };
    expect(checkRules(c, spent, 0)).toMatchObject({ ok: false, reason: "limit_total", playsLeft: 0, playsLeftToday: 0 });
    expect(checkRules(c, { ...spent, bonusTotal: 1, bonusToday: 1 }, 0)).toEqual({ ok: true, playsLeft: 1, playsLeftToday: 1 });
  });

  it("names tomorrow's midnight as retry time for the daily limit, unless the campaign ends first", () => {
    const c = testCampaign({ schedule, limits: { perVisitor: { perDay: 1 } } });
    const played = { ...fresh, total: 1, today: 1 };
    expect(checkRules(c, played, at("2027-01-25T15:00:00+07:00"))).toMatchObject({
      reason: "limit_day",
      retryAt: at("2027-01-26T00:00:00+07:00"),
    });
    expect(checkRules(c, played, at("2027-02-10T15:00:00+07:00"))).not.toHaveProperty("retryAt");
  });

  it("refuses during the cooldown and says when it ends", () => {
    const c = testCampaign({ limits: { cooldownSeconds: 60 } });
    const last = at("2027-01-25T10:00:00Z");
    const v = { ...fresh, total: 1, lastPlayAt: last };
    expect(checkRules(c, v, last + 59_999)).toMatchObject({ ok: false, reason: "cooldown", retryAt: last + 60_000 });
    expect(checkRules(c, v, last + 60_000).ok).toBe(true);
  });

  it("asks for a lead first when the campaign requires one", () => {
    const c = testCampaign({ requireLead: true });
    expect(checkRules(c, fresh, 0)).toMatchObject({ ok: false, reason: "lead_required" });
    expect(checkRules(c, { ...fresh, lead: true }, 0).ok).toBe(true);
  });
});

describe("pacing", () => {
  it("releases capacity in equal cumulative steps and everything on the last day", () => {
    const c = testCampaign({ pacing: "even", schedule: { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-01-29T23:59:59+07:00" } });
    const clock = pacingClock(c)!;
    expect(clock).toEqual({ firstDay: "2027-01-20", days: 10 });
    const days = Array.from({ length: 10 }, (_, d) => `2027-01-${20 + d}`);
    expect(days.map((d) => released(25, clock, d))).toEqual([3, 5, 8, 10, 13, 15, 18, 20, 23, 25]);
    expect(released(25, clock, "2027-01-19")).toBe(0);
    expect(released(25, clock, "2027-02-05")).toBe(25);
    expect(released(Infinity, clock, "2027-01-20")).toBe(Infinity);
    expect(released(25, null, "2027-01-20")).toBe(25);
  });

  it("counts an end at midnight as the end of the day before, which then releases everything", () => {
    const c = testCampaign({ pacing: "even", schedule: { startsAt: "2027-02-01T00:00:00+07:00", endsAt: "2027-02-11T00:00:00+07:00" } });
    const clock = pacingClock(c)!;
    // ten days of play: the 11th starts at the end and has no time in it
    expect(clock).toEqual({ firstDay: "2027-02-01", days: 10 });
    expect(released(1000, clock, "2027-02-01")).toBe(100);
    expect(released(1000, clock, "2027-02-10")).toBe(1000);
    // one millisecond later, the 11th day has time to play and its share
    const later = testCampaign({
      pacing: "even",
      schedule: { startsAt: "2027-02-01T00:00:00+07:00", endsAt: "2027-02-11T00:00:00.001+07:00" },
    });
    expect(pacingClock(later)).toEqual({ firstDay: "2027-02-01", days: 11 });
  });
});
