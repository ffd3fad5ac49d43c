// all widget CSS, scoped by the shadow root; colours come from custom properties set by the theme
const CSS = /* css */ `
:host{display:block}
:host([data-placement=modal]){display:contents}
*,*::before,*::after{box-sizing:border-box}
.mg{--mg-muted:color-mix(in srgb,var(--mg-text) 62%,transparent);--mg-line:color-mix(in srgb,var(--mg-text) 14%,transparent);
  --mg-tint:color-mix(in srgb,var(--mg-primary) 10%,var(--mg-bg));--mg-radius:20px;
  font-family:var(--mg-font);font-size:16px;line-height:1.45;color:var(--mg-text);-webkit-font-smoothing:antialiased;
  -webkit-tap-highlight-color:transparent;text-align:center;
  font-style:normal;font-weight:400;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;white-space:normal;visibility:visible;direction:ltr}
.mg-card{container-type:inline-size;position:relative;background:var(--mg-bg);border-radius:var(--mg-radius);padding:22px 18px 18px;max-width:460px;margin:0 auto;overflow:hidden}
.mg-inline .mg-card{box-shadow:0 1px 2px rgba(15,23,42,.06),0 12px 32px -12px rgba(15,23,42,.22);border:1px solid var(--mg-line)}
.mg-title{font-size:clamp(19px,5.4vw,24px);font-weight:800;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em;text-wrap:balance}
.mg-sub{margin:0 auto 10px;color:var(--mg-muted);font-size:14.5px;max-width:36ch;text-wrap:pretty}
.mg-chip{display:inline-flex;align-items:center;gap:6px;padding:4px 12px;border-radius:999px;background:var(--mg-tint);color:var(--mg-primary);font-size:13px;font-weight:700}
.mg-chip-test{background:#fff4d6;color:#8a5a00}
.mg-row{display:flex;gap:8px;justify-content:center;flex-wrap:wrap;margin-top:14px}
.mg-stack{display:flex;flex-direction:column;gap:10px;margin-top:16px}
.mg-btn{appearance:none;border:0;font:inherit;font-weight:700;font-size:16px;min-height:48px;padding:12px 22px;border-radius:999px;cursor:pointer;
  background:var(--mg-primary);color:var(--mg-on-primary);box-shadow:0 6px 16px -6px color-mix(in srgb,var(--mg-primary) 70%,transparent);
  transition:transform .15s ease,box-shadow .15s ease,opacity .15s;width:100%}
.mg-btn:hover{transform:translateY(-1px)}
.mg-btn:active{transform:translateY(1px)}
.mg-btn:disabled{opacity:.5;cursor:default;transform:none}
.mg-btn-ghost{background:transparent;color:var(--mg-text);box-shadow:inset 0 0 0 1.5px var(--mg-line)}
.mg-link{appearance:none;background:none;border:0;font:inherit;font-size:13.5px;color:var(--mg-muted);text-decoration:underline;text-underline-offset:3px;cursor:pointer;padding:8px;margin-top:6px}
.mg-link:hover{color:var(--mg-text)}
:is(button,input,a,[tabindex]):focus-visible{outline:3px solid color-mix(in srgb,var(--mg-primary) 55%,transparent);outline-offset:2px}
.mg-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.mg-fade{animation:mg-in .35s ease both}
@keyframes mg-in{from{opacity:0;transform:translateY(6px)}to{opacity:1;transform:none}}

/* wheel */
.mg-wheel{position:relative;width:min(100%,380px);aspect-ratio:1;margin:30px auto 4px}
.mg-rotor{position:absolute;inset:0;will-change:transform}
.mg-rotor svg,.mg-overlay-svg{width:100%;height:100%;display:block}
.mg-overlay-svg{position:absolute;inset:0;pointer-events:none;overflow:visible}
.mg-rim,.mg-pointer-dot{fill:var(--mg-primary)}
.mg-bulb{fill:#fff}
.mg-bulb-alt{fill:#ffe08a}
.mg-win-glow{animation:mg-glow .7s ease-in-out 4 alternate}
@keyframes mg-glow{from{opacity:.35}to{opacity:1}}
.mg-confetti{position:fixed;inset:0;width:100%;height:100%;pointer-events:none;z-index:2147483002}
.mg-hub{position:absolute;left:50%;top:50%;width:23%;aspect-ratio:1;transform:translate(-50%,-50%);border-radius:50%;border:4px solid #fff;
  background:radial-gradient(circle at 35% 30%,color-mix(in srgb,var(--mg-primary) 70%,#fff),var(--mg-primary) 60%);color:var(--mg-on-primary);
  font:inherit;font-weight:900;font-size:clamp(13px,4.2cqi,19px);letter-spacing:.04em;text-transform:uppercase;cursor:pointer;
  box-shadow:0 4px 14px rgba(0,0,0,.28),inset 0 -3px 0 rgba(0,0,0,.12);transition:transform .15s ease;padding:0}
.mg-wheel{container-type:inline-size}
.mg-hub:hover:not(:disabled){transform:translate(-50%,-50%) scale(1.05)}
.mg-hub:disabled{cursor:default;filter:saturate(.75) brightness(.95)}
.mg-hint{font-size:12.5px;color:var(--mg-muted);margin:6px 0 0}

/* result */
.mg-burst{width:68px;height:68px;margin:4px auto 10px;border-radius:50%;display:grid;place-items:center;background:var(--mg-tint);color:var(--mg-primary)}
.mg-burst svg{width:36px;height:36px}
.mg-prize{font-size:clamp(22px,6.5vw,28px);font-weight:900;line-height:1.2;margin:4px 0 6px;color:var(--mg-primary);text-wrap:balance;overflow-wrap:anywhere}
.mg-prize-img{max-width:120px;max-height:90px;object-fit:contain;margin:6px auto;display:block}
.mg-code{/* no room for code and button on one line: the button drops below, full width */
  display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:14px auto 6px;padding:6px 6px 6px 14px;border:2px dashed color-mix(in srgb,var(--mg-primary) 55%,transparent);
  border-radius:14px;background:var(--mg-tint);max-width:360px}
.mg-code-text{flex:1 0 auto;max-width:100%;text-align:left;font:700 clamp(14px,5.4cqi,18px)/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.04em;overflow-wrap:anywhere}
.mg-code-label{display:block;font-size:11px;font-weight:600;line-height:1.2;letter-spacing:.08em;text-transform:uppercase;color:var(--mg-muted);margin-bottom:3px}
.mg-copy{appearance:none;border:0;border-radius:10px;min-height:40px;padding:0 14px;font:inherit;font-weight:700;font-size:14px;background:var(--mg-primary);color:var(--mg-on-primary);cursor:pointer;flex:1 0 auto;max-width:100%}
.mg-note{font-size:13px;color:var(--mg-muted);margin:6px 0 0}
.mg-ok{color:#0f7b45;font-weight:600;font-size:14px;margin:8px 0 0}

/* quiz */
.mg-progress{display:flex;align-items:center;gap:10px;font-size:13px;font-weight:700;color:var(--mg-muted);margin-bottom:14px}
.mg-bar{flex:1;height:6px;border-radius:999px;background:var(--mg-line);overflow:hidden}
.mg-bar>i{display:block;height:100%;background:var(--mg-primary);border-radius:inherit;transition:width .3s ease}
.mg-q{font-size:clamp(17px,4.8vw,20px);font-weight:800;line-height:1.3;margin:0 0 4px;text-align:left;text-wrap:pretty}
.mg-q-hint{font-size:13px;color:var(--mg-muted);margin:0 0 10px;text-align:left}
.mg-choices{display:flex;flex-direction:column;gap:9px;margin:12px 0 4px;padding:0;list-style:none}
.mg-choice{display:flex;align-items:center;gap:12px;width:100%;text-align:left;font:inherit;font-size:15.5px;color:inherit;cursor:pointer;
  padding:11px 14px;min-height:52px;border-radius:14px;border:2px solid var(--mg-line);background:var(--mg-bg);transition:border-color .15s,background .15s}
.mg-choice:hover{border-color:color-mix(in srgb,var(--mg-primary) 45%,transparent)}
.mg-choice[aria-checked=true]{border-color:var(--mg-primary);background:var(--mg-tint)}
.mg-choice-key{flex:none;width:28px;height:28px;border-radius:50%;display:grid;place-items:center;font-size:13px;font-weight:800;background:var(--mg-line);color:var(--mg-text)}
.mg-choice[role=checkbox] .mg-choice-key{border-radius:8px}
.mg-choice[aria-checked=true] .mg-choice-key{background:var(--mg-primary);color:var(--mg-on-primary)}
.mg-choice.is-right{border-color:#16a34a;background:#ecfdf3}
.mg-choice.is-right .mg-choice-key{background:#16a34a;color:#fff}
.mg-choice.is-wrong{border-color:#dc2626;background:#fef2f2}
.mg-nps{margin:12px 0 4px}
.mg-nps-points{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:4px}
.mg-nps-point{min-height:40px;padding:0;font:inherit;font-weight:700;color:inherit;cursor:pointer;border:1.5px solid var(--mg-line);border-radius:8px;background:none}
.mg-nps-point[aria-checked=true]{border-color:var(--mg-primary);background:var(--mg-primary);color:var(--mg-on-primary)}
.mg-nps-ends{display:flex;justify-content:space-between;gap:12px;margin-top:6px;font-size:13px;opacity:.8}
.mg-choice.is-wrong .mg-choice-key{background:#dc2626;color:#fff}
.mg-feedback{text-align:left;font-size:14px;margin:10px 0 0;padding:10px 12px;border-radius:12px;background:var(--mg-tint)}
.mg-timer{font-variant-numeric:tabular-nums}
.mg-score{font-size:15px;font-weight:700;color:var(--mg-muted);margin:0 0 4px}

/* forms */
.mg-form{text-align:left;display:flex;flex-direction:column;gap:12px;margin-top:14px}
.mg-field label{display:block;font-size:13.5px;font-weight:700;margin-bottom:5px}
.mg-input{width:100%;font:inherit;font-size:16px;min-height:46px;padding:10px 13px;border-radius:12px;border:1.5px solid var(--mg-line);background:var(--mg-bg);color:inherit}
.mg-input:focus{border-color:var(--mg-primary);outline:none;box-shadow:0 0 0 3px color-mix(in srgb,var(--mg-primary) 22%,transparent)}
.mg-input[aria-invalid=true]{border-color:#dc2626}
.mg-err{color:#b91c1c;font-size:13px;margin:5px 0 0}
.mg-check{display:flex;gap:10px;align-items:flex-start;font-size:13.5px;line-height:1.4}
.mg-check input{width:20px;height:20px;margin:1px 0 0;flex:none;accent-color:var(--mg-primary)}
.mg-check a{color:var(--mg-primary)}

/* sheet (odds & rules) */
.mg-sheet{position:absolute;inset:0;background:var(--mg-bg);padding:20px 18px;overflow:auto;text-align:left;z-index:2;animation:mg-in .25s ease both}
.mg-sheet h3{font-size:19px;margin:0 40px 12px 0}
.mg-sheet h4{font-size:15px;margin:18px 0 6px}
.mg-table{width:100%;border-collapse:collapse;font-size:14px}
.mg-table th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--mg-muted);text-align:left;font-weight:700;padding:6px 4px;border-bottom:1px solid var(--mg-line)}
.mg-table td{padding:9px 4px;border-bottom:1px solid var(--mg-line);vertical-align:top}
.mg-table td:not(:first-child),.mg-table th:not(:first-child){text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.mg-terms{white-space:pre-line;font-size:14px;color:var(--mg-muted);margin:0}
.mg-x{position:absolute;top:10px;right:10px;width:40px;height:40px;border-radius:50%;border:0;background:var(--mg-line);color:var(--mg-text);cursor:pointer;display:grid;place-items:center;z-index:3}
.mg-x svg{width:18px;height:18px}

/* denied and errors */
.mg-icon{width:56px;height:56px;margin:8px auto 10px;border-radius:50%;display:grid;place-items:center;background:var(--mg-tint);color:var(--mg-primary)}
.mg-icon svg{width:28px;height:28px}
.mg-count{font-size:34px;font-weight:900;font-variant-numeric:tabular-nums;color:var(--mg-primary);margin:4px 0}
.mg-quiet{padding:18px;color:var(--mg-muted);font-size:14.5px}
.mg-loading{min-height:160px;display:grid;place-items:center}
.mg-spinner{width:28px;height:28px;border-radius:50%;border:3px solid var(--mg-line);border-top-color:var(--mg-primary);animation:mg-rot 0.8s linear infinite}
@keyframes mg-rot{to{transform:rotate(360deg)}}

/* launcher and modal */
.mg-launcher{position:fixed;bottom:calc(20px + env(safe-area-inset-bottom, 0px));right:20px;z-index:2147483000;display:inline-flex;align-items:center;gap:9px;border:0;border-radius:999px;
  padding:12px 20px 12px 14px;min-height:52px;font:inherit;font-weight:800;font-size:15px;cursor:pointer;background:var(--mg-primary);color:var(--mg-on-primary);
  box-shadow:0 10px 28px -8px color-mix(in srgb,var(--mg-primary) 80%,transparent),0 2px 6px rgba(0,0,0,.15);animation:mg-pop .5s cubic-bezier(.2,1.4,.4,1) both}
.mg-launcher.is-left{right:auto;left:20px}
.mg-launcher svg{width:26px;height:26px}
@keyframes mg-pop{from{opacity:0;transform:scale(.6)}to{opacity:1;transform:none}}
.mg-backdrop{position:fixed;inset:0;z-index:2147483001;background:rgba(15,23,42,.58);display:grid;place-items:center;padding:12px;animation:mg-fade .2s ease both}
@keyframes mg-fade{from{opacity:0}}
.mg-dialog{position:relative;width:min(460px,100%);max-height:calc(100dvh - 24px);overflow:auto;border-radius:var(--mg-radius);background:var(--mg-bg);
  box-shadow:0 30px 60px -20px rgba(0,0,0,.45);animation:mg-in .3s cubic-bezier(.2,.9,.3,1.1) both;overscroll-behavior:contain}
.mg-dialog .mg-card{padding-top:26px}
.mg-dialog .mg-title{padding:0 34px}
.mg-card.is-result{display:flex;flex-direction:column;justify-content:center}
.mg-over{position:absolute;inset:0;z-index:1;display:flex;flex-direction:column;padding:22px 18px;overflow:auto;
  background:color-mix(in srgb,var(--mg-bg) 82%,transparent);-webkit-backdrop-filter:blur(3px);backdrop-filter:blur(3px);animation:mg-in .35s ease both}
.mg-over>*{flex:none;margin-block:auto}
.mg-under{filter:saturate(.9)}
@media (max-width:360px){.mg-card{padding:18px 12px 14px}.mg-launcher{bottom:14px;right:14px}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation-duration:1ms!important;transition-duration:1ms!important}}
`;

/**
 * Put the widget CSS into a shadow root: a constructed sheet where supported, else a <style> inside it.
 * Never touches the host document. Returns the function that removes it.
 */
export function injectStyles(root: ShadowRoot): () => void {
  try {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return () => {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    }
  } catch {
    // older engines throw on constructed sheets: fall through to a <style> element
  }
  const style = root.ownerDocument.createElement("style");
  style.textContent = CSS;
  root.prepend(style);
  return () => style.remove();
}
