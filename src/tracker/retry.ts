// what to do after an HTTP answer, and how long to wait before the next attempt

export type Verdict = "ok" | "retry" | "split" | "drop";

/**
 * Sort a status into what the queue does next.
 * @example classifyStatus(503) // "retry"
 */
export function classifyStatus(status: number): Verdict {
  if (status >= 200 && status < 300) return "ok";
  if (status === 413) return "split";
  if (status === 408 || status === 425 || status === 429) return "retry";
  // 501, 505 and 511 will not change by asking again
  if (status >= 500 && status !== 501 && status !== 505 && status !== 511) return "retry";
  return "drop";
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;
export const RETRY_AFTER_CAP_MS = 300_000;

/**
 * Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^(attempt−1))), so clients that failed together spread out.
 * @example backoffDelay(3, () => 0.5) // 2000
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP date, capped at 5 minutes; null when absent or unreadable.
 * @example parseRetryAfter("120", 0) // 120000
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === "") return null;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}
