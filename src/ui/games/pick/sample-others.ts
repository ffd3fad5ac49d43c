// what the boxes or cards not picked show, when a campaign asks for it: independent samples from the published odds,
// never chosen with the visitor's result in mind, so they cannot stage a near miss the odds did not produce
import type { OddsRow, PublicPrize, Random } from "../../../core/engine/types.js";

/**
 * `count` prizes, each drawn on its own with the chance the odds sheet publishes for it.
 * @example sampleOthers(publishedOdds(campaign), 2, cryptoRandom) // [{ id: "none", … }, { id: "v50", … }]
 */
export function sampleOthers(odds: OddsRow[], count: number, random: Random): PublicPrize[] {
  const rows = odds.filter((r) => r.probability > 0);
  const total = rows.reduce((sum, r) => sum + r.probability, 0);
  if (!rows.length || total <= 0) return [];
  return Array.from({ length: count }, () => {
    let x = random() * total;
    for (const r of rows) {
      x -= r.probability;
      if (x < 0) return r.prize;
    }
    return rows[rows.length - 1]!.prize;
  });
}
