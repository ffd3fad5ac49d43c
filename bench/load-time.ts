// time from the script tag starting to load to the wheel painted, on a 4× throttled CPU in Chromium,
// side by side with lucky-canvas (a popular canvas wheel) loaded and drawn the same way.
//   npm run build && npx tsx bench/load-time.ts [runs]
import type { Browser } from "playwright-core";
import { launchChromium, startStaticServer, type StaticServer } from "../tests/e2e/harness.js";

const RUNS = Number(process.argv[2] ?? 12);
const THROTTLE = 4;

const campaign = (await import("../examples/campaigns/demo-wheel.json", { with: { type: "json" } })).default;

// polls each frame for a wheel with a size, then stamps the frame after it: that frame has been painted
const WATCH = (scriptPath: string, find: string) => `<script>
  (function watch() {
    var wheel = ${find};
    if (wheel && wheel.getBoundingClientRect().width > 0) {
      requestAnimationFrame(function () {
        var entry = performance.getEntriesByType("resource").find(function (e) { return e.name.indexOf(${JSON.stringify(scriptPath)}) >= 0; });
        window.__timing = { start: entry.startTime, downloaded: entry.responseEnd, painted: performance.now() };
      });
      return;
    }
    requestAnimationFrame(watch);
  })();
</script>`;

const PAGES: Record<string, string> = {
  "/bench/minigame.html": `<!doctype html><meta charset="utf-8"><body>
    <div id="slot" style="width:360px"></div>
    <script type="application/json" id="cfg">${JSON.stringify(campaign)}</script>
    <script async src="/dist/minigame.js" data-campaign="#cfg" data-target="#slot"></script>
    ${WATCH("/dist/minigame.js", `(function () { var r = document.querySelector("#slot").shadowRoot; return r && r.querySelector("canvas, svg"); })()`)}`,
  "/bench/lucky-canvas.html": `<!doctype html><meta charset="utf-8"><body>
    <div id="slot"></div>
    <script>
      function drawLucky() {
        new LuckyCanvas.LuckyWheel({ el: "#slot", width: "360px", height: "360px" }, {
          blocks: [{ padding: "10px", background: "#1d4ed8" }],
          prizes: ${JSON.stringify(campaign.prizes.map((p, i) => ({ fonts: [{ text: p.label, top: "10%" }], background: ["#dbeafe", "#93c5fd", "#fde68a", "#fca5a5"][i % 4] })))},
          buttons: [{ radius: "35%", background: "#1d4ed8", pointer: true, fonts: [{ text: "Spin", top: "-10px", fontColor: "#fff" }] }],
        });
      }
    </script>
    <script async src="/node_modules/lucky-canvas/dist/index.umd.js" onload="drawLucky()"></script>
    ${WATCH("/lucky-canvas/dist/index.umd.js", `document.querySelector("#slot canvas")`)}`,
};

type Timing = { start: number; downloaded: number; painted: number };

async function measure(browser: Browser, server: StaticServer, path: string): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  await page.goto(server.url + path);
  const timing = (
    await page.waitForFunction(() => (window as unknown as { __timing?: Timing }).__timing, null, { timeout: 30_000 })
  ).jsonValue();
  const result = (await timing) as Timing;
  await context.close();
  return result;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const server = await startStaticServer();
for (const [path, body] of Object.entries(PAGES)) server.route(path, body);
const browser = await launchChromium();
const results: Record<string, Timing[]> = { "/bench/minigame.html": [], "/bench/lucky-canvas.html": [] };
try {
  // one warm-up each, then alternate so drift in machine load hits both sides alike
  for (const path of Object.keys(PAGES)) await measure(browser, server, path);
  for (let i = 0; i < RUNS; i++) for (const path of Object.keys(PAGES)) results[path]!.push(await measure(browser, server, path));
} finally {
  await browser.close();
  await server.close();
}

console.log(`script load → wheel painted, Chromium, CPU throttled ${THROTTLE}×, ${RUNS} cold loads each (ms)`);
console.log("page                       median   p90   (after download: median)");
const medians: Record<string, number> = {};
for (const [path, timings] of Object.entries(results)) {
  const total = timings.map((t) => t.painted - t.start);
  const afterDownload = timings.map((t) => t.painted - t.downloaded);
  medians[path] = quantile(total, 0.5);
  console.log(
    `${path.padEnd(26)} ${quantile(total, 0.5).toFixed(0).padStart(6)} ${quantile(total, 0.9).toFixed(0).padStart(5)}   ${quantile(afterDownload, 0.5).toFixed(0).padStart(6)}`,
  );
}
console.log(
  `ratio minigame / lucky-canvas (median): ${(medians["/bench/minigame.html"]! / medians["/bench/lucky-canvas.html"]!).toFixed(2)}`,
);
