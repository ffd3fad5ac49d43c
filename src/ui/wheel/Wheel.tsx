// the wheel face in SVG, rendered by Preact from the shapes in face.ts (the first frame paints the same shapes)
import { h, type VNode } from "preact";
import { type Shape, WHEEL_POINTER, type WheelFaceProps, wheelFace } from "./face.js";

export type { WheelFaceProps };

/** a shape as Preact elements; `key` identifies list items, as in the shape */
function vnode([tag, attrs, ...children]: Shape): VNode {
  return h(tag, attrs, ...children.map((c) => (typeof c === "string" ? c : vnode(c))));
}

/** static face; the parent rotates it as one compositor layer */
export function WheelFace(props: WheelFaceProps) {
  return vnode(wheelFace(props));
}

/** the fixed pointer at 12 o'clock, drawn over the rotor */
export function WheelPointer() {
  return vnode(WHEEL_POINTER);
}
