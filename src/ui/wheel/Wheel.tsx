// the wheel face in SVG: crisp at any devicePixelRatio; labels are SVG <text>, never HTML
import type { PublicPrize } from "../../core/engine/types.js";
import { safeUrl } from "../../core/schema/url.js";
import { type LabelFit, layoutLabel, layoutTangential, polar, slicePath, textOn } from "./geometry.js";

const R = 180; // segment radius in viewBox units (viewBox is 400 wide)
const HUB = 50;
const TEXT_FROM = HUB + 8;
const TEXT_TO = R - 12;

export type WheelFaceProps = {
  prizes: PublicPrize[];
  colors: string[];
  winner?: number | null;
  labels?: { orientation: "radial" | "tangential"; fit: LabelFit };
};

/** static face; the parent rotates it as one compositor layer */
export function WheelFace({ prizes, colors, winner = null, labels = { orientation: "radial", fit: "wrap" } }: WheelFaceProps) {
  const n = prizes.length;
  const size = 360 / n;
  const bulbs = Math.max(n * 2, 16);
  return (
    <svg viewBox="-200 -200 400 400" aria-hidden="true" focusable="false">
      <circle r={198} class="mg-rim" />
      <circle r={R + 2} fill="rgba(0,0,0,.18)" />
      {prizes.map((p, i) => {
        const fill = p.color ?? colors[i]!;
        // the schema already refused unsafe URLs; this holds for a campaign object that never went through it
        const image = safeUrl(p.image, "image");
        const hasImage = image !== undefined;
        const to = hasImage ? TEXT_TO - 44 : TEXT_TO;
        const mid = (i + 0.5) * size;
        const text =
          labels.orientation === "tangential" ? (
            <TangentialLabel label={p.label} fill={fill} mid={mid} n={n} to={to} fit={labels.fit} />
          ) : (
            <RadialLabel label={p.label} fill={fill} mid={mid} n={n} to={to} fit={labels.fit} />
          );
        return (
          <g key={p.id}>
            {/* the whole label on hover, also when the face shows it cut short */}
            <title>{p.label}</title>
            <path d={slicePath(R, i * size, (i + 1) * size)} fill={fill} stroke="rgba(255,255,255,.85)" stroke-width={1.5} />
            {text}
            {hasImage && (
              <image
                href={image}
                x={TEXT_TO - 40}
                y={-18}
                width={36}
                height={36}
                transform={`rotate(${(mid - 90).toFixed(3)}) rotate(90 ${TEXT_TO - 22} 0)`}
                preserveAspectRatio="xMidYMid meet"
              />
            )}
          </g>
        );
      })}
      {winner !== null && winner >= 0 && winner < n && (
        <path
          d={slicePath(R, winner * size, (winner + 1) * size)}
          class="mg-win-glow"
          fill="none"
          stroke="#fff"
          stroke-width={5}
          stroke-linejoin="round"
        />
      )}
      {Array.from({ length: bulbs }, (_, i) => {
        const [x, y] = polar(189, (i * 360) / bulbs);
        // biome-ignore lint/suspicious/noArrayIndexKey: the bulbs are a fixed ring; the index is their identity
        return <circle key={i} cx={x} cy={y} r={3.6} class={i % 2 ? "mg-bulb" : "mg-bulb mg-bulb-alt"} />;
      })}
      <circle r={HUB + 6} fill="rgba(0,0,0,.12)" />
      <circle r={HUB + 3} fill="#fff" />
    </svg>
  );
}

/** the fixed pointer at 12 o'clock, drawn over the rotor */
export function WheelPointer() {
  return (
    <svg class="mg-overlay-svg" viewBox="-200 -200 400 400" aria-hidden="true" focusable="false">
      <defs>
        <filter id="mg-shadow" x="-50%" y="-50%" width="200%" height="200%">
          <feDropShadow dx="0" dy="2" stdDeviation="2.5" flood-opacity=".35" />
        </filter>
      </defs>
      <path d="M0 -156 L-17 -196 A18.5 18.5 0 1 1 17 -196 Z" fill="#fff" filter="url(#mg-shadow)" class="mg-pointer" />
      <circle cx={0} cy={-201} r={7} class="mg-pointer-dot" />
    </svg>
  );
}

type LabelProps = { label: string; fill: string; mid: number; n: number; to: number; fit: LabelFit };

function RadialLabel({ label, fill, mid, n, to, fit }: LabelProps) {
  const layout = layoutLabel(label, n, TEXT_FROM, to, n <= 4 ? 22 : 19, fit);
  const lh = layout.fontSize * 1.12;
  // labels on the left half use the mirrored axis, so no label reads upside down at rest
  const flip = mid > 180 && mid < 360;
  const x = flip ? -layout.at : layout.at;
  const anchor = layout.anchor === "middle" ? "middle" : flip ? "start" : "end";
  return (
    <text
      transform={`rotate(${(flip ? mid + 90 : mid - 90).toFixed(3)})`}
      x={x}
      y={0}
      fill={textOn(fill)}
      font-size={layout.fontSize}
      font-weight={700}
      text-anchor={anchor}
      dominant-baseline="central"
    >
      {layout.lines.map((line, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one label, always in this order
        <tspan key={j} x={x} dy={j === 0 ? -((layout.lines.length - 1) / 2) * lh : lh}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** across the segment, near the rim; the lower half is turned so that no label stands on its head */
function TangentialLabel({ label, fill, mid, n, to, fit }: LabelProps) {
  const layout = layoutTangential(label, n, TEXT_FROM, to, n <= 4 ? 22 : 19, fit);
  const lh = layout.fontSize * 1.12;
  const flip = mid > 90 && mid < 270;
  const y = flip ? layout.at : -layout.at;
  return (
    <text
      transform={`rotate(${(flip ? mid + 180 : mid).toFixed(3)})`}
      x={0}
      y={y}
      fill={textOn(fill)}
      font-size={layout.fontSize}
      font-weight={700}
      text-anchor="middle"
      dominant-baseline="central"
    >
      {layout.lines.map((line, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one label, always in this order
        <tspan key={j} x={0} dy={j === 0 ? -((layout.lines.length - 1) / 2) * lh : lh}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
