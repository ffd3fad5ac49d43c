import { describe, expect, it } from "vitest";
import { deviceClass, hostOf, retentionCutoffs, sourceOf } from "./dimensions.js";

describe("deviceClass", () => {
  it.each([
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "mobile"],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36", "mobile"],
    ["Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 Chrome/120 Safari/537.36", "tablet"],
    ["Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "tablet"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36", "desktop"],
    ["node", "desktop"],
  ])("classifies %s as %s", (ua, expected) => {
    expect(deviceClass(ua)).toBe(expected);
  });
  it("has no class without a header", () => expect(deviceClass(undefined)).toBeUndefined());
});

describe("sourceOf", () => {
  it("prefers utm.source, then a foreign referrer host, then direct", () => {
    expect(sourceOf({ utm: { source: "Zalo" }, referrer: "https://google.com" })).toBe("zalo");
    // the tracker keeps utm parameters under their query names
    expect(sourceOf({ utm: { utm_source: "Zalo", utm_medium: "chat" }, referrer: "https://google.com" })).toBe("zalo");
    expect(sourceOf({ utm: { source: "  " }, referrer: "https://user:pw@WWW.Google.com:443/x" })).toBe("google.com");
    expect(sourceOf({ referrer: "https://shop.vn/a", url: "https://www.shop.vn/b" })).toBe("direct");
    expect(sourceOf({ referrer: "not a url" })).toBe("direct");
    expect(sourceOf(undefined)).toBe("direct");
  });
  it("drops C0, DEL and C1 control characters, which a terminal would act on", () => {
    expect(sourceOf({ utm: { source: "zalo\u001b[2J\u007f\u009b31m\u0085x" } })).toBe("zalo[2j31mx");
    expect(sourceOf({ utm: { source: "\u009b\u0090" }, referrer: "https://google.com" })).toBe("google.com");
    expect(sourceOf({ utm: { source: "đà nẵng ☀" } })).toBe("đà nẵng ☀");
  });
  it("reads hosts without a URL parser", () => {
    expect(hostOf("android-app://com.zing.zalo/")).toBe("com.zing.zalo");
    expect(hostOf("https:///path")).toBeNull();
  });
});

describe("retentionCutoffs", () => {
  it("ends windows the day before today, or at the range's last day if earlier", () => {
    expect(retentionCutoffs("2027-02-01")).toEqual({ d1: "2027-01-30", d7: "2027-01-24" });
    expect(retentionCutoffs("2027-02-01", "2027-01-25")).toEqual({ d1: "2027-01-24", d7: "2027-01-18" });
  });
});
