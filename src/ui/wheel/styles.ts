// the wheel's CSS, in the wheel's chunk: a scratch-card or quiz page never carries it
export const css = /* css */ `
.mg-wheel{position:relative;width:min(100%,380px);aspect-ratio:1;margin:30px auto 4px}
.mg-rotor{position:absolute;inset:0;will-change:transform}
.mg-rotor svg,.mg-overlay-svg{width:100%;height:100%;display:block}
.mg-overlay-svg{position:absolute;inset:0;pointer-events:none;overflow:visible}
.mg-rim,.mg-pointer-dot{fill:var(--mg-primary)}
.mg-bulb{fill:#fff}
.mg-bulb-alt{fill:#ffe08a}
.mg-win-glow{animation:mg-glow .7s ease-in-out 4 alternate}
@keyframes mg-glow{from{opacity:.35}to{opacity:1}}
.mg-hub{position:absolute;left:50%;top:50%;width:23%;aspect-ratio:1;transform:translate(-50%,-50%);border-radius:50%;border:4px solid #fff;
  background:radial-gradient(circle at 35% 30%,color-mix(in srgb,var(--mg-primary) 70%,#fff),var(--mg-primary) 60%);color:var(--mg-on-primary);
  font:inherit;font-weight:900;font-size:clamp(13px,4.2cqi,19px);letter-spacing:.04em;text-transform:uppercase;cursor:pointer;
  box-shadow:0 4px 14px rgba(0,0,0,.28),inset 0 -3px 0 rgba(0,0,0,.12);transition:transform .15s ease;padding:0}
.mg-wheel{container-type:inline-size}
.mg-hub:hover:not(:disabled){transform:translate(-50%,-50%) scale(1.05)}
.mg-hub:disabled{cursor:default;filter:saturate(.75) brightness(.95)}
`;
