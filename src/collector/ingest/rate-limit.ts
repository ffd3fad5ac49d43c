// token buckets per key (IP, visitor), in memory: each instance limits what reaches it
export type RateLimitOptions = {
  /** burst size */
  capacity: number;
  /** tokens added per second */
  refillPerSecond: number;
  /** keys kept at most; the least recently used are forgotten first */
  maxKeys?: number;
  now?: () => number;
};

export type RateLimiter = {
  /** take `cost` tokens for `key`; when there are not enough, the whole seconds to wait */
  take(key: string, cost?: number): { ok: true } | { ok: false; retryAfter: number };
};

/**
 * A token-bucket limiter.
 * @example const limit = createRateLimiter({ capacity: 60, refillPerSecond: 1 }); limit.take(ip)
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { capacity, refillPerSecond, maxKeys = 100_000, now = Date.now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, cost = 1) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: capacity, at: t };
      b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * refillPerSecond);
      b.at = t;
      buckets.delete(key); // re-insert: Map order doubles as recency
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      // a request dearer than the whole bucket is let through when the bucket is full, else it could never pass
      if (b.tokens >= cost || b.tokens >= capacity) {
        b.tokens -= cost;
        return { ok: true };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((cost - b.tokens) / refillPerSecond)) };
    },
  };
}
