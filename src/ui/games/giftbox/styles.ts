// gift box CSS; the opening is transform and opacity only, on layers made before the pick (will-change), so it runs on
// the compositor even on a busy page; the chosen prize's slot reaches above its box and its label stays small, so a
// three-line label fits whole; the prize slot's size comes from its insets (size and layout containment), so
// filling it at the opening lays out only inside it; the boxes not chosen are muted on their body alone, since a filter
// on the whole item would put its animated layers through a filtered surface every frame. The prizes rise on
// easeOutBack (easings.net), which overshoots and settles across the whole duration: the previous curve peaked half-way
// and then crept for 300 ms by a fraction of a pixel a frame, frames no eye (and no frame counter) can tell apart
import { FACE_CSS } from "../face-styles.js";
import { PICK_CSS } from "../pick/styles.js";

export const GIFTBOX_CSS = /* css */ `${FACE_CSS}${PICK_CSS}
.mg-pick-giftbox .mg-pick-item{aspect-ratio:4/5}
.mg-box{position:absolute;left:12%;right:12%;bottom:6%;top:30%}
.mg-box-body{position:absolute;inset:18% 4% 0;border-radius:8px;
  background:linear-gradient(90deg,transparent 42%,var(--mg-ribbon) 42% 58%,transparent 58%),linear-gradient(160deg,color-mix(in srgb,var(--mg-primary) 78%,#fff),var(--mg-primary) 55%,color-mix(in srgb,var(--mg-primary) 80%,#000));
  box-shadow:inset 0 -8px 0 rgba(0,0,0,.12),0 8px 14px -8px rgba(0,0,0,.45)}
.mg-box-lid{position:absolute;left:0;right:0;top:0;height:24%;border-radius:6px;
  background:linear-gradient(90deg,transparent 40%,var(--mg-ribbon) 40% 60%,transparent 60%),linear-gradient(180deg,color-mix(in srgb,var(--mg-primary) 70%,#fff),color-mix(in srgb,var(--mg-primary) 92%,#000));
  box-shadow:0 3px 6px rgba(0,0,0,.25);transition:transform .65s cubic-bezier(.2,1.3,.4,1),opacity .5s ease .2s;transform-origin:20% 100%}
.mg-box-bow{position:absolute;left:50%;bottom:80%;width:44%;aspect-ratio:2/1;transform:translateX(-50%)}
.mg-box-bow::before,.mg-box-bow::after{content:"";position:absolute;bottom:0;width:50%;height:100%;border:5px solid var(--mg-ribbon);border-radius:50% 50% 10% 50%}
.mg-box-bow::before{left:0;transform:rotate(-18deg)}
.mg-box-bow::after{right:0;transform:scaleX(-1) rotate(-18deg)}
.mg-pick-giftbox.is-idle .mg-pick-item:not(:disabled) .mg-box{animation:mg-wobble 3.2s ease-in-out calc(var(--i) * .4s + 1s) infinite}
@keyframes mg-wobble{0%,84%,100%{transform:none}88%{transform:rotate(-4deg)}92%{transform:rotate(4deg)}96%{transform:rotate(-2deg)}}
.mg-pick-item.is-drawing .mg-box{animation:mg-shake .5s ease-in-out infinite}
@keyframes mg-shake{0%,100%{transform:none}25%{transform:rotate(-5deg)}75%{transform:rotate(5deg)}}
.mg-pick-item.is-open .mg-box-lid{transform:translate(-8%,-150%) rotate(-24deg);opacity:0}
.mg-pick-item.is-open .mg-box-body{opacity:.9}
.mg-box-prize{position:absolute;left:2%;right:2%;top:0;bottom:30%;display:grid;place-items:center;padding:6px;border-radius:12px;background:var(--mg-bg);
  box-shadow:0 0 0 2px var(--mg-ribbon),0 10px 20px -8px rgba(0,0,0,.45);opacity:0;transform:translateY(40%) scale(.6)}
.mg-pick-item.is-open .mg-box-prize{animation:mg-rise .6s cubic-bezier(.34,1.56,.64,1) .15s both}
.mg-box-lid,.mg-box-prize{will-change:transform,opacity}
.mg-box-prize{contain:size layout style}
.mg-pick-item:not(.is-chosen) .mg-box-prize{box-shadow:0 0 0 1px var(--mg-line),0 6px 14px -8px rgba(0,0,0,.35)}
.mg-pick-giftbox .mg-face:not(.is-small) .mg-face-label{font-size:clamp(12px,3.6cqi,15px)}
.mg-pick-giftbox .mg-face:not(.is-small) .mg-face-icon{width:34px;height:34px}
.mg-pick-item.is-chosen .mg-box-prize{top:-8%}
.mg-pick-item.is-open:not(.is-chosen) .mg-box-prize{animation-delay:.35s}
.mg-pick-giftbox .mg-pick-item.is-open:not(.is-chosen){filter:none}
.mg-pick-giftbox .mg-pick-item.is-open:not(.is-chosen) .mg-box-body{filter:saturate(.6)}
@keyframes mg-rise{from{opacity:0;transform:translateY(40%) scale(.6)}to{opacity:1;transform:none}}
`;
