import { describe, expect, it } from "vitest";
import { dayKey } from "../../core/util/time.js";
import { dayBounds, topPlayedSources } from "./server-truth.js";

describe("dayBounds", () => {
  it("gives each day's first instant in the zone, across a daylight-saving change", () => {
    const { bounds, days } = dayBounds("2027-03-13", "2027-03-15", "America/New_York");
    expect(days).toEqual(["2027-03-13", "2027-03-14", "2027-03-15", "2027-03-16"]);
    expect(bounds.map((b) => new Date(b).toISOString())).toEqual([
      "2027-03-13T05:00:00.000Z",
      "2027-03-14T05:00:00.000Z",
      "2027-03-15T04:00:00.000Z",
      "2027-03-16T04:00:00.000Z",
    ]);
    for (const [i, b] of bounds.entries()) {
      expect(dayKey(b, "America/New_York")).toBe(days[i]);
      expect(dayKey(b - 1, "America/New_York") < days[i]!).toBe(true);
    }
  });

  it("finds quarter-hour offsets and zones a day ahead of UTC", () => {
    expect(new Date(dayBounds("2027-01-20", "2027-01-20", "Asia/Kathmandu").bounds[0]!).toISOString()).toBe("2027-01-19T18:15:00.000Z");
    expect(new Date(dayBounds("2027-01-20", "2027-01-20", "Pacific/Kiritimati").bounds[0]!).toISOString()).toBe("2027-01-19T10:00:00.000Z");
  });
});

describe("topPlayedSources", () => {
  it("names the sources with players before any reach, so a reach-only source is what folds into (other)", () => {
    const row = (reach: number, participants: number, claims = 0) => ({ reach, participants, claims });
    const all = new Map([
      ["news", row(0, 1)],
      ["zalo", row(0, 1, 1)],
      ["direct", row(2, 3)],
      ["invented-1", row(500, 0)],
      ["invented-2", row(400, 0)],
    ]);
    expect(topPlayedSources(all, 4)).toEqual({
      direct: row(2, 3),
      zalo: row(0, 1, 1),
      news: row(0, 1),
      "(other)": row(900, 0),
    });
    // equal players and claims are ranked by name, never by reach
    expect(
      Object.keys(
        topPlayedSources(
          new Map([
            ["b", row(9, 1)],
            ["a", row(0, 1)],
            ["c", row(0, 1)],
          ]),
          2,
        ),
      ),
    ).toEqual(["a", "(other)"]);
  });
});
