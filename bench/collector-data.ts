// synthetic traffic for the collector bench: rows made in chunks so a million never sit in memory at once
import type { EventRow } from "../src/collector/storage/events.js";
import type { EventType } from "../src/core/events/index.js";
import { dayKey } from "../src/core/util/time.js";

const TYPES: EventType[] = ["impression", "impression", "impression", "impression", "open", "play", "play", "result", "result", "claim", "lead", "share", "close"];

/** mulberry32 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` event rows for one campaign from `first`, spread over 30 days and `visitors` visitors.
 * @example for (const chunk of rows({ campaignId: "bench", first: 0, count: 5000 })) ...
 */
export function makeRows(o: { campaignId: string; first: number; count: number; visitors?: number; seed?: number; timezone?: string }): EventRow[] {
  const random = seeded((o.seed ?? 1) * 1_000_003 + o.first);
  const start = Date.parse("2027-01-20T00:00:00Z");
  const out: EventRow[] = [];
  for (let i = o.first; i < o.first + o.count; i++) {
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    const ts = start + Math.floor(random() * 30 * 86_400_000);
    const win = type === "result" && random() < 0.4;
    out.push({
      id: `${o.campaignId}-${i}`,
      campaignId: o.campaignId,
      type,
      visitorId: `v-${Math.floor(random() * (o.visitors ?? 200_000))}`,
      sessionId: `s-${Math.floor(random() * 400_000)}`,
      ts,
      clientTs: ts,
      receivedAt: ts,
      day: dayKey(ts, o.timezone ?? "Asia/Ho_Chi_Minh"),
      seq: null,
      props: type === "result" ? { win, prizeId: win ? ["voucher50", "voucher100", "freeship"][i % 3]! : "none" } : null,
      context: { url: "https://shop.example/tet", sdk: "minigame/0.1.0" },
      automated: random() < 0.01,
      test: false,
      clamped: false,
    });
  }
  return out;
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
