// dashboard first paint at 1M events, beside the stats API call alone, in the same run on the same collector:
//   API alone   = GET /v1/campaigns/:id/stats (the dashboard's default view, the whole campaign), fetched from a page
//                 already open; and the same call as a page of its own: a fresh tab navigating to the stats URL (the
//                 token in the context's extra HTTP headers), navigation start → first contentful paint of the JSON,
//                 i.e. the API call under the same browser conditions as the dashboard's first paint
//   first paint = navigation start → the headline numbers painted (Element Timing "mg:headline": the frame that shows
//                 them), token already in the tab, fresh page each time: shell, bundle, campaign list and the same stats
//                 call; once more in a new browser context each time (nothing cached), and step by step
// run: npx tsx bench/dashboard.ts [--events 1000000] [--runs 5] [--max-seconds 900]
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { launchChromium } from "../tests/helpers/chromium.js";
import { buildDashboard, DASHBOARD_TOKEN, startDashboardServer, tetCampaign } from "../tests/helpers/dashboard.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    "max-seconds": { type: "string", default: "900" },
  },
});
// bounded in time: a stuck run must not keep a shared machine busy
setTimeout(() => {
  console.error(`bench/dashboard.ts: stopped after ${args["max-seconds"]} s (--max-seconds)`);
  process.exit(1);
}, Number(args["max-seconds"]) * 1000).unref();

const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

