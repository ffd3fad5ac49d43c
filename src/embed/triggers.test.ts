import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DisplaySettings } from "../core/index.js";
import { deviceClass, globToRegExp, matchesUrl, startTriggers } from "./triggers.js";

function display(over: Partial<DisplaySettings> = {}): DisplaySettings {
  return { exitIntent: false, launcher: { position: "bottom-right" }, ...over };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

function handlers() {
  return { show: vi.fn(), open: vi.fn() };
}

/** make the window report a touch screen of the given size */
function emulateTouch(width: number, height: number) {
  vi.spyOn(window, "matchMedia").mockImplementation(
    (query: string) => ({ matches: query === "(pointer: coarse)", media: query }) as unknown as MediaQueryList,
  );
  vi.spyOn(window.screen, "width", "get").mockReturnValue(width);
  vi.spyOn(window.screen, "height", "get").mockReturnValue(height);
}

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, "", "/");
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("url patterns", () => {
  it("treats * as any run of characters and everything else literally", () => {
    expect(globToRegExp("/sale/*").test("/sale/tet/2027")).toBe(true);
    expect(globToRegExp("/sale/*").test("/sales")).toBe(false);
    expect(globToRegExp("/a.b").test("/axb")).toBe(false);
  });

  it("includes by urlPatterns and excludes by excludeUrlPatterns", () => {
    const d = { urlPatterns: ["/shop/*", "/"], excludeUrlPatterns: ["/shop/checkout*"] };
    expect(matchesUrl(d, "/")).toBe(true);
    expect(matchesUrl(d, "/shop/shoes")).toBe(true);
    expect(matchesUrl(d, "/shop/checkout/pay")).toBe(false);
    expect(matchesUrl(d, "/blog")).toBe(false);
    expect(matchesUrl({}, "/anything")).toBe(true);
  });

  it("shows nothing on a page the patterns leave out", () => {
    window.history.replaceState(null, "", "/blog/post");
    const h = handlers();
    startTriggers({ display: display({ urlPatterns: ["/shop/*"] }), campaignId: "c", handlers: h });
    vi.runAllTimers();
    expect(h.show).not.toHaveBeenCalled();
  });
});

describe("device classes", () => {
  it("classifies fine pointers as desktop and touch screens by their short side", () => {
    expect(deviceClass(window)).toBe("desktop");
    emulateTouch(390, 844);
    expect(deviceClass(window)).toBe("mobile");
    emulateTouch(1024, 768);
    expect(deviceClass(window)).toBe("tablet");
  });

  it("shows nothing on a device class the campaign leaves out", () => {
    emulateTouch(390, 844);
    const h = handlers();
    startTriggers({ display: display({ devices: ["desktop"] }), campaignId: "c", handlers: h });
    expect(h.show).not.toHaveBeenCalled();
  });
});

describe("timed triggers", () => {
  it("shows the launcher at once and opens nothing when no trigger is set", () => {
    const h = handlers();
    startTriggers({ display: display(), campaignId: "c", handlers: h });
    expect(h.show).toHaveBeenCalledTimes(1);
    vi.runAllTimers();
    expect(h.open).not.toHaveBeenCalled();
  });

  it("opens the popup after delaySeconds, not before", () => {
    const h = handlers();
    startTriggers({ display: display({ delaySeconds: 5 }), campaignId: "c", handlers: h });
    vi.advanceTimersByTime(4999);
    expect(h.show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(h.show).toHaveBeenCalledTimes(1);
    expect(h.open).toHaveBeenCalledWith(false);
  });

  it("opens on exit intent when the pointer leaves through the top edge on desktop", () => {
    const h = handlers();
    startTriggers({ display: display({ exitIntent: true }), campaignId: "c", handlers: h });
    document.dispatchEvent(new MouseEvent("mouseout", { clientY: 300, relatedTarget: null }));
    expect(h.open).not.toHaveBeenCalled();
    document.dispatchEvent(new MouseEvent("mouseout", { clientY: 0, relatedTarget: null }));
    expect(h.open).toHaveBeenCalledTimes(1);
  });

  it("falls back to a quick scroll back up on phones", () => {
    emulateTouch(390, 844);
    const h = handlers();
    startTriggers({ display: display({ exitIntent: true }), campaignId: "c", handlers: h });
    const scrollTo = (y: number) => {
      vi.spyOn(window, "scrollY", "get").mockReturnValue(y);
      window.dispatchEvent(new Event("scroll"));
    };
    scrollTo(2000);
    scrollTo(1900);
    expect(h.open).not.toHaveBeenCalled();
    scrollTo(2000 - window.innerHeight);
    expect(h.open).toHaveBeenCalledTimes(1);
  });

  it("opens at the scroll depth and only once, whichever trigger comes first", () => {
    vi.spyOn(document.documentElement, "scrollHeight", "get").mockReturnValue(3000);
    vi.spyOn(window, "innerHeight", "get").mockReturnValue(1000);
    const scrollY = vi.spyOn(window, "scrollY", "get").mockReturnValue(0);
    const h = handlers();
    startTriggers({ display: display({ scrollPercent: 50, delaySeconds: 60 }), campaignId: "c", handlers: h });
    vi.advanceTimersByTime(10);
    scrollY.mockReturnValue(900);
    window.dispatchEvent(new Event("scroll"));
    expect(h.open).not.toHaveBeenCalled();
    scrollY.mockReturnValue(1000);
    window.dispatchEvent(new Event("scroll"));
    expect(h.open).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new Event("scroll"));
    expect(h.open).toHaveBeenCalledTimes(1);
    expect(h.show).toHaveBeenCalledTimes(1);
  });
});

