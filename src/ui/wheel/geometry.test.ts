import { describe, expect, it } from "vitest";
import { BORDER_MARGIN, landingAngle, layoutLabel, layoutTangential, segmentAt, textOn } from "./geometry.js";

// a small seeded generator so failures reproduce
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("landingAngle", () => {
  it("puts the drawn segment under the pointer, away from its borders, for every segment count 2–24", () => {
    const random = mulberry32(7);
    for (let count = 2; count <= 24; count++) {
      const size = 360 / count;
      for (let index = 0; index < count; index++) {
        for (const r of [0, 0.999999, random(), random(), random()]) {
          const angle = landingAngle(index, count, () => r, 5);
          expect(segmentAt(angle, count)).toBe(index);
          const underPointer = ((-angle % 360) + 360) % 360;
          const intoSegment = underPointer - index * size;
          expect(intoSegment).toBeGreaterThanOrEqual(size * BORDER_MARGIN - 1e-9);
          expect(intoSegment).toBeLessThanOrEqual(size * (1 - BORDER_MARGIN) + 1e-9);
        }
      }
    }
  });

  it("turns at least the requested number of full rotations", () => {
    for (let turns = 1; turns <= 8; turns++) {
      const angle = landingAngle(3, 7, () => 0.5, turns);
      expect(angle).toBeGreaterThanOrEqual(turns * 360);
      expect(angle).toBeLessThan((turns + 1) * 360);
    }
  });

  it("spreads landing points across the segment rather than always the centre", () => {
    const random = mulberry32(1);
    const offsets = new Set(Array.from({ length: 50 }, () => Math.round(landingAngle(0, 4, random, 3) % 90)));
    expect(offsets.size).toBeGreaterThan(20);
  });
});

describe("layoutLabel", () => {
  it("wraps a long Vietnamese label on a wheel with few segments", () => {
    const layout = layoutLabel("Chúc bạn may mắn lần sau", 6, 58, 168, 18);
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines.join(" ")).toBe("Chúc bạn may mắn lần sau");
  });

  it("keeps one line and shrinks the font on a crowded wheel", () => {
    const short = layoutLabel("50k", 24, 58, 168, 18);
    const long = layoutLabel("Miễn phí vận chuyển toàn quốc", 24, 58, 168, 18);
    expect(long.lines.length).toBeLessThanOrEqual(2);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    // crowded wheels anchor labels at the rim, where the slice is widest
    expect(long.anchor).toBe("end");
  });

  it("keeps every label inside its slice for every segment count", () => {
    for (let n = 2; n <= 24; n++) {
      for (const label of ["Lì xì", "Voucher 100.000đ", "Chúc bạn may mắn lần sau", "Miễn phí vận chuyển toàn quốc"]) {
        const { lines, fontSize, at, anchor } = layoutLabel(label, n, 58, 168, 19);
        const length = Math.max(...lines.map((l) => l.length)) * 0.62 * fontSize;
        const innerEnd = anchor === "end" ? at - length : at - length / 2;
        expect(innerEnd).toBeGreaterThanOrEqual(58 - 1e-6);
        // the stacked lines fit the slice's width at the text's inner end
        expect(lines.length * 1.15 * fontSize).toBeLessThanOrEqual(2 * innerEnd * Math.sin(Math.PI / n) + 0.2);
      }
    }
  });
});

describe("textOn", () => {
  it("picks dark text on light colours and white on dark ones", () => {
    expect(textOn("#fff3b0")).toBe("#1f2328");
    expect(textOn("#d62828")).toBe("#ffffff");
    expect(textOn("#000")).toBe("#ffffff");
  });
});

describe("label fit modes", () => {
  const long = "Miễn phí vận chuyển toàn quốc cho mọi đơn hàng";
  it("keeps one line when asked to shrink, and cuts with an ellipsis at a readable size when asked", () => {
    const shrink = layoutLabel(long, 8, 58, 168, 19, "shrink");
    expect(shrink.lines).toEqual([long]);
    const cut = layoutLabel(long, 8, 58, 168, 19, "ellipsis");
    expect(cut.lines).toHaveLength(1);
    expect(cut.lines[0]!.endsWith("…")).toBe(true);
    expect(cut.fontSize).toBeGreaterThanOrEqual(19 * 0.72 - 0.1);
    expect(cut.fontSize).toBeGreaterThan(shrink.fontSize);
    // a label that fits is never cut
    expect(layoutLabel("Lì xì", 8, 58, 168, 19, "ellipsis").lines).toEqual(["Lì xì"]);
  });

  it("lays a tangential label across the segment, narrower where the wheel is crowded", () => {
    const few = layoutTangential("Voucher 50k", 4, 58, 168, 22);
    const many = layoutTangential("Voucher 50k", 16, 58, 168, 22);
    expect(few.fontSize).toBeGreaterThan(many.fontSize);
    expect(few.at).toBeGreaterThan(58);
    expect(few.at).toBeLessThan(168);
  });
});
