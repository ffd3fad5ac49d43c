// Walker's alias method in Vose's numerically stable form: O(n) to build, O(1) per sample
import type { Random } from "./types.js";

export type AliasTable = {
  readonly size: number;
  /** an index drawn with probability weights[i] / Σ weights */
  sample(random: Random): number;
};

/**
 * Build an alias table over non-negative weights with a positive sum.
 * @example
 * const table = createAliasTable([30, 10, 0.1]);
 * const i = table.sample(cryptoRandom); // 0 about 74.8% of the time
 */
export function createAliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let total = 0;
  let heaviest = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || w === Infinity) throw new RangeError(`createAliasTable: weights[${i}] must be a finite number ≥ 0, got ${w}`);
    total += w;
    if (w > weights[heaviest]!) heaviest = i;
  }
  if (!(total > 0) || total === Infinity) throw new RangeError("createAliasTable: the weights must have a positive, finite sum");

  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i]! * n) / total;
    if (scaled[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[--nl]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // what is left is 1 up to rounding error
  while (nl > 0) prob[large[--nl]!] = 1;
  while (ns > 0) prob[small[--ns]!] = 1;
  // a zero weight must never be drawn, even when rounding left its column over
  for (let i = 0; i < n; i++) {
    if (weights[i] === 0) {
      prob[i] = 0;
      if (weights[alias[i]!] === 0) alias[i] = heaviest;
    }
  }

  return {
    size: n,
    sample(random) {
      // one 53-bit float gives the column (high part) and the coin within it (low part)
      const u = random() * n;
      const i = Math.floor(u);
      return u - i < prob[i]! ? i : alias[i]!;
    },
  };
}
