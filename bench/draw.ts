// draws per second: the alias sampler and whole engine draws against a linear-scan weighted pick.
// run: npx tsx bench/draw.ts [--json]
import { createAliasTable } from "../src/core/engine/alias.js";
import { createEngine } from "../src/core/engine/create-engine.js";
import { testCampaign } from "../tests/helpers/core/engine-campaigns.js";
import { createMemoryStore } from "../src/core/engine/memory-store.js";
import { createSeededRandom } from "../src/core/engine/random.js";
import type { Campaign } from "../src/core/schema/campaign.js";
import type { Random } from "../src/core/engine/types.js";

const SIZES = [8, 24, 1000];
const RUN_MS = 400;
const ROUNDS = 5;

/** the baseline: walk the cumulative weights until the random point is passed, O(n) per draw */
function linearPick(weights: ArrayLike<number>, total: number, random: Random): number {
  let r = random() * total;
  const last = weights.length - 1;
  for (let i = 0; i < last; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return last;
}

/** every prize but the last has a (huge) stock, so each draw also checks availability of n - 1 prizes */
function campaignOf(n: number): Campaign {
  const base = testCampaign({ game: "wheel" });
  // more than 24 prizes is not a valid wheel, but the engine does not care: validation happens at the edge
  const prizes: Campaign["prizes"] = Array.from({ length: n }, (_, i) =>
    i === n - 1
      ? { id: "none", label: "None", weight: n, win: false }
      : { id: `p${i}`, label: `Prize ${i}`, weight: i + 1, win: true, stock: 1e12 },
  );
  return { ...base, prizes, fallbackPrizeId: "none" };
}

type Contender = { draw: () => unknown | Promise<unknown>; async?: boolean };

/** draws per second over one round of RUN_MS */
async function round({ draw, async }: Contender): Promise<number> {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 1000; i++) {
      if (async) await draw();
      else draw();
    }
    count += 1000;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

/** best of ROUNDS per contender; rounds alternate between contenders so a busy machine hits all alike */
async function race<K extends string>(contenders: Record<K, Contender>): Promise<Record<K, number>> {
  const best = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0])) as Record<K, number>;
  for (let r = 0; r < ROUNDS; r++) {
    for (const key of Object.keys(contenders) as K[]) best[key] = Math.max(best[key], await round(contenders[key]));
  }
  return best;
}

type Row = { prizes: number; linear: number; alias: number; drawSync: number; draw: number };

async function measure(n: number): Promise<Row> {
  const campaign = campaignOf(n);
  const weights = campaign.prizes.map((p) => p.weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const random = createSeededRandom(n);
  const table = createAliasTable(weights);
  let sink = 0;
  let id = 0;
  const at = Date.parse("2027-01-20T10:00:00Z");
  const options = () => ({
    random,
    store: createMemoryStore({ keepVisitors: false, rememberDraws: 0 }),
    newId: () => String(++id),
    now: () => at,
  });
  const sync = createEngine(campaign, options());
  const engine = createEngine(campaign, options());
  const rates = await race({
    linear: { draw: () => (sink += linearPick(weights, total, random)) },
    alias: { draw: () => (sink += table.sample(random)) },
    drawSync: { draw: () => sync.drawSync("bench") },
    draw: { draw: () => engine.draw("bench"), async: true },
  });
  if (sink < 0) console.log(sink);
  return { prizes: n, ...rates };
}

const rows: Row[] = [];
for (const n of SIZES) rows.push(await measure(n));

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ unit: "draws/second", node: process.version, rows }, null, 2));
} else {
  const f = (x: number) => Math.round(x).toLocaleString("en-US").padStart(12);
  const r = (x: number) => `${x.toFixed(2)}×`.padStart(9);
  console.log("draws/second (best of 5 × 400 ms, seeded random); ratios against the linear scan of the same weights\n");
  console.log(
    `${"prizes".padStart(6)} ${"linear scan".padStart(12)} ${"alias".padStart(12)} ${"ratio".padStart(9)} ${"drawSync".padStart(12)} ${"ratio".padStart(9)} ${"draw".padStart(12)} ${"ratio".padStart(9)}`,
  );
  for (const row of rows) {
    console.log(
      `${String(row.prizes).padStart(6)} ${f(row.linear)} ${f(row.alias)} ${r(row.alias / row.linear)} ${f(row.drawSync)} ${r(row.drawSync / row.linear)} ${f(row.draw)} ${r(row.draw / row.linear)}`,
    );
  }
  console.log("\nalias: the engine's sampler alone; drawSync: a whole draw on the memory store (rules, stock check of the drawn");
  console.log("prize, sample, code, commit; every prize but one has stock); draw: the same through the async store transaction");
}
