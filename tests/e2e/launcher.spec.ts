// without data-target: a floating launcher that opens the game in a modal, and display triggers
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { demoWheel, hostPage, screenshotPath } from "./pages.js";

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  const withDisplay = (display: object) => JSON.stringify({ ...demoWheel, display });
  server.route("/launcher/plain.json", JSON.stringify(demoWheel));
  server.route("/launcher/delayed.json", withDisplay({ delaySeconds: 1, frequencyDays: 7 }));
  server.route("/launcher/elsewhere.json", withDisplay({ urlPatterns: ["/sale/*"] }));
  const body = `<main style="height:3000px"><h1>Landing page</h1></main>`;
  for (const name of ["plain", "delayed", "elsewhere"]) {
    server.route(`/launcher/${name}.html`, hostPage({ attrs: { "data-campaign": `/launcher/${name}.json` }, body }));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the launcher placement", () => {
  it("shows a launcher that opens the wheel in a modal dialog and closes with Escape", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/launcher/plain.html`);
    const launcher = page.locator(".mg-launcher");
    await launcher.waitFor({ state: "visible" });
    const box = (await launcher.boundingBox())!;
    // bottom-right corner, over the page
    expect(box.x + box.width).toBeGreaterThan(390 - 60);
    expect(box.y + box.height).toBeGreaterThan(844 - 60);
    await page.screenshot({ path: screenshotPath("launcher-phone"), animations: "disabled" });
    await launcher.click();
    const dialog = page.locator("[role=dialog]");
    await dialog.waitFor({ state: "visible" });
    await page.locator(".mg-hub").waitFor({ state: "visible" });
    await page.screenshot({ path: screenshotPath("modal-phone"), animations: "disabled" });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await launcher.waitFor({ state: "visible" });
    // everything we added can be removed
    await page.evaluate(() => (window as unknown as { minigame(command: string): void }).minigame("destroy"));
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe("");
    await context.close();
  });

  it("opens the popup after delaySeconds, then not again within frequencyDays; destroy cancels a pending trigger", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // the page's clock: it runs on its own, and a test moves it ahead to a timer or across days at once
    await page.clock.install();
    const shownAt = () => page.evaluate((id) => localStorage.getItem(`minigame:popup:${id}`), demoWheel.id);
    await page.goto(`${server.url}/launcher/delayed.html`);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await page.clock.runFor(1_000);
    await page.locator("[role=dialog]").waitFor({ state: "visible" });
    const first = await shownAt();
    expect(first).not.toBeNull();

    // six days later the timer fires again: it shows the launcher, and the cap keeps the popup closed
    await page.clock.fastForward(6 * DAY_MS);
    await page.reload();
    await page.clock.runFor(1_000);
    await page.locator(".mg-launcher").waitFor({ state: "visible" });
    // the trigger records a popup before opening it, and shows the launcher first: the launcher is up with the
    // record unchanged, so this visit's trigger has fired and chose not to open
    expect(await shownAt()).toBe(first);
    expect(await page.locator("[role=dialog]").count()).toBe(0);

    // past frequencyDays the popup opens again
    await page.clock.fastForward(2 * DAY_MS);
    await page.reload();
    await page.clock.runFor(1_000);
    await page.locator("[role=dialog]").waitFor({ state: "visible" });
    expect(await shownAt()).not.toBe(first);

    await page.evaluate(() => localStorage.clear());
    const campaignLoaded = page.waitForResponse((r) => r.url().endsWith("/launcher/delayed.json"));
    const triggersLoaded = page.waitForResponse((r) => /\/chunks\/triggers[^/]*\.js$/.test(r.url()));
    await page.clock.pauseAt(Date.now() + 30 * DAY_MS);
    await page.reload();
    await campaignLoaded;
    await settled(page, (await triggersLoaded).url());
    await page.evaluate(() => (window as unknown as { minigame(command: string): void }).minigame("destroy"));
    // past the moment the delay timer was due: a trigger left armed would have opened the popup by now
    await page.clock.runFor(1_500);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await context.close();
  });

  it("shows nothing on a page its urlPatterns leave out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const triggersLoaded = page.waitForResponse((r) => /\/chunks\/triggers[^/]*\.js$/.test(r.url()));
    await page.goto(`${server.url}/launcher/elsewhere.html`);
    // the triggers ran and left this page alone: nothing shown then, and no timer or listener left to show it later
    await settled(page, (await triggersLoaded).url());
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await page.mouse.wheel(0, 2_000);
    await page.mouse.move(200, 0);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await context.close();
  });
});

const DAY_MS = 24 * 3600_000;

/**
 * Resolve once the loader has run the triggers chunk at `url`: importing the same module resolves after the
 * loader's own import of it, and the loader calls startTriggers in the microtasks that follow, before this
 * evaluate answers.
 */
async function settled(page: Page, url: string): Promise<void> {
  // a string, not a function: the test runner's transform would rewrite import() inside a function
  await page.evaluate(`import(${JSON.stringify(url)}).then(() => undefined)`);
}
