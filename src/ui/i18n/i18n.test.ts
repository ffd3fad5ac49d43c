import { describe, expect, it } from "vitest";
import { formatCountdown, formatDate } from "./format.js";
import { createTranslator, en, vi } from "./index.js";
import { strings as after } from "./strings-after.js";
import { strings as quiz } from "./strings-quiz.js";
import { strings as games } from "../games/strings.js";

describe("i18n", () => {
  it.each([
    ["first paint", { en, vi }],
    ["quiz", quiz],
    ["after play", after],
    ["scratch, gift box and flip", games],
  ] as const)("has every English key of the %s strings in Vietnamese, none left empty", (_, t) => {
    expect(Object.keys(t.vi).sort()).toEqual(Object.keys(t.en).sort());
    expect(Object.values(t.vi).every((s) => s.trim().length > 0)).toBe(true);
  });

  it("fills placeholders and lets campaign strings win", () => {
    const t = createTranslator("vi", { "wheel.spin": "QUAY NGAY" });
    expect(t("playsLeft", { n: 2 })).toBe("Còn 2 lượt");
    expect(t("wheel.spin")).toBe("QUAY NGAY");
    // a chunk's strings count once it has arrived
    const more: { en: Record<string, string>; vi: Record<string, string> }[] = [];
    const t2 = createTranslator("en", {}, more);
    expect(t2("quiz.score", { score: 3, max: 5 })).toBe("quiz.score");
    more.push(quiz);
    expect(t2("quiz.score", { score: 3, max: 5 })).toBe("You scored 3 of 5");
  });

  it("leaves a campaign string's placeholder that names an Object property as written", () => {
    const t = createTranslator("en", { playsLeft: "{n} left {constructor} {toString}" });
    expect(t("playsLeft", { n: 2 })).toBe("2 left {constructor} {toString}");
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
