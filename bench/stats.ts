// computeStats throughput over a realistic event stream, against the floor of one pass that only dedupes ids
// run: npx tsx bench/stats.ts [events=1000000]
import { computeStats } from "../src/core/stats/index.js";
import { createSeededRandom } from "../src/core/engine/random.js";
import type { EngagementEvent, EventType } from "../src/core/events/index.js";

const count = Number(process.argv[2] ?? 1_000_000);
const random = createSeededRandom(42);
const START = Date.parse("2027-01-20T00:00:00+07:00");
const SPAN = 21 * 86_400_000;

// a funnel like a real campaign's: most visitors only see the widget, fewer open, play, win and claim
const STEPS: Array<[EventType, number]> = [
  ["impression", 0.5],
  ["open", 0.15],
  ["play", 0.14],
  ["result", 0.14],
  ["claim", 0.03],
  ["lead", 0.02],
  ["share", 0.01],
  ["close", 0.01],
];
function pickType(): EventType {
  let r = random();
  for (const [type, p] of STEPS) {
    r -= p;
    if (r < 0) return type;
  }
  return "impression";
}
const events: EngagementEvent[] = [];
for (let i = 0; i < count; i++) {
  const type = pickType();
  const win = type === "result" && random() < 0.4;
  events.push({
    // about 1 % resent copies, as a retrying tracker produces them
    id: `e${random() < 0.01 && i > 0 ? i - 1 : i}`,
    type,
    campaignId: random() < 0.8 ? "tet-2027" : "quiz-2027",
    visitorId: `v${Math.floor(random() * count * 0.2)}`,
    sessionId: "s",
    ts: START + Math.floor(random() * SPAN),
    ...(type === "result" ? { props: { win, prizeId: win ? `p${Math.floor(random() * 6)}` : "none" } } : {}),
  });
}

function time(fn: () => void): number {
  fn(); // warm up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

const floor = time(() => {
  const seen = new Set<string>();
  for (const e of events) seen.add(e.id);
});
const stats = time(() => computeStats(events, { timezone: "Asia/Ho_Chi_Minh" }));
const perSecond = (ms: number) => Math.round(count / (ms / 1000)).toLocaleString("en");
console.log(`${count.toLocaleString("en")} events, ${Object.keys(computeStats(events)).length} campaigns, median of 3 runs`);
console.log(`dedupe ids only (floor): ${floor.toFixed(0)} ms, ${perSecond(floor)} events/s`);
console.log(`computeStats:            ${stats.toFixed(0)} ms, ${perSecond(stats)} events/s, ${(stats / floor).toFixed(1)}× the floor`);
