// which prizes can still be given, and an alias table per availability pattern so a draw stays O(1)
import type { Campaign } from "../schema/campaign.js";
import { isLimited, prizeCapacity } from "../schema/parse.js";
import { createAliasTable, type AliasTable } from "./alias.js";
import { effectiveWeights } from "./odds.js";
import { pacingClock, released } from "./pacing.js";
import type { PrizeCounters, Random } from "./types.js";

const MAX_CACHED_TABLES = 256;
const ZERO: PrizeCounters = { given: 0, givenToday: 0 };

/** a restriction of the draw to some prizes (a quiz tier), with a key naming it */
export type Restriction = { key: string; prizeIds: ReadonlySet<string> };

export type Sampler = {
  /** 1 where the prize can still be given; the array is reused by the next call */
  availability(counters: Record<string, PrizeCounters>, day: string): Uint8Array;
  /** a prize index drawn over the effective weights, or -1 when they are all zero */
  pick(availability: Uint8Array, restriction: Restriction | null, random: Random): number;
};

/**
 * Only limited prizes (stock, codes or dailyCap) are checked per draw; the table is rebuilt only when their
 * availability pattern changes, which happens at most a few times per prize over a campaign.
 */
export function createSampler(campaign: Campaign): Sampler {
  const prizes = campaign.prizes;
  const limited = prizes.flatMap((p, i) => (isLimited(p) ? [i] : []));
  const capacity = prizes.map(prizeCapacity);
  const clock = pacingClock(campaign);
  const current = new Uint8Array(prizes.length).fill(1);
  let releaseDay = "";
  let releasedNow = capacity;

  const tables = new Map<string, AliasTable | null>();
  let last: { key: string; bits: Uint8Array; table: AliasTable | null } | null = null;

  const tableFor = (availability: Uint8Array, restriction: Restriction | null): AliasTable | null => {
    const key = restriction?.key ?? "";
    if (last && last.key === key && limited.every((i) => last!.bits[i] === availability[i])) return last.table;
    let signature = `${key}|`;
    for (const i of limited) signature += availability[i];
    let table = tables.get(signature);
    if (table === undefined) {
      const weights = effectiveWeights(campaign, availability, restriction?.prizeIds);
      table = weights.some((w) => w > 0) ? createAliasTable(weights) : null;
      if (tables.size >= MAX_CACHED_TABLES) tables.clear();
      tables.set(signature, table);
    }
    last = { key, bits: availability.slice(), table };
    return table;
  };

  return {
    availability(counters, day) {
      if (day !== releaseDay) {
        releaseDay = day;
        releasedNow = capacity.map((c) => released(c, clock, day));
      }
      for (const i of limited) {
        const prize = prizes[i]!;
        const c = counters[prize.id] ?? ZERO;
        const cap = prize.dailyCap;
        current[i] = c.given < releasedNow[i]! && (cap === undefined || c.givenToday < cap) ? 1 : 0;
      }
      return current;
    },
    pick(availability, restriction, random) {
      const table = tableFor(availability, restriction);
      return table ? table.sample(random) : -1;
    },
  };
}
