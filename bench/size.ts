// bytes a page must load for one wheel: ours (script tag and ./core) against each library with what it needs
import { join } from "node:path";
import { bundleIife, measureSizes, type Sizes } from "./lib/bundle.js";
import { LIBRARIES, ROOT, minigameScript } from "./lib/site.js";

export type SizeRow = { subject: string; what: string } & Sizes;

const WHAT: Record<(typeof LIBRARIES)[number], string> = {
  "lucky-canvas": "lucky-canvas",
  "spin-wheel": "spin-wheel",
  winwheel: "Winwheel.js + gsap (TweenMax)",
  "react-custom-roulette": "react-custom-roulette + React 18 + ReactDOM",
};

/** the ./core entry: its source bundled whole (every export kept), the most a page can pull in through it */
async function coreBundle(): Promise<{ code: string; what: string }> {
  return { code: await bundleIife(join(ROOT, "src", "core", "index.ts")), what: "minigame-sdk/core, every export (src/core/index.ts)" };
}

/**
 * Raw, gzip and brotli bytes of every subject, each bundled by vite 8 / rolldown as a minified IIFE.
 * @example
 * for (const row of await measureSize()) console.log(row.subject, row.gzip);
 */
export async function measureSize(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  try {
    const ours = await minigameScript();
    rows.push({ subject: "minigame", what: `minigame-sdk script tag (${ours.source})`, ...measureSizes(ours.code) });
  } catch (e) {
    console.error(`size: no script-tag bundle (${(e as Error).message})`);
  }
  const core = await coreBundle();
  rows.push({ subject: "minigame/core", what: core.what, ...measureSizes(core.code) });
  for (const lib of LIBRARIES) {
    const code = await bundleIife(join(ROOT, "bench", "fixtures", `${lib}.ts`));
    rows.push({ subject: lib, what: WHAT[lib], ...measureSizes(code) });
  }
  return rows;
}

// `npx tsx bench/size.ts` prints this benchmark alone
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await measureSize()) console.log(row.subject.padEnd(24), row.raw, row.gzip, row.brotli, row.what);
}
