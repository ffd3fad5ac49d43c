// the script tag's page cost against lucky-canvas and spin-wheel, side by side in one run: median time from script
// start to the wheel painted, total blocking time and JS heap added, at 4× CPU throttling.
// `npm run build && npx tsx bench/loader.ts [loads]` (default 15 loads of each page, round-robin)
// "minigame-inline" is the same loader with the wheel's first frame compiled in (bench/lib/inline-painter.ts): what the
// 4,096 B ceiling costs in time to painted. Only its time compares: the widget it imports later does not find the
// frame that copy painted, so it renders at once instead of on the first reach (its heap and blocking are not shown).
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { measurePageCost } from "./page-cost.js";
import { buildSite, SITE } from "./lib/site.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { measure } from "../tests/size/measure.js";

const runs = Number(process.argv[2] ?? 15);
const subjects = await buildSite(["blank", "minigame", "minigame-inline", "lucky-canvas", "spin-wheel"]);
const server = await serveStatic({ root: SITE });
const browser = await launchChromium();
try {
  const started = Date.now();
  const costs = await measurePageCost({ browser, baseUrl: server.url, subjects, runs });
  const blank = costs.find((c) => c.subject === "blank")!.median;
  const row = (s: string) => {
    const m = costs.find((c) => c.subject === s)!.median;
    return { paint: m.paintMs, blocking: m.blockingMs, heap: m.heapBytes - blank.heapBytes };
  };
  const base = row("lucky-canvas");
  console.log(`${runs} loads per page, 4× CPU throttling, Chromium ${browser.version()}, ${Math.round((Date.now() - started) / 1000)} s`);
  for (const name of ["minigame", "minigame-inline"])
    if (subjects.includes(name as never))
      console.log(`${name}.js: ${measure(await readFile(join(SITE, `${name}.js`), "utf8")).brotli} B brotli`);
  console.log("subject          painted (ms)        blocking (ms)       heap added (KiB)");
  for (const s of subjects.filter((x) => x !== "blank")) {
    const r = row(s);
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : a > 0 ? "∞" : "1.00");
    const rest =
      s === "minigame-inline"
        ? "     (not comparable)"
        : `${r.blocking.toFixed(0).padStart(6)} (${ratio(r.blocking, base.blocking)}×)   ${(r.heap / 1024).toFixed(1).padStart(8)} (${ratio(r.heap, base.heap)}×)`;
    console.log(`${s.padEnd(16)} ${r.paint.toFixed(0).padStart(6)} (${ratio(r.paint, base.paint)}×)   ${rest}`);
  }
} finally {
  await browser.close();
  await server.close();
}
