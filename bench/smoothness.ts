// smoothness under a busy host page: distinct frames while the page blocks 50 ms of every 100 ms
//
// measured from CDP screencast frames (the compositor's output, what a visitor sees) rather than by sampling an
// API on the page: a sampler runs on the blocked main thread, and canvas wheels have no Animation objects at all.
// The metric, per run: a frame is distinct when at least MIN_CHANGED pixels of the subject's box differ from the frame
// before it; distinct frames per second are counted over a window in which the subject is due to change on every
// display frame (a wheel mid-spin, a finger scratching new ground, the first 650 ms of the gift box's opening), so a
// frame that repeats the one before it is a frame lost, never a legitimately still picture. A stall is a gap between
// distinct frames (or the window's edges) longer than two 60 Hz frames; the longest one and the count of those over
// 50 ms are reported with the rate.
import type { Browser, CDPSession } from "playwright-core";
import { changedPixels, decodePng, type Region } from "./lib/png.js";
import { median } from "./lib/stats.js";
import type { SubjectName } from "./lib/site.js";

/** visibleFps: distinct frames per second; stillShare: share of the window spent in stalls */
export type SmoothnessRun = {
  visibleFps: number;
  stillShare: number;
  longestFreezeMs: number;
  /** stalls longer than 50 ms (three 60 Hz frames) */
  stallsOver50: number;
  frames: number;
  degrees: number;
  /** ms from the play to the window's start (for a window that opens at the first visible change: the response time) */
  windowStartMs: number;
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

/** how one subject is played and which part of it is measured */
export type SubjectPlan = {
  /** frames are counted from this long after the play was asked for (800 ms: the steady part of a spin) */
  settleMs?: number;
  /** the window ends this long after the play (or after the first visible change, with `fromFirstChange`) */
  windowMs?: number;
  /**
   * the window opens at the first visible change once the fixture's `dueAt()` says the motion started (plus settleMs),
   * not at the play itself: an opening that waits for the draw is measured from its first frame
   */
  fromFirstChange?: boolean;
  /**
   * input from outside the page, through the browser's own input pipeline (as a finger's moves arrive: queued while the
   * page is blocked, then delivered together), started with the play and run for the window
   */
  drive?: (cdp: CDPSession, region: Region, windowMs: number) => Promise<void>;
};

export type SmoothnessOptions = SubjectPlan & {
  browser: Browser;
  baseUrl: string;
  subjects: readonly (SubjectName | (string & {}))[];
  runs?: number;
  /**
   * the screencast's frames at most this many pixels wide and high (the 400 × 400 page is scaled down; changed pixels
   * are counted in full-size pixels). Every frame is encoded as PNG in the browser: at full size a loaded machine's
   * capture skips frames the compositor did show, which the count would take for lost ones
   */
  captureSize?: number;
  /** a plan per subject, over the shared one */
  plans?: Record<string, SubjectPlan>;
  /** measure the idle page in every round (default: the first round only) */
  idleEveryRound?: boolean;
};

/** the spin has been running this long before frames are counted */
const SETTLE_MS = 800;

/** a frame counts as moved when this many pixels of the subject's box changed: a segment edge sweeping by changes hundreds */
const MIN_CHANGED = 40;

/** a gap between distinct frames longer than two 60 Hz frames is a stall a visitor can see */
const STALL_MS = 34;

type Frame = { at: number; data: Buffer };

async function captureFrames(cdp: CDPSession, frames: Frame[], size: number): Promise<() => Promise<void>> {
  const onFrame = (e: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
    frames.push({ at: (e.metadata.timestamp ?? Date.now() / 1000) * 1000, data: Buffer.from(e.data, "base64") });
    void cdp.send("Page.screencastFrameAck", { sessionId: e.sessionId }).catch(() => {});
  };
  cdp.on("Page.screencastFrame", onFrame);
  await cdp.send("Page.startScreencast", { format: "png", everyNthFrame: 1, maxWidth: size, maxHeight: size });
  return async () => {
    await cdp.send("Page.stopScreencast");
    cdp.off("Page.screencastFrame", onFrame);
  };
}

/** each frame's time and how many of the region's pixels differ from the frame before it, in full-size pixels */
function changes(frames: Frame[], region: Region): { at: number; changed: number }[] {
  const sorted = [...frames].sort((a, b) => a.at - b.at); // screencast timestamps can arrive a frame out of order
  const out: { at: number; changed: number }[] = [];
  let previous: ReturnType<typeof decodePng> | null = null;
  for (const frame of sorted) {
    const image = decodePng(frame.data);
    const scale = image.width / 400;
    const box = { x: region.x * scale, y: region.y * scale, width: region.width * scale, height: region.height * scale };
    out.push({ at: frame.at, changed: previous ? Math.round(changedPixels(previous, image, box) / scale ** 2) : 0 });
    previous = image;
  }
  return out;
}

/** the metric over [from, to]: distinct frames, stalls between them (times relative to `origin`) */
export function score(
  list: { at: number; changed: number }[],
  from: number,
  to: number,
  origin: number,
): Omit<SmoothnessRun, "degrees" | "windowStartMs"> {
  const span = to - from;
  let moved = 0;
  let frames = 0;
  let lastMove = from;
  let longestFreezeMs = 0;
  let stillMs = 0;
  const stalls: [number, number][] = [];
  const gap = (end: number) => {
    const length = end - lastMove;
    longestFreezeMs = Math.max(longestFreezeMs, length);
    if (length > STALL_MS) {
      stalls.push([Math.round(lastMove - origin), Math.round(length)]);
      stillMs += length;
    }
  };
  for (const f of list) {
    if (f.at <= from || f.at > to) continue;
    frames++;
    if (f.changed < MIN_CHANGED) continue;
    moved++;
    gap(f.at);
    lastMove = f.at;
  }
  gap(to);
  return {
    visibleFps: (moved * 1000) / span,
    stillShare: stillMs / span,
    longestFreezeMs,
    stallsOver50: stalls.filter(([, length]) => length > 50).length,
    frames,
    stalls,
  };
}

async function spinOnce(
  browser: Browser,
  url: string,
  busy: boolean,
  plan: Required<Pick<SubjectPlan, "windowMs" | "settleMs">> & SubjectPlan & { captureSize: number },
) {
  const { windowMs, settleMs, drive, fromFirstChange, captureSize } = plan;
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
    const stop = await captureFrames(cdp, frames, captureSize);
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
    // a window that opens at the first visible change needs that change first; a second is far more than any opening waits
    await page.waitForTimeout(windowMs + (fromFirstChange ? 1000 : 0));
    await driving;
    const after = (await page.evaluate(() => (window as any).__wheel.progress())) as number;
    await stop();
    await page.evaluate(() => clearInterval((window as any).__busy));

    const list = changes(frames, region);
    const due = fromFirstChange ? ((await page.evaluate(() => (window as any).__wheel.dueAt?.())) as number | undefined) : startedAt;
    if (due === undefined) throw new Error(`${url}: the fixture never said when its motion starts`);
    const first = fromFirstChange ? list.find((f) => f.at >= due && f.changed >= MIN_CHANGED)?.at : startedAt;
    if (first === undefined) throw new Error(`${url}: nothing changed after the play`);
    const from = first + settleMs;
    const to = (fromFirstChange ? first : startedAt) + windowMs;
    // BENCH_FRAMES=1: every frame of the window as ms from its start and changed pixels, to see what a stall was made of
    if (process.env.BENCH_FRAMES)
      console.log(
        `${url} ${busy ? "busy" : "idle"}: ${list
          .filter((f) => f.at > from - 50 && f.at <= to)
          .map((f) => `${Math.round(f.at - from)}:${f.changed}`)
          .join(" ")}`,
      );
    return { ...score(list, from, to, startedAt), degrees: Math.abs(after - before), windowStartMs: Math.round(from - startedAt) };
  } finally {
    await context.close();
  }
}

