// host-page safety: the script-tag widget on pages that break things — hostile CSS, polluted prototypes, an
// overridden fetch, a localStorage that throws — still works, and the page's own scripts keep working
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createCollector, type Collector, type Database } from "../../src/collector/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { launchChromium, serveStatic, type StaticServer } from "../helpers/chromium.js";
import { ROOT } from "../../bench/lib/site.js";
import { stockedWheel } from "./campaigns.js";

const stocked = stockedWheel("host-safety", 1000, { giftWeight: 1 });
// client mode: no stock or code pool (only the collector can keep those); a win shows one shared code
const campaign = {
  ...stocked,
  mode: "client",
  display: { exitIntent: false },
  prizes: stocked.prizes.map(({ stock: _stock, codes: _codes, ...p }) => (p.win === false ? p : { ...p, code: "HOST10" })),
};

// the page's own life: a ticking timer, a button handler and an error log, checked after the widget has run
const HOST_SCRIPT = `<script>
  window.hostTicks = 0; setInterval(function () { window.hostTicks++; }, 50);
  window.hostErrors = []; window.addEventListener("error", function (e) { window.hostErrors.push(String(e.message)); });
</script>`;

type HostilePage = {
  head: string;
  /** an expression that is true while the page's own changes are still in place */
  check: string;
};

const HOSTILE: Record<string, HostilePage> = {
  "a plain page (control)": { head: "", check: "true" },
  "hostile global CSS": {
    head: `<style>
      * { all: unset !important; box-sizing: content-box !important; }
      html { font-size: 40px !important; line-height: 3 !important; font-family: fantasy !important; }
      div, button, svg, span, p, h2 { transform: rotate(3deg) scale(1.4) !important; letter-spacing: .5em !important; }
      button { pointer-events: none !important; }
      head, script, style { display: none !important; }
      body, #slot { display: block !important; }
    </style>`,
    check: "getComputedStyle(document.body).fontFamily === 'fantasy'",
  },
  "a polluted Array.prototype": {
    // what old libraries (Prototype.js, MooTools, in-house helpers) really did: enumerable additions
    head: `<script>
      Array.prototype.remove = function (x) { var i = this.indexOf(x); if (i >= 0) this.splice(i, 1); return this; };
      Array.prototype.first = function () { return this[0]; };
      Array.prototype.polluted = "yes";
    </script>`,
    check: "[1].first() === 1 && [].polluted === 'yes'",
  },
  "a polluted Object.prototype": {
    head: `<script>
      Object.prototype.hostExtend = function (o) { for (var k in o) this[k] = o[k]; return this; };
      Object.prototype.polluted = { admin: true };
      Object.prototype.length = 7;
    </script>`,
    check: "({}).polluted.admin === true && typeof ({}).hostExtend === 'function'",
  },
  "a page that overrides fetch": {
    head: `<script>
      window.hostFetchCalls = 0;
      window.fetch = function () { window.hostFetchCalls++; throw new TypeError("fetch is disabled on this page"); };
      window.hostFetch = window.fetch;
    </script>`,
    check: "window.fetch === window.hostFetch",
  },
  "a page that pre-defines zod's global config": {
    // zod keeps its settings on globalThis.__zod_globalConfig; ours are module-local, so this changes nothing of ours
    head: `<script>
      window.__zod_globalConfig = { jitless: false, postProcessor: function () { throw new Error("the page's post-processor"); } };
    </script>`,
    check: "typeof window.__zod_globalConfig.postProcessor === 'function' && window.__zod_globalConfig.jitless === false",
  },
  "a localStorage that throws": {
    head: `<script>
      Object.defineProperty(window, "localStorage", { configurable: true, get: function () { throw new DOMException("storage is blocked", "SecurityError"); } });
    </script>`,
    check: "(function () { try { localStorage; return false; } catch (e) { return e.name === 'SecurityError'; } })()",
  },
};

/** the host pages, each loading the built script tag the way a landing page does */
function hostPage(head: string, endpoint: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}${HOST_SCRIPT}</head><body>
      <h1>Host page</h1><button id="host-button" onclick="window.hostClicks = (window.hostClicks || 0) + 1">host button</button>
      <div id="slot" style="width: 360px"></div>
      <script type="application/json" id="campaign">${JSON.stringify(campaign)}</script>
      <script async src="/dist/minigame.js" data-campaign="#campaign" data-target="#slot" data-collector="${endpoint}"></script>
    </body></html>`;
}

let browser: Browser;
let server: StaticServer;
let collector: Collector;
let database: Database | undefined;

beforeAll(async () => {
  database = await openTestPglite();
  // the real collector receives the widget's events, so the tracker runs as it would in production
  collector = createCollector({ campaigns: [campaign], database, dataDir: null, includeAutomated: true, log: () => {} });
  const { port } = await collector.listen(0);
  const endpoint = `http://127.0.0.1:${port}/v1/events`;
  const files = Object.fromEntries(Object.values(HOSTILE).map(({ head }, i) => [`/host-${i}.html`, hostPage(head, endpoint)]));
  for (const [name, page] of Object.entries(FAILING)) files[`/fail-${name}.html`] = failingPage(page);
  files["/fail/not-json.json"] = "<!doctype html><title>Oops</title>";
  files["/fail/invalid.json"] = JSON.stringify({ ...campaign, game: "dice", prizes: [{ id: "a", label: "A", weight: -1 }] });
  files["/fail/good.json"] = JSON.stringify(campaign);
  // the built loader (dist/minigame.js) and its chunks (dist/chunks/) from disk: run `npm run build` first
  [browser, server] = await Promise.all([launchChromium(), serveStatic({ files, root: ROOT })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
  await database?.close();
});

