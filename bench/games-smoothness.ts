// smoothness of the other games beside the wheel, on the same busy page (50 ms of blocking script in every 100 ms):
// scratching (a finger's moves sent through the browser's input pipeline at 60 Hz; the card's ink is drawn by a worker)
// and the gift-box opening (CSS transform and opacity, run by the compositor).
// Run: npm run build && npx tsx bench/games-smoothness.ts [runs] [wheel|scratch|giftbox]
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { scratchFinger } from "./lib/finger.js";
import { bundleIife } from "./lib/bundle.js";
import { buildSite, page, ROOT, SITE } from "./lib/site.js";
import { measureSmoothness, type Smoothness } from "./smoothness.js";

const runs = Number(process.argv[2] ?? 3);
/** optional: only this subject (wheel, scratch or giftbox) */
const only = process.argv[3];
const wanted = (subject: string) => !only || subject.endsWith(only) || (only === "wheel" && subject === "minigame");
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
  const server = await serveStatic({ root: SITE });
  const browser = await launchChromium();
  const rows: Smoothness[] = [];
  try {
    // the wheel and scratching: the steady part of a 4 s spin / of scratching, as in the wheel comparison
    if (wanted("minigame")) rows.push(...(await measureSmoothness({ browser, baseUrl: server.url, subjects: ["minigame"], runs })));
    if (wanted("minigame-scratch"))
      rows.push(...(await measureSmoothness({ browser, baseUrl: server.url, subjects: ["minigame-scratch"], runs, drive: scratchFinger })));
    // the gift box opens in about a second: count from the pick to the end of the opening
    if (wanted("minigame-giftbox"))
      rows.push(
        ...(await measureSmoothness({ browser, baseUrl: server.url, subjects: ["minigame-giftbox"], runs, settleMs: 100, windowMs: 1000 })),
      );
  } finally {
    await browser.close();
    await server.close();
  }
  console.log("| subject | busy page: frames that moved (fps, median) | busy: time still | idle page (fps) | busy runs (fps) |");
  console.log("| --- | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const runsText = r.busy.map((b) => b.visibleFps.toFixed(1)).join(", ");
    console.log(
      `| ${r.subject} | ${r.busyFps.toFixed(1)} | ${(r.busyStillShare * 100).toFixed(0)}% | ${r.idleFps.toFixed(1)} | ${runsText} |`,
    );
  }
  // where the frames were lost: each stall longer than two 60 Hz frames, as start+length in ms from the play
  for (const r of rows) {
    const show = (runs: { stalls: [number, number][] }[]) =>
      runs.map((x) => x.stalls.map(([a, b]) => `${a}+${b}`).join(" ") || "none").join(" | ");
    console.log(`stalls, ${r.subject}: idle ${show(r.idle)}; busy ${show(r.busy)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
