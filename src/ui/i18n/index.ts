// string lookup: campaign overrides first, then the locale's table, then English
import { en, vi, type StringKey } from "./strings.js";

export { en, vi, type StringKey };
export type Locale = "vi" | "en";
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

const TABLES: Record<Locale, Record<StringKey, string>> = { en, vi };

/**
 * Build the translate function for a locale with per-campaign overrides.
 * @example
 * const t = createTranslator("vi", { "wheel.spin": "QUAY NGAY" });
 * t("playsLeft", { n: 2 }); // "Còn 2 lượt"
 */
export function createTranslator(locale: Locale, overrides: Record<string, string> = {}): Translate {
  const table = TABLES[locale] ?? en;
  return (key, vars) => {
    const text = overrides[key] ?? table[key] ?? en[key] ?? key;
    // placeholders are replaced as plain text; the result is always rendered as a text node
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** "3:05" or "1:02:03" for a countdown of `ms` */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** a date in the campaign's time zone, in the visitor's language */
export function formatDate(ts: number, locale: Locale, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(ts);
  } catch {
    return new Date(ts).toISOString().slice(0, 16).replace("T", " ");
  }
}

// the odds sheet formats chances the way the published odds page does
export { formatPercent } from "../../core/i18n/odds.js";
