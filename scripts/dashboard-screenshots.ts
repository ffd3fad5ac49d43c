// screenshots of the dashboard for docs/dashboard.md, on a phone (390×844) and a desktop (1280×800)
// run: npx tsx scripts/dashboard-screenshots.ts [outDir=docs/img] [--full]   (--full adds whole-page shots, for review)
import { launchChromium } from "../tests/helpers/chromium.js";
import { buildDashboard, DASHBOARD_TOKEN, startDashboardServer } from "../tests/helpers/dashboard.js";

const full = process.argv.includes("--full");
const outDir = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "docs/img";
const bundle = await buildDashboard();
// mid-campaign, so the range has a previous period and the prizes a pace
const server = await startDashboardServer({ dashboardDir: bundle.dir, events: 60_000, now: () => Date.parse("2027-02-03T15:00:00+07:00") });
const browser = await launchChromium();
try {
  const shots = [
    ["dashboard-phone", { width: 390, height: 844 }, false],
    ["dashboard-desktop", { width: 1280, height: 800 }, false],
    ["dashboard-phone-full", { width: 390, height: 844 }, true],
    ["dashboard-desktop-full", { width: 1280, height: 800 }, true],
  ] as const;
  for (const [name, viewport, whole] of shots.filter(([, , whole]) => full || !whole)) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel(/admin token|mã quản trị/i).fill(DASHBOARD_TOKEN);
    await page.getByRole("button", { name: /open dashboard|mở bảng/i }).click();
    await page.goto(`${server.url}/dashboard#/c/tet-2027?preset=7d`);
    await page.locator("#prizes tbody tr").first().waitFor();
    await page.locator(".kpi-prev .delta").first().waitFor();
    // the chart's code comes after the headline's: wait for its drawing
    await page.locator("#daily .chart canvas").first().waitFor();
    await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: whole });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  bundle.remove();
}
