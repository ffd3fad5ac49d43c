// campaign.theme → CSS custom properties; the defaults look good with no theme at all, a preset fills in a whole look
import type { Theme } from "../core/schema/campaign.js";
import { textOn } from "./color.js";
import { safeImage } from "./safe-image.js";

export const DEFAULT_SEGMENTS = ["#ffe5b4", "#e11d48", "#fff7e6", "#f59e0b"];
const SYSTEM_FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif';

type Look = Omit<Theme, "preset" | "font" | "backgroundImage">;

/** the built-in looks; a campaign's own theme fields win over these */
export const PRESETS: Record<NonNullable<Theme["preset"]>, Look> = {
  // Tết: lucky red and gold on warm paper
  tet: {
    primary: "#c8102e",
    background: "#fff8e7",
    text: "#3d0c0c",
    accent: "#ffc83d",
    backgroundGradient: ["#fffaf0", "#ffe6b0"],
    segmentColors: ["#c8102e", "#ffe08a", "#a50e25", "#fff3c4"],
    radius: 22,
    buttonStyle: "pill",
  },
  light: {
    primary: "#2563eb",
    background: "#ffffff",
    text: "#0f172a",
    accent: "#93c5fd",
    segmentColors: ["#eff6ff", "#2563eb", "#dbeafe", "#1e40af"],
    radius: 16,
    buttonStyle: "rounded",
  },
  dark: {
    primary: "#f5b83d",
    background: "#141a26",
    text: "#f1f5f9",
    accent: "#d7263d",
    backgroundGradient: ["#1d2636", "#0d121c"],
    segmentColors: ["#f5b83d", "#263146", "#e39b12", "#34405a"],
    radius: 20,
    buttonStyle: "pill",
  },
};

const BUTTON_RADIUS = { pill: "999px", rounded: "14px", square: "6px" } as const;
// the schema's colour shapes: nothing that could end a CSS declaration
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9\s.,%/+-]+\)|[a-zA-Z]{3,30})$/;

/** the theme with its preset filled in under the campaign's own fields */
export function resolveTheme(theme: Theme): Theme {
  const preset = (theme.preset && PRESETS[theme.preset]) || {};
  const own = Object.fromEntries(Object.entries(theme).filter(([, v]) => v !== undefined));
  return { ...preset, ...own };
}

export function themeVars(input: Theme): Record<string, string> {
  const theme = resolveTheme(input);
  const primary = theme.primary ?? "#e11d48";
  const bg = theme.background ?? "#ffffff";
  const vars: Record<string, string> = {
    "--mg-primary": primary,
    "--mg-on-primary": textOn(primary),
    "--mg-bg": bg,
    "--mg-text": theme.text ?? "#1f2328",
  };
  if (typeof theme.accent === "string" && COLOR.test(theme.accent)) vars["--mg-accent"] = theme.accent;
  if (typeof theme.radius === "number") vars["--mg-radius"] = `${Math.max(0, Math.min(32, theme.radius))}px`;
  if (theme.buttonStyle && BUTTON_RADIUS[theme.buttonStyle]) vars["--mg-btn-radius"] = BUTTON_RADIUS[theme.buttonStyle];
  // the card's surface: a picture under a gradient or the plain colour; colours are schema-checked, the URL escaped
  const layers: string[] = [];
  const g = theme.backgroundGradient;
  // checked here too: the loader's structural check lets unknown theme fields through unchecked
  if (Array.isArray(g) && g.length === 2 && g.every((c) => typeof c === "string" && COLOR.test(c)))
    layers.push(`linear-gradient(160deg,${g[0]},${g[1]})`);
  const image = typeof input.backgroundImage === "string" ? safeImage(input.backgroundImage) : undefined;
  if (image) layers.push(`url("${image.replace(/["\\\n\r]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}") center/cover`);
  if (layers.length) vars["--mg-surface"] = `${layers.join(",")},${bg}`;
  // "inherit": leave --mg-font unset so font-family falls back to inheriting the host page's font
  if (theme.font !== "inherit") vars["--mg-font"] = theme.font ?? SYSTEM_FONT;
  return vars;
}

export function segmentColors(input: Theme, count: number): string[] {
  const palette = resolveTheme(input).segmentColors ?? DEFAULT_SEGMENTS;
  const colors = Array.from({ length: count }, (_, i) => palette[i % palette.length]!);
  // an odd count would put two equal colours side by side where the wheel closes
  if (count > 2 && palette.length > 1 && colors[count - 1] === colors[0]) colors[count - 1] = palette[1 % palette.length]!;
  return colors;
}
