// prize limits read by the engine; kept apart from the zod schema so the engine bundles without zod
import type { Prize } from "./campaign.js";

/** the number of units a prize can ever give: its stock, bounded by its code pool */
export function prizeCapacity(prize: Prize): number {
  return Math.min(prize.stock ?? Infinity, prize.codes ? prize.codes.length : Infinity);
}

/** a prize that can run out, in total or for the day */
export function isLimited(prize: Prize): boolean {
  return prizeCapacity(prize) !== Infinity || prize.dailyCap !== undefined;
}
