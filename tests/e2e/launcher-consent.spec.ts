// a launcher in server mode, in Chromium against a real collector: a page view registers no visitor (no mint, no
// stored identity, whatever the consent); the dialog's first opening does, and the game plays as before
import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, startStaticServer, startTestCollector, type StaticServer, type TestCollector } from "./harness.js";
import { hostPage } from "./pages.js";

const CAMPAIGN = {
  id: "e2e-launcher",
  game: "wheel",
  locale: "en",
  mode: "server",
  prizes: [
    { id: "voucher", label: "Voucher", weight: 1, codes: ["LAUNCH-1", "LAUNCH-2"] },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
  fallbackPrizeId: "none",
  limits: { perVisitor: { total: 1 } },
};

let browser: Browser;
let server: StaticServer;
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector({ campaigns: [CAMPAIGN] });
  const root = collector.url;
  server = await startStaticServer();
  browser = await launchChromium();
  for (const consent of ["denied", "granted"])
    server.route(
      `/e2e/launcher-${consent}.html`,
      hostPage({
        attrs: {
          "data-campaign": `${root}/v1/campaigns/${CAMPAIGN.id}`,
          "data-collector": `${root}/v1/events`,
          "data-consent": consent,
        },
        body: "<p>A landing page</p>",
      }),
    );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

for (const consent of ["denied", "granted"]) {
  it(`registers the visitor only when the dialog first opens (consent ${consent})`, async () => {
    const context = await browser.newContext({ reducedMotion: "reduce" });
    const page = await context.newPage();
    const asked: string[] = [];
    const game = (r: Request) => /\/v1\/campaigns\/[^/]+\/(visitors|eligibility|draw)$/.test(new URL(r.url()).pathname);
    page.on("request", (r) => game(r) && asked.push(new URL(r.url()).pathname.split("/").pop()!));
    await page.goto(`${server.url}/e2e/launcher-${consent}.html`);
    const launcher = page.locator(".mg-launcher");
    await launcher.waitFor({ state: "visible" });
    // the widget is on the page, its code run: still nothing asked of the collector, nothing stored for the game
    await page.locator(".mg-launcher").hover();
    expect(asked).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("minigame:identity:")))).toEqual([]);

    await launcher.click();
    await page.getByRole("button", { name: "Spin the wheel" }).click();
    await page.locator(".mg-code-text").waitFor({ timeout: 20_000 });
    expect(asked.slice(0, 2)).toEqual(["visitors", "eligibility"]);
    expect(asked).toContain("draw");
    await context.close();
  });
}
