import { describe, expect, it } from "vitest";
import { formatOneIn, formatPercent } from "./odds.js";

describe("formatPercent", () => {
  it("never prints a chance above 0 as 0%, in either language", () => {
    expect(formatPercent(1 / 400_000, "en")).toBe("0.00025%");
    expect(formatPercent(1 / 400_000, "vi")).toBe("0,00025%");
    expect(formatPercent(0.001, "en")).toBe("0.1%");
    expect(formatPercent(0.000999, "en")).toBe("0.1%");
    expect(formatPercent(0.0125, "en")).toBe("1.3%");
    expect(formatPercent(0, "en")).toBe("0%");
  });

  it("never prints a chance below 1 as 100%", () => {
    expect(formatPercent(0.9999, "en")).toBe("99.99%");
    expect(formatPercent(299_999 / 300_000, "en")).not.toBe("100%");
    expect(formatPercent(1, "en")).toBe("100%");
    expect(formatPercent(0.75, "en")).toBe("75%");
    expect(formatPercent(0.309, "vi")).toBe("30,9%");
  });
});

describe("formatOneIn", () => {
  it("keeps a decimal below 10, so 75% is 1 in 1.3 and 30% is 1 in 3.3, not 1 in 1 or 1 in 3", () => {
    expect(formatOneIn(0.75, "en")).toBe("1.3");
    expect(formatOneIn(0.3, "en")).toBe("3.3");
    expect(formatOneIn(0.3, "vi")).toBe("3,3");
    expect(formatOneIn(0.25, "en")).toBe("4");
    expect(formatOneIn(1, "en")).toBe("1");
  });

  it("never says 1 in 1 for a chance short of certain", () => {
    expect(formatOneIn(0.99, "en")).toBe("1.01");
    expect(formatOneIn(0.9999, "en")).not.toBe("1");
  });

  it("rounds to whole numbers from 10 up, grouped as the language writes them", () => {
    expect(formatOneIn(1 / 400_000, "en")).toBe("400,000");
    expect(formatOneIn(1 / 400_000, "vi")).toBe("400.000");
    expect(formatOneIn(0.000999, "en")).toBe("1,001");
  });
});
