// wheel geometry in degrees, clockwise from 12 o'clock, where the pointer sits

/** share of a segment kept clear on each side, so the pointer never stops on a border */
export const BORDER_MARGIN = 0.15;

/**
 * The wheel rotation (degrees, clockwise) that puts a random point of segment `segmentIndex`
 * under the pointer after `turns` full rotations. The prize is decided before; this only shows it.
 * @example
 * wheel.animate([{ transform: "rotate(0deg)" }, { transform: `rotate(${landingAngle(2, 8, Math.random, 6)}deg)` }], 5000);
 */
export function landingAngle(segmentIndex: number, segmentCount: number, random: () => number, turns: number): number {
  const size = 360 / segmentCount;
  const margin = size * BORDER_MARGIN;
  const offset = margin + random() * (size - 2 * margin);
  // segment i spans [i·size, (i+1)·size) on the wheel; turning by R brings wheel angle −R under the pointer
  return turns * 360 + (360 - (segmentIndex * size + offset));
}

/** the segment under the pointer for a wheel turned by `rotation` degrees */
export function segmentAt(rotation: number, segmentCount: number): number {
  const underPointer = ((-rotation % 360) + 360) % 360;
  return Math.min(segmentCount - 1, Math.floor(underPointer / (360 / segmentCount)));
}

export function polar(r: number, deg: number): [number, number] {
  const rad = (deg * Math.PI) / 180;
  return [r * Math.sin(rad), -r * Math.cos(rad)];
}

/** SVG path of the pie slice from `start` to `end` degrees, centred on the origin */
export function slicePath(r: number, start: number, end: number): string {
  const [x0, y0] = polar(r, start);
  const [x1, y1] = polar(r, end);
  const large = end - start > 180 ? 1 : 0;
  const f = (n: number) => n.toFixed(2);
  return `M0 0L${f(x0)} ${f(y0)}A${r} ${r} 0 ${large} 1 ${f(x1)} ${f(y1)}Z`;
}

export type LabelLayout = {
  lines: string[];
  fontSize: number /** distance from the centre of the anchor point */;
  at: number;
  anchor: "middle" | "end";
};

// average glyph advance of a bold sans-serif in em; Vietnamese diacritics sit above, not beside
const GLYPH_EM = 0.62;
const LINE = 1.15;

/**
 * Fit a label into a segment between radii `inner` and `outer`: wrap on spaces, then shrink the font until
 * the longest line fits radially and the stacked lines fit the slice's width where the text is narrowest.
 * Few segments: centred between hub and rim. Many: anchored at the rim, where the slice is widest.
 */
export function layoutLabel(
  label: string,
  segmentCount: number,
  inner: number,
  outer: number,
  maxFont: number,
  fit: LabelFit = "wrap",
): LabelLayout {
  const sin = Math.sin(Math.PI / segmentCount);
  const crowded = segmentCount > 8;
  const maxLines = fit !== "wrap" ? 1 : segmentCount <= 6 ? 3 : 2;
  const words = label.trim().split(/\s+/);
  let best: LabelLayout = { lines: [label], fontSize: 0, at: 0, anchor: "middle" };
  for (let n = 1; n <= Math.min(maxLines, words.length); n++) {
    const lines = wrap(words, n);
    const chars = Math.max(...lines.map((l) => l.length)) * GLYPH_EM;
    const byLength = (outer - inner) / chars;
    // width 2·r·sin(π/n) at the inner end of the text: r = inner when centred on [inner, outer], else outer − length
    const byWidth = crowded ? (2 * sin * outer) / (lines.length * LINE + 2 * sin * chars) : (2 * sin * inner) / (lines.length * LINE);
    const fontSize = Math.min(maxFont, byLength, byWidth);
    // prefer fewer lines unless wrapping makes the text clearly bigger
    if (fontSize > best.fontSize * 1.12)
      best = { lines, fontSize, at: crowded ? outer : (inner + outer) / 2, anchor: crowded ? "end" : "middle" };
  }
  const fontSize = Math.max(6, Math.floor(best.fontSize * 10) / 10);
  if (fit !== "ellipsis") return { ...best, fontSize };
  // ellipsis: never smaller than a readable size; what does not fit at it is cut, the full label stays in the accessible name
  const readable = Math.min(maxFont, Math.max(fontSize, maxFont * 0.72));
  const room = Math.floor((outer - inner) / (readable * GLYPH_EM));
  const line = best.lines[0]!;
  return {
    ...best,
    fontSize: Math.floor(readable * 10) / 10,
    lines: [line.length <= room ? line : `${line.slice(0, Math.max(1, room - 1)).trimEnd()}…`],
  };
}

/** "wrap": up to 3 lines, then shrink; "shrink": one line, smaller; "ellipsis": one line at a readable size, cut with "…" */
export type LabelFit = "wrap" | "shrink" | "ellipsis";

/**
 * A label written across the segment (tangential), centred at radius `at`: lines stack towards the hub, each as wide
 * as the chord allows there.
 */
export function layoutTangential(
  label: string,
  segmentCount: number,
  inner: number,
  outer: number,
  maxFont: number,
  fit: LabelFit = "wrap",
) {
  // turn the problem sideways: the chord near the rim is the line length, the radial depth is the stack height
  const at = inner + (outer - inner) * 0.72;
  const chord = 2 * at * Math.sin(Math.PI / segmentCount) * 0.86;
  const depth = (outer - inner) * 0.5;
  const words = label.trim().split(/\s+/);
  let best = { lines: [label], fontSize: 0 };
  for (let n = 1; n <= (fit === "wrap" ? Math.min(3, words.length) : 1); n++) {
    const lines = wrap(words, n);
    const chars = Math.max(...lines.map((l) => l.length)) * GLYPH_EM;
    const fontSize = Math.min(maxFont, chord / chars, depth / (lines.length * LINE));
    if (fontSize > best.fontSize * 1.12) best = { lines, fontSize };
  }
  let fontSize = Math.max(6, Math.floor(best.fontSize * 10) / 10);
  let lines = best.lines;
  if (fit === "ellipsis") {
    fontSize = Math.floor(Math.min(maxFont, Math.max(fontSize, maxFont * 0.72)) * 10) / 10;
    const room = Math.floor(chord / (fontSize * GLYPH_EM));
    const line = lines[0]!;
    lines = [line.length <= room ? line : `${line.slice(0, Math.max(1, room - 1)).trimEnd()}…`];
  }
  return { lines, fontSize, at };
}

/** split words into `n` lines of balanced length */
function wrap(words: string[], n: number): string[] {
  const total = words.join(" ").length;
  const target = total / n;
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    const remainingLines = n - lines.length;
    if (
      current &&
      remainingLines > 1 &&
      candidate.length > target &&
      Math.abs(current.length - target) <= Math.abs(candidate.length - target)
    ) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  lines.push(current);
  return lines;
}

// shared with the other games and the theme; kept exported here for existing imports
export { textOn } from "../color.js";
