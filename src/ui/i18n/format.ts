// numbers, dates and countdowns in the visitor's language; Intl lives here, away from the first paint
import type { Locale } from "./index.js";

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

// the odds sheet formats chances the way the published odds page does
export { formatPercent } from "../../core/i18n/odds.js";
