// the quiz's CSS, injected when its chunk arrives
export const css = /* css */ `
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
.mg-choice.is-right{border-color:#16a34a;background:color-mix(in srgb,#16a34a 14%,var(--mg-bg))}
.mg-choice.is-right .mg-choice-key{background:#16a34a;color:#fff}
.mg-choice.is-wrong{border-color:#dc2626;background:color-mix(in srgb,#dc2626 12%,var(--mg-bg))}
.mg-choice.is-wrong .mg-choice-key{background:#dc2626;color:#fff}
.mg-feedback{text-align:left;font-size:14px;margin:10px 0 0;padding:10px 12px;border-radius:12px;background:var(--mg-tint)}
.mg-timer{font-variant-numeric:tabular-nums}
.mg-score{font-size:15px;font-weight:700;color:var(--mg-muted);margin:0 0 4px}
.mg-outcome{margin:2px 0 8px}
.mg-outcome .mg-score{font-size:12px;text-transform:uppercase;letter-spacing:.08em;margin:0}
.mg-outcome-title{font-size:clamp(20px,6cqi,24px);font-weight:900;line-height:1.2;margin:2px 0 4px;text-wrap:balance}

.mg-nps{margin:12px 0 4px}
.mg-nps-points{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:4px}
.mg-nps-point{min-height:40px;padding:0;font:inherit;font-weight:700;color:inherit;cursor:pointer;border:1.5px solid var(--mg-line);border-radius:8px;background:none}
.mg-nps-point[aria-checked=true]{border-color:var(--mg-primary);background:var(--mg-primary);color:var(--mg-on-primary)}
.mg-nps-ends{display:flex;justify-content:space-between;gap:12px;margin-top:6px;font-size:13px;opacity:.8}
`;
