// wheel settings in Chromium: spin length and turns from the campaign, a "segment" event per segment passing the
// pointer (the last one is the prize drawn), and a tick sound that is off by default and never made before the tap
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { SCRIPT } from "./pages.js";

let browser: Browser;
let server: StaticServer;
const prizes = ["A", "B", "C", "D", "E", "F"].map((label, i) => ({ id: `p${i}`, label, weight: 1, code: `CODE${i}` }));

function route(name: string, wheel: Record<string, unknown>) {
  const campaign = { id: `wheel-${name}`, game: "wheel", locale: "en", prizes, wheel };
  // count AudioContexts from the first line of the page, before the widget could make one
  server.route(
    `/wheel/${name}.html`,
    `<!doctype html><html><head><meta charset="utf-8"><script>
window.__audio = 0; const A = window.AudioContext;
window.AudioContext = class extends A { constructor(...a) { super(...a); window.__audio++; } };
window.__segments = []; window.__results = [];
</script></head><body><div id="slot" style="width:380px"></div><script src="${SCRIPT}"></script><script>
const w = Minigame.mount("#slot", { campaign: ${JSON.stringify(campaign)} });
w.on("segment", (s) => window.__segments.push({ index: s.index, at: performance.now() }));
w.on("result", (r) => window.__results.push(r.prize.id));
</script></body></html>`,
  );
  return `${server.url}/wheel/${name}.html`;
}

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Probe = { __audio: number; __segments: { index: number; at: number }[]; __results: string[] };

async function spin(page: Page) {
  await page.locator(".mg-hub:not([disabled])").click();
  await page.locator(".mg-prize").waitFor({ timeout: 20_000 });
  return page.evaluate(() => {
    const w = window as unknown as Probe;
    return { segments: w.__segments, result: w.__results[0]!, audio: w.__audio };
  });
}

describe("wheel settings", () => {
  it("spins for the campaign's length and turns, and reports each segment passing, ending on the prize drawn", async () => {
    // the spin's length and turns are the subject: ask for full motion (the run's browser prefers reduced motion)
    const page = await browser.newPage({ reducedMotion: "no-preference" });
    await page.goto(route("segments", { spinSeconds: 2, turns: 3 }));
    const { segments, result, audio } = await spin(page);
    // 3 full turns of 6 segments plus the way to the prize: at most 4 × 6 changes; a starved main thread samples
    // fewer frames and may skip a segment, so only a full turn's worth is required
    expect(segments.length).toBeGreaterThanOrEqual(6);
    expect(segments.length).toBeLessThanOrEqual(4 * 6 + 1);
    expect(`p${segments.at(-1)!.index}`).toBe(result);
    // the spin lasted about 2 s: first to last tick well under the default 4–5.5 s
    expect(segments.at(-1)!.at - segments[0]!.at).toBeLessThan(2100);
    expect(audio).toBe(0); // sound is off by default
    await page.close();
  });

  it("makes no sound before the tap, and only with sound switched on", async () => {
    const page = await browser.newPage();
    await page.goto(route("sound", { spinSeconds: 1, turns: 1, sound: true }));
    await page.locator(".mg-hub:not([disabled])").waitFor();
    expect(await page.evaluate(() => (window as unknown as Probe).__audio)).toBe(0);
    const { audio } = await spin(page);
    expect(audio).toBe(1);
    await page.close();
  });
});
