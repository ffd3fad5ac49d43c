// the wheel face and pointer as data: one source for the Preact wheel (Wheel.tsx) and the plain-DOM first frame
// (paint.ts), so the frame painted before Preact arrives is the same SVG the game takes over with
import type { PublicPrize } from "../../core/engine/types.js";
import { safeUrl } from "../../core/schema/url.js";
import { type LabelFit, layoutLabel, layoutTangential, polar, slicePath, textOn } from "./geometry.js";

/** an element as data: tag, attributes (`key` only identifies list items), children; undefined attributes are left out */
export type Shape = [tag: string, attrs: Record<string, string | number | undefined>, ...children: (Shape | string)[]];

const R = 180; // segment radius in viewBox units (viewBox is 400 wide)
const HUB = 50;
const TEXT_FROM = HUB + 8;
const TEXT_TO = R - 12;
const VIEW = "-200 -200 400 400";

/** a coordinate or size as text, at most 2 decimals. toFixed rather than String(): turning fractional numbers into
 * text makes V8 allocate its number-to-string cache (~46 KiB of heap), which the first frame otherwise pays for */
const fmt = (n: number): string => {
  const s = n.toFixed(2);
  return s.endsWith(".00") ? s.slice(0, -3) : s.endsWith("0") ? s.slice(0, -1) : s;
};

export type WheelFaceProps = {
  prizes: PublicPrize[];
  colors: string[];
  winner?: number | null;
  labels?: { orientation: "radial" | "tangential"; fit: LabelFit } | undefined;
};

/**
 * The static face; the parent rotates it as one compositor layer. Labels are SVG text, never HTML.
 * @example
 * const svg = wheelFace({ prizes, colors: segmentColors(theme, prizes.length) });
 */
export function wheelFace({ prizes, colors, winner = null, labels = { orientation: "radial", fit: "wrap" } }: WheelFaceProps): Shape {
  const n = prizes.length;
  const size = 360 / n;
  const bulbs = Math.max(n * 2, 16);
  const slices = prizes.map((p, i): Shape => {
    const fill = p.color ?? colors[i]!;
    // the schema already refused unsafe URLs; this holds for a campaign object that never went through it
    const image = safeUrl(p.image, "image");
    const to = image !== undefined ? TEXT_TO - 44 : TEXT_TO;
    const mid = (i + 0.5) * size;
    const g: Shape = [
      "g",
      { key: p.id },
      // the whole label on hover, also when the face shows it cut short
      ["title", {}, p.label],
      ["path", { d: slicePath(R, i * size, (i + 1) * size), fill, stroke: "rgba(255,255,255,.85)", "stroke-width": "1.5" }],
      (labels.orientation === "tangential" ? tangentialLabel : radialLabel)(p.label, fill, mid, n, to, labels.fit),
    ];
    if (image !== undefined)
      g.push([
        "image",
        {
          href: image,
          x: TEXT_TO - 40,
          y: -18,
          width: 36,
          height: 36,
          transform: `rotate(${(mid - 90).toFixed(3)}) rotate(90 ${TEXT_TO - 22} 0)`,
          preserveAspectRatio: "xMidYMid meet",
        },
      ]);
    return g;
  });
  const glow: Shape[] =
    winner !== null && winner >= 0 && winner < n
      ? [
          [
            "path",
            {
              d: slicePath(R, winner * size, (winner + 1) * size),
              class: "mg-win-glow",
              fill: "none",
              stroke: "#fff",
              "stroke-width": 5,
              "stroke-linejoin": "round",
            },
          ],
        ]
      : [];
  const ring = Array.from({ length: bulbs }, (_, i): Shape => {
    const [cx, cy] = polar(189, (i * 360) / bulbs);
    return ["circle", { key: i, cx: fmt(cx), cy: fmt(cy), r: "3.6", class: i % 2 ? "mg-bulb" : "mg-bulb mg-bulb-alt" }];
  });
  return [
    "svg",
    { viewBox: VIEW, "aria-hidden": "true", focusable: "false" },
    ["circle", { r: 198, class: "mg-rim" }],
    ["circle", { r: R + 2, fill: "rgba(0,0,0,.18)" }],
    ...slices,
    ...glow,
    ...ring,
    ["circle", { r: HUB + 6, fill: "rgba(0,0,0,.12)" }],
    ["circle", { r: HUB + 3, fill: "#fff" }],
  ];
}

/** the fixed pointer at 12 o'clock, drawn over the rotor */
export const WHEEL_POINTER: Shape = [
  "svg",
  { class: "mg-overlay-svg", viewBox: VIEW, "aria-hidden": "true", focusable: "false" },
  [
    "defs",
    {},
    [
      "filter",
      { id: "mg-shadow", x: "-50%", y: "-50%", width: "200%", height: "200%" },
      ["feDropShadow", { dx: "0", dy: "2", stdDeviation: "2.5", "flood-opacity": ".35" }],
    ],
  ],
  ["path", { d: "M0 -156 L-17 -196 A18.5 18.5 0 1 1 17 -196 Z", fill: "#fff", filter: "url(#mg-shadow)", class: "mg-pointer" }],
  ["circle", { cx: 0, cy: -201, r: 7, class: "mg-pointer-dot" }],
];

/** a label's <text>: rotated into its segment, lines as <tspan>s centred on the anchor */
function text(transform: string, x: number, y: number, fill: string, fontSize: number, anchor: string, lines: string[]): Shape {
  const lh = fontSize * 1.12;
  return [
    "text",
    {
      transform,
      x: fmt(x),
      y: fmt(y),
      fill: textOn(fill),
      "font-size": fmt(fontSize),
      "font-weight": 700,
      "text-anchor": anchor,
      "dominant-baseline": "central",
    },
    ...lines.map((line, j): Shape => ["tspan", { x: fmt(x), dy: fmt(j === 0 ? -((lines.length - 1) / 2) * lh : lh) }, line]),
  ];
}

function radialLabel(label: string, fill: string, mid: number, n: number, to: number, fit: LabelFit): Shape {
  const layout = layoutLabel(label, n, TEXT_FROM, to, n <= 4 ? 22 : 19, fit);
  // labels on the left half use the mirrored axis, so no label reads upside down at rest
  const flip = mid > 180 && mid < 360;
  const x = flip ? -layout.at : layout.at;
  const anchor = layout.anchor === "middle" ? "middle" : flip ? "start" : "end";
  return text(`rotate(${(flip ? mid + 90 : mid - 90).toFixed(3)})`, x, 0, fill, layout.fontSize, anchor, layout.lines);
}

/** across the segment, near the rim; the lower half is turned so that no label stands on its head */
function tangentialLabel(label: string, fill: string, mid: number, n: number, to: number, fit: LabelFit): Shape {
  const layout = layoutTangential(label, n, TEXT_FROM, to, n <= 4 ? 22 : 19, fit);
  const flip = mid > 90 && mid < 270;
  return text(
    `rotate(${(flip ? mid + 180 : mid).toFixed(3)})`,
    0,
    flip ? layout.at : -layout.at,
    fill,
    layout.fontSize,
    "middle",
    layout.lines,
  );
}
