import { describe, expect, it } from "vitest";
import { computeStats, type EngagementEvent } from "../core/index.js";
import { formatCockpit } from "./stats-cockpit.js";

const at = (day: string) => Date.parse(`${day}T10:00:00+07:00`);
let seq = 0;
const ev = (type: EngagementEvent["type"], visitorId: string, day: string, extra: Partial<EngagementEvent> = {}): EngagementEvent => ({
  id: `e${++seq}`,
  type,
  campaignId: "c",
  visitorId,
  sessionId: "s",
  ts: at(day),
  ...extra,
});

describe("formatCockpit", () => {
  it("prints returning, retention with its cohort, referrals, NPS, sources and devices", () => {
    const s = computeStats(
      [
        ev("impression", "a", "2027-01-20", { context: { utm: { source: "zalo" }, device: "mobile" } }),
        ev("play", "a", "2027-01-20"),
        ev("play", "a", "2027-01-21"),
        ev("share", "a", "2027-01-21"),
        ev("impression", "b", "2027-01-21", { props: { ref: "tok" }, context: { device: "desktop" } }),
        ev("play", "b", "2027-01-21"),
        ev("result", "b", "2027-01-21", { props: { nps: 10 } }),
        ev("result", "a", "2027-01-21", { props: { nps: 3 } }),
      ],
      { timezone: "Asia/Ho_Chi_Minh", now: at("2027-01-23") },
    ).c!;
    const out = formatCockpit(s).map((l) => l.replace(/\s+/g, " ").trim());
    expect(out).toEqual(
      expect.arrayContaining([
        "returning 1 played on 2+ days",
        "retention d1 50.0% of 2 played again the next day",
        "retention d7 no cohort ended yet played again within 7 days",
        "referred players 1 viral coefficient 0.500",
        "nps 0 2 answers",
        "promoters 1 50.0%",
        "zalo 1 1 0",
        "direct 1 1 0",
        "mobile 1 1",
        "desktop 1 1",
      ]),
    );
  });

  it("prints nothing for a collector that does not send the cockpit fields", () => {
    expect(formatCockpit({ reach: 3 })).toEqual([]);
  });
});
