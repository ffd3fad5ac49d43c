// the intact scratch cover: brushed foil, a sparkle pattern and the call to action, painted once per size
import type { ScratchSettings } from "../../../core/schema/campaign.js";
import { textOn } from "../../color.js";

export type CoverLook = { settings: ScratchSettings; text: string; image: HTMLImageElement | null; font: string };

/** paint the cover on `g` (already scaled to CSS pixels) */
export function paintCover(g: CanvasRenderingContext2D, w: number, h: number, look: CoverLook): void {
  const base = look.settings.coverColor;
  const foil = g.createLinearGradient(0, 0, w, h);
  if (base) {
    foil.addColorStop(0, base);
    foil.addColorStop(1, base);
  } else {
    // silver foil: what people recognise as "scratch here"
    foil.addColorStop(0, "#aeb4bf");
    foil.addColorStop(0.42, "#eef1f5");
    foil.addColorStop(0.5, "#d7dbe2");
    foil.addColorStop(1, "#9aa1ad");
  }
  g.fillStyle = foil;
  g.fillRect(0, 0, w, h);
  if (look.image) {
    // cover-fit the picture; drawing a cross-origin image is fine since the canvas is never read back
    const s = Math.max(w / look.image.naturalWidth, h / look.image.naturalHeight);
    const iw = look.image.naturalWidth * s;
    const ih = look.image.naturalHeight * s;
    g.drawImage(look.image, (w - iw) / 2, (h - ih) / 2, iw, ih);
  }
  // a light sheen and a diamond pattern so the foil reads as a surface, not a flat box
  const sheen = g.createLinearGradient(0, 0, w, 0);
  sheen.addColorStop(0, "rgba(255,255,255,0)");
  sheen.addColorStop(0.5, "rgba(255,255,255,.28)");
  sheen.addColorStop(1, "rgba(255,255,255,0)");
  g.fillStyle = sheen;
  g.fillRect(0, 0, w, h);
  g.fillStyle = "rgba(255,255,255,.22)";
  for (let y = 8; y < h; y += 16) {
    for (let x = (y / 16) % 2 ? 8 : 16; x < w; x += 16) {
      g.beginPath();
      g.moveTo(x, y - 2.5);
      g.lineTo(x + 2.5, y);
      g.lineTo(x, y + 2.5);
      g.lineTo(x - 2.5, y);
      g.fill();
    }
  }
  if (!look.image || look.text) {
    const ink = base ? textOn(base) : "#3a4150";
    const size = Math.round(Math.min(26, Math.max(16, w / 13)));
    g.font = `800 ${size}px ${look.font}`;
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillStyle = ink === "#ffffff" ? "rgba(0,0,0,.18)" : "rgba(255,255,255,.7)";
    g.fillText(look.text, w / 2 + 1, h / 2 + 2, w - 32);
    g.fillStyle = ink;
    g.fillText(look.text, w / 2, h / 2, w - 32);
  }
}
