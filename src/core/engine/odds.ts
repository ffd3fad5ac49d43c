// the odds a play really has (docs/engine.md, Odds) and the odds a brand publishes
import type { Campaign } from "../schema/campaign.js";
import { prizeCapacity } from "../schema/capacity.js";
import type { OddsRow, PublicPrize } from "./types.js";
import type { Prize } from "../schema/campaign.js";

/** per prize, in campaign order: can it still be given (truthy) or not */
export type Availability = ArrayLike<boolean | number>;

/**
 * The weights one play is drawn with, in campaign order. Prizes that cannot be given weigh 0; with
 * `onStockOut: "fallback"` their weight moves to the fallback prize so every other prize keeps its odds,
 * with `"renormalize"` it simply disappears, which spreads it over the rest in proportion.
 * `allowed` restricts the draw (quiz tiers): other prizes weigh 0 and their weight goes nowhere.
 * An all-zero result means nothing can be given.
 * @example effectiveWeights(campaign, [true, false, true]) // [30, 0, 70] with fallback at index 2
 */
export function effectiveWeights(campaign: Campaign, availability: Availability, allowed?: ReadonlySet<string> | null): Float64Array {
  const { prizes } = campaign;
  const weights = new Float64Array(prizes.length);
  const fallback = campaign.onStockOut === "fallback" ? fallbackIndex(campaign) : -1;
  let lost = 0;
  for (let i = 0; i < prizes.length; i++) {
    const prize = prizes[i]!;
    if (allowed && !allowed.has(prize.id)) continue;
    if (availability[i]) weights[i] = prize.weight;
    else lost += prize.weight;
  }
  if (fallback >= 0 && availability[fallback]) weights[fallback] = weights[fallback]! + lost;
  return weights;
}

/** index of campaign.fallbackPrizeId in campaign.prizes, or -1 */
export function fallbackIndex(campaign: Campaign): number {
  return campaign.fallbackPrizeId === undefined ? -1 : campaign.prizes.findIndex((p) => p.id === campaign.fallbackPrizeId);
}

/**
 * The configured odds of one play, as a brand publishes them in its terms (before any stock runs out).
 * With `among` (a quiz tier's or outcome's prizes), the odds of a draw restricted to those prizes.
 * @example publishedOdds(campaign).map((r) => `${r.prize.label}: ${(r.probability * 100).toFixed(2)}%`)
 */
export function publishedOdds(campaign: Campaign, among?: readonly string[]): OddsRow[] {
  const prizes = among ? campaign.prizes.filter((p) => among.includes(p.id)) : campaign.prizes;
  const total = prizes.reduce((sum, p) => sum + p.weight, 0);
  return prizes.map((prize) => {
    const capacity = prizeCapacity(prize);
    return {
      prize: toPublicPrize(prize),
      weight: prize.weight,
      probability: total > 0 ? prize.weight / total : 0,
      stock: capacity === Infinity ? null : capacity,
      dailyCap: prize.dailyCap ?? null,
    };
  });
}

/** what a visitor may see of a prize: never its code pool or generator */
export function toPublicPrize(prize: Prize): PublicPrize {
  const out: PublicPrize = { id: prize.id, label: prize.label, win: prize.win };
  if (prize.description !== undefined) out.description = prize.description;
  if (prize.image !== undefined) out.image = prize.image;
  if (prize.color !== undefined) out.color = prize.color;
  if (prize.value !== undefined) out.value = prize.value;
  return out;
}
