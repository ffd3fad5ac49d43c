// server mode in Chromium against a real collector: a page view registers no visitor (no mint, no request naming one, no
// stored identity, whatever the consent), not for a launcher, a painted wheel or an inline gift box, even when the pointer
// passes over them or the dialog opens; the plays left show from the campaign's rules, and the first play mints
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium, startStaticServer, startTestCollector, type StaticServer, type TestCollector } from "./harness.js";
import { hostPage } from "./pages.js";

const PRIZES = [
  { id: "voucher", label: "Voucher", weight: 1, codes: ["CODE-1", "CODE-2", "CODE-3", "CODE-4", "CODE-5", "CODE-6"] },
  { id: "none", label: "Next time", weight: 0, win: false },
];
const campaign = (id: string, game: string) => ({
  id,
  game,
  locale: "en",
  mode: "server",
  prizes: PRIZES,
  fallbackPrizeId: "none",
  limits: { perVisitor: { total: 2 } },
});
const PLACEMENTS = [
  { name: "a launcher", campaign: campaign("e2e-pv-launcher", "wheel"), inline: false },
  { name: "a painted wheel", campaign: campaign("e2e-pv-wheel", "wheel"), inline: true },
  { name: "an inline gift box", campaign: campaign("e2e-pv-giftbox", "giftbox"), inline: true },
];

let browser: Browser;
let server: StaticServer;
let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector({ campaigns: PLACEMENTS.map((p) => p.campaign) });
  const root = collector.url;
  server = await startStaticServer();
  browser = await launchChromium();
  for (const { campaign, inline } of PLACEMENTS)
    for (const consent of ["denied", "granted"])
      server.route(
        `/e2e/${campaign.id}-${consent}.html`,
        hostPage({
          attrs: {
            "data-campaign": `${root}/v1/campaigns/${campaign.id}`,
            "data-collector": `${root}/v1/events`,
            "data-consent": consent,
            ...(inline ? { "data-target": "#slot" } : {}),
          },
          body: `<p>A landing page</p>${inline ? '<div id="slot" style="max-width:420px"></div>' : ""}`,
        }),
      );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

/** play once: open the dialog if there is one, then spin or pick */
async function play(page: Page, game: string, inline: boolean) {
  if (!inline) await page.locator(".mg-launcher").click();
  if (game === "wheel") await page.getByRole("button", { name: "Spin the wheel" }).click();
  else await page.getByRole("button", { name: "Gift box 1" }).click();
}

for (const { name, campaign, inline } of PLACEMENTS)
  for (const consent of ["denied", "granted"]) {
    it(`registers no visitor for a page view of ${name}, and mints at the first play (consent ${consent})`, async () => {
      const context = await browser.newContext({ reducedMotion: "reduce" });
      const page = await context.newPage();
      const asked: string[] = [];
      const game = (r: Request) => /\/v1\/campaigns\/[^/]+\/(visitors|eligibility|draw|leads|bonus)$/.test(new URL(r.url()).pathname);
      page.on("request", (r) => game(r) && asked.push(new URL(r.url()).pathname.split("/").pop()!));
      await page.goto(`${server.url}/e2e/${campaign.id}-${consent}.html`);
      const card = page.locator(inline ? "#slot" : ".mg-launcher");
      await card.waitFor({ state: "visible" });
      // the visitor looks: the pointer over it (a painted wheel's widget runs on it), the dialog opened
      await card.hover();
      if (!inline) await page.locator(".mg-launcher").click();
      // the plays left are on screen, from the campaign's rules: nothing asked of the collector, nothing stored
      await page.getByText("2 plays left").waitFor();
      expect(asked).toEqual([]);
      const identities = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("minigame:identity:")));
      expect(await identities()).toEqual([]);
      if (!inline) await page.keyboard.press("Escape");

      await play(page, campaign.game, inline);
      await page.locator(".mg-code-text").waitFor({ timeout: 20_000 });
      expect(asked.slice(0, 2)).toEqual(["visitors", "draw"]);
      expect(await identities()).toEqual([`minigame:identity:${campaign.id}`]);
      // what the collector says from now on: one play left, counted for the minted visitor
      await page.getByText("1 play left").waitFor();
      await context.close();
    });
  }
