import { describe, expect, it } from "vitest";
import { dayKey, isValidTimeZone } from "./time.js";

describe("dayKey", () => {
  it("gives UTC's days without Intl, the same days Intl gives", () => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
    const start = Date.parse("2020-01-01T00:00:00Z");
    for (let i = 0; i < 500; i++) {
      // spread over six years, and every day's last and first millisecond
      const ts = start + Math.floor(Math.random() * 6 * 365 * 86_400_000);
      const edge = ts - (ts % 86_400_000);
      for (const t of [ts, edge, edge - 1]) {
        expect(dayKey(t, "UTC")).toBe(intl.format(t));
        expect(dayKey(t, "Etc/UTC")).toBe(intl.format(t));
      }
    }
  });

  it("still reads other zones' days through Intl", () => {
    expect(dayKey(Date.parse("2027-01-20T23:59:00+07:00"), "Asia/Ho_Chi_Minh")).toBe("2027-01-20");
    expect(dayKey(Date.parse("2027-01-20T23:59:00+07:00"), "UTC")).toBe("2027-01-20");
    expect(dayKey(Date.parse("2027-01-21T00:00:00+07:00"), "Asia/Ho_Chi_Minh")).toBe("2027-01-21");
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
