// CI runs every reliability suite at its base size; `npm run soak` (SOAK=1, or SOAK=<factor>) multiplies the counts
const raw = process.env.SOAK;
const factor = raw === undefined || raw === "" || raw === "0" ? 1 : Number(raw) > 1 ? Number(raw) : 10;

/** `n` in CI, `n × factor` under SOAK */
export function scaled(n: number): number {
  return Math.round(n * factor);
}

/** a test timeout that grows with the counts */
export function timeoutFor(baseMs: number): number {
  return baseMs * factor;
}

export const soaking = factor > 1;
