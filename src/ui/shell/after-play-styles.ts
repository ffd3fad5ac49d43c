// CSS of the screens after a play (result, lead form, odds sheet, denied), injected when their chunk arrives
export const css = /* css */ `
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
.mg-ok{color:color-mix(in srgb,#16a34a 70%,var(--mg-text));font-weight:600;font-size:14px;margin:8px 0 0}

/* forms */
.mg-form{text-align:left;display:flex;flex-direction:column;gap:12px;margin-top:14px}
.mg-field label{display:block;font-size:13.5px;font-weight:700;margin-bottom:5px}
.mg-input{width:100%;font:inherit;font-size:16px;min-height:46px;padding:10px 13px;border-radius:12px;border:1.5px solid var(--mg-line);background:var(--mg-bg);color:inherit}
.mg-input:focus{border-color:var(--mg-primary);outline:none;box-shadow:0 0 0 3px color-mix(in srgb,var(--mg-primary) 22%,transparent)}
.mg-input[aria-invalid=true]{border-color:#dc2626}
.mg-err{color:color-mix(in srgb,#dc2626 75%,var(--mg-text));font-size:13px;margin:5px 0 0}
.mg-check{display:flex;gap:10px;align-items:flex-start;font-size:13.5px;line-height:1.4}
.mg-check input{width:20px;height:20px;margin:1px 0 0;flex:none;accent-color:var(--mg-primary)}
.mg-check a{color:var(--mg-primary)}

/* sheet (odds & rules) */
/* a short card (a quiz's intro) grows while the sheet is open, so the odds and rules read as a page, not a slot */
.mg-card:has(>.mg-sheet){min-height:min(640px,85vh)}
.mg-sheet{position:absolute;inset:0;background:var(--mg-bg);padding:20px 18px;overflow:auto;text-align:left;z-index:2;animation:mg-in .25s ease both}
.mg-sheet h3{font-size:19px;margin:0 40px 12px 0}
.mg-sheet h4{font-size:15px;margin:18px 0 6px}
.mg-table{width:100%;border-collapse:collapse;font-size:14px}
.mg-table th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--mg-muted);text-align:left;font-weight:700;padding:6px 4px;border-bottom:1px solid var(--mg-line)}
.mg-table td{padding:9px 4px;border-bottom:1px solid var(--mg-line);vertical-align:top}
.mg-table td:not(:first-child),.mg-table th:not(:first-child){text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.mg-fine{display:block;font-size:12px;line-height:1.3;color:var(--mg-muted)}
.mg-rules{margin:0;padding-left:18px;font-size:13.5px;line-height:1.45}
.mg-rules li{margin:0 0 5px}
.mg-terms{white-space:pre-line;font-size:14px;color:var(--mg-muted);margin:0}

/* denied and errors */
.mg-icon{width:56px;height:56px;margin:8px auto 10px;border-radius:50%;display:grid;place-items:center;background:var(--mg-tint);color:var(--mg-primary)}
.mg-icon svg{width:28px;height:28px}
.mg-count{font-size:34px;font-weight:900;font-variant-numeric:tabular-nums;color:var(--mg-primary);margin:4px 0}

`;
