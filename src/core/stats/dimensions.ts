// how one event is attributed (source, device, referral, NPS answer, retention windows): written once, read by
// core computeStats and by the collector's rollups, so the SQL only ever sums what these functions decided
import type { EngagementEvent } from "../events/schema.js";

type Context = EngagementEvent["context"] | null;
type Props = Pick<EngagementEvent, "type"> & { props?: EngagementEvent["props"] | null };

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** where a visitor came from when neither utm nor referrer says */
export const DIRECT = "direct";
/** sources beyond the top ones are summed under this name, so a flood of made-up utm values stays one row */
export const OTHER_SOURCES = "(other)";
export const MAX_SOURCES = 25;

const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

/** lower-case host of an absolute URL without `www.`, userinfo or port; null when there is none */
export function hostOf(url: string | undefined): string | null {
  const authority = url ? AUTHORITY.exec(url)?.[1] : undefined;
  if (!authority) return null;
  const host = authority
    .slice(authority.lastIndexOf("@") + 1)
    .replace(/:\d*$/, "")
    .toLowerCase()
    .replace(/^www\./, "");
  return host || null;
}

/**
 * The source of an event: `utm.source` (or `utm.utm_source`, the key the tracker sends: the query parameter's name;
 * trimmed, lower case), else the referrer's host unless it is the page's own
 * host (a click inside the site is not a source), else `direct`.
 * @example sourceOf({ referrer: "https://www.facebook.com/x", url: "https://shop.vn/" }) // "facebook.com"
 */
export function sourceOf(context: Context): string {
  const utm = printable(context?.utm?.source ?? context?.utm?.utm_source ?? "")
    .trim()
    .toLowerCase();
  if (utm) return utm.slice(0, 100);
  const referrer = hostOf(context?.referrer);
  if (referrer && referrer !== hostOf(context?.url)) return printable(referrer).slice(0, 100) || DIRECT;
  return DIRECT;
}

/**
 * without control characters (C0, DEL and C1): a source is shown in tables, CSV and terminals, where U+009B acts as an
 * escape sequence's start, and the collector's SQL separates fields with one
 */
const printable = (text: string) => text.replace(/[\0-\x1f\x7f-\x9f]/g, "");

/** the device class the collector wrote at ingest, `unknown` for events that carry none */
export function deviceOf(context: Context): DeviceClass | "unknown" {
  const d = context?.device;
  return d === "mobile" || d === "tablet" || d === "desktop" ? d : "unknown";
}

const TABLET = /iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i;
const MOBILE = /Mobi|iPhone|iPod|Android|Windows Phone|Opera Mini|BlackBerry|IEMobile/i;

/**
 * Device class of a User-Agent header, as the collector stores it in `context.device` at ingest.
 * iPadOS sends a desktop Safari agent and is counted as desktop: the header cannot tell them apart.
 * @example deviceClass("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) ...") // "mobile"
 */
export function deviceClass(userAgent: string | undefined): DeviceClass | undefined {
  if (!userAgent) return undefined;
  if (TABLET.test(userAgent)) return "tablet";
  if (MOBILE.test(userAgent)) return "mobile";
  return "desktop";
}

/** the 0–10 answer an NPS question put on a `result` event (`props.nps`), or null */
export function npsAnswerOf(e: Props): number | null {
  if (e.type !== "result") return null;
  const n = e.props?.nps;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
}

/** promoters answer 9–10, passives 7–8, detractors 0–6 */
export function npsGroupOf(answer: number): "promoters" | "passives" | "detractors" {
  return answer >= 9 ? "promoters" : answer >= 7 ? "passives" : "detractors";
}

/** an impression that a share link brought (`props.ref` a non-empty string) */
export function isReferredVisit(e: Props): boolean {
  const ref = e.props?.ref;
  return e.type === "impression" && typeof ref === "string" && ref.length > 0;
}

/** `YYYY-MM-DD` shifted by whole days */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last first-play day of a cohort whose window has ended, for d1 and d7. A window has ended when its last day
 * (D+1, or D+7) is over in the campaign time zone (before `today`) and inside the range asked for (at most `to`).
 * @example retentionCutoffs("2027-01-31") // { d1: "2027-01-29", d7: "2027-01-23" }
 */
export function retentionCutoffs(today: string, to?: string): { d1: string; d7: string } {
  const yesterday = addDays(today, -1);
  const lastDay = to !== undefined && to < yesterday ? to : yesterday;
  return { d1: addDays(lastDay, -1), d7: addDays(lastDay, -7) };
}

/** NPS numbers from the three groups; null without a response. Score in −100…100, one decimal. */
export function npsOf(promoters: number, passives: number, detractors: number) {
  const responses = promoters + passives + detractors;
  if (responses === 0) return null;
  const score = Math.round(((promoters - detractors) / responses) * 1000) / 10;
  return { responses, promoters, passives, detractors, score };
}

type SourceRow = { reach: number; participants: number; claims: number };

/**
 * The top sources by reach (then participants, then name), the rest summed as `(other)`.
 * @example topSources(new Map([["direct", { reach: 3, participants: 1, claims: 0 }]]))
 */
export function topSources(all: Iterable<[string, SourceRow]>, max = MAX_SOURCES): Record<string, SourceRow> {
  const sorted = [...all].sort(([a, x], [b, y]) => y.reach - x.reach || y.participants - x.participants || (a < b ? -1 : a > b ? 1 : 0));
  // a Map, not an object: a source is what the visitor sent, and `__proto__` or `constructor` is a name like any other
  const out = new Map<string, SourceRow>();
  sorted.forEach(([name, row], i) => {
    const key = i < max - 1 || sorted.length <= max ? name : OTHER_SOURCES;
    const o = out.get(key) ?? { reach: 0, participants: 0, claims: 0 };
    o.reach += row.reach;
    o.participants += row.participants;
    o.claims += row.claims;
    out.set(key, o);
  });
  // fromEntries defines each key, it does not assign: `__proto__` is an own property here, not the prototype
  return Object.fromEntries(out);
}

/**
 * a ÷ b as a share: 0 over nothing, and never above 1. Reach counts visitors whose page sent an impression, while in
 * server mode a visitor can play or claim without one (consent denied, an impression lost), so the count can run ahead.
 * @example rate(3, 4) // 0.75
 */
export function rate(a: number, b: number): number {
  return b > 0 ? Math.min(1, a / b) : 0;
}
