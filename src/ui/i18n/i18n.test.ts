import { describe, expect, it } from "vitest";
import { createTranslator, en, formatCountdown, formatDate, vi } from "./index.js";

describe("i18n", () => {
  it("has every English key in Vietnamese, none left empty", () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(vi).every((s) => s.trim().length > 0)).toBe(true);
  });

  it("fills placeholders and lets campaign strings win", () => {
    const t = createTranslator("vi", { "wheel.spin": "QUAY NGAY" });
    expect(t("playsLeft", { n: 2 })).toBe("Còn 2 lượt");
    expect(t("wheel.spin")).toBe("QUAY NGAY");
    expect(createTranslator("en")("quiz.score", { score: 3, max: 5 })).toBe("You scored 3 of 5");
  });

  it("formats countdowns", () => {
    expect(formatCountdown(65_000)).toBe("1:05");
    expect(formatCountdown(3_723_000)).toBe("1:02:03");
    expect(formatCountdown(-5)).toBe("0:00");
  });

  it("writes Vietnamese dates with numbers, the way people write them, in the campaign's time zone", () => {
    const at = Date.parse("2027-01-20T00:00:00+07:00");
    expect(formatDate(at, "vi", "Asia/Ho_Chi_Minh")).toBe("00:00 ngày 20/01/2027");
    expect(formatDate(at, "vi", "UTC")).toBe("17:00 ngày 19/01/2027");
    expect(formatDate(at, "en", "Asia/Ho_Chi_Minh")).toBe("20 Jan 2027, 00:00");
  });
});
