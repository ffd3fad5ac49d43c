import { afterEach, describe, expect, it, vi } from "vitest";
import { pageContext, privacySignal } from "./context.js";

afterEach(() => {
  vi.restoreAllMocks();
  for (const k of ["globalPrivacyControl", "doNotTrack"]) delete (navigator as unknown as Record<string, unknown>)[k];
});

describe("pageContext", () => {
  it("strips the query except utm_* and drops the hash", () => {
    history.replaceState(null, "", "/p?token=secret&utm_medium=cpc&q=x#frag");
    const ctx = pageContext("minigame-sdk@1.0.0");
    expect(ctx.url).toBe("http://localhost:3000/p?utm_medium=cpc");
    expect(ctx.utm).toEqual({ utm_medium: "cpc" });
    expect(ctx.locale).toBe(navigator.language);
  });

  it("keeps only the origin and path of the referrer", () => {
    vi.spyOn(document, "referrer", "get").mockReturnValue("https://search.example/s?q=my+email%40x.com");
    expect(pageContext("x").referrer).toBe("https://search.example/s");
  });
});

describe("privacySignal", () => {
  it("reads Global Privacy Control and Do Not Track", () => {
    expect(privacySignal()).toBe(false);
    Object.defineProperty(navigator, "doNotTrack", { value: "1", configurable: true });
    expect(privacySignal()).toBe(true);
    Object.defineProperty(navigator, "doNotTrack", { value: "0", configurable: true });
    Object.defineProperty(navigator, "globalPrivacyControl", { value: true, configurable: true });
    expect(privacySignal()).toBe(true);
  });
});
