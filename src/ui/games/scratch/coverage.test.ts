import { describe, expect, it } from "vitest";
import { createCoverageGrid } from "./coverage.js";

describe("createCoverageGrid", () => {
  it("counts a horizontal band as the share of rows it covers", () => {
    const grid = createCoverageGrid(240, 160, 24, 16);
    // row centres sit at 5, 15, … 155: a stroke of radius 12 along y = 80 covers the rows at 75 and 85
    grid.stroke(0, 80, 240, 80, 12);
    expect(grid.share()).toBeCloseTo(2 / 16, 5);
  });

  it("never counts a cell twice and reaches 1 when everything is scratched", () => {
    const grid = createCoverageGrid(100, 100, 10, 10);
    for (let y = 0; y <= 100; y += 5) grid.stroke(0, y, 100, y, 8);
    grid.stroke(0, 50, 100, 50, 8);
    expect(grid.share()).toBe(1);
  });

  it("marks a dot for a tap without movement, and nothing outside the card", () => {
    const grid = createCoverageGrid(100, 100, 10, 10);
    grid.stroke(50, 50, 50, 50, 8); // the four centres around (50, 50) are 7.1 px away
    expect(grid.share()).toBeCloseTo(4 / 100, 5);
    grid.stroke(-500, -500, -400, -400, 10);
    expect(grid.share()).toBeCloseTo(4 / 100, 5);
    grid.reset();
    expect(grid.share()).toBe(0);
  });
});
