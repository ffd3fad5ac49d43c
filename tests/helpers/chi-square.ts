// Pearson's chi-square goodness of fit, for the statistical tests (engine odds, the seeded random, simulate's observed odds)

export type ChiSquare = { statistic: number; df: number; pValue: number };

/**
 * Goodness of fit of observed counts to expected probabilities; categories expected 0 times must be
 * observed 0 times (else the fit is rejected outright) and do not count as degrees of freedom.
 * @example chiSquare([498, 502], [0.5, 0.5]) // { statistic: 0.016, df: 1, pValue: 0.899 }
 */
export function chiSquare(observed: ArrayLike<number>, probabilities: ArrayLike<number>): ChiSquare {
  let n = 0;
  let pSum = 0;
  for (let i = 0; i < observed.length; i++) [n, pSum] = [n + observed[i]!, pSum + probabilities[i]!];
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (n * probabilities[i]!) / pSum;
    if (expected === 0) {
      if (observed[i]! > 0) statistic = Infinity;
      continue;
    }
    categories++;
    statistic += (observed[i]! - expected) ** 2 / expected;
  }
  const df = Math.max(1, categories - 1);
  return { statistic, df, pValue: statistic === Infinity ? 0 : upperGamma(df / 2, statistic / 2) };
}

/**
 * The statistic above which a fit is rejected at significance `alpha` (upper quantile), by bisection on
 * the exact tail. Checked against the printed table (NIST/SEMATECH e-Handbook, 1.3.6.7.4).
 * @example chiSquareCritical(5, 0.001) // 20.515
 */
export function chiSquareCritical(df: number, alpha: number): number {
  let lo = 0;
  let hi = df + 20 * Math.sqrt(2 * df) + 50;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (upperGamma(df / 2, mid / 2) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** regularized upper incomplete gamma Q(a, x): series below a + 1, Lentz continued fraction above */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; k++) {
      term *= x / (a + k);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPrefix) * h;
}

/** Lanczos approximation (g = 7, n = 9), about 15 significant digits */
function lnGamma(z: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  z -= 1;
  let x = g[0]!;
  for (let i = 1; i < 9; i++) x += g[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}
