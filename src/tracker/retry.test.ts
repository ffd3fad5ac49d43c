import { describe, expect, it } from "vitest";
import { backoffDelay, classifyStatus, parseRetryAfter } from "./retry.js";

describe("classifyStatus", () => {
  it("retries timeouts, throttling and server errors, except the 5xx that cannot change", () => {
    for (const s of [408, 425, 429, 500, 502, 503, 504, 599]) expect(classifyStatus(s)).toBe("retry");
    for (const s of [400, 401, 403, 404, 422, 501, 505, 511]) expect(classifyStatus(s)).toBe("drop");
    expect(classifyStatus(413)).toBe("split");
    expect(classifyStatus(204)).toBe("ok");
  });
});

describe("backoffDelay", () => {
  it("doubles its ceiling from 1 s and caps it at 60 s", () => {
    const top = (n: number) => backoffDelay(n, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(top)).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999]);
    expect(backoffDelay(9, () => 0)).toBe(0);
  });

  it("spreads delays uniformly below the ceiling (full jitter)", () => {
    const n = 20_000;
    const samples = Array.from({ length: n }, () => backoffDelay(4, Math.random));
    const mean = samples.reduce((a, b) => a + b, 0) / n;
    // uniform on [0, 8000): mean 4000, sd 2309, so the mean of 20k samples is within ±65 at 4 sigma
    expect(Math.abs(mean - 4000)).toBeLessThan(65);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(8000);
    // each quarter of the range holds about a quarter of the samples
    const quarters = [0, 0, 0, 0];
    for (const s of samples) quarters[Math.floor(s / 2000)]!++;
    for (const q of quarters) expect(Math.abs(q - n / 4)).toBeLessThan(4 * Math.sqrt(n * 0.25 * 0.75));
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2027, 0, 25, 3, 0, 0);
  it("reads delta-seconds and HTTP dates, capped at 300 s", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 42_000).toUTCString(), now)).toBe(42_000);
    expect(parseRetryAfter("3600", now)).toBe(300_000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
  });
  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
  });
});
