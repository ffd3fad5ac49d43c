// flip card CSS: one 3D turn per card, transform only, so it stays smooth on a busy page
import { FACE_CSS } from "../face-styles.js";
import { PICK_CSS } from "../pick/styles.js";

export const FLIP_CSS = /* css */ `${FACE_CSS}${PICK_CSS}
.mg-pick-flip .mg-pick-item{aspect-ratio:3/4;perspective:800px}
.mg-flip{position:absolute;inset:0;transform-style:preserve-3d;will-change:transform;transition:transform .6s cubic-bezier(.3,1.2,.4,1);border-radius:14px}
.mg-flip-back,.mg-flip-face{position:absolute;inset:0;border-radius:14px;-webkit-backface-visibility:hidden;backface-visibility:hidden;display:grid;place-items:center;padding:6px}
.mg-flip-back{background:repeating-linear-gradient(45deg,color-mix(in srgb,var(--mg-on-primary) 14%,transparent) 0 6px,transparent 6px 12px),
  linear-gradient(160deg,color-mix(in srgb,var(--mg-primary) 75%,#fff),var(--mg-primary) 60%,color-mix(in srgb,var(--mg-primary) 80%,#000));
  box-shadow:inset 0 0 0 4px color-mix(in srgb,var(--mg-bg) 85%,transparent),0 8px 16px -8px rgba(0,0,0,.45)}
.mg-flip-back::after{content:"?";font-weight:900;font-size:clamp(26px,9cqi,40px);color:var(--mg-on-primary);opacity:.9;
  width:52%;aspect-ratio:1;border-radius:50%;display:grid;place-items:center;background:color-mix(in srgb,var(--mg-on-primary) 16%,transparent);box-shadow:0 0 0 3px var(--mg-ribbon)}
.mg-flip-face{transform:rotateY(180deg);background:var(--mg-bg);box-shadow:inset 0 0 0 3px var(--mg-primary),0 8px 16px -8px rgba(0,0,0,.35)}
.mg-pick-item.is-open .mg-flip{transform:rotateY(180deg)}
.mg-pick-item.is-open:not(.is-chosen) .mg-flip{transition-delay:.25s}
.mg-pick-item.is-drawing .mg-flip{transform:rotateY(14deg) scale(1.04)}
.mg-pick-item.is-chosen.is-open .mg-flip-face{box-shadow:inset 0 0 0 3px var(--mg-primary),0 0 0 4px var(--mg-ribbon),0 10px 22px -8px rgba(0,0,0,.45)}
.mg-pick-flip .mg-face-label{font-size:clamp(13px,4.4cqi,18px)}
`;
