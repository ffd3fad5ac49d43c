// CSS of the launcher and the modal dialog, injected with their chunk: an inline card never needs it
export const css = /* css */ `
.mg-launcher{position:fixed;bottom:calc(20px + env(safe-area-inset-bottom, 0px));right:20px;z-index:2147483000;display:inline-flex;align-items:center;gap:9px;border:0;border-radius:999px;
  padding:12px 20px 12px 14px;min-height:52px;font:inherit;font-weight:800;font-size:15px;cursor:pointer;background:var(--mg-primary);color:var(--mg-on-primary);
  box-shadow:0 10px 28px -8px color-mix(in srgb,var(--mg-primary) 80%,transparent),0 2px 6px rgba(0,0,0,.15);animation:mg-pop .5s cubic-bezier(.2,1.4,.4,1) both}
.mg-launcher::after{content:"";position:absolute;inset:0;border-radius:inherit;box-shadow:0 0 0 0 color-mix(in srgb,var(--mg-primary) 55%,transparent);
  animation:mg-ring 2.4s ease-out 1.2s 4;pointer-events:none}
@keyframes mg-ring{0%{box-shadow:0 0 0 0 color-mix(in srgb,var(--mg-primary) 55%,transparent)}80%,100%{box-shadow:0 0 0 14px transparent}}
.mg-launcher svg{animation:mg-nudge 2.4s ease-in-out 1.2s 4;transform-origin:50% 60%}
@keyframes mg-nudge{0%,70%,100%{transform:none}76%{transform:rotate(-12deg)}82%{transform:rotate(10deg)}88%{transform:rotate(-6deg)}}
.mg-launcher.is-left{right:auto;left:20px}
.mg-launcher svg{width:26px;height:26px}
@keyframes mg-pop{from{opacity:0;transform:scale(.6)}to{opacity:1;transform:none}}
.mg-backdrop{position:fixed;inset:0;z-index:2147483001;background:rgba(15,23,42,.58);display:grid;place-items:center;padding:12px;animation:mg-fade .2s ease both}
@keyframes mg-fade{from{opacity:0}}
.mg-dialog{position:relative;width:min(460px,100%);max-height:calc(100dvh - 24px);overflow:auto;border-radius:var(--mg-radius);background:var(--mg-surface,var(--mg-bg));
  box-shadow:0 30px 60px -20px rgba(0,0,0,.45);animation:mg-in .3s cubic-bezier(.2,.9,.3,1.1) both;overscroll-behavior:contain}
.mg-dialog .mg-card{padding-top:26px;max-width:none}
@media (min-width:720px) and (min-height:560px){.mg-dialog{width:min(600px,100%)}.mg-dialog .mg-card{padding:30px 36px 24px}.mg-dialog .mg-wheel{width:min(100%,420px)}}
.mg-dialog .mg-title{padding:0 34px}
@media (max-width:360px){.mg-launcher{bottom:14px;right:14px}}
@media (prefers-reduced-motion:reduce){.mg-launcher::after,.mg-launcher svg{animation:none!important}}
`;
