// data-consent on the script tag, in Chromium: "pending" and "denied" store no visitor id (docs/tracker.md, "Consent
// and privacy"), a page view or a play included; the id is stored once consent is granted and removed once it is
// denied; a visitor who denied still cannot reset client mode's limits by reloading
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startEventSink, startStaticServer, type EventSink, type StaticServer } from "./harness.js";
import { demoWheel, hostPage, spinAndRead } from "./pages.js";

const labels = demoWheel.prizes.map((p) => p.label);
const VISITOR_KEY = "minigame:visitor:id";

// every localStorage key the page writes, in order, whoever writes it
const RECORD_WRITES = `<script>window.__writes = []; const set = Storage.prototype.setItem;
Storage.prototype.setItem = function (k, v) { if (this === window.localStorage) window.__writes.push(String(k)); return set.call(this, k, v); };</script>`;

/** ids and the tracker's keys: what "pending" must never write and "denied" removes */
const forbidden = (key: string) => key === VISITOR_KEY || key === "minigame:visitor" || key.startsWith("mg:");

let browser: Browser;
let server: StaticServer;
let sink: EventSink;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startStaticServer();
  sink = await startEventSink();
  browser = await launchChromium();
  server.route("/consent/campaign.json", JSON.stringify(demoWheel));
  for (const consent of ["pending", "denied"])
    server.route(
      `/consent/${consent}.html`,
      hostPage({
        attrs: {
          "data-campaign": "/consent/campaign.json",
          "data-collector": sink.endpoint,
          "data-target": "#slot",
          "data-consent": consent,
        },
        head: RECORD_WRITES,
        body: `<div id="slot"></div>`,
      }),
    );
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  await sink?.close();
});

/** the page once the impression has been tracked: the analytics chunk comes with the first event */
async function viewed(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const analytics = page.waitForResponse((r) => r.url().includes("/chunks/analytics-"));
  await page.goto(server.url + path);
  await analytics;
  return page;
}

// the tracker's storage check writes mg:probe and removes it at once: nothing of it stays
const writes = (page: Page) =>
  page.evaluate(() => (window as unknown as { __writes: string[] }).__writes.filter((key) => key !== "mg:probe"));
const stored = (page: Page) => page.evaluate(() => Object.keys(localStorage));
const consent = (page: Page, value: string) =>
  page.evaluate((v) => (window as unknown as { minigame(...args: unknown[]): void }).minigame("consent", v), value);

describe("data-consent and the visitor id", () => {
  it('"pending" writes nothing on a view and no id on a play; "granted" stores the events\' id, "denied" removes it', async () => {
    const page = await viewed("/consent/pending.html");
    await page.locator(".mg-hub").waitFor();
    expect(await writes(page)).toEqual([]);
    // a play writes the game's own keys (the ledger, the remembered draw), never an id
    await spinAndRead(page, "mouse", labels);
    expect((await writes(page)).filter(forbidden)).toEqual([]);
    expect((await stored(page)).filter(forbidden)).toEqual([]);

    await consent(page, "granted");
    await sink.waitFor((events) => ["impression", "play", "result"].every((t) => events.some((e) => e.type === t)));
    const visitors = new Set(sink.events().map((e) => e.visitorId));
    expect(visitors.size).toBe(1);
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), VISITOR_KEY)).toBe([...visitors][0]);

    await consent(page, "denied");
    await expect.poll(() => stored(page).then((keys) => keys.filter(forbidden))).toEqual([]);
  });

  it('"denied" stores no id, sends nothing, and the one-play limit still holds across a reload', async () => {
    const before = sink.events().length;
    const page = await viewed("/consent/denied.html");
    await spinAndRead(page, "mouse", labels);
    const first = await writes(page);
    expect(first.filter(forbidden)).toEqual([]);
    expect(first.length).toBeGreaterThan(0); // the ledger: client mode's limits live in this browser

    await page.reload();
    await page.locator("#slot .mg-card").hover();
    await expect.poll(() => page.locator("#slot .mg-card").textContent(), { timeout: 15_000 }).toContain("You have used all your plays");
    expect((await writes(page)).filter(forbidden)).toEqual([]);
    expect((await stored(page)).filter(forbidden)).toEqual([]);
    expect(sink.events().length).toBe(before);
  });
});
