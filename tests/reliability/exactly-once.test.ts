// exactly-once events: a Chromium page sends 200 events through a proxy that loses requests and responses at random,
// while the collector is killed (SIGKILL) and restarted twice on the same PGlite data → each event stored once
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { openPglite } from "../../src/collector/index.js";
import { bundleIife } from "../../bench/lib/bundle.js";
import { launchChromium, serveStatic, type StaticServer } from "../helpers/chromium.js";
import { freePort, startCollectorProcess, type CollectorProcess } from "./helpers/collector-process.js";
import { startFlakyProxy, type FlakyProxy } from "./helpers/flaky-proxy.js";
import { scaled, timeoutFor } from "./soak.js";

// ten rounds of 20 (a full batch each) still meet random request and answer losses and both crashes in every run;
// `npm run soak` sends 2,000
const EVENTS = scaled(200);
const CAMPAIGN = {
  id: "exactly-once",
  game: "wheel",
  prizes: [
    { id: "a", label: "A", weight: 1 },
    { id: "b", label: "B", weight: 1, win: false },
  ],
};
const SECRET = "exactly-once-secret-0123456789abcdef";

let dir: string;
let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "minigame-exactly-once-"));
  site = await serveStatic({
    files: {
      "/tracker.js": await bundleIife(new URL("fixtures/tracker-page.ts", import.meta.url).pathname),
      "/index.html": `<!doctype html><meta charset="utf-8"><title>shop</title><script src="tracker.js"></script>`,
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** track `count` impressions on the page; returns their ids */
function track(page: Page, from: number, count: number): Promise<string[]> {
  return page.evaluate(
    ({ from, count }) => {
      const w = window as any;
      const ids: string[] = [];
      for (let i = from; i < from + count; i++) ids.push(w.tracker.track("impression", { n: i }).id);
      return ids;
    },
    { from, count },
  );
}

describe("exactly-once delivery", () => {
  it(
    `stores each of ${EVENTS} events exactly once through random losses and two collector crashes`,
    async () => {
      const dataDir = join(dir, "data");
      let port = 0;
      const start = () => startCollectorProcess({ port, dataDir, campaigns: [CAMPAIGN], secret: SECRET, adminToken: "admin" });
      // a port found free may be taken before the collector binds it: try another (the restarts reuse the one that worked)
      let collector: CollectorProcess | undefined;
      for (let attempt = 1; !collector; attempt++) {
        port = await freePort();
        collector = await start().catch((e: unknown) => {
          if (attempt === 5) throw e;
          return undefined;
        });
      }
      let storedIds: string[] = [];
      // a fifth of the requests never arrive and a fifth of the answers are lost after the events were stored
      const proxy: FlakyProxy = await startFlakyProxy({ upstreamPort: port, dropRequest: 0.2, dropResponse: 0.2, seed: 2027 });
      const page = await browser.newPage();
      try {
        await page.goto(`${site.url}/index.html`);
        await page.evaluate((endpoint) => {
          const w = window as any;
          w.problems = [];
          w.tracker = w.createTracker({
            endpoint,
            campaignId: "exactly-once",
            onError: (e: { code: string; message: string }) => e.code !== "retry" && w.problems.push(`${e.code}: ${e.message}`),
          });
        }, `http://127.0.0.1:${proxy.port}/v1/events`);

        const ids: string[] = [];
        const rounds = 10;
        const perRound = Math.ceil(EVENTS / rounds);
        /** every POST the proxy has seen, whatever became of it */
        const seen = () =>
          proxy.counts.forwarded + proxy.counts.droppedRequests + proxy.counts.droppedResponses + proxy.counts.upstreamDown;
        const flush = () => page.evaluate(() => (window as any).tracker.flush());
        for (let round = 0; round < rounds; round++) {
          // crash the collector twice mid-stream: that round's events are sent into the outage
          const crash = round === 3 || round === 6;
          if (crash) await collector.kill();
          const before = { seen: seen(), down: proxy.counts.upstreamDown };
          ids.push(...(await track(page, ids.length, Math.min(perRound, EVENTS - ids.length))));
          await flush();
          if (crash) {
            // keep it down until the tracker has run into it (the proxy drops a fifth of the attempts before that);
            // flush() is not awaited here: an attempt caught in the crash may wait for its timeout, the next must not
            await expect
              .poll(
                async () => {
                  await page.evaluate(() => void (window as any).tracker.flush());
                  return proxy.counts.upstreamDown;
                },
                { timeout: 60_000, interval: 200 },
              )
              .toBeGreaterThan(before.down);
            collector = await start();
          } else {
            // each round's events are on the wire before the next round is tracked
            await expect.poll(seen, { timeout: 60_000 }).toBeGreaterThan(before.seen);
          }
        }
        expect(ids).toHaveLength(EVENTS);
        storedIds = ids;

        // let the tracker drain its queue (it retries with backoff; flush() sends without waiting for the timer)
        let pending = Infinity;
        await expect
          .poll(
            async () => {
              pending = await page.evaluate(async () => {
                const t = (window as any).tracker;
                await t.flush();
                return t.pending() as number;
              });
              return pending;
            },
            { timeout: 90_000, interval: 300 },
          )
          .toBe(0);
        expect(pending).toBe(0);
        expect(await page.evaluate(() => (window as any).problems)).toEqual([]);
        // the network really was hostile
        expect(proxy.counts.droppedRequests).toBeGreaterThan(0);
        expect(proxy.counts.droppedResponses).toBeGreaterThan(0);
      } finally {
        await page.close();
        await proxy.close();
        await collector.stop();
      }

      const db = await openPglite(join(dataDir, "pglite"));
      try {
        const rows = await db.query<{ id: string }>("SELECT id FROM events WHERE campaign_id = $1", ["exactly-once"]);
        expect(rows).toHaveLength(EVENTS);
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(storedIds));
        const [rollup] = await db.query<{ impressions: number }>(
          "SELECT COALESCE(SUM(impressions), 0)::int AS impressions FROM stats_daily WHERE campaign_id = $1",
          ["exactly-once"],
        );
        // the day rollups were not bumped by retried batches either
        expect(rollup!.impressions).toBe(EVENTS);
      } finally {
        await db.close();
      }
    },
    timeoutFor(180_000),
  );
});
