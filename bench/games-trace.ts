// where the games' frames go, from a Chromium trace: scratching (2.5 s of a finger sent through the browser's input
// pipeline) or the gift-box opening (1.2 s from the pick), on an idle page or a busy one (50 ms of blocking script in
// every 100 ms). Prints the main thread's tasks longer than a frame that are not the page's own blocks, what each
// spent its time on, the frames the compositor dropped, and the ink worker's canvas frames. Needs the pages that
// `npx tsx bench/games-smoothness.ts` builds under bench/.tmp/site.
// Run: nice -n -10 npx tsx bench/games-trace.ts [scratch|giftbox] [busy|idle] [detail] [screencast]
import type { CDPSession } from "playwright-core";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { scratchFinger } from "./lib/finger.js";
import { keepPriority } from "./lib/priority.js";
import { SITE } from "./lib/site.js";

type TraceEvent = {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** thread (CPU) time: what the event cost, however long the machine kept the thread waiting */
  tdur?: number;
  pid: number;
  tid: number;
  id2?: { local?: string };
  id?: string;
  args?: { name?: string; data?: { type?: string }; frame_reporter?: { state?: string; frame_sequence?: number } };
};

const subject = process.argv[2] === "giftbox" ? "giftbox" : "scratch";
const busy = process.argv[3] !== "idle";
const detail = process.argv.includes("detail");
/** with the smoothness bench's screencast running, to see what capturing costs and which frames it skips */
const screencast = process.argv.includes("screencast");

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on("Tracing.dataCollected", collect);
  const complete = new Promise((wake) => cdp.once("Tracing.tracingComplete", wake));
  await cdp.send("Tracing.start", {
    categories:
      "devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.invalidationTracking,disabled-by-default-devtools.timeline.frame,blink,cc,viz,gpu.capture,toplevel,v8.execute,__metadata",
    transferMode: "ReportEvents",
  });
  await during();
  await cdp.send("Tracing.end");
  await complete;
  cdp.off("Tracing.dataCollected", collect);
  return events;
}

/**
 * the events nested inside `task` on its thread, summed by name (children not subtracted): wall-clock ms, and in
 * brackets the thread's CPU ms, which a loaded machine does not inflate
 */
