import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.js";

describe("createRateLimiter", () => {
  it("lets a burst through, then asks to wait until tokens come back", () => {
    let now = 0;
    const limit = createRateLimiter({ capacity: 3, refillPerSecond: 0.5, now: () => now });
    expect([1, 2, 3].map(() => limit.take("ip").ok)).toEqual([true, true, true]);
    expect(limit.take("ip")).toEqual({ ok: false, retryAfter: 2 });
    expect(limit.take("other").ok).toBe(true);
    now = 2_000;
    expect(limit.take("ip").ok).toBe(true);
    expect(limit.take("ip").ok).toBe(false);
  });

  it("charges by cost and still lets one oversized request pass a full bucket", () => {
    const limit = createRateLimiter({ capacity: 10, refillPerSecond: 1, now: () => 0 });
    expect(limit.take("v", 25).ok).toBe(true);
    expect(limit.take("v", 1)).toEqual({ ok: false, retryAfter: 16 });
  });

  it("forgets the least recently used keys beyond maxKeys", () => {
    const limit = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2, now: () => 0 });
    limit.take("a");
    limit.take("b");
    limit.take("c"); // evicts a
    expect(limit.take("a").ok).toBe(true);
    expect(limit.take("c").ok).toBe(false);
  });
});
