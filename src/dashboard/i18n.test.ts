import { describe, expect, it } from "vitest";
import { GAMES } from "../core/schema/campaign.js";
import { createFormat, STRINGS } from "./i18n.js";

describe("dashboard words", () => {
  it("names every game a campaign can run, in both languages", () => {
    for (const lang of ["vi", "en"] as const) for (const game of GAMES) expect(STRINGS[lang][game], `${lang}: ${game}`).toMatch(/\S/);
    expect(STRINGS.vi.scratch).toBe("Thẻ cào");
  });
});

describe("dashboard days", () => {
  it("writes Vietnamese days day/month/year and English ones with the month's name, never vi-VN's 'thg'", () => {
    const vi = createFormat("vi");
    expect(vi.day("2027-01-20")).toBe("20/01");
    expect(vi.day("2027-01-20", true)).toBe("20/01/2027");
    expect(vi.day("2027-12-05", true)).not.toMatch(/thg/);
    const en = createFormat("en");
    expect(en.day("2027-01-20")).toBe("20 Jan");
    expect(en.day("2027-01-20", true)).toBe("20 Jan 2027");
  });

  it("shows and reads a date field day first in both languages", () => {
    for (const lang of ["vi", "en"] as const) {
      const f = createFormat(lang);
      expect(f.dayField("2027-01-20")).toBe("20/01/2027");
      expect(f.parseDay("20/01/2027")).toBe("2027-01-20");
      expect(f.parseDay(" 5-2-2027 ")).toBe("2027-02-05");
      expect(f.parseDay("05.02.2027")).toBe("2027-02-05");
      // a phone's number pad has no slash
      expect(f.parseDay("20012027")).toBe("2027-01-20");
      expect(f.parseDay("29/02/2028")).toBe("2028-02-29");
    }
    const f = createFormat("vi");
    for (const bad of ["", "2027-01-20", "31/02/2027", "13/13/2027", "20/01/27", "abc"]) expect(f.parseDay(bad), bad).toBeNull();
  });
});
