// string lookup: campaign overrides first, then the locale's tables, then English. The first paint's strings are here;
// the quiz and the after-play screens add theirs when their chunks arrive.
import { en, vi } from "./strings.js";
import type { en as quizEn } from "./strings-quiz.js";
import type { en as afterEn } from "./strings-after.js";
import type { en as gamesEn } from "../games/strings.js";

export { en, vi };
export type Locale = "vi" | "en";
export type StringKey = keyof typeof en | keyof typeof quizEn | keyof typeof afterEn | keyof typeof gamesEn;
export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;
/** one chunk's strings in both languages */
export type StringTables = { en: Record<string, string>; vi: Record<string, string> };

/**
 * Build the translate function for a locale with per-campaign overrides; `more` grows as chunks bring their strings.
 * @example
 * const t = createTranslator("vi", { "wheel.spin": "QUAY NGAY" });
 * t("playsLeft", { n: 2 }); // "Còn 2 lượt"
 */
export function createTranslator(locale: Locale, overrides: Record<string, string> = {}, more: StringTables[] = []): Translate {
  const base: StringTables = { en, vi };
  const find = (key: string, l: Locale): string | undefined => {
    if (base[l][key] !== undefined) return base[l][key];
    for (const t of more) if (t[l][key] !== undefined) return t[l][key];
    return undefined;
  };
  return (key, vars) => {
    const text = overrides[key] ?? find(key, locale === "en" ? "en" : "vi") ?? find(key, "en") ?? key;
    // placeholders are replaced as plain text; the result is always rendered as a text node. Only the call's own
    // values: a campaign's `{constructor}` stays as written rather than showing Object's source
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m)) : text;
  };
}