describe("frequency cap", () => {
  it("opens the popup at most once per frequencyDays, then shows only the launcher", () => {
    const storage = memoryStorage();
    let now = Date.UTC(2027, 0, 20);
    const run = () => {
      const h = handlers();
      startTriggers({ display: display({ delaySeconds: 0, frequencyDays: 3 }), campaignId: "tet", handlers: h, storage, now: () => now });
      vi.runAllTimers();
      return h;
    };
    expect(run().open).toHaveBeenCalledTimes(1);
    now += 2 * 86_400_000;
    const capped = run();
    expect(capped.show).toHaveBeenCalledTimes(1);
    expect(capped.open).not.toHaveBeenCalled();
    now += 86_400_000 + 1;
    expect(run().open).toHaveBeenCalledTimes(1);
  });

  it("keeps working when storage throws", () => {
    const storage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    const h = handlers();
    startTriggers({ display: display({ delaySeconds: 0, frequencyDays: 1 }), campaignId: "c", handlers: h, storage });
    vi.runAllTimers();
    expect(h.open).toHaveBeenCalledTimes(1);
  });
});

describe("click trigger", () => {
  it("opens on a click inside the selector, ignoring the cap, and waits for it before showing", () => {
    document.body.innerHTML = `<button class="play-cta"><span id="inner">Play</span></button><p id="other">x</p>`;
    const storage = memoryStorage();
    storage.setItem("minigame:popup:c", String(Date.now()));
    const h = handlers();
    startTriggers({ display: display({ clickSelector: ".play-cta", frequencyDays: 30 }), campaignId: "c", handlers: h, storage });
    expect(h.show).not.toHaveBeenCalled();
    document.getElementById("other")!.click();
    expect(h.open).not.toHaveBeenCalled();
    document.getElementById("inner")!.click();
    expect(h.show).toHaveBeenCalledTimes(1);
    expect(h.open).toHaveBeenCalledWith(true);
  });

  it("treats an invalid selector as matching nothing", () => {
    document.body.innerHTML = `<button id="b">x</button>`;
    const h = handlers();
    startTriggers({ display: display({ clickSelector: "[[[" }), campaignId: "c", handlers: h });
    expect(() => document.getElementById("b")!.click()).not.toThrow();
    expect(h.open).not.toHaveBeenCalled();
  });
});

describe("stop", () => {
  it("removes every listener and timer", () => {
    document.body.innerHTML = `<button class="cta">x</button>`;
    const h = handlers();
    const stop = startTriggers({
      display: display({ delaySeconds: 1, exitIntent: true, scrollPercent: 10, clickSelector: ".cta" }),
      campaignId: "c",
      handlers: h,
    });
    stop();
    vi.runAllTimers();
    document.dispatchEvent(new MouseEvent("mouseout", { clientY: 0, relatedTarget: null }));
    window.dispatchEvent(new Event("scroll"));
    (document.querySelector(".cta") as HTMLElement).click();
    expect(h.show).not.toHaveBeenCalled();
    expect(h.open).not.toHaveBeenCalled();
  });
});
