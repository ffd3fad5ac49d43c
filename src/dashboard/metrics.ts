// what the dashboard derives from the stats API: deltas, funnel drop-off, prize pace, breakdown tables.
// Only arithmetic on the API's own numbers, so what is on screen can be traced to the JSON.
import type { Funnel } from "../core/stats/index.js";
import type { Inventory, Stats } from "./api.js";
import { addDays, type Calendar, type DayRange } from "./range.js";
import { daysBetween } from "../core/util/time.js";
import { ownValue } from "../core/util/own.js";

/** relative change from `previous` to `current`; null when there is nothing to compare with */
export function change(current: number, previous: number | undefined): number | null {
  if (previous === undefined || previous === 0) return null;
  return (current - previous) / previous;
}

export const FUNNEL_STEPS = ["impression", "open", "play", "result", "claim"] as const;
export type FunnelStep = { step: (typeof FUNNEL_STEPS)[number]; visitors: number; ofFirst: number; dropOff: number | null };

/**
 * The funnel with each step's share of the first and the drop-off from the step before.
 * @example funnelSteps({ impression: 100, open: 40, play: 30, result: 30, claim: 6 })[1] // { step: "open", visitors: 40, ofFirst: 0.4, dropOff: 0.6 }
 */
export function funnelSteps(funnel: Funnel): FunnelStep[] {
  const first = funnel.impression;
  return FUNNEL_STEPS.map((step, i) => {
    const visitors = funnel[step];
    const before = i === 0 ? undefined : funnel[FUNNEL_STEPS[i - 1]!];
    return {
      step,
      visitors,
      ofFirst: first > 0 ? visitors / first : 0,
      dropOff: before === undefined ? null : before > 0 ? Math.max(0, 1 - visitors / before) : 0,
    };
  });
}

export type StockOut =
  | { kind: "unlimited" }
  | { kind: "empty" }
  | { kind: "no-pace" }
  | { kind: "after-end" }
  | { kind: "day"; day: string };
export type PrizeRow = {
  id: string;
  label: string;
  win: boolean;
  odds: number;
  /** this prize's share of all results in the range; null when the API gives no way to know it */
  observed: number | null;
  wonInRange: number;
  given: number;
  left: number | null;
  stock: number | null;
  dailyCap: number | null;
  /** units per day at the range's pace, bounded by the daily cap */
  pace: number;
  stockOut: StockOut;
};

/** the days of `range` that have begun by `today` (at least one) */
export function elapsedDays(range: DayRange | undefined, stats: Stats, today: string): number {
  const days = Object.keys(stats.daily).sort();
  const from = range?.from ?? days[0] ?? today;
  const to = range ? (range.to < today ? range.to : today) : today;
  return Math.max(1, daysBetween(from, to) + 1);
}

/**
 * Each prize: configured odds beside the observed share, stock left, and the day it runs out at the range's pace.
 * Results are wins ÷ winRate (the API's own two numbers); a no-win prize gets the rest only when it is the only one.
 * @example prizeRows(inventory, stats, range, calendar)[0].stockOut // { kind: "day", day: "2027-02-03" }
 */
export function prizeRows(inventory: Inventory, stats: Stats, range: DayRange | undefined, cal: Calendar): PrizeRow[] {
  const results = stats.winRate > 0 ? stats.wins / stats.winRate : null;
  const noWin = inventory.prizes.filter((p) => !p.win);
  const days = elapsedDays(range, stats, cal.today);
  return inventory.prizes.map((p) => {
    const won = p.win ? (ownValue(stats.prizes, p.id) ?? 0) : 0;
    let observed: number | null = null;
    if (results && results > 0) observed = p.win ? won / results : noWin.length === 1 ? Math.max(0, results - stats.wins) / results : null;
    const pace = Math.min(won / days, p.dailyCap ?? Infinity);
    let stockOut: StockOut;
    if (p.left === null) stockOut = { kind: "unlimited" };
    else if (p.left === 0) stockOut = { kind: "empty" };
    else if (pace <= 0) stockOut = { kind: "no-pace" };
    else {
      // today's units may still be given, so the count starts today
      const day = addDays(cal.today, Math.ceil(p.left / pace) - 1);
      stockOut = cal.lastDay && day > cal.lastDay ? { kind: "after-end" } : { kind: "day", day };
    }
    return {
      id: p.id,
      label: p.label,
      win: p.win,
      odds: p.odds,
      observed,
      wonInRange: won,
      given: p.given,
      left: p.left,
      stock: p.stock,
      dailyCap: p.dailyCap,
      pace,
      stockOut,
    };
  });
}

export type Breakdown = { columns: string[]; rows: Array<{ key: string; values: Record<string, number> }> };

/**
 * A breakdown from the API (`sources`, `devices`) as a table, whichever of the two usual shapes it has:
 * `{ key: { reach: 1, … } }` / `{ key: 3 }`, or `[{ source: "key", reach: 1, … }]`. Rows sorted by their first column.
 * @example toBreakdown({ direct: { reach: 5, participants: 2 } }) // { columns: ["reach", "participants"], rows: [{ key: "direct", values: { reach: 5, participants: 2 } }] }
 */
export function toBreakdown(value: unknown): Breakdown | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, i) => {
        const o = (item ?? {}) as Record<string, unknown>;
        const key = ["key", "source", "device", "name", "id"].map((k) => o[k]).find((v) => typeof v === "string");
        return [typeof key === "string" ? key : String(i), o];
      })
    : Object.entries(value as Record<string, unknown>);
  const columns: string[] = [];
  const rows = entries.map(([key, v]) => {
    // defined, not assigned: a field of the API's is a column whatever its name
    const values: Record<string, number> =
      typeof v === "number"
        ? { count: v }
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === "number"))
          : {};
    for (const k of Object.keys(values)) if (!columns.includes(k)) columns.push(k);
    return { key, values };
  });
  const first = columns[0];
  if (first) rows.sort((a, b) => (b.values[first] ?? 0) - (a.values[first] ?? 0));
  return { columns, rows };
}