function breakdown(task: TraceEvent, events: TraceEvent[]): string {
  const end = task.ts + task.dur!;
  const sums = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const e of events) {
    if (e === task || e.ph !== "X" || e.pid !== task.pid || e.tid !== task.tid || e.ts < task.ts || e.ts > end) continue;
    if (
      !/^(EventDispatch|FunctionCall|TimerFire|FireAnimationFrame|UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|RunMicrotasks|HitTest|ParseHTML|EvaluateScript|v8\.compile|MajorGC|MinorGC|V8\.GC.*|ScheduleStyleRecalculation|HandlePostMessage|RasterTask|UpdateLayer|ProxyMain::BeginMainFrame|BeginMainFrame|.*ImageBitmap.*|.*Message.*)$/.test(
        e.name,
      )
    )
      continue;
    const key = e.name === "EventDispatch" ? `EventDispatch:${e.args?.data?.type}` : e.name;
    sums.set(key, (sums.get(key) ?? 0) + e.dur! / 1000);
    cpu.set(key, (cpu.get(key) ?? 0) + (e.tdur ?? e.dur!) / 1000);
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${v.toFixed(1)} (${cpu.get(k)!.toFixed(1)})`)
    .join(", ");
}

async function main() {
  const server = await serveStatic({ root: SITE });
  const stopPriority = keepPriority();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 400, height: 400 }, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.url}/minigame-${subject}.html`);
    await page.waitForFunction(() => (window as any).__bench?.paintedAt !== undefined, null, { timeout: 30_000, polling: 50 });
    await page.waitForTimeout(500);
    const box = await page.evaluate(() => {
      const r = (window as any).__wheel.element().getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    let startedAt = 0;
    let captured = 0;
    if (screencast) {
      cdp.on("Page.screencastFrame", (e: { sessionId: number }) => {
        captured++;
        void cdp.send("Page.screencastFrameAck", { sessionId: e.sessionId }).catch(() => {});
      });
      await cdp.send("Page.startScreencast", { format: "png", everyNthFrame: 1 });
    }
    const events = await trace(cdp, async () => {
      await page.evaluate((busy) => {
        performance.mark("bench-start");
        console.timeStamp("bench-start");
        if (busy)
          (window as any).__busy = setInterval(() => {
            const end = performance.now() + 50;
            while (performance.now() < end);
          }, 100);
        (window as any).__wheel.spin();
      }, busy);
      if (subject === "scratch") await scratchFinger(cdp, box, 2500);
      else await page.waitForTimeout(1200);
      await page.evaluate(() => clearInterval((window as any).__busy));
    });
    const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
    const named = (name: string) => events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === name).map(thread);
    const mains = new Set(named("CrRendererMain"));
    const onMain = (e: TraceEvent) => mains.has(thread(e));
    startedAt = events.find((e) => e.name === "TimeStamp" && onMain(e))?.ts ?? events.filter(onMain)[0]?.ts ?? 0;
    const ms = (ts: number) => ((ts - startedAt) / 1000).toFixed(0);
    const tasks = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && e.ts >= startedAt);
    // the host page's blocks: tasks holding its 50 ms timer
    const isBlock = (t: TraceEvent) =>
      events.some((e) => onMain(e) && e.name === "TimerFire" && e.ts >= t.ts && e.ts <= t.ts + t.dur! && (e.dur ?? 0) > 40_000);
    const long = tasks.filter((t) => t.dur! > 16_000);
    const ours = long.filter((t) => !isBlock(t));
    console.log(
      `${subject}, ${busy ? "busy" : "idle"} page: main-thread tasks > 16 ms: ${long.length}, not the page's blocks: ${ours.length}`,
    );
    for (const t of ours)
      console.log(
        `  at ${ms(t.ts)} ms, ${(t.dur! / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? t.dur!) / 1000).toFixed(1)}): ${breakdown(t, events)}`,
      );
    // everything our code did on the main thread, summed over the whole window
    const window = {
      ts: startedAt,
      dur: Math.max(...tasks.map((t) => t.ts + t.dur!)) - startedAt,
      pid: tasks[0]?.pid ?? 0,
      tid: tasks[0]?.tid ?? 0,
    };
    console.log(`  main thread, whole window: ${breakdown({ ...window, name: "window", cat: "", ph: "X" }, events)}`);
    // frames: the compositor's reporter says, per frame, whether it was presented or dropped
    if (detail) {
      // why the main thread laid out or restyled, and each main frame: start+length in ms
      for (const e of events.filter(
        (e) => onMain(e) && /^(Layout|UpdateLayoutTree|LayoutInvalidationTracking)$/.test(e.name) && e.ts >= startedAt,
      ))
        console.log(`  ${e.name} at ${ms(e.ts)} ms, ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args).slice(0, 200)}`);
      const frames = events.filter((e) => onMain(e) && e.name === "ProxyMain::BeginMainFrame" && e.ph === "X" && e.ts >= startedAt);
      console.log(`  main frames ${frames.length}: ${frames.map((e) => `${ms(e.ts)}+${(e.dur! / 1000).toFixed(0)}`).join(" ")}`);
    }
    const reports = events.filter((e) => e.name === "PipelineReporter" && e.ph === "b" && e.ts >= startedAt);
    const states = new Map<string, number>();
    for (const r of reports) {
      const s = r.args?.frame_reporter?.state ?? "?";
      states.set(s, (states.get(s) ?? 0) + 1);
    }
    console.log(`  compositor frames: ${[...states].map(([k, v]) => `${k.replace("STATE_", "").toLowerCase()} ${v}`).join(", ")}`);
    const dropped = reports.filter((r) => /DROPPED/.test(r.args?.frame_reporter?.state ?? "")).map((r) => ms(r.ts));
    console.log(`  dropped at (ms): ${dropped.join(" ")}`);
    const pushes = events.filter((e) => e.name === "OffscreenCanvas::PushFrame" && e.ts >= startedAt).map((e) => e.ts);
    if (pushes.length) {
      pushes.sort((a, b) => a - b);
      const gaps = pushes.slice(1).map((t, i) => [(t - pushes[i]!) / 1000, pushes[i]!] as const);
      console.log(
        `  ink worker canvas frames: ${pushes.length}; gaps > 34 ms: ${gaps
          .filter(([g]) => g > 34)
          .map(([g, at]) => `${ms(at)}+${g.toFixed(0)}`)
          .join(" ")}`,
      );
    }
    if (screencast) {
      const captures = events.filter((e) => /Capture/.test(e.name) && e.ts >= startedAt);
      const names = new Map<string, number>();
      for (const e of captures) names.set(`${e.name}${e.ph === "X" ? "" : `(${e.ph})`}`, (names.get(e.name) ?? 0) + 1);
      console.log(`  screencast frames received: ${captured}; capture events: ${[...names].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    }
    // other threads' long tasks (compositor, worker, raster), to see who else held a frame
    const names = new Map(events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [thread(e), e.args?.name ?? "?"]));
    const others = events.filter(
      (e) => !onMain(e) && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && e.dur! > 16_000 && e.ts >= startedAt,
    );
    for (const t of others.slice(0, 20))
      console.log(`  ${names.get(thread(t))} at ${ms(t.ts)} ms, ${(t.dur! / 1000).toFixed(1)} ms: ${breakdown(t, events)}`);
  } finally {
    stopPriority();
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
