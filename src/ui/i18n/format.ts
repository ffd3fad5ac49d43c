// numbers, dates and countdowns in the visitor's language; Intl lives here, away from the first paint

/** "3:05" or "1:02:03" for a countdown of `ms` */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

// the odds sheet formats chances the way the published odds page does
export { formatPercent } from "../../core/i18n/odds.js";
// dates as the published rules write them
export { formatDate } from "../../core/i18n/odds.js";
