// from a parsed body to rows ready to store: validate each event, correct client clocks, flag what stats leave out
import { batchSchema, eventSchema, type EngagementEvent } from "../../core/events/index.js";
import type { DeviceClass } from "../../core/stats/index.js";
import { dayKey } from "../../core/util/time.js";
import type { EventRow } from "../storage/events.js";

export type Rejection = { index: number; reason: string };

export type NormalizeOptions = {
  /** server time the batch arrived, ms since epoch */
  receivedAt: number;
  /** the campaign's IANA time zone, for the day an event counts on */
  timezoneOf: (campaignId: string) => string;
  /** the request's User-Agent named a bot */
  botAgent?: boolean;
  /** device class of the request's User-Agent (core deviceClass), stored as context.device */
  device?: DeviceClass;
  /** why events of this campaign are refused, or null to take them */
  refuseCampaign?: (campaignId: string) => string | null;
};

/**
 * What a collector serving `campaigns` takes: each campaign's time zone, and no other campaign (with none configured,
 * every campaign). The HTTP route and the event queue's consumer check events by the same rules.
 * @example normalizeBatch(body, { receivedAt: Date.now(), ...campaignRules(ctx.campaigns) });
 */
export function campaignRules(
  campaigns: ReadonlyMap<string, { timezone: string }>,
): Required<Pick<NormalizeOptions, "timezoneOf" | "refuseCampaign">> {
  return {
    timezoneOf: (id) => campaigns.get(id)?.timezone ?? "UTC",
    // with campaigns configured, events for others are noise or abuse; without any, collect everything
    refuseCampaign: (id) => (campaigns.size && !campaigns.has(id) ? `campaignId: unknown campaign "${id}"` : null),
  };
}

export type Normalized = { ok: true; rows: EventRow[]; rejected: Rejection[]; dropped: number } | { ok: false; error: string };

/**
 * Validate a batch and turn each valid event into a row; one bad event never rejects the others.
 * @example const n = normalizeBatch(body, { receivedAt: Date.now(), timezoneOf: () => "UTC" });
 */
export function normalizeBatch(body: unknown, options: NormalizeOptions): Normalized {
  const batch = batchSchema.safeParse(body);
  if (!batch.success) {
    const issue = batch.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "body";
    return { ok: false, error: `${where}: ${issue?.message ?? "is not a batch"}; expected { sentAt: number, events: [...] }` };
  }
  const { sentAt, events, dropped = 0 } = batch.data;
  const rows: EventRow[] = [];
  const rejected: Rejection[] = [];
  events.forEach((raw, index) => {
    const checked = checkEvent(raw, options);
    if (!checked.ok) {
      rejected.push({ index, reason: checked.reason });
      return;
    }
    // the client's clock may be off by hours; the gap between its event and its send is what we trust
    const e = checked.event;
    const corrected = Math.max(0, Math.round(options.receivedAt + (Math.min(e.ts, MAX_TIME) - Math.min(sentAt, MAX_TIME))));
    rows.push(toRow(e, corrected, options));
  });
  return { ok: true, rows, rejected, dropped };
}

/** an event as the schema reads it, or why it is refused: the schema, text PostgreSQL can store, a campaign served */
function checkEvent(
  raw: unknown,
  o: Pick<NormalizeOptions, "refuseCampaign">,
): { ok: true; event: EngagementEvent } | { ok: false; reason: string } {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, reason: `${path}${issue?.message ?? "is not an event"}` };
  }
  const bad = unstorableText(parsed.data) ?? o.refuseCampaign?.(parsed.data.campaignId);
  return bad ? { ok: false, reason: bad } : { ok: true, event: parsed.data };
}

const isTime = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A row read back from the event queue, taken the way normalizeBatch takes an event: the same checks, then its time
 * bounded, its day and flags derived again. A row normalizeBatch made comes back unchanged; anything else published on
 * the subject is refused with a reason, or corrected where the HTTP path would correct it.
 * @example const r = renormalizeRow(JSON.parse(text).rows[0], { timezoneOf: () => "UTC" }); if (r.ok) rows.push(r.row);
 */
