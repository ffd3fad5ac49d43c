// date ranges as the stats API takes them: days (YYYY-MM-DD) in the campaign time zone, both ends inclusive
import { daysBetween } from "../core/util/time.js";

export type Preset = "campaign" | "7d" | "30d" | "custom";
export type DayRange = { from: string; to: string };
/** what the dashboard knows of a campaign's calendar */
export type Calendar = { firstDay: string | null; lastDay: string | null; today: string };

/**
 * A day key moved by `days` (negative goes back).
 * @example addDays("2027-01-31", 1) // "2027-02-01"
 */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** the number of days in a range, both ends counted */
export function rangeLength(r: DayRange): number {
  return daysBetween(r.from, r.to) + 1;
}

/**
 * The days a preset asks the stats API for. "campaign" asks for no range at all: every day the campaign has data,
 * the API's own whole-campaign numbers (and a request the page can send before it knows the calendar).
 * @example presetRange("7d", { firstDay: null, lastDay: null, today: "2027-01-27" }) // { from: "2027-01-21", to: "2027-01-27" }
 */
export function presetRange(preset: Exclude<Preset, "custom">, cal: Calendar): DayRange | undefined {
  if (preset === "7d") return { from: addDays(cal.today, -6), to: cal.today };
  if (preset === "30d") return { from: addDays(cal.today, -29), to: cal.today };
  return undefined;
}

/**
 * The scheduled days up to today (the whole schedule before the start), for a chart axis; undefined without a start.
 * @example scheduledDays({ firstDay: "2027-01-20", lastDay: "2027-02-10", today: "2027-01-25" }) // { from: "2027-01-20", to: "2027-01-25" }
 */
export function scheduledDays(cal: Calendar): DayRange | undefined {
  if (!cal.firstDay) return undefined;
  // before the start: the whole schedule; while running: up to today; once ended: up to the last day
  if (cal.today < cal.firstDay) return { from: cal.firstDay, to: cal.lastDay ?? cal.firstDay };
  const end = cal.lastDay && cal.today > cal.lastDay ? cal.lastDay : cal.today;
  return { from: cal.firstDay, to: end };
}

/**
 * The period of equal length just before `r`, or undefined when it lies wholly before the campaign started
 * (a comparison with days that could have no plays says nothing).
 * @example previousRange({ from: "2027-01-21", to: "2027-01-27" }, cal) // { from: "2027-01-14", to: "2027-01-20" }
 */
export function previousRange(r: DayRange | undefined, cal: Pick<Calendar, "firstDay">): DayRange | undefined {
  if (!r) return undefined;
  const n = rangeLength(r);
  const prev = { from: addDays(r.from, -n), to: addDays(r.from, -1) };
  if (cal.firstDay && prev.to < cal.firstDay) return undefined;
  return prev;
}

/** every day from `from` to `to`, for a chart axis without gaps */
export function eachDay(r: DayRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to && out.length < 3660; d = addDays(d, 1)) out.push(d);
  return out;
}

/** the query string for the stats API */
export function rangeQuery(r: DayRange | undefined): string {
  return r ? `?from=${r.from}&to=${r.to}` : "";
}
