// where the scratch card's ink frames come from on a busy page (50 ms of blocking script in every 100 ms): a Chromium
// trace of 2 s of scratching by a finger sent through the browser's input pipeline, counting the main thread's commits
// and the ink worker's canvas frames, and how many of each fall inside the page's blocks. Needs the pages that
// `npx tsx bench/games-smoothness.ts` builds under bench/.tmp/site. Run: npx tsx bench/scratch-trace.ts [site dir]
import type { CDPSession } from "playwright-core";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { scratchFinger } from "./lib/finger.js";
import { SITE } from "./lib/site.js";

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((wake) => cdp.once("Tracing.tracingComplete", wake));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,__metadata",
    transferMode: "ReportEvents",
  });
  await during();
  await cdp.send("Tracing.end");
  await complete;
  cdp.off("Tracing.dataCollected", collect);
  return events;
}

async function main() {
  const server = await serveStatic({ root: process.argv[2] ?? SITE });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 400, height: 400 }, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}/minigame-scratch.html`);
    await page.waitForFunction(() => (window as any).__bench?.paintedAt !== undefined, null, { timeout: 30_000, polling: 50 });
    await page.waitForTimeout(500);
    const box = await page.evaluate(() => {
      const r = (window as any).__wheel.element().getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const events = await trace(cdp, async () => {
      await page.evaluate(() => {
        (window as any).__busy = setInterval(() => {
          const end = performance.now() + 50;
          while (performance.now() < end);
        }, 100);
      });
      await scratchFinger(cdp, box, 2000);
    });
    const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
    const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
    const onMain = (e: TraceEvent) => !!main && thread(e) === thread(main);
    // the host page's blocks: its 50 ms timer callbacks
    const blocks = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "TimerFire" && (e.dur ?? 0) > 40_000);
    const inBlock = (t: number) => blocks.some((b) => t >= b.ts && t <= b.ts + b.dur!);
    const commits = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "Commit").map((e) => e.ts);
    const pushes = events
      .filter((e) => e.name === "OffscreenCanvas::PushFrame")
      .map((e) => e.ts)
      .sort((a, b) => a - b);
    const gaps = pushes.slice(1).map((t, i) => (t - pushes[i]!) / 1000);
    const span = pushes.length > 1 ? (pushes.at(-1)! - pushes[0]!) / 1000 : 0;
    const blockedMs = blocks.reduce((sum, b) => sum + b.dur! / 1000, 0);
    console.log(`page blocked ${blockedMs.toFixed(0)} ms in ${blocks.length} blocks`);
    console.log(`main-thread commits: ${commits.length}, inside blocks: ${commits.filter(inBlock).length}`);
    console.log(
      `ink worker canvas frames: ${pushes.length} (${(span ? ((pushes.length - 1) * 1000) / span : 0).toFixed(1)} per s), inside blocks: ${pushes.filter(inBlock).length}, gaps over 34 ms: ${gaps.filter((g) => g > 34).length}, longest ${Math.max(0, ...gaps).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
