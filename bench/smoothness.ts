// smoothness under a busy host page: frames that visibly moved the wheel while the page blocks 50 ms of every 100 ms
//
// measured from CDP screencast frames (the compositor's output, what a visitor sees) rather than by sampling an
// API on the page: a sampler runs on the blocked main thread, and canvas wheels have no Animation objects at all
import type { Browser, CDPSession } from "playwright-core";
import { changedPixels, decodePng, type Region } from "./lib/png.js";
import { median } from "./lib/stats.js";
import type { SubjectName } from "./lib/site.js";

/** visibleFps: frames per second that moved the wheel; stillShare: share of the time the wheel stood visibly still */
export type SmoothnessRun = {
  visibleFps: number;
  stillShare: number;
  longestFreezeMs: number;
  frames: number;
  degrees: number;
  /** each visible stall: [ms from the play's start, ms long], to see where the frames were lost */
  stalls: [number, number][];
};
export type Smoothness = {
  subject: SubjectName | (string & {});
  busy: SmoothnessRun[];
  idle: SmoothnessRun[];
  busyFps: number;
  idleFps: number;
  busyStillShare: number;
};

export type SmoothnessOptions = {
  browser: Browser;
  baseUrl: string;
  subjects: readonly (SubjectName | (string & {}))[];
  runs?: number;
  windowMs?: number;
  /** frames are counted from this long after the play was asked for (800 ms: the steady part of a spin) */
  settleMs?: number;
  /**
   * input from outside the page, through the browser's own input pipeline (as a finger's moves arrive: queued while the
   * page is blocked, then delivered together), started with the play and run for the window
   */
  drive?: (cdp: CDPSession, region: Region, windowMs: number) => Promise<void>;
};

/** the spin has been running this long before frames are counted */
const SETTLE_MS = 800;

/** a frame counts as moved when this many wheel pixels changed: a segment edge sweeping by changes hundreds */
const MIN_CHANGED = 40;

type Frame = { at: number; data: Buffer };

async function captureFrames(cdp: CDPSession, frames: Frame[]): Promise<() => Promise<void>> {
  const onFrame = (e: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
    frames.push({ at: (e.metadata.timestamp ?? Date.now() / 1000) * 1000, data: Buffer.from(e.data, "base64") });
    void cdp.send("Page.screencastFrameAck", { sessionId: e.sessionId }).catch(() => {});
  };
  cdp.on("Page.screencastFrame", onFrame);
  await cdp.send("Page.startScreencast", { format: "png", everyNthFrame: 1 });
  return async () => {
    await cdp.send("Page.stopScreencast");
    cdp.off("Page.screencastFrame", onFrame);
  };
}

async function spinOnce(
  browser: Browser,
  url: string,
  busy: boolean,
  windowMs: number,
  settleMs = SETTLE_MS,
  drive?: SmoothnessOptions["drive"],
): Promise<SmoothnessRun> {
  const context = await browser.newContext({ viewport: { width: 400, height: 400 }, hasTouch: !!drive });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__bench?.paintedAt !== undefined, null, { timeout: 30_000, polling: 50 });
    await page.waitForTimeout(300);
    const region: Region | null = await page.evaluate(() => {
      const r = (window as any).__wheel.element()?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    });
    if (!region) throw new Error(`${url}: the fixture has no wheel element`);
    const frames: Frame[] = [];
    const stop = await captureFrames(cdp, frames);
    await page.waitForTimeout(200);
    const startedAt = Date.now();
    const before = await page.evaluate((busy) => {
      if (busy) {
        // the host page's own work: 50 ms of blocking script in every 100 ms
        (window as any).__busy = setInterval(() => {
          const end = performance.now() + 50;
          while (performance.now() < end);
        }, 100);
      }
      const w = (window as any).__wheel;
      const at = w.progress();
      w.spin();
      return at as number;
    }, busy);
    const driving = drive?.(cdp, region, windowMs);
    await page.waitForTimeout(windowMs);
    await driving;
    const after = (await page.evaluate(() => (window as any).__wheel.progress())) as number;
    await stop();
    await page.evaluate(() => clearInterval((window as any).__busy));

    // steady state only: from SETTLE_MS after the spin was asked for (each library starts it its own way, and how
    // long a page takes to react is page cost) to the end of the window; every frame compared with the one before
    const from = startedAt + settleMs;
    const to = startedAt + windowMs;
    const span = to - from;
    // screencast timestamps can arrive a frame out of order
    const inWindow = frames.filter((f) => f.at >= from && f.at <= to).sort((a, b) => a.at - b.at);
    let moved = 0;
    let lastMove = from;
    let longestFreezeMs = 0;
    // a gap longer than two 60 Hz frames is a stall a visitor can see
    let stillMs = 0;
    const stalls: [number, number][] = [];
    const still = (gap: number, end: number) => {
      if (gap <= 34) return 0;
      stalls.push([Math.round(end - gap - startedAt), Math.round(gap)]);
      return gap;
    };
    let previous = frames.filter((f) => f.at < from).at(-1) ?? inWindow[0];
    let prevImage = previous ? decodePng(previous.data) : null;
    for (const frame of inWindow) {
      if (frame === previous) continue;
      const image = decodePng(frame.data);
      const scale = image.width / 400;
      const box = { x: region.x * scale, y: region.y * scale, width: region.width * scale, height: region.height * scale };
      if (prevImage && changedPixels(prevImage, image, box) >= MIN_CHANGED) {
        moved++;
        longestFreezeMs = Math.max(longestFreezeMs, frame.at - lastMove);
        stillMs += still(frame.at - lastMove, frame.at);
        lastMove = frame.at;
      }
      prevImage = image;
      previous = frame;
    }
    longestFreezeMs = Math.max(longestFreezeMs, to - lastMove);
    stillMs += still(to - lastMove, to);
    return {
      visibleFps: (moved * 1000) / span,
      stillShare: stillMs / span,
      longestFreezeMs,
      frames: inWindow.length,
      degrees: Math.abs(after - before),
      stalls,
    };
  } finally {
    await context.close();
  }
}

/**
 * Spin each subject on an idle page and on a busy page and count the frames in which the wheel visibly moved.
 * @example
 * const rows = await measureSmoothness({ browser, baseUrl: server.url, subjects: ["lucky-canvas", "minigame"] });
 */
export async function measureSmoothness(options: SmoothnessOptions): Promise<Smoothness[]> {
  const { browser, baseUrl, subjects, runs = 3, windowMs = 3400, settleMs, drive } = options;
  const out: Smoothness[] = subjects.map((subject) => ({ subject, busy: [], idle: [], busyFps: 0, idleFps: 0, busyStillShare: 0 }));
  for (let round = 0; round < runs; round++) {
    for (const row of out) {
      row.busy.push(await spinOnce(browser, `${baseUrl}/${row.subject}.html`, true, windowMs, settleMs, drive));
      // one idle spin per subject is enough to show what the capture reaches with nothing in the way
      if (round === 0) row.idle.push(await spinOnce(browser, `${baseUrl}/${row.subject}.html`, false, windowMs, settleMs, drive));
    }
  }
  for (const row of out) {
    row.busyFps = median(row.busy.map((r) => r.visibleFps));
    row.idleFps = median(row.idle.map((r) => r.visibleFps));
    row.busyStillShare = median(row.busy.map((r) => r.stillShare));
  }
  return out;
}
