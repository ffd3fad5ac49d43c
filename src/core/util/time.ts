// calendar days in a campaign's time zone, with no dependency beyond Intl

const formatters = new Map<string, Intl.DateTimeFormat>();
const dayCache = new Map<string, Map<number, string>>();
const QUARTER_HOUR = 15 * 60 * 1000; // every zone offset and transition in tzdata falls on a quarter hour

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** UTC is the schema's default zone: its days need no Intl, whose first formatter costs tens of milliseconds on a phone */
const isUtc = (timeZone: string) => timeZone === "UTC" || timeZone === "Etc/UTC";

export function isValidTimeZone(timeZone: string): boolean {
  if (isUtc(timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in a time zone.
 * @example dayKey(Date.parse("2027-01-20T23:59:00+07:00"), "Asia/Ho_Chi_Minh") // "2027-01-20"
 */
export function dayKey(ts: number, timeZone: string): string {
  if (isUtc(timeZone)) return new Date(ts).toISOString().slice(0, 10);
  let cache = dayCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    dayCache.set(timeZone, cache);
  }
  const bucket = Math.floor(ts / QUARTER_HOUR);
  let key = cache.get(bucket);
  if (key === undefined) {
    const parts = formatter(timeZone).formatToParts(ts);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
    key = `${get("year")}-${get("month")}-${get("day")}`;
    if (cache.size > 50_000) cache.clear(); // bounded: about 520 days of quarter hours
    cache.set(bucket, key);
  }
  return key;
}

/** whole days from one `YYYY-MM-DD` key to another */
export function daysBetween(fromKey: string, toKey: string): number {
  return Math.round((Date.parse(`${toKey}T00:00:00Z`) - Date.parse(`${fromKey}T00:00:00Z`)) / 86_400_000);
}
