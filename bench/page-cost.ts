// page cost of one 8-segment wheel in Chromium at 4× CPU throttling: time to painted, blocking time, JS heap
import type { Browser } from "playwright-core";
import { median } from "./lib/stats.js";
import type { SubjectName } from "./lib/site.js";

export type PageCostRun = { paintMs: number; blockingMs: number; taskMs: number; heapBytes: number };
export type PageCost = { subject: SubjectName; runs: PageCostRun[]; median: PageCostRun };

export type PageCostOptions = { browser: Browser; baseUrl: string; subjects: readonly SubjectName[]; runs?: number; throttle?: number };

/** blocking time counts long tasks this long after the wheel is painted too: hydration and late work land there */
const SETTLE_MS = 1000;

/** one load of one subject's page in a fresh context (no HTTP or code cache carried over) */
async function measureOnce(browser: Browser, url: string, throttle: number): Promise<PageCostRun> {
  const context = await browser.newContext({ viewport: { width: 400, height: 400 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    await cdp.send("Performance.enable");
    await page.goto(url);
    // waiting through CDP, not page.waitForFunction: that one first evaluates Playwright's injected script (hundreds of
    // kB) on the page's main thread, at 4× throttling 0.3–1.4 s of it, right after the load event. A wheel painted by
    // its script before the load event never felt it; one painted after (a loader's chunks) waited behind it.
    // The probe's own rAF poll still notes the time; this only waits until it has.
    const waited = await cdp.send("Runtime.evaluate", {
      expression: `new Promise((resolve, reject) => {
        const until = Date.now() + 60000;
        (function poll() {
          if (window.__bench && window.__bench.paintedAt !== undefined) resolve(true);
          else if (Date.now() > until) reject(new Error("the wheel was not painted within 60 s"));
          else setTimeout(poll, 50);
        })();
      })`,
      awaitPromise: true,
    });
    if (waited.exceptionDetails)
      throw new Error(`${url}: ${waited.exceptionDetails.exception?.description ?? waited.exceptionDetails.text}`);
    await page.waitForTimeout(SETTLE_MS);
    const probe = await page.evaluate(() => {
      const bench = (window as any).__bench as { paintedAt: number; longTasks: [number, number][] };
      const start = performance.getEntriesByName("script-start")[0]?.startTime ?? 0;
      return { start, paintedAt: bench.paintedAt, longTasks: bench.longTasks };
    });
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    // total blocking time as Lighthouse defines it: the part of each long task beyond 50 ms
    const blockingMs = probe.longTasks
      .filter(([at]) => at + 1 >= probe.start)
      .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
    return {
      paintMs: probe.paintedAt - probe.start,
      blockingMs,
      taskMs: metric("TaskDuration") * 1000,
      heapBytes: metric("JSHeapUsedSize"),
    };
  } finally {
    await context.close();
  }
}

/**
 * Load every subject `runs` times, round-robin so machine noise spreads evenly, and keep the medians.
 * @example
 * const costs = await measurePageCost({ browser, baseUrl: server.url, subjects: ["blank", "lucky-canvas"] });
 */
export async function measurePageCost(options: PageCostOptions): Promise<PageCost[]> {
  const { browser, baseUrl, subjects, runs = 5, throttle = 4 } = options;
  const results = new Map<SubjectName, PageCostRun[]>(subjects.map((s) => [s, []]));
  for (let round = 0; round < runs; round++) {
    for (const subject of subjects) {
      results.get(subject)!.push(await measureOnce(browser, `${baseUrl}/${subject}.html`, throttle));
    }
  }
  return subjects.map((subject) => {
    const r = results.get(subject)!;
    return {
      subject,
      runs: r,
      median: {
        paintMs: median(r.map((x) => x.paintMs)),
        blockingMs: median(r.map((x) => x.blockingMs)),
        taskMs: median(r.map((x) => x.taskMs)),
        heapBytes: median(r.map((x) => x.heapBytes)),
      },
    };
  });
}
