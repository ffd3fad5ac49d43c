// scratch card CSS, adopted when the game first renders; ships in the scratch chunk only
import { FACE_CSS } from "../face-styles.js";

export const SCRATCH_CSS = /* css */ `${FACE_CSS}
.mg-scratch{position:relative;width:min(100%,360px);aspect-ratio:8/5;margin:18px auto 4px;border-radius:18px;overflow:hidden;
  box-shadow:0 1px 0 color-mix(in srgb,var(--mg-bg) 60%,transparent) inset,0 10px 26px -10px rgba(15,23,42,.45);background:var(--mg-tint);
  border:3px solid color-mix(in srgb,var(--mg-primary) 80%,#000)}
.mg-scratch-prize{position:absolute;inset:0;display:grid;place-items:center;padding:14px;
  background:radial-gradient(circle at 50% 40%,var(--mg-bg) 0,var(--mg-tint) 75%)}
.mg-scratch-cover,.mg-scratch-paint{position:absolute;inset:0;width:100%;height:100%;display:block;transition:opacity .45s ease}
.mg-scratch-cover{touch-action:none;cursor:grab;-webkit-user-select:none;user-select:none;-webkit-touch-callout:none}
.mg-scratch.is-drawing .mg-scratch-cover{cursor:progress}
.mg-scratch.is-revealed .mg-scratch-cover,.mg-scratch.is-revealed .mg-scratch-paint{opacity:0;pointer-events:none}
.mg-scratch-reveal:disabled{opacity:.45;cursor:default;text-decoration:none}
`;
