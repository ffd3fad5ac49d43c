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

/** a date in the campaign's time zone, as people write it: "00:00 ngày 20/01/2027" in Vietnamese, "20 Jan 2027, 00:00" in English */
export function formatDate(ts: number, locale: Locale, timeZone: string): string {
  try {
    if (locale !== "vi") return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(ts);
    // vi-VN's "medium" style prints "20 thg 1, 2027", an abbreviation nobody writes; numbers read naturally
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(ts);
    const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? "";
    return `${p("hour")}:${p("minute")} ngày ${p("day")}/${p("month")}/${p("year")}`;
  } catch {
    return new Date(ts).toISOString().slice(0, 16).replace("T", " ");
  }
}

export function formatPercent(p: number, locale: Locale): string {
  const digits = p > 0 && p < 0.01 ? 2 : 1;
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { style: "percent", maximumFractionDigits: digits }).format(p);
}