/**
 * Play each subject on an idle page and on a busy page and count the distinct frames while it is due to change.
 * @example
 * const rows = await measureSmoothness({ browser, baseUrl: server.url, subjects: ["lucky-canvas", "minigame"] });
 */
export async function measureSmoothness(options: SmoothnessOptions): Promise<Smoothness[]> {
  const { browser, baseUrl, subjects, runs = 3, plans = {}, idleEveryRound = false } = options;
  const planOf = (subject: string) => {
    const plan = { ...options, ...plans[subject] };
    return { ...plan, windowMs: plan.windowMs ?? 3400, settleMs: plan.settleMs ?? SETTLE_MS, captureSize: options.captureSize ?? 400 };
  };
  const out: Smoothness[] = subjects.map((subject) => ({ subject, busy: [], idle: [], busyFps: 0, idleFps: 0, busyStillShare: 0 }));
  // round by round, every subject in turn: the subjects compared share the machine's moments, good and bad
  for (let round = 0; round < runs; round++) {
    for (const row of out) {
      const url = `${baseUrl}/${row.subject}.html`;
      row.busy.push(await spinOnce(browser, url, true, planOf(row.subject)));
      if (round === 0 || idleEveryRound) row.idle.push(await spinOnce(browser, url, false, planOf(row.subject)));
    }
  }
  for (const row of out) {
    row.busyFps = median(row.busy.map((r) => r.visibleFps));
    row.idleFps = median(row.idle.map((r) => r.visibleFps));
    row.busyStillShare = median(row.busy.map((r) => r.stillShare));
  }
  return out;
}
