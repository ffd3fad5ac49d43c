// generated events for storage and stats tests: a seeded generator, so every run sees the same set
import type { EngagementEvent, EventType } from "../../src/core/events/index.js";
import type { EventRow } from "../../src/collector/storage/events.js";
import { normalizeBatch } from "../../src/collector/ingest/normalize.js";
import { createSeededRandom } from "../../src/core/engine/random.js";

const TYPES: EventType[] = ["impression", "impression", "impression", "open", "play", "result", "claim", "lead", "share", "close", "error"];

export type GenerateOptions = {
  count: number;
  seed?: number;
  campaignIds?: string[];
  visitors?: number;
  /** first event time; events spread over `days` */
  start?: number;
  days?: number;
  /** share of events duplicated (same id) */
  duplicates?: number;
};

/**
 * Events with every feature stats care about: duplicates, test events, automated ones, numeric prize ids.
 * @example const events = generateEvents({ count: 10_000, seed: 7 });
 */
export function generateEvents(o: GenerateOptions): EngagementEvent[] {
  const random = createSeededRandom(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const campaigns = o.campaignIds ?? ["tet-2027"];
  const start = o.start ?? Date.parse("2027-01-20T00:00:00Z");
  const span = (o.days ?? 10) * 86_400_000;
  const out: EngagementEvent[] = [];
  for (let i = 0; i < o.count; i++) {
    if (out.length && random() < (o.duplicates ?? 0.03)) {
      out.push(pick(out));
      continue;
    }
    const type = pick(TYPES);
    const props: Record<string, string | number | boolean | null> = {};
    if (type === "result") {
      props.win = random() < 0.4;
      props.prizeId = random() < 0.1 ? 7 : pick(["voucher50", "voucher100", "lixi", "none"]);
    }
    // an NPS answer on some results, sometimes out of range or not an integer (not counted)
    if (type === "result" && random() < 0.3) props.nps = random() < 0.05 ? pick([11, -1, 7.5, "9"]) : Math.floor(random() * 11);
    // a visit a share link brought, sometimes with an empty token (not a referral)
    if (type === "impression" && random() < 0.1) props.ref = random() < 0.1 ? "" : `r-${Math.floor(random() * 50)}`;
    if (random() < 0.02) props.test = true;
    const event: EngagementEvent = {
      id: `e-${o.seed ?? 1}-${i}`,
      type,
      campaignId: pick(campaigns),
      visitorId: `v-${Math.floor(random() * (o.visitors ?? 2000))}`,
      sessionId: `s-${Math.floor(random() * 5000)}`,
      ts: start + Math.floor(random() * span),
      ...(Object.keys(props).length ? { props } : {}),
      ...(random() < 0.03 ? { context: { automated: true } } : { context: contextOf(random) }),
    };
    out.push(event);
  }
  return out;
}

const SOURCES = ["facebook", "Zalo ", "tiktok", "", ...Array.from({ length: 30 }, (_, i) => `s${i}`)];
const REFERRERS = ["https://www.google.com/search?q=tet", "https://m.facebook.com/", "https://shop.example/other", "android-app://x", ""];
const DEVICES = ["mobile", "tablet", "desktop", undefined] as const;

/** a page context: utm from many sources (more than the top 25), referrers incl. the page's own host, a device class */
function contextOf(random: () => number): NonNullable<EngagementEvent["context"]> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const device = pick(DEVICES);
  return {
    url: "https://shop.example/tet",
    ...(random() < 0.4 ? { utm: { source: pick(SOURCES) } } : {}),
    ...(random() < 0.5 ? { referrer: pick(REFERRERS) } : {}),
    ...(device ? { device } : {}),
  };
}

/**
 * The row the collector stores for an event, made by its own normaliser (src/collector/ingest): the event is sent
 * alone at its own ts and received at once (no clock correction), from a browser whose User-Agent the collector
 * classes as the event's device. An event the normaliser refuses throws, so a fixture never goes missing silently.
 */
export function toRow(e: EngagementEvent, timezone = "UTC"): EventRow {
  const device = e.context?.device;
  const n = normalizeBatch({ sentAt: e.ts, events: [e] }, { receivedAt: e.ts, timezoneOf: () => timezone, ...(device ? { device } : {}) });
  if (!n.ok) throw new Error(`toRow: ${n.error}`);
  const [row] = n.rows;
  if (!row) throw new Error(`toRow: event ${e.id} refused: ${n.rejected[0]?.reason}`);
  return row;
}
