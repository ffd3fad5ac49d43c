// draws a prize index in O(1): an alias table per set of prizes known to be gone, checked lazily
import type { Campaign } from "../schema/campaign.js";
import { isLimited, prizeCapacity } from "../schema/capacity.js";
import { createAliasTable, type AliasTable } from "./alias.js";
import { effectiveWeights, fallbackIndex } from "./odds.js";
import { pacingClock, released } from "./pacing.js";
import type { PrizeCounters, Random } from "./types.js";
import { ownValue } from "../util/own.js";

const MAX_CACHED_TABLES = 256;
const ZERO: PrizeCounters = { given: 0, givenToday: 0 };

/** a restriction of the draw to some prizes (a quiz tier); reuse one object per tier */
export type Restriction = { key: string; prizeIds: ReadonlySet<string> };

export type Sampler = {
  /**
   * a prize index drawn over the effective weights (docs/engine.md, Odds), or -1 when nothing can be given. `keep`, a
   * prize this draw already drew (its code clashed), is given again while it can be; found gone, it is handled as a
   * drawn prize found gone
   */
  pick(counters: Record<string, PrizeCounters>, day: string, restriction: Restriction | null, random: Random, keep?: number): number;
  /** whether an unrestricted draw could give anything (checks every limited prize) */
  anyAvailable(counters: Record<string, PrizeCounters>, day: string): boolean;
  /** record that prize `index` has nothing left on `day` (a store found every unit taken) */
  drop(index: number, day: string): void;
};

/**
 * Within a day counters only grow, and caps and paced releases only change at midnight, so a prize that
 * is gone stays gone until the next day. The sampler therefore keeps the set of prizes known to be gone,
 * draws from the alias table of that set, and checks only the drawn prize against the snapshot. When the
 * drawn prize turns out to be gone it joins the set, and then:
 * - "fallback": the draw gives the fallback, which is exactly where the gone prize's mass belongs;
 * - "renormalize": the draw is repeated; rejection sampling lands on the available prizes in proportion
 *   to their weights, which is the renormalized distribution.
 * Each prize is found gone at most once a day, so the cost per draw stays O(1) whatever the prize count.
 */
export function createSampler(campaign: Campaign): Sampler {
  const prizes = campaign.prizes;
  const limited = prizes.map(isLimited);
  const capacity = prizes.map(prizeCapacity);
  const clock = pacingClock(campaign);
  const fallback = campaign.onStockOut === "fallback" ? fallbackIndex(campaign) : -1;

  let day = "";
  let releasedToday = capacity;
  const available = new Uint8Array(prizes.length).fill(1);
  let goneKey = "";
  let goneVersion = 0;
  const tables = new Map<string, AliasTable | null>();
  let last: { restriction: Restriction | null; version: number; table: AliasTable | null } | null = null;

  const startDay = (next: string) => {
    day = next;
    releasedToday = capacity.map((c) => released(c, clock, day));
    available.fill(1);
    goneKey = "";
    goneVersion++;
  };

  const canGive = (i: number, counters: Record<string, PrizeCounters>): boolean => {
    if (!limited[i]) return true;
    const prize = prizes[i]!;
    // a prize may be called `constructor`: only the store's own counter, never Object.prototype's
    const c = ownValue(counters, prize.id) ?? ZERO;
    return c.given < releasedToday[i]! && (prize.dailyCap === undefined || c.givenToday < prize.dailyCap);
  };

  const markGone = (i: number) => {
    available[i] = 0;
    goneKey += `,${i}`;
    goneVersion++;
  };

  const tableFor = (restriction: Restriction | null): AliasTable | null => {
    if (last && last.restriction === restriction && last.version === goneVersion) return last.table;
    const key = `${restriction?.key ?? ""}|${goneKey}`;
    let table = tables.get(key);
    if (table === undefined) {
      const weights = effectiveWeights(campaign, available, restriction?.prizeIds);
      table = weights.some((w) => w > 0) ? createAliasTable(weights) : null;
      if (tables.size >= MAX_CACHED_TABLES) tables.clear();
      tables.set(key, table);
    }
    last = { restriction, version: goneVersion, table };
    return table;
  };

  return {
    pick(counters, today, restriction, random, keep = -1) {
      if (today !== day) startDay(today);
      if (keep >= 0) {
        if (available[keep] && canGive(keep, counters)) return keep;
        if (available[keep]) markGone(keep);
        if (fallback >= 0) return fallback;
      }
      for (;;) {
        const table = tableFor(restriction);
        if (!table) return -1;
        const i = table.sample(random);
        if (canGive(i, counters)) return i;
        markGone(i);
        if (fallback >= 0) return fallback;
      }
    },
    anyAvailable(counters, today) {
      if (today !== day) startDay(today);
      for (let i = 0; i < prizes.length; i++) if (available[i] && !canGive(i, counters)) markGone(i);
      return tableFor(null) !== null;
    },
    drop(i, today) {
      if (today !== day) startDay(today);
      if (available[i]) markGone(i);
    },
  };
}
