// the widget CSS the first paint needs (the shell), scoped by the shadow root; colours come from
// custom properties set by the theme. The quiz and the after-play screens bring their own (quiz/styles.ts, shell/after-play-styles.ts), and the launcher
// and dialog theirs (shell/modal-styles.ts).
const CSS = /* css */ `
:host{display:block;min-inline-size:min(100%,320px)}
:host([data-placement=modal]){display:contents}
*,*::before,*::after{box-sizing:border-box}
.mg{--mg-muted:color-mix(in srgb,var(--mg-text) 62%,transparent);--mg-line:color-mix(in srgb,var(--mg-text) 14%,transparent);
  --mg-tint:color-mix(in srgb,var(--mg-primary) 10%,var(--mg-bg));--mg-radius:20px;
  font-family:var(--mg-font);font-size:16px;line-height:1.45;color:var(--mg-text);-webkit-font-smoothing:antialiased;
  -webkit-tap-highlight-color:transparent;text-align:center;
  font-style:normal;font-weight:400;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;white-space:normal;visibility:visible;direction:ltr}
.mg-card{container-type:inline-size;position:relative;background:var(--mg-surface,var(--mg-bg));border-radius:var(--mg-radius);padding:22px 18px 18px;max-width:460px;margin:0 auto;overflow:hidden}
.mg-inline .mg-card{box-shadow:0 1px 2px rgba(15,23,42,.06),0 12px 32px -12px rgba(15,23,42,.22);border:1px solid var(--mg-line)}
.mg-title{font-size:clamp(19px,5.4vw,24px);font-weight:800;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em;text-wrap:balance}
.mg-sub{margin:0 auto 10px;color:var(--mg-muted);font-size:14.5px;max-width:36ch;text-wrap:pretty}
.mg-chip{display:inline-flex;align-items:center;gap:6px;padding:4px 12px;border-radius:999px;background:var(--mg-tint);color:var(--mg-primary);font-size:13px;font-weight:700}
.mg-chip-test{background:#f5a52438;color:inherit}
.mg-row{display:flex;gap:8px;justify-content:center;flex-wrap:wrap;margin-top:14px}
.mg-stack{display:flex;flex-direction:column;gap:10px;margin-top:16px}
.mg-btn{appearance:none;border:0;font:inherit;font-weight:700;font-size:16px;min-height:48px;padding:12px 22px;border-radius:var(--mg-btn-radius,999px);cursor:pointer;
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

/* every game */
.mg-confetti{position:fixed;inset:0;width:100%;height:100%;pointer-events:none;z-index:2147483002}
.mg-hint{font-size:12.5px;color:var(--mg-muted);margin:6px 0 0}

/* a win from an earlier visit, one tap away */
.mg-saved{display:flex;align-items:center;gap:10px;margin:0 auto 12px;padding:8px 8px 8px 14px;border-radius:14px;background:var(--mg-tint);
  border:1.5px dashed color-mix(in srgb,var(--mg-primary) 50%,transparent);max-width:360px;text-align:left}
.mg-saved-text{flex:1;min-width:0;overflow-wrap:anywhere;font-size:14.5px}
.mg-saved-label{display:block;font-size:11px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--mg-muted)}
.mg-saved-btn{appearance:none;border:0;border-radius:10px;min-height:40px;padding:0 14px;font:inherit;font-weight:700;font-size:14px;
  background:var(--mg-primary);color:var(--mg-on-primary);cursor:pointer;flex:none}
.mg-quiet{padding:18px;color:var(--mg-muted);font-size:14.5px}
.mg-loading{min-height:160px;display:grid;place-items:center}
.mg-spinner{width:28px;height:28px;border-radius:50%;border:3px solid var(--mg-line);border-top-color:var(--mg-primary);animation:mg-rot 0.8s linear infinite}
@keyframes mg-rot{to{transform:rotate(360deg)}}
.mg-x{position:absolute;top:10px;right:10px;width:40px;height:40px;border-radius:50%;border:0;background:var(--mg-line);color:var(--mg-text);cursor:pointer;display:grid;place-items:center;z-index:3}
.mg-x svg{width:18px;height:18px}
.mg-card.is-result{display:flex;flex-direction:column;justify-content:center}
.mg-over{position:absolute;inset:0;z-index:1;display:flex;flex-direction:column;padding:22px 18px;overflow:auto;
  background:color-mix(in srgb,var(--mg-bg) 82%,transparent);-webkit-backdrop-filter:blur(3px);backdrop-filter:blur(3px);animation:mg-in .35s ease both}
.mg-over>*{flex:none;margin-block:auto}
.mg-under{filter:saturate(.9)}
@media (max-width:360px){.mg-card{padding:18px 12px 14px}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation-duration:1ms!important;animation-iteration-count:1!important;transition-duration:1ms!important}}
`;

/** one constructed sheet per CSS text: the wheel's painted frame and the widget that takes it over adopt the same
 * sheets, so the CSS is parsed once (a constructed sheet may be adopted by any number of roots of its document) */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Put the widget CSS into a shadow root: a constructed sheet where supported, else a <style> inside it.
 * Never touches the host document. Returns the function that removes it.
 * @example
 * const unstyle = injectStyles(root);
 * unstyle(); // on destroy
 */
export function injectStyles(root: ShadowRoot, css: string = CSS): () => void {
  try {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      const own = sheet;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, own];
      return () => {
        // the same sheet can be in the list twice for a moment (frame and widget): take one of them out, not both
        const list = [...root.adoptedStyleSheets];
        const at = list.lastIndexOf(own);
        if (at >= 0) list.splice(at, 1);
        root.adoptedStyleSheets = list;
      };
    }
  } catch {
    // older engines throw on constructed sheets: fall through to a <style> element
  }
  const style = root.ownerDocument.createElement("style");
  style.textContent = css;
  root.prepend(style);
  return () => style.remove();
}