console.log(`load average before: ${load()}`);
const started = performance.now();
const bundle = await buildDashboard();
const server = await startDashboardServer({
  dashboardDir: bundle.dir,
  events: EVENTS,
  onProgress: (n) => n % 100_000 === 0 && process.stderr.write(`  ${n} events stored\n`),
});
console.log(
  `${EVENTS.toLocaleString("en")} events stored in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${load()}`,
);
// the served figures come from counters filled from the stored draws at start: they must equal a recount of the draws
{
  const id = String(tetCampaign.id);
  const [recount] = await server.db.query<{ plays: number; wins: number; players: number; claims: number }>(
    `SELECT count(*)::integer AS plays, count(*) FILTER (WHERE win)::integer AS wins, count(DISTINCT visitor_id)::integer AS players,
       (SELECT count(*)::integer FROM redemptions WHERE campaign_id = $1) AS claims
     FROM draws WHERE campaign_id = $1 AND NOT test`,
    [id],
  );
  const res = await fetch(`${server.url}/v1/campaigns/${id}/stats`, { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } });
  const served = (await res.json()) as { plays: number; wins: number; participants: number; claims: number };
  const got = { plays: served.plays, wins: served.wins, players: served.participants, claims: served.claims };
  if (JSON.stringify(got) !== JSON.stringify(recount)) {
    console.error(`served stats ${JSON.stringify(got)} differ from a recount of the draws ${JSON.stringify(recount)}`);
    process.exit(1);
  }
  console.log(`served plays, wins, players and claims equal a recount of the draws: ${JSON.stringify(got)}`);
}
const browser = await launchChromium();
try {
  // the token is already in the tab, as after signing in once; the headline's paint (Element Timing) is reported on
  // the console, so the bench waits without running anything in the page while it loads
  const newContext = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((token) => {
      sessionStorage.setItem("minigame-dashboard-token", token);
      // Element Timing entries reach observers only; an entry's startTime is its render time (the frame that showed it)
      new PerformanceObserver((list) => {
        const entry = list.getEntries().find((e) => (e as PerformanceEntry & { identifier?: string }).identifier === "mg:headline");
        if (!entry) return;
        (globalThis as { mgHeadlinePaint?: number }).mgHeadlinePaint = entry.startTime;
        console.debug("mg:headline painted");
      }).observe({ type: "element", buffered: true });
    }, DASHBOARD_TOKEN);
    return context;
  };
  const context = await newContext();
  const c = { id: String(tetCampaign.id) };
  // the dashboard's default view ("whole campaign") asks for the stats without a range
  const statsPath = `/v1/campaigns/${c.id}/stats`;

  // each step of a first paint (resource timings, marks), to say where its milliseconds go
  const breakdown: Record<string, number[]> = {};
  const blank = await context.newPage();
  await blank.goto(`${server.url}/healthz`);
  const apiCall = () =>
    blank.evaluate(
      async ([path, token]) => {
        const t = performance.now();
        const res = await fetch(path!, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
        await res.json();
        return performance.now() - t;
      },
      [statsPath, DASHBOARD_TOKEN],
    );
  /**
   * navigation start → the headline's numbers painted; `into` gets each step (null: none; an explicit undefined would
   * take the default, which once put the warm-up's and the empty-cache runs' network fetches of the bundle into the
   * warm tabs' steps)
   */
  const firstPaint = async (where = context, into: Record<string, number[]> | null = breakdown) => {
    const page = await where.newPage();
    const painted = page.waitForEvent("console", { predicate: (m) => m.text() === "mg:headline painted", timeout: 60_000 });
    await page.goto(`${server.url}/dashboard#/c/${c.id}`, { waitUntil: "commit" });
    await painted;
    const steps = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const out: Record<string, number> = { "HTML received": nav.responseEnd, "DOM parsed": nav.domInteractive };
      for (const r of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
        const name = new URL(r.name).pathname.replace(/^.*\//, "").replace(/^dashboard-[\w-]+\.js$/, "dashboard-[hash].js");
        out[`${name} requested`] ??= r.startTime;
        out[`${name} received${r.transferSize === 0 ? " (browser cache)" : ""}`] ??= r.responseEnd;
      }
      for (const m of performance.getEntriesByType("mark")) out[`${m.name} (numbers in the page)`] = m.startTime;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      if (paint) out["first contentful paint"] = paint.startTime;
      out["headline painted"] = (globalThis as { mgHeadlinePaint?: number }).mgHeadlinePaint ?? Number.NaN;
      return out;
    });
    await page.close();
    if (into) for (const [k, v] of Object.entries(steps)) into[k] = [...(into[k] ?? []), v];
    return steps["headline painted"]!;
  };

  // the API call as a tab of its own: new page, navigation, response, first paint of the JSON text
  const jsonContext = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { authorization: `Bearer ${DASHBOARD_TOKEN}` },
  });
  const apiTab = async () => {
    const page = await jsonContext.newPage();
    const res = await page.goto(`${server.url}${statsPath}`, { waitUntil: "load" });
    if (res?.status() !== 200) throw new Error(`GET ${statsPath} in a tab answered ${res?.status()}`);
    // read once painted: the entry's time is the browser's, reading it later changes nothing
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName("first-contentful-paint")[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: "paint", buffered: true }),
        ),
    );
    await page.close();
    return fcp;
  };

  await apiCall(); // warm the database's caches and the plans
  await apiTab();
  await firstPaint(context, null);
  const api: number[] = [];
  const tab: number[] = [];
  const paint: number[] = [];
  const cold: number[] = [];
  // interleaved, so both see the same load on a shared machine
  for (let i = 0; i < RUNS; i++) {
    api.push(await apiCall());
    tab.push(await apiTab());
    paint.push(await firstPaint());
    // a browser that never saw the dashboard: nothing cached
    const fresh = await newContext();
    cold.push(await firstPaint(fresh, null));
    await fresh.close();
  }
  await jsonContext.close();
  const a = median(api);
  const j = median(tab);
  const p = median(paint);
  const k = median(cold);
  console.log(`\n## dashboard at ${EVENTS.toLocaleString("en")} events (PGlite, Chromium ${browser.version()}), median of ${RUNS}`);
  console.log("| measure | ms | vs API alone | vs API in a fresh tab |");
  console.log("|---|---:|---:|---:|");
  console.log(`| GET ${statsPath.replace(c.id, ":id")} from the page (API alone) | ${a.toFixed(0)} | 1.00 | ${(a / j).toFixed(2)} |`);
  console.log(
    `| the same GET as a fresh tab navigating to it (navigation → first contentful paint of the JSON) | ${j.toFixed(0)} | ${(j / a).toFixed(2)} | 1.00 |`,
  );
  console.log(
    `| dashboard first paint of the headline (navigation → numbers painted), fresh tab | ${p.toFixed(0)} | ${(p / a).toFixed(2)} | ${(p / j).toFixed(2)} |`,
  );
  console.log(
    `| the same in a browser that never loaded the dashboard (empty cache) | ${k.toFixed(0)} | ${(k / a).toFixed(2)} | ${(k / j).toFixed(2)} |`,
  );
  // each run's first paint over the API tab run just before it: the pair saw the same load, so its ratio drifts less
  // with a machine that gets busier or quieter between runs than the ratio of the medians does
  const paired = median(paint.map((x, i) => x / tab[i]!));
  console.log(`\nfirst paint / API in a fresh tab, median of the ${RUNS} runs' own ratios: ${paired.toFixed(2)}`);
  console.log("\n| first paint in a fresh tab, step by step (median ms after navigation start) | ms |\n|---|---:|");
  for (const [key, v] of Object.entries(breakdown).sort((x, y) => median(x[1]) - median(y[1])))
    console.log(`| ${key} | ${median(v).toFixed(0)} |`);
  console.log(
    `\nruns, API: ${api.map((x) => x.toFixed(0)).join(", ")}; API in a fresh tab: ${tab.map((x) => x.toFixed(0)).join(", ")}; first paint: ${paint.map((x) => x.toFixed(0)).join(", ")}; empty cache: ${cold.map((x) => x.toFixed(0)).join(", ")}`,
  );
  console.log(`load average after: ${load()} (2 cores)`);
} finally {
  await browser.close();
  await server.close();
  bundle.remove();
}
