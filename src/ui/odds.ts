// the odds table shown to visitors when the page supplies none: each prize's configured chance of one play
import type { Campaign } from "../core/schema/campaign.js";
import type { OddsRow } from "../core/engine/types.js";

export function configuredOdds(campaign: Campaign): OddsRow[] {
  const total = campaign.prizes.reduce((s, p) => s + p.weight, 0);
  return campaign.prizes.map((p) => ({
    prize: { id: p.id, label: p.label, win: p.win },
    weight: p.weight,
    probability: total > 0 ? p.weight / total : 0,
    stock: p.stock ?? (p.codes ? p.codes.length : null),
    dailyCap: p.dailyCap ?? null,
  }));
}
