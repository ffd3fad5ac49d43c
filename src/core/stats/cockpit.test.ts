import { describe, expect, it } from "vitest";
import { computeStats } from "./index.js";
import type { EngagementEvent, EventType } from "../events/index.js";

const TZ = "Asia/Ho_Chi_Minh";
const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00+07:00`);
let seq = 0;
function ev(type: EventType, visitorId: string, ts: number, extra: Partial<EngagementEvent> = {}): EngagementEvent {
  return { id: `e${String(++seq).padStart(6, "0")}`, type, campaignId: "c1", visitorId, sessionId: "s", ts, ...extra };
}
const stats = (events: EngagementEvent[], now = at("2027-03-01")) => computeStats(events, { timezone: TZ, now }).c1!;

describe("returning and retention", () => {
  it("counts as returning a participant who played on two campaign days, not twice on one", () => {
    const s = stats([
      ev("play", "a", at("2027-01-20", 9)),
      ev("play", "a", at("2027-01-20", 23)),
      ev("play", "b", at("2027-01-20", 23)),
      ev("play", "b", at("2027-01-21", 0)),
    ]);
    expect(s.returning).toBe(1);
  });

  it("counts d1 only for a play on the next campaign day and d7 for one within seven days", () => {
    const s = stats([
      ev("play", "next", at("2027-01-20")),
      ev("play", "next", at("2027-01-21")),
      ev("play", "week", at("2027-01-20")),
      ev("play", "week", at("2027-01-27")),
      ev("play", "late", at("2027-01-20")),
      ev("play", "late", at("2027-01-28")),
      ev("play", "once", at("2027-01-20")),
      // an impression on the next day is not a play
      ev("impression", "once", at("2027-01-21")),
    ]);
    expect(s.retention).toEqual({ d1: 1 / 4, d7: 2 / 4, cohorts: { d1: 4, d7: 4 } });
  });

  it("leaves out cohorts whose window has not ended at `now` in the campaign time zone", () => {
    const events = [ev("play", "a", at("2027-01-20")), ev("play", "a", at("2027-01-21")), ev("play", "b", at("2027-01-26"))];
    // 2027-01-22 10:00 in Hanoi: day 21 is over, so the cohort of the 20th has its d1 window, none has d7
    expect(stats(events, at("2027-01-22")).retention).toEqual({ d1: 1, d7: 0, cohorts: { d1: 1, d7: 0 } });
    // still 21st in Hanoi (23:30): the d1 window of the 20th has not ended
    expect(stats(events, at("2027-01-21", 23) + 30 * 60_000).retention.cohorts.d1).toBe(0);
    expect(stats(events, at("2027-02-10")).retention).toEqual({ d1: 1 / 2, d7: 1 / 2, cohorts: { d1: 2, d7: 2 } });
  });
});

describe("nps", () => {
  it("groups 0–10 answers on result events and scores promoters minus detractors", () => {
    const answers = [10, 9, 9, 8, 7, 6, 0, 3];
    const s = stats(answers.map((nps, i) => ev("result", `v${i}`, at("2027-01-20"), { props: { nps, win: false } })));
    expect(s.nps).toEqual({ responses: 8, promoters: 3, passives: 2, detractors: 3, score: 0 });
    expect(stats([ev("result", "a", at("2027-01-20"), { props: { nps: 10 } })]).nps?.score).toBe(100);
  });

  it("is null without a valid answer, ignoring out-of-range, fractional, text and non-result answers", () => {
    const bad = [11, -1, 7.5, "9", null].map((nps) => ev("result", "a", at("2027-01-20"), { props: { nps } }));
    expect(stats([...bad, ev("play", "a", at("2027-01-20"), { props: { nps: 9 } })]).nps).toBeNull();
  });
});

describe("referrals", () => {
  it("counts shares, visitors brought by a share link, those who played, and their share of participants", () => {
    const d = at("2027-01-20");
    const s = stats([
      ev("share", "a", d),
      ev("share", "a", d),
      ev("impression", "b", d, { props: { ref: "tok-a" } }),
      ev("play", "b", d + 1000),
      ev("impression", "c", d, { props: { ref: "tok-a" } }),
      ev("impression", "e", d, { props: { ref: "" } }),
      ev("play", "e", d),
      ev("play", "a", d),
      ev("play", "f", d, { props: { ref: "tok-a" } }),
    ]);
    expect(s.referrals).toEqual({ shares: 2, visits: 2, participants: 1, viralCoefficient: 1 / 4 });
  });
});

describe("sources and devices", () => {
  it("credits each visitor to the source and device of their first event", () => {
    const d = at("2027-01-20");
    const s = stats([
      ev("play", "a", d + 5000, { context: { utm: { source: "zalo" }, device: "desktop" } }),
      ev("impression", "a", d, { context: { utm: { source: " Facebook " }, device: "mobile" } }),
      ev("claim", "a", d + 9000, { context: { referrer: "https://google.com/" } }),
      ev("impression", "b", d, { context: { referrer: "https://www.google.com/search?q=x", url: "https://shop.vn/" } }),
      ev("impression", "c", d, { context: { referrer: "https://shop.vn/other", url: "https://www.shop.vn/tet" } }),
      ev("impression", "d", d),
      ev("close", "e", d, { context: { utm: { source: "ads" } } }),
    ]);
    expect(s.sources).toEqual({
      direct: { reach: 2, participants: 0, claims: 0 },
      facebook: { reach: 1, participants: 1, claims: 1 },
      "google.com": { reach: 1, participants: 0, claims: 0 },
    });
    expect(s.devices).toEqual({ mobile: { reach: 1, participants: 1 }, unknown: { reach: 3, participants: 0 } });
  });

  it("breaks a tie in time by event id, and keeps the top 25 sources with the rest as (other)", () => {
    const d = at("2027-01-20");
    const events = Array.from({ length: 30 }, (_, i) =>
      ev("impression", `v${i}`, d, { id: `x${i}`, context: { utm: { source: `s${String(i).padStart(2, "0")}` } } }),
    );
    events.push(ev("impression", "v0", d, { id: "y", context: { utm: { source: "later-id" } } }));
    const s = stats(events);
    expect(Object.keys(s.sources)).toHaveLength(25);
    expect(s.sources.s00).toEqual({ reach: 1, participants: 0, claims: 0 });
    expect(s.sources["(other)"]).toEqual({ reach: 6, participants: 0, claims: 0 });
    expect(s.sources["later-id"]).toBeUndefined();
  });
});
