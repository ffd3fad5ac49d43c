// `npm run bench`: every benchmark in one bounded run, one table of ratios against same-run baselines,
// written to bench/results.json (figures) and printed as Markdown
import { writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { measureSize } from "./size.js";
import { measurePageCost } from "./page-cost.js";
import { measureSmoothness } from "./smoothness.js";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";
import { buildSite, LIBRARIES, ROOT, SITE, type SubjectName } from "./lib/site.js";
import { runBenchScript } from "./lib/child.js";
import { rowsFromMarkdown } from "./lib/report-tables.js";
import { markdownTable, summaryTable, type Row } from "./lib/table.js";
import { ratio } from "./lib/stats.js";

// lucky-canvas is the most installed wheel on npm, so the browser figures are read against it
const BASELINE: SubjectName = "lucky-canvas";
const quick = process.env.BENCH_QUICK === "1";
const full = process.env.BENCH_FULL === "1";
const PAGE_COST = "Page cost (4× throttled)";

function against<T extends { subject: string }>(
  benchmark: string,
  figure: string,
  unit: string,
  better: Row["better"],
  items: T[],
  value: (item: T) => number,
  baselineSubject: string,
): Row[] {
  const base = items.find((i) => i.subject === baselineSubject);
  const baselineValue = base ? value(base) : Number.NaN;
  return items.map((item) => ({
    benchmark,
    figure,
    subject: item.subject,
    value: value(item),
    unit,
    baseline: baselineSubject,
    baselineValue,
    ratio: ratio(value(item), baselineValue),
    better,
  }));
}

async function main() {
  const started = Date.now();
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

  // a benchmark that breaks is reported and skipped: the others still make the table
  const section = async (name: string, run: () => Promise<void>) => {
    log(name);
    try {
      await run();
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack ?? e}`);
      raw[`${name} error`] = String(e);
    }
  };

  await section("size", async () => {
    const sizes = await measureSize();
    raw.size = sizes;
    rows.push(...against("Size", "gzip", "B", "lower", sizes, (s) => s.gzip, BASELINE));
    rows.push(...against("Size", "brotli", "B", "lower", sizes, (s) => s.brotli, BASELINE));
    rows.push(...against("Size", "raw (minified)", "B", "lower", sizes, (s) => s.raw, BASELINE));
  });

  log("building wheel pages");
  const subjects = await buildSite(["blank", "minigame", ...LIBRARIES]);
  const wheels = subjects.filter((s) => s !== "blank");
  const server = await serveStatic({ root: SITE });
  const browser = await launchChromium();
  const chromium = browser.version();
  try {
    await section(`page cost (${wheels.join(", ")}), 4× CPU throttling`, async () => {
      const costs = await measurePageCost({ browser, baseUrl: server.url, subjects, runs: quick ? 2 : 5 });
      raw.pageCost = costs;
      const blank = costs.find((c) => c.subject === "blank")!.median;
      const added = costs
        .filter((c) => c.subject !== "blank")
        .map((c) => ({
          subject: c.subject,
          paintMs: c.median.paintMs,
          blockingMs: c.median.blockingMs,
          taskMs: c.median.taskMs - blank.taskMs,
          heapBytes: c.median.heapBytes - blank.heapBytes,
        }));
      rows.push(...against(PAGE_COST, "script start → wheel painted", "ms", "lower", added, (c) => c.paintMs, BASELINE));
      rows.push(...against(PAGE_COST, "total blocking time", "ms", "lower", added, (c) => c.blockingMs, BASELINE));
      rows.push(...against(PAGE_COST, "main-thread task time added", "ms", "lower", added, (c) => c.taskMs, BASELINE));
      rows.push(...against(PAGE_COST, "JS heap added", "B", "lower", added, (c) => c.heapBytes, BASELINE));
    });

    await section(`smoothness (${wheels.join(", ")}) under a page busy 50 ms of every 100 ms`, async () => {
      const smooth = await measureSmoothness({ browser, baseUrl: server.url, subjects: wheels, runs: quick ? 1 : 5 });
      raw.smoothness = smooth;
      rows.push(...against("Smoothness (busy page)", "frames that moved the wheel", "fps", "higher", smooth, (s) => s.busyFps, BASELINE));
      rows.push(
        ...against("Smoothness (busy page)", "time the wheel stood still", "%", "lower", smooth, (s) => s.busyStillShare * 100, BASELINE),
      );
      rows.push(...against("Smoothness (idle page)", "frames that moved the wheel", "fps", "higher", smooth, (s) => s.idleFps, BASELINE));
    });
  } finally {
    await browser.close();
    await server.close();
  }

  await section("draw throughput (bench/draw.ts)", async () => {
    const draw = JSON.parse(await runBenchScript("draw.ts", ["--json"], 120_000)) as {
      rows: { prizes: number; linear: number; alias: number; drawSync: number; draw: number }[];
    };
    raw.draw = draw;
    for (const r of draw.rows) {
      const items = [
        { subject: "linear-scan pick", value: r.linear },
        { subject: "alias sampler", value: r.alias },
        { subject: "engine drawSync (memory store)", value: r.drawSync },
        { subject: "engine draw (async store)", value: r.draw },
      ];
      rows.push(...against("Draw throughput", `${r.prizes} prizes, draws/s`, "/s", "higher", items, (i) => i.value, "linear-scan pick"));
    }
  });

  // loading 1M events takes minutes per database here, so the default run stops at 200k and BENCH_FULL=1 goes to 1M
  const size = quick
    ? "--ingest 5000 --draws 500 --stats-events 50000"
    : `--ingest 20000 --draws 1000 --stats-events ${full ? 1_000_000 : 200_000}`;
  const collectorArgs = (process.env.BENCH_COLLECTOR_ARGS ?? size).split(" ");
  await section(`collector (bench/collector.ts ${collectorArgs.join(" ")})`, async () => {
    const text = await runBenchScript("collector.ts", collectorArgs, full ? 900_000 : 300_000);
    raw.collector = text;
    rows.push(...rowsFromMarkdown(text, "Collector"));
  });

  const summary = summaryTable(rows, [
    { benchmark: "Size", figure: "gzip", title: "gzip" },
    { benchmark: "Size", figure: "brotli", title: "brotli" },
    { benchmark: PAGE_COST, figure: "script start → wheel painted", title: "script → painted" },
    { benchmark: PAGE_COST, figure: "total blocking time", title: "blocking time" },
    { benchmark: PAGE_COST, figure: "JS heap added", title: "JS heap" },
    { benchmark: "Smoothness (busy page)", figure: "frames that moved the wheel", title: "busy page: moving frames" },
    { benchmark: "Smoothness (busy page)", figure: "time the wheel stood still", title: "busy page: stood still" },
  ]);
  const table = `${summary}\n\n${markdownTable(rows)}`;
  const result = {
    generatedAt: new Date().toISOString(),
    command: "npm run bench",
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, chromium },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    rows,
    raw,
  };
  await writeFile(join(ROOT, "bench", "results.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(table);
  log(`done; wrote bench/results.json`);
}

await main();
