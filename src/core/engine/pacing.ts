// pacing "even": a prize's capacity is released in equal daily steps over the schedule's days
import type { Campaign } from "../schema/campaign.js";
import { dayKey, daysBetween } from "../util/time.js";

export type PacingClock = { firstDay: string; days: number };

/**
 * The schedule's first day and its length in days, or null when pacing is off. An end at midnight closes the day
 * before: the day it starts has no time to play, so it gets no share of the stock.
 * @example pacingClock(tet) // { firstDay: "2027-01-20", days: 22 }
 */
export function pacingClock(campaign: Campaign): PacingClock | null {
  const { startsAt, endsAt } = campaign.schedule ?? {};
  if (campaign.pacing !== "even" || !startsAt || !endsAt) return null;
  const firstDay = dayKey(Date.parse(startsAt), campaign.timezone);
  return { firstDay, days: daysBetween(firstDay, lastDay(endsAt, campaign.timezone)) + 1 };
}

/**
 * The last day with time to play: the day of the schedule's last millisecond before `endsAt`.
 * @example lastDay("2027-02-11T00:00:00+07:00", "Asia/Ho_Chi_Minh") // "2027-02-10"
 */
export function lastDay(endsAt: string, timeZone: string): string {
  return dayKey(Date.parse(endsAt) - 1, timeZone);
}

/**
 * Units of a prize that may have been given by the end of `day`: ceil(capacity·(d+1)/D) on day d of D,
 * so what one day leaves unused rolls over to the next.
 * @example released(500, { firstDay: "2027-01-20", days: 22 }, "2027-01-20") // 23
 */
export function released(capacity: number, clock: PacingClock | null, day: string): number {
  if (!clock || capacity === Infinity) return capacity;
  const d = daysBetween(clock.firstDay, day);
  if (d < 0) return 0;
  if (d >= clock.days - 1) return capacity;
  return Math.min(capacity, Math.ceil((capacity * (d + 1)) / clock.days));
}
