// generated events for storage and stats tests: a seeded generator, so every run sees the same set
import type { EngagementEvent, EventType } from "../../src/core/events/index.js";
import type { EventRow } from "../../src/collector/storage/events.js";
import { dayKey } from "../../src/core/util/time.js";
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
    if (random() < 0.02) props.test = true;
    const event: EngagementEvent = {
      id: `e-${o.seed ?? 1}-${i}`,
      type,
      campaignId: pick(campaigns),
      visitorId: `v-${Math.floor(random() * (o.visitors ?? 2000))}`,
      sessionId: `s-${Math.floor(random() * 5000)}`,
      ts: start + Math.floor(random() * span),
      ...(Object.keys(props).length ? { props } : {}),
      ...(random() < 0.03 ? { context: { automated: true } } : {}),
    };
    out.push(event);
  }
  return out;
}

/** the row the collector would store for an event sent with sentAt === receivedAt (no clock correction) */
export function toRow(e: EngagementEvent, timezone = "UTC"): EventRow {
  return {
    id: e.id,
    campaignId: e.campaignId,
    type: e.type,
    visitorId: e.visitorId,
    sessionId: e.sessionId,
    ts: e.ts,
    clientTs: e.ts,
    receivedAt: e.ts,
    day: dayKey(e.ts, timezone),
    seq: e.seq ?? null,
    props: e.props ?? null,
    context: e.context ?? null,
    automated: e.context?.automated === true,
    test: e.props?.test === true,
    clamped: false,
  };
}
