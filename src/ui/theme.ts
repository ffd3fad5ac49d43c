// campaign.theme → CSS custom properties; the defaults look good with no theme at all
import type { Theme } from "../core/schema/campaign.js";
import { textOn } from "./color.js";

export const DEFAULT_SEGMENTS = ["#ffe5b4", "#e11d48", "#fff7e6", "#f59e0b"];
const SYSTEM_FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif';

export function themeVars(theme: Theme): Record<string, string> {
  const primary = theme.primary ?? "#e11d48";
  const vars: Record<string, string> = {
    "--mg-primary": primary,
    "--mg-on-primary": textOn(primary),
    "--mg-bg": theme.background ?? "#ffffff",
    "--mg-text": theme.text ?? "#1f2328",
  };
  // "inherit": leave --mg-font unset so font-family falls back to inheriting the host page's font
  if (theme.font !== "inherit") vars["--mg-font"] = theme.font ?? SYSTEM_FONT;
  return vars;
}

export function segmentColors(theme: Theme, count: number): string[] {
  const palette = theme.segmentColors ?? DEFAULT_SEGMENTS;
  const colors = Array.from({ length: count }, (_, i) => palette[i % palette.length]!);
  // an odd count would put two equal colours side by side where the wheel closes
  if (count > 2 && palette.length > 1 && colors[count - 1] === colors[0]) colors[count - 1] = palette[1 % palette.length]!;
  return colors;
}
