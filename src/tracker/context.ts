// what the page tells us about an event: where it happened, and whether the visitor opted out
import type { EngagementEvent } from "../core/events/index.js";

type Context = NonNullable<EngagementEvent["context"]>;

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The page context of an event: the URL without its query except utm_* (queries carry emails and tokens).
 * @example pageContext("1.2.0").url // "https://shop.example/tet?utm_source=fb"
 */
export function pageContext(sdk: string): Context {
  const ctx: Context = { sdk: clip(sdk, 40) };
  const loc = globalThis.location;
  if (loc?.href) {
    try {
      const url = new URL(loc.href);
      const kept = new URLSearchParams();
      const utm: Record<string, string> = {};
      for (const [k, v] of url.searchParams) {
        if (!k.startsWith("utm_")) continue;
        kept.append(k, v);
        utm[clip(k, 64)] = clip(v, 200);
      }
      const query = kept.toString();
      url.search = query ? `?${query}` : "";
      url.hash = "";
      ctx.url = clip(url.href, 2048);
      if (query) ctx.utm = utm;
    } catch {
      // an unparsable location is left out, not guessed
    }
  }
  const doc = globalThis.document;
  if (doc?.referrer) ctx.referrer = clip(stripQuery(doc.referrer), 2048);
  const nav = globalThis.navigator;
  if (nav?.language) ctx.locale = clip(nav.language, 35);
  if (nav?.webdriver === true) ctx.automated = true;
  return ctx;
}

// a referrer's query belongs to another site: keep only its origin and path
function stripQuery(href: string): string {
  try {
    const url = new URL(href);
    return url.origin + url.pathname;
  } catch {
    return "";
  }
}

/** Do Not Track or Global Privacy Control is on */
export function privacySignal(): boolean {
  const nav = globalThis.navigator as (Navigator & { globalPrivacyControl?: boolean; msDoNotTrack?: string }) | undefined;
  const win = globalThis as { doNotTrack?: string };
  if (nav?.globalPrivacyControl === true) return true;
  const dnt = nav?.doNotTrack ?? win.doNotTrack ?? nav?.msDoNotTrack;
  return dnt === "1" || dnt === "yes";
}
