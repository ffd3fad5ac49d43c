// without data-target: a floating launcher that opens the game in a modal, and display triggers
import type { Browser } from "playwright-core";
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
    await page.goto(`${server.url}/launcher/delayed.html`);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await page.locator("[role=dialog]").waitFor({ state: "visible", timeout: 5_000 });
    await page.reload();
    await page.locator(".mg-launcher").waitFor({ state: "visible", timeout: 5_000 });
    await page.waitForTimeout(1_500);
    expect(await page.locator("[role=dialog]").count()).toBe(0);

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.evaluate(() => (window as unknown as { minigame(command: string): void }).minigame("destroy"));
    await page.waitForTimeout(1_500);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await context.close();
  });

  it("shows nothing on a page its urlPatterns leave out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/launcher/elsewhere.html`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    expect(await page.locator("[data-minigame]").count()).toBe(0);
    await context.close();
  });
});
