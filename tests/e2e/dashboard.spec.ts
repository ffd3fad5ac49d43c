// the dashboard in a real Chromium against a real collector on PGlite: the numbers on screen are the stats API's
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormat } from "../../src/dashboard/i18n.js";
import { launchChromium } from "../helpers/chromium.js";
import { buildDashboard, DASHBOARD_TOKEN, startDashboardServer, type DashboardServer } from "../helpers/dashboard.js";

let browser: Browser;
let server: DashboardServer;
let bundle: Awaited<ReturnType<typeof buildDashboard>>;
// mid-campaign: "last 7 days" has a previous period inside the schedule
const NOW = Date.parse("2027-02-03T15:00:00+07:00");

beforeAll(async () => {
  bundle = await buildDashboard();
  server = await startDashboardServer({ dashboardDir: bundle.dir, events: 12_000, now: () => NOW });
  browser = await launchChromium();
}, 300_000); // a bundle build and 12k stored events on a loaded machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  bundle?.remove();
});

const api = async (path: string, token: string | null = DASHBOARD_TOKEN) =>
  fetch(server.url + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const json = async <T = Record<string, unknown>>(path: string) => (await (await api(path)).json()) as T;

type Stats = Record<string, number> & { funnel: Record<string, number>; leads: number };

/** a page that records console errors and CSP violations */
async function openDashboard(hash = ""): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${server.url}/dashboard${hash}`);
  return { page, problems };
}

async function signIn(page: Page, token = DASHBOARD_TOKEN) {
  await page.getByLabel(/admin token|mã quản trị/i).fill(token);
  await page.getByRole("button", { name: /open dashboard|mở bảng/i }).click();
}

/** the headline as shown: metric → [text on screen, data-value] */
async function headline(page: Page) {
  await page.locator("[data-ready=headline]").waitFor();
  return page.$$eval(".kpi", (cards) =>
    Object.fromEntries(
      cards.map((c) => {
        const v = c.querySelector(".kpi-value")!;
        return [c.getAttribute("data-metric"), { text: v.textContent, value: Number(v.getAttribute("data-value")) }];
      }),
    ),
  );
}

describe("the dashboard", () => {
  it("asks for the admin token, refuses a wrong one, and keeps the right one for this tab only", async () => {
    const { page, problems } = await openDashboard();
    await signIn(page, "not-the-token");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/refused|từ chối/);
    await signIn(page);
    await page.locator("[data-ready=headline]").waitFor();
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([1, 0]);
    await page.reload();
    await page.locator("[data-ready=headline]").waitFor();
    // a new tab's storage starts empty: the token is asked again
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(`${server.url}/dashboard`);
    await fresh.getByLabel(/admin token|mã quản trị/i).waitFor();
    await other.close();
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
    await page.close();
  });

  it("shows the stats API's numbers for the whole campaign, in the campaign's language", async () => {
    const { page, problems } = await openDashboard();
    await signIn(page);
    const [list, stats] = await Promise.all([
      json<{ campaigns: Array<{ firstDay: string; today: string }> }>("/v1/campaigns"),
      // whole campaign: the API's own numbers, no range
      json<Stats>("/v1/campaigns/tet-2027/stats"),
    ]);
    expect(list.campaigns[0]).toEqual(expect.objectContaining({ firstDay: "2027-01-20", today: "2027-02-03" }));
    const shown = await headline(page);
    const vi = createFormat("vi");
    for (const metric of ["reach", "participants", "plays", "wins", "claims", "leads"]) {
      expect(shown[metric], metric).toEqual({ text: vi.n(stats[metric]!), value: stats[metric] });
    }
    for (const metric of ["participationRate", "conversionRate", "winRate"]) {
      expect(shown[metric], metric).toEqual({ text: vi.pct(stats[metric]!), value: stats[metric] });
    }
    expect(stats.plays).toBeGreaterThan(100);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    for (const step of ["impression", "open", "play", "result", "claim"]) {
      expect(Number(await page.locator(`[data-step=${step}] .funnel-count`).getAttribute("data-value")), step).toBe(stats.funnel[step]);
    }
    // the newer stats fields, on a collector that has them (docs/dashboard.md)
    await page.locator("#funnel").waitFor();
    // nothing wider than a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const figure = (metric: string) => page.locator(`[data-metric="${metric}"] .figure-value`).textContent();
    if (typeof stats.returning === "number") expect(await figure("returning")).toBe(vi.n(stats.returning));
    const extra = stats as unknown as Record<string, Record<string, Record<string, number>> | undefined>;
    for (const [field, section] of [
      ["sources", "#sources"],
      ["devices", "#devices"],
    ] as const) {
      for (const [key, values] of Object.entries(extra[field] ?? {})) {
        const cells = await page.locator(`${section} tr[data-key="${key}"] td`).allTextContents();
        expect(cells[0], `${field}.${key}`).toBe(vi.n(values.reach!));
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows and takes the range's days day first in Vietnamese, and refuses a day that does not exist", async () => {
    const { page, problems } = await openDashboard("#/c/tet-2027?preset=7d&lang=vi");
    await signIn(page);
    await headline(page);
    const from = page.locator('input[name="from"]');
    await expect.poll(() => from.inputValue()).toBe("28/01/2027");
    expect(await page.locator('input[name="to"]').inputValue()).toBe("03/02/2027");
    await from.fill("30/01/2027");
    await from.press("Enter");
    await expect.poll(() => page.evaluate(() => location.hash)).toContain("from=2027-01-30");
    const range = await json<Stats>("/v1/campaigns/tet-2027/stats?from=2027-01-30&to=2027-02-03");
    await expect.poll(async () => (await headline(page)).plays?.value).toBe(range.plays);
    await from.fill("31/02/2027");
    await from.press("Enter");
    await expect.poll(() => from.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => location.hash)).toContain("from=2027-01-30");
    // days read day/month/year, never with vi-VN's "thg"
    expect(await page.locator("body").textContent()).not.toMatch(/thg/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("compares a range with the period before it, switches to English, and gives prizes as the inventory API does", async () => {
    const { page, problems } = await openDashboard("#/c/tet-2027?preset=7d&lang=en");
    await signIn(page);
    const [current, previous, inventory] = await Promise.all([
      json<Stats>("/v1/campaigns/tet-2027/stats?from=2027-01-28&to=2027-02-03"),
      json<Stats>("/v1/campaigns/tet-2027/stats?from=2027-01-21&to=2027-01-27"),
      json<{ prizes: Array<{ id: string; given: number }> }>("/v1/campaigns/tet-2027/inventory"),
    ]);
    const shown = await headline(page);
    const en = createFormat("en");
    expect(shown.plays).toEqual({ text: en.n(current.plays!), value: current.plays });
    await page.locator(".kpi-prev [data-previous]").first().waitFor();
    const before = await page.$$eval(".kpi", (cards) =>
      Object.fromEntries(
        cards.map((c) => [c.getAttribute("data-metric"), Number(c.querySelector("[data-previous]")?.getAttribute("data-previous"))]),
      ),
    );
    for (const metric of ["reach", "participants", "plays", "wins", "claims", "leads", "winRate"])
      expect(before[metric], metric).toBe(previous[metric]);
    expect(await page.locator("#prizes h2").textContent()).toBe("Prizes");
    await page.locator("#prizes tbody tr").first().waitFor();
    for (const p of inventory.prizes) {
      expect(Number(await page.locator(`[data-prize="${p.id}"] td[data-value]`).getAttribute("data-value")), p.id).toBe(p.given);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("exports a table as CSV a spreadsheet opens safely", async () => {
    const { page } = await openDashboard("#/c/tet-2027?lang=en");
    await signIn(page);
    await page.locator("[data-ready=headline]").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#funnel [data-csv]").click()]);
    // read through the download's stream: path() is not available from a browser the suite is connected to
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.startsWith("\uFEFFstep,visitors,share_of_first,drop_off\r\n")).toBe(true);
    expect(text.split("\r\n")[1]).toMatch(/^impression,\d+,1,$/);
    await page.close();
  });

  it("sends the list and the view's stats from the shell's inline script, once each, before the bundle runs", async () => {
    // the token already in the tab, as after signing in once
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript((token) => sessionStorage.setItem("minigame-dashboard-token", token), DASHBOARD_TOKEN);
    for (const [hash, stats] of [
      ["#/c/tet-2027?lang=en", "/v1/campaigns/tet-2027/stats"],
      // the days of "last 7 days" hang on the campaign's calendar: asked as soon as the list arrives
      ["#/c/tet-2027?preset=7d&lang=en", "/v1/campaigns/tet-2027/stats?from=2027-01-28&to=2027-02-03"],
      // a bare address opens the only campaign
      ["", "/v1/campaigns/tet-2027/stats"],
    ] as const) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      const asked: string[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith("/v1/")) asked.push(url.pathname + url.search);
      });
      await page.goto(`${server.url}/dashboard${hash}`);
      const shown = await headline(page);
      expect(shown.plays?.value, hash).toBe((await json<Stats>(stats)).plays);
      expect(
        asked.filter((p) => p === "/v1/campaigns"),
        hash,
      ).toHaveLength(1);
      expect(
        asked.filter((p) => p === stats),
        hash,
      ).toHaveLength(1);
      if (hash === "#/c/tet-2027?lang=en") {
        // a module runs once the document is parsed: a request sent before that came from the inline script
        const [sent, parsed] = await page.evaluate((path) => {
          const entry = performance.getEntriesByType("resource").find((r) => r.name.endsWith(path))!;
          return [entry.startTime, (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domInteractive];
        }, stats);
        expect(sent).toBeLessThan(parsed!);
      }
      expect(problems, hash).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it("serves its data only to the admin token", async () => {
    for (const path of ["/v1/campaigns", "/v1/campaigns/tet-2027/stats", "/v1/campaigns/tet-2027/inventory"]) {
      expect((await api(path, null)).status, path).toBe(401);
      expect((await api(path, "wrong")).status, path).toBe(401);
    }
    const shell = await api("/dashboard", null);
    expect(shell.status).toBe(200);
    expect(await shell.text()).not.toContain("tet-2027");
  });
});
