// smoothness of the other games beside the wheel, on the same busy page (50 ms of blocking script in every 100 ms)
// and on an idle one, in the same run, round by round (the wheel is the reference: it passes at 60 on a quiet machine).
//
// Metric (bench/smoothness.ts): distinct frames per second in the browser's screencast, a frame being distinct when
// ≥ 40 pixels of the game's box differ from the frame before; counted only while the game is due to change on every
// display frame, so a repeated frame is a lost one:
// - wheel: 0.8–3.4 s into the 4 s spin;
// - scratching: 0.8–3.4 s after the finger goes down; the finger (bench/lib/finger.ts) comes from outside the page
//   through the browser's input pipeline (CDP touch events at 60 Hz, queued by a busy page as a real finger's moves
//   are) and moves at a steady 480 px/s in rows that never cross cleared ground, so every frame has new ink due;
// - gift box: 100–700 ms into the opening (the lid's lift and fade, the prizes' rise), counted from its first visible
//   frame after the picked box was told to open (the first frames only start the compositor's animations); how long
//   after the pick that window opened is reported apart.
// Frames are captured at 200 × 200 px (CAPTURE_SIZE), a frame's changed pixels counted in full-size pixels.
// Also per game: the longest stall (gap between distinct frames) and the number of stalls over 50 ms, median of runs;
// and the load average, without which no figure here means anything on a shared machine. Run at a raised priority, the
// browser's threads are given the same one (bench/lib/priority.ts).
// Run: npm run build && nice -n -10 npx tsx bench/games-smoothness.ts [runs] [wheel|scratch|giftbox]
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { bundleIife } from "./lib/bundle.js";
import { scratchFinger } from "./lib/finger.js";
import { keepPriority } from "./lib/priority.js";
import { buildSite, page, ROOT, SITE } from "./lib/site.js";
import { median } from "./lib/stats.js";
import { measureSmoothness, type SmoothnessRun, type SubjectPlan } from "./smoothness.js";

const runs = Number(process.argv[2] ?? 3);
/** optional: only this subject (wheel, scratch or giftbox) */
const only = process.argv[3];
const prizes = [
  { id: "v50", label: "Voucher 50k", weight: 1 },
  { id: "ship", label: "Free ship", weight: 1 },
  { id: "v100", label: "Voucher 100k", weight: 1 },
  { id: "none", label: "Try again", weight: 1, win: false },
];
const GAMES = {
  // a high threshold and a thin brush: the card must still be covered when the measuring window closes
  "minigame-scratch": { game: "scratch", scratch: { threshold: 0.95, brushSize: 22 } },
  "minigame-giftbox": { game: "giftbox", giftbox: { count: 3, revealOthers: "sampled" } },
} as const;
const PLANS: Record<string, SubjectPlan & { title: string }> = {
  minigame: { title: "wheel (reference)" },
  "minigame-scratch": { title: "scratching", drive: scratchFinger },
  "minigame-giftbox": { title: "gift-box opening", fromFirstChange: true, settleMs: 100, windowMs: 700 },
};

/**
 * frames captured at 200 × 200 (the page is 400 × 400): the browser encodes every screencast frame as PNG, and at full
 * size a loaded machine's capture skips frames the compositor showed (the gift box's gradients encode slowest)
 */
const CAPTURE_SIZE = 200;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function main() {
  await buildSite(["minigame"]);
  for (const [name, extra] of Object.entries(GAMES)) {
    const campaign = { id: `bench-${name}`, locale: "en", prizes, ...extra };
    await writeFile(join(SITE, `${name}-hooks.js`), await bundleIife(join(ROOT, "bench", "fixtures", `${name}.ts`)));
    await writeFile(
      join(SITE, `${name}.html`),
      page(
        `<script src="${name}-hooks.js"></script>`,
        `<script type="application/json" id="campaign">${JSON.stringify(campaign)}</script>
<script async src="minigame.js" data-campaign="#campaign" data-target="#slot" data-locale="en"></script>`,
      ),
    );
  }
  const subjects = Object.keys(PLANS).filter((s) => !only || s.endsWith(only) || (only === "wheel" && s === "minigame"));
  const server = await serveStatic({ root: SITE });
  // run under `nice -n -10`, the browser gets the same priority (it would reset its own threads to 0)
  const stopPriority = keepPriority();
  const browser = await launchChromium();
  const loadBefore = load();
  const startedAt = new Date().toISOString().slice(11, 16);
  try {
    const rows = await measureSmoothness({
      browser,
      baseUrl: server.url,
      subjects,
      runs,
      plans: PLANS,
      idleEveryRound: true,
      captureSize: CAPTURE_SIZE,
    });
    const loadAfter = load();
    console.log(`${startedAt} UTC, ${runs} rounds; load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}`);
    console.log("| game | distinct fps, busy | idle | longest stall, busy | idle | stalls > 50 ms, busy | idle | busy runs (fps) |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    const med = (list: SmoothnessRun[], pick: (r: SmoothnessRun) => number) => median(list.map(pick));
    for (const r of rows) {
      const { title } = PLANS[r.subject]!;
      const cells = [
        r.busyFps.toFixed(1),
        r.idleFps.toFixed(1),
        `${med(r.busy, (x) => x.longestFreezeMs).toFixed(0)} ms`,
        `${med(r.idle, (x) => x.longestFreezeMs).toFixed(0)} ms`,
        med(r.busy, (x) => x.stallsOver50).toFixed(0),
        med(r.idle, (x) => x.stallsOver50).toFixed(0),
        r.busy.map((b) => b.visibleFps.toFixed(1)).join(", "),
      ];
      console.log(`| ${title} | ${cells.join(" | ")} |`);
    }
    // where the frames were lost: each stall as start+length in ms from the play; when a window opens late, by how much
    for (const r of rows) {
      const show = (list: SmoothnessRun[]) => list.map((x) => x.stalls.map(([a, b]) => `${a}+${b}`).join(" ") || "none").join(" | ");
      const starts = PLANS[r.subject]!.fromFirstChange
        ? ` (window starts, ms after the pick: busy ${r.busy.map((x) => x.windowStartMs).join(", ")}; idle ${r.idle.map((x) => x.windowStartMs).join(", ")})`
        : "";
      console.log(`stalls, ${PLANS[r.subject]!.title}${starts}: idle ${show(r.idle)}; busy ${show(r.busy)}`);
    }
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
