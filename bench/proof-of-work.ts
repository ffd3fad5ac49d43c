// cost of one play's proof of work at the default setting: median solve time of the collector's challenges with
// altcha-lib's solver, in Node and in Chromium (the browser's solver, WebCrypto SHA-256)
//   npx tsx bench/proof-of-work.ts            (RUNS=25 MAX_NUMBER=50000 by default)
import { fileURLToPath } from "node:url";
import { solveChallenge } from "altcha-lib";
import { deriveKey as nodeSha } from "altcha-lib/algorithms/sha";
import { deriveKey as webSha } from "altcha-lib/algorithms/web/sha";
import { DEFAULT_POW_MAX_NUMBER } from "../src/core/index.js";
import { createPowChallenge } from "../src/collector/security/proof-of-work.js";
import { launchChromium, serveStatic } from "../tests/helpers/chromium.js";

const RUNS = Number(process.env.RUNS ?? 25);
const MAX = Number(process.env.MAX_NUMBER ?? DEFAULT_POW_MAX_NUMBER);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const challenges = await Promise.all(Array.from({ length: RUNS }, () => createPowChallenge("bench-secret", "bench", MAX, Date.now())));

async function timeIn(deriveKey: typeof webSha): Promise<number[]> {
  const out: number[] = [];
  for (const challenge of challenges) {
    const t = performance.now();
    if (!(await solveChallenge({ challenge, deriveKey }))) throw new Error("not solved");
    out.push(performance.now() - t);
  }
  return out;
}

const nodeWeb = await timeIn(webSha);
const nodeNative = await timeIn(nodeSha);

// Chromium loads altcha-lib's own ES modules, as the widget's dynamic import does
const root = fileURLToPath(new URL("../node_modules/altcha-lib/dist/esm/v2/", import.meta.url));
const site = await serveStatic({ root, files: { "/index.html": "<!doctype html><title>pow</title>" } });
const browser = await launchChromium();
let chromium: number[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`${site.url}/index.html`);
  chromium = await page.evaluate(async (list) => {
    const { solveChallenge: solve } = await import("/index.js" as string);
    const { deriveKey } = await import("/algorithms/web/sha.js" as string);
    const times: number[] = [];
    for (const challenge of list) {
      const t = performance.now();
      if (!(await solve({ challenge, deriveKey }))) throw new Error("not solved");
      times.push(performance.now() - t);
    }
    return times;
  }, challenges);
} finally {
  await browser.close();
  await site.close();
}
const ms = (x: number) => Math.round(x);
console.log(
  JSON.stringify({
    maxNumber: MAX,
    runs: RUNS,
    medianMs: { chromium: ms(median(chromium)), nodeWebCrypto: ms(median(nodeWeb)), nodeCrypto: ms(median(nodeNative)) },
    maxMs: { chromium: ms(Math.max(...chromium)), nodeWebCrypto: ms(Math.max(...nodeWeb)) },
  }),
);