async function openHostPage(name: string): Promise<{ page: Page; uncaught: string[] }> {
  const path = `/host-${Object.keys(HOSTILE).indexOf(name)}.html`;
  const page = await browser.newPage({ reducedMotion: "reduce" });
  const uncaught: string[] = [];
  page.on("pageerror", (e) => uncaught.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, uncaught };
}

describe.each(Object.entries(HOSTILE))("the widget on %s", (name, { check }) => {
  it("mounts, spins and shows its result, and the page's own scripts keep working", async () => {
    const { page, uncaught } = await openHostPage(name);
    try {
      // the widget works: spin, land, announce a prize from the campaign
      // the spin button is enabled once the draw source, fetched after the first paint, knows the visitor may play
      await page.locator(".mg-hub:not([disabled])").click({ timeout: 15_000, force: true });
      const announced = (await page.locator(".mg-prize").textContent({ timeout: 15_000 }))?.trim();
      expect(campaign.prizes.map((p) => p.label)).toContain(announced);

      // the page still runs: its timer ticks, its button answers, its own overrides are still its own
      const ticks = await page.evaluate(() => (window as any).hostTicks as number);
      await page.waitForFunction((before) => ((window as any).hostTicks as number) > before, ticks);
      await page.evaluate(() => (document.getElementById("host-button") as HTMLButtonElement).click());
      expect(await page.evaluate(() => (window as any).hostClicks)).toBe(1);
      expect(await page.evaluate(check)).toBe(true);

      // quietly: nothing thrown into the page, nothing in the page's error handler
      expect(uncaught).toEqual([]);
      expect(await page.evaluate(() => (window as any).hostErrors)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

// fail closed: each of these shows nothing, logs exactly one console error, throws nothing into the page and
// leaves no global behind but window.minigame and window.Minigame
/** `clock`: the page runs on a fake clock the test moves ahead, for a failure that is a timeout */
type FailingPage = { head?: string; campaign: string; message: RegExp; clock?: boolean };
const FAILING: Record<string, FailingPage> = {
  "attach-shadow-throws": {
    head: `<script>Element.prototype.attachShadow = function () { throw new DOMException("shadow roots are disabled here", "NotSupportedError"); };</script>`,
    campaign: "/fail/good.json",
    message: /could not render the widget.*shadow roots are disabled here/,
  },
  "fetch-never-answers": {
    head: `<script>window.fetch = function () { return new Promise(function () {}); };</script>`,
    campaign: "/fail/good.json",
    message: /could not load the campaign.*no answer after 10 s/,
    clock: true,
  },
  "campaign-404": { campaign: "/fail/missing.json", message: /could not load the campaign.*HTTP 404/ },
  "invalid-json": { campaign: "/fail/not-json.json", message: /is invalid:.*is not valid JSON/s },
  "invalid-campaign-with-zod-global": {
    head: `<script>window.__zod_globalConfig = { jitless: false, postProcessor: function () { throw new Error("the page's post-processor"); } };</script>`,
    campaign: "/fail/invalid.json",
    message: /is invalid:\n {2}game: .*\n {2}prizes\[0\]\.weight: /s,
  },
};

function failingPage({ head = "", campaign: source }: FailingPage): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
      ${head}<script>window.__globalsBefore = Object.getOwnPropertyNames(window);</script></head><body>
      <div id="slot" style="width: 360px"></div>
      <script async src="/dist/minigame.js" data-campaign="${source}" data-target="#slot"></script>
    </body></html>`;
}

describe.each(Object.entries(FAILING))("a page where %s", (name, { message, clock }) => {
  it("shows nothing, logs exactly one console error and leaves only minigame/Minigame on window", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const uncaught: string[] = [];
    // the browser's own "Failed to load resource" line for a 404 is not ours
    page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
    page.on("pageerror", (e) => uncaught.push(e.message));
    try {
      if (clock) await page.clock.install();
      await page.goto(`${server.url}/fail-${name}.html`);
      // a timeout is reached by moving the page's clock a second at a time rather than by waiting for it
      await expect
        .poll(
          async () => {
            if (clock) await page.clock.runFor(1_000);
            return errors.length;
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      // anything late would show up by the time the page has settled
      await page.waitForLoadState("networkidle");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(uncaught).toEqual([]);
      expect(await page.evaluate(() => document.querySelector("#slot")!.childNodes.length)).toBe(0);
      const added = await page.evaluate(() =>
        Object.getOwnPropertyNames(window)
          .filter((n) => !(window as unknown as { __globalsBefore: string[] }).__globalsBefore.includes(n) && n !== "__globalsBefore")
          .sort(),
      );
      expect(added).toEqual(["Minigame", "minigame"]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
