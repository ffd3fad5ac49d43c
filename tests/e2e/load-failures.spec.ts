// what the page sees when things go wrong: a campaign that 404s or is not JSON, a script loaded twice
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startStaticServer, type StaticServer } from "./harness.js";
import { demoWheel, hostPage } from "./pages.js";

let browser: Browser;
let server: StaticServer;

// the page registers an error listener through the stub queue and has a control of its own
const PAGE_SCRIPT = `
window.minigame = window.minigame || function () { (minigame.q = minigame.q || []).push(arguments); };
window.errors = [];
minigame("on", "error", function (e) { window.errors.push(e); });
document.addEventListener("DOMContentLoaded", function () {
  document.querySelector("#count").addEventListener("click", function (e) { e.target.textContent = String(Number(e.target.textContent) + 1); });
});`;

beforeAll(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  server.route("/fail/page.js", PAGE_SCRIPT);
  server.route("/fail/not-json.json", "<!doctype html><title>Oops</title>");
  server.route("/fail/good.json", JSON.stringify(demoWheel));
  const page = (campaign: string, extra = "") =>
    hostPage({
      head: `<script src="/fail/page.js"></script>${extra}`,
      body: `<button id="count">0</button><div id="slot"></div>`,
      attrs: { "data-campaign": campaign, "data-target": "#slot" },
    });
  server.route("/fail/missing.html", page("/fail/missing.json"));
  server.route("/fail/not-json.html", page("/fail/not-json.json"));
  server.route(
    "/fail/twice.html",
    page("/fail/good.json", `<script async src="/dist/minigame.js" data-campaign="/fail/good.json" data-target="#slot"></script>`),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path: string): Promise<{ page: Page; errors: string[]; warnings: string[]; pageErrors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (m) => {
    // the browser's own "Failed to load resource" line for the 404 is not ours
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    if (m.type() === "warning") warnings.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(server.url + path);
  return { page, errors, warnings, pageErrors };
}

describe("a campaign that cannot be loaded", () => {
  it.each([
    ["/fail/missing.html", /data-campaign="\/fail\/missing\.json".*HTTP 404/s],
    ["/fail/not-json.html", /data-campaign="\/fail\/not-json\.json".*not valid JSON/s],
  ])("%s: nothing shown, one console error, one error event, the page keeps working", async (path, message) => {
    const { page, errors, pageErrors } = await visit(path);
    await expect.poll(() => page.evaluate(() => (window as unknown as { errors: unknown[] }).errors.length)).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    const event = await page.evaluate(() => (window as unknown as { errors: Array<{ error: string }> }).errors[0]);
    expect(event?.error).toBe(errors[0]);
    expect(await page.evaluate(() => document.querySelector("#slot")!.shadowRoot)).toBeNull();
    expect(await page.evaluate(() => document.querySelector("#slot")!.childNodes.length)).toBe(0);
    await page.locator("#count").click();
    await page.locator("#count").click();
    expect(await page.locator("#count").textContent()).toBe("2");
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

describe("the script loaded twice", () => {
  it("mounts one widget and warns once", async () => {
    const { page, warnings, errors, pageErrors } = await visit("/fail/twice.html");
    await page.locator("#slot .mg-hub").waitFor({ state: "visible" });
    await page.waitForLoadState("networkidle");
    expect(await page.locator("#slot .mg-card").count()).toBe(1);
    expect(warnings.filter((w) => w.includes("loaded twice"))).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
