// where the reader is, kept in the URL hash so a reload or a shared link (without the token) opens the same view
import type { Lang } from "./i18n.js";
import type { Preset } from "./range.js";

export type Route = { campaignId?: string; preset?: Preset; from?: string; to?: string; lang?: Lang };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PRESETS: readonly Preset[] = ["campaign", "7d", "30d", "custom"];

/**
 * Read `#/c/<id>?preset=custom&from=…&to=…&lang=vi`; anything malformed is dropped, never trusted.
 * @example parseRoute("#/c/tet-2027?preset=7d") // { campaignId: "tet-2027", preset: "7d" }
 */
export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const m = /^\/c\/([^/]+)$/.exec(path);
  const q = new URLSearchParams(query);
  const route: Route = {};
  if (m) route.campaignId = decodeURIComponent(m[1]!);
  const preset = q.get("preset");
  if (preset && (PRESETS as readonly string[]).includes(preset)) route.preset = preset as Preset;
  const from = q.get("from");
  const to = q.get("to");
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to) Object.assign(route, { from, to });
  const lang = q.get("lang");
  if (lang === "en" || lang === "vi") route.lang = lang;
  return route;
}

/** the hash for a route */
export function formatRoute(r: Route): string {
  if (!r.campaignId) return r.lang ? `#/?lang=${r.lang}` : "#/";
  const q = new URLSearchParams();
  if (r.preset) q.set("preset", r.preset);
  if (r.preset === "custom" && r.from && r.to) {
    q.set("from", r.from);
    q.set("to", r.to);
  }
  if (r.lang) q.set("lang", r.lang);
  const query = q.toString();
  return `#/c/${encodeURIComponent(r.campaignId)}${query ? `?${query}` : ""}`;
}
