import { describe, expect, it } from "vitest";
import { cryptoRandom, uuidv7 } from "./uuid.js";

describe("uuidv7", () => {
  it("has the v7 layout with the millisecond clock in front", () => {
    const ms = Date.UTC(2027, 0, 25);
    const id = uuidv7(ms, cryptoRandom);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
  });

  it("stays unique and ordered within one millisecond, even with a constant random source", () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(1_800_000_000_000, () => 0.25));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("sorts by creation time across milliseconds", () => {
    const ids = [1, 2, 3, 1000, 10_000].map((d) => uuidv7(1_800_000_000_000 + d, cryptoRandom));
    expect([...ids].sort()).toEqual(ids);
  });
});
