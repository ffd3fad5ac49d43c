import { describe, expect, it } from "vitest";
import { dayKey } from "../../core/util/time.js";
import { dayBounds } from "./server-truth.js";

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
