// how a prize looks inside a scratch card, a gift box or a card
export const FACE_CSS = /* css */ `
.mg-face{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:6px;max-width:100%;text-align:center}
.mg-face-img{max-width:70%;max-height:78px;object-fit:contain}
.mg-face-icon{width:44px;height:44px;border-radius:50%;display:grid;place-items:center;background:var(--mg-tint);color:var(--mg-primary);flex:none}
.mg-face-icon svg{width:58%;height:58%}
.mg-face.is-lose .mg-face-icon{color:var(--mg-muted)}
.mg-face-label{font-weight:900;font-size:clamp(18px,6cqi,26px);line-height:1.15;color:var(--mg-primary);text-wrap:balance;overflow-wrap:anywhere}
.mg-face.is-lose .mg-face-label{color:var(--mg-muted);font-weight:800;font-size:clamp(15px,4.6cqi,19px)}
.mg-face.is-small{gap:2px}
.mg-face.is-small .mg-face-icon{width:28px;height:28px}
.mg-face.is-small .mg-face-img{max-height:34px}
.mg-face.is-small .mg-face-label{font-size:12px;font-weight:800;line-height:1.15}
`;
