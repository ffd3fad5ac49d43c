// the bundled tracker in real Chromium: the queue survives a closed page, and a beacon leaves on pagehide
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { bundleTracker } from "../../scripts/bundle-tracker.js";
import { launchChromium, serveStatic, type StaticServer } from "../helpers/chromium.js";
import { startCollectorStub } from "./collector-stub.js";

const PAGE = `<!doctype html><meta charset="utf-8"><title>tracker</title>
<script src="/tracker.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.delivered = [];
  window.tracker = MinigameTracker.createTracker({
    endpoint: q.get("endpoint"), campaignId: "tet-2027", sdkVersion: "test",
    onDeliver: (events) => window.delivered.push(...events.map((e) => e.id)),
  });
</script>`;

let browser: Browser;
let site: StaticServer;
let stub: Awaited<ReturnType<typeof startCollectorStub>>;

beforeAll(async () => {
  [browser, site, stub] = await Promise.all([
    launchChromium(),
    bundleTracker().then((code) => serveStatic({ files: { "/index.html": PAGE, "/tracker.js": code } })),
    startCollectorStub(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await stub?.close();
});

/** poll until `check` holds (expect.poll), answering whether it did within `ms` */
const waitFor = (check: () => boolean, ms = 30_000) =>
  expect
    .poll(check, { timeout: ms, interval: 50 })
    .toBe(true)
    .then(
      () => true,
      () => false,
    );
/** poll the page until `fn` holds: the collector stores an event a moment before the page reads the answer */
async function waitInPage(page: Page, fn: () => boolean, ms = 10_000) {
  return page.waitForFunction(fn, undefined, { timeout: ms, polling: 50 }).then(
    () => true,
    () => false,
  );
}
async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.url}/index.html?endpoint=${encodeURIComponent(stub.url)}&utm_source=test&email=x`);
  return page;
}
const trackMany = (page: Page, n: number) =>
  page.evaluate(
    (n) => Array.from({ length: n }, (_, i) => (window as any).tracker.track(i % 2 ? "open" : "impression", { i }).id as string),
    n,
  );

it("delivers events queued by a page that closed before its flush, when the visitor comes back", async () => {
  const context = await browser.newContext();
  await stub.down(); // the beacon of the closing page hits a dead collector
  const first = await openPage(context);
  const ids = await trackMany(first, 12);
  const stored = await first.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mg:q:tet-2027:")).length);
  expect(stored).toBe(12); // written ahead, before any send
  await first.close();
  await stub.up();
  expect([...stub.events.keys()].filter((id) => ids.includes(id))).toEqual([]);

  const again = await openPage(context);
  expect(await waitFor(() => ids.every((id) => stub.events.has(id)))).toBe(true);
  expect(await waitInPage(again, () => (window as any).tracker.pending() === 0)).toBe(true);
  const event = stub.events.get(ids[0]!)!;
  expect(event.context?.url).toBe(`${site.url}/index.html?utm_source=test`);
  expect(event.context?.automated).toBe(true);
  await context.close();
}, 60_000);

it("sends the queue with sendBeacon on pagehide", async () => {
  stub.setMode({ kind: "ok" });
  const context = await browser.newContext();
  const page = await openPage(context);
  const before = stub.requests.length;
  const ids = await trackMany(page, 5);
  await page.goto("about:blank"); // pagehide well inside the 2 s batching window
  expect(await waitFor(() => ids.every((id) => stub.events.has(id)), 10_000)).toBe(true);
  // sendBeacon, not fetch: no-cors mode (fetch would say cors), text/plain, and no preflight
  const carrying = stub.requests.slice(before).filter((r) => r.events.some((id) => ids.includes(id)));
  const beacon = carrying.find((r) => r.headers["sec-fetch-mode"] === "no-cors");
  expect(beacon, JSON.stringify(carrying.map((r) => [r.headers["sec-fetch-mode"], r.events.length]))).toBeDefined();
  expect(beacon!.events).toEqual(ids);
  expect(beacon!.headers["content-type"]).toBe("text/plain;charset=UTF-8");
  expect(stub.requests.some((r) => r.headers["access-control-request-method"])).toBe(false);
  await context.close();
}, 60_000);

it("lets one tab send for all: another tab's claim goes out through the lock holder, and the next tab takes over", async () => {
  const context = await browser.newContext();
  const a = await openPage(context);
  // a holds the Web Lock before b opens, so b is the tab that has to hand its claim over
  await expect.poll(() => a.evaluate(async () => (await navigator.locks.query()).held?.length ?? 0)).toBeGreaterThan(0);
  const b = await openPage(context);
  const fromB = await b.evaluate(() => (window as any).tracker.track("claim", { prizeId: "voucher50" }).id as string);
  expect(await waitFor(() => stub.events.has(fromB), 10_000)).toBe(true);
  expect(await waitInPage(a, () => (window as any).delivered.length > 0)).toBe(true);
  expect(await a.evaluate(() => (window as any).delivered as string[])).toContain(fromB);
  expect(await b.evaluate(() => (window as any).delivered as string[])).toEqual([]);
  await a.close();
  const next = await b.evaluate(() => (window as any).tracker.track("lead").id as string);
  expect(await waitFor(() => stub.events.has(next), 10_000)).toBe(true);
  expect(await waitInPage(b, () => (window as any).delivered.length > 0)).toBe(true);
  expect(await b.evaluate(() => (window as any).delivered as string[])).toContain(next);
  await context.close();
}, 60_000);
