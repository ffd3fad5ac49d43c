// synthetic traffic for the collector bench: rows made in chunks so a million never sit in memory at once
import { insertEvents, type EventRow } from "../src/collector/storage/events.js";
import { applyPendingRollups } from "../src/collector/storage/rollup-outbox.js";
import type { Database } from "../src/collector/storage/types.js";
import type { EventType } from "../src/core/events/index.js";
import { dayKey } from "../src/core/util/time.js";
import { createSeededRandom } from "../src/core/engine/random.js";

/** one visit: an impression, and for some visitors the steps of the funnel after it */
function session(random: () => number): EventType[] {
  const steps: EventType[] = ["impression"];
  if (random() < 0.5) return steps;
  steps.push("open");
  if (random() < 0.3) return [...steps, "close"];
  steps.push("play", "result");
  if (random() < 0.3) steps.push("play", "result");
  if (random() < 0.35) steps.push("claim");
  if (random() < 0.15) steps.push("lead");
  if (random() < 0.1) steps.push("share");
  return steps;
}

const SOURCES = ["facebook", "zalo", "tiktok", "google", "newsletter", "shopee", "youtube"];
const REFERRERS = ["https://www.google.com/", "https://m.facebook.com/", "https://zalo.me/", "https://shop.example/home"];
const DEVICES = ["mobile", "mobile", "mobile", "desktop", "tablet"] as const;

/** one visit's page context: utm for some, a referrer for others, the device class the collector would add */
function contextOf(random: () => number): Record<string, unknown> {
  const r = random();
  return {
    url: "https://shop.example/tet",
    sdk: "minigame/0.1.0",
    ...(r < 0.3 ? { utm: { source: SOURCES[Math.floor(random() * SOURCES.length)]! } } : {}),
    ...(r >= 0.3 && r < 0.6 ? { referrer: REFERRERS[Math.floor(random() * REFERRERS.length)]! } : {}),
    device: DEVICES[Math.floor(random() * DEVICES.length)]!,
  };
}

/** a result's prize and, for some, an NPS answer; a referral token on some impressions */
function propsOf(type: EventType, win: boolean, i: number, random: () => number): EventRow["props"] {
  if (type === "impression") return random() < 0.05 ? { ref: `r-${Math.floor(random() * 5000)}` } : null;
  if (type !== "result") return null;
  const props: NonNullable<EventRow["props"]> = { win, prizeId: win ? ["voucher50", "voucher100", "freeship"][i % 3]! : "none" };
  if (random() < 0.2) props.nps = Math.floor(random() * 11);
  return props;
}

/**
 * `count` event rows for one campaign, numbered from `first`: visits of `visitors` visitors over 30 days,
 * each an impression and often a funnel after it, so a visitor-day holds a few events as in real traffic.
 * @example const rows = makeRows({ campaignId: "bench", first: 0, count: 5000 });
 */
export function makeRows(o: {
  campaignId: string;
  first: number;
  count: number;
  visitors?: number;
  seed?: number;
  timezone?: string;
  /** first visit time and the days visits spread over (default 2027-01-20, 30 days) */
  start?: number;
  days?: number;
}): EventRow[] {
  const random = createSeededRandom((o.seed ?? 1) * 1_000_003 + o.first);
  const start = o.start ?? Date.parse("2027-01-20T00:00:00Z");
  const span = (o.days ?? 30) * 86_400_000;
  const out: EventRow[] = [];
  let i = o.first;
  while (out.length < o.count) {
    const visitorId = `v-${Math.floor(random() * (o.visitors ?? 200_000))}`;
    const sessionId = `s-${o.first}-${i}`;
    let ts = start + Math.floor(random() * span);
    const automated = random() < 0.01;
    const context = contextOf(random);
    for (const type of session(random)) {
      if (out.length >= o.count) break;
      ts += Math.floor(random() * 20_000);
      const win = type === "result" && random() < 0.4;
      out.push({
        id: `${o.campaignId}-${i++}`,
        campaignId: o.campaignId,
        type,
        visitorId,
        sessionId,
        ts,
        clientTs: ts,
        receivedAt: ts,
        day: dayKey(ts, o.timezone ?? "Asia/Ho_Chi_Minh"),
        seq: null,
        props: propsOf(type, win, i, random),
        context,
        automated,
        test: false,
        clamped: false,
      });
    }
  }
  return out;
}

/**
 * Store `count` generated events of one campaign through the collector's own write path (insertEvents: events, ids and
 * outbox in one statement and one commit per 5,000 rows), then apply their rollups with the collector's own code
 * (applyPendingRollups, 32 outbox rows per transaction), so the stats read rows exactly as ingest writes them. The
 * next 5,000 rows are generated while the database stores the previous ones. Measured at 500k events on both
 * databases: that overlap took a fifth to a half off the fill; 20,000 rows per statement gained nothing more; running
 * the rollup worker alongside the inserts was slower (the two writers contend for the same two cores).
 * @example const { insertMs, totalMs } = await fillCampaign(db, { campaignId: "bench", count: 1_000_000 });
 */
export async function fillCampaign(
  db: Database,
  o: { campaignId: string; count: number; onProgress?(stored: number): void },
): Promise<{ insertMs: number; totalMs: number }> {
  const started = performance.now();
  let storing: Promise<unknown> = Promise.resolve();
  for (let first = 0; first < o.count; first += 5000) {
    const rows = makeRows({ campaignId: o.campaignId, first, count: Math.min(5000, o.count - first) });
    await storing;
    o.onProgress?.(first);
    storing = insertEvents(db, rows);
  }
  await storing;
  const insertMs = performance.now() - started;
  await applyPendingRollups(db);
  return { insertMs, totalMs: performance.now() - started };
}

/** the same rows as the events the tracker sends, for HTTP ingest */
export function toEvent(r: EventRow) {
  return {
    id: r.id,
    type: r.type,
    campaignId: r.campaignId,
    visitorId: r.visitorId,
    sessionId: r.sessionId,
    ts: r.ts,
    ...(r.props ? { props: r.props } : {}),
    ...(r.context ? { context: r.context } : {}),
  };
}

/** the q-quantile of sorted numbers */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