export function renormalizeRow(
  raw: unknown,
  options: Pick<NormalizeOptions, "timezoneOf" | "refuseCampaign"> & { now?: number },
): { ok: true; row: EventRow } | { ok: false; reason: string } {
  if (!raw || typeof raw !== "object") return { ok: false, reason: "is not an event row" };
  const r = raw as Partial<Record<keyof EventRow, unknown>>;
  for (const key of ["receivedAt", "ts"] as const) {
    if (!isTime(r[key])) return { ok: false, reason: `${key}: expected a time in ms since epoch` };
  }
  const { receivedAt, ts } = r as { receivedAt: number; ts: number };
  // another instance received it, whose clock may run a little ahead, but not an hour
  if (options.now !== undefined && receivedAt > options.now + 3600_000) return { ok: false, reason: "receivedAt: in the future" };
  // the row as the event it was made from: the client's time, and null for what the event left out
  const event = {
    id: r.id,
    type: r.type,
    campaignId: r.campaignId,
    visitorId: r.visitorId,
    sessionId: r.sessionId,
    ts: r.clientTs,
    ...(r.seq === null ? {} : { seq: r.seq }),
    ...(r.props === null ? {} : { props: r.props }),
    ...(r.context === null ? {} : { context: r.context }),
  };
  const checked = checkEvent(event, options);
  if (!checked.ok) return checked;
  const device = checked.event.context?.device;
  const row = toRow(checked.event, ts, { ...options, receivedAt, botAgent: r.automated === true, ...(device ? { device } : {}) });
  // a time clamped when it was received stays flagged
  return { ok: true, row: { ...row, clamped: row.clamped || r.clamped === true } };
}

/** the last instant a Date can hold; a client may send anything up to Number.MAX_VALUE */
const MAX_TIME = 8.64e15;

/**
 * How long before its arrival an event may be dated: the tracker gives up on an event after 72 hours in its queue
 * (src/tracker/delivery.ts, MAX_AGE_MS), and one hour more covers a send begun just before that and a clock moved
 * meanwhile. An event dated earlier is set to this bound and flagged, as one dated after its arrival is set to it.
 */
export const MAX_EVENT_AGE_MS = 73 * 3600_000;

/** the row of a valid event whose time, corrected for the client's clock, is `corrected` */
function toRow(e: EngagementEvent, corrected: number, o: NormalizeOptions): EventRow {
  const ts = Math.min(o.receivedAt, Math.max(o.receivedAt - MAX_EVENT_AGE_MS, corrected));
  const clamped = ts !== corrected;
  const automated = e.context?.automated === true || o.botAgent === true;
  return {
    id: e.id,
    campaignId: e.campaignId,
    type: e.type,
    visitorId: e.visitorId,
    sessionId: e.sessionId,
    ts,
    clientTs: Math.min(Math.round(e.ts), MAX_TIME),
    receivedAt: o.receivedAt,
    day: dayKey(ts, o.timezoneOf(e.campaignId)),
    seq: e.seq ?? null,
    props: e.props ?? null,
    context: contextOf(e, automated, o.device),
    automated,
    test: e.props?.test === true,
    clamped,
  };
}

/** the context as stored: flagged, so the raw events read back the way stats counted them, and with our device class */
function contextOf(e: EngagementEvent, automated: boolean, device: DeviceClass | undefined): EventRow["context"] {
  // the class comes from the request header only: one classifier, whatever a page script claims
  const { device: _claimed, ...rest } = e.context ?? {};
  const context = { ...rest, ...(device ? { device } : {}), ...(automated ? { automated: true } : {}) };
  return Object.keys(context).length ? context : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL text cannot hold NUL, and its JSON parser refuses a lone surrogate: the first string (value or key) with
 * either, as `path: what is wrong`, so the caller answers 4xx instead of failing in the database; null when all is well.
 * @example unstorableText({ name: "\ud800" }) // "name: contains an unpaired UTF-16 surrogate"
 */
export function unstorableText(value: unknown, path = ""): string | null {
  if (typeof value === "string") {
    if (value.includes("\0")) return `${path || "value"}: contains a NUL character`;
    if (LONE_SURROGATE.test(value)) return `${path || "value"}: contains an unpaired UTF-16 surrogate`;
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      const bad = unstorableText(k, p) ?? unstorableText(v, p);
      if (bad) return bad;
    }
  }
  return null;
}
