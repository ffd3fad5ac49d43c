// time of `minigame simulate` for 1M plays of a 12-prize campaign (stock, caps, codes, pacing).
// run: npx tsx bench/simulate.ts [--plays N] [--json]
import { readFileSync } from "node:fs";
import { parseCampaign } from "../src/core/index.js";
import { simulateCampaign } from "../src/cli/simulate.js";

const argPlays = process.argv.indexOf("--plays");
const plays = argPlays > 0 ? Number(process.argv[argPlays + 1]) : 1_000_000;
const parsed = parseCampaign(readFileSync(new URL("fixtures/twelve-prizes.json", import.meta.url), "utf8"));
if (!parsed.ok) throw new Error("bench/fixtures/twelve-prizes.json is invalid");

const rounds: Array<{ wallSeconds: number; cpuSeconds: number }> = [];
for (let round = 0; round < 3; round++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  simulateCampaign(parsed.campaign, { plays, seed: round + 1 });
  const used = process.cpuUsage(cpu);
  rounds.push({ wallSeconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 });
}
const best = rounds.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ plays, prizes: parsed.campaign.prizes.length, node: process.version, rounds, best }, null, 2));
} else {
  console.log(`simulate ${plays.toLocaleString("en-US")} plays of a ${parsed.campaign.prizes.length}-prize campaign (best of 3)`);
  console.log(
    `  wall ${best.wallSeconds.toFixed(2)} s, cpu ${best.cpuSeconds.toFixed(2)} s, ${Math.round(plays / best.wallSeconds).toLocaleString("en-US")} plays/s`,
  );
}
