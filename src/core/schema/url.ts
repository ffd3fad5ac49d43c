// the one gate for URLs from a campaign file: the schema refuses a bad one with a sentence, the UI renders only what passes
// an allow-list of schemes, not a block-list: "javascript:" has too many spellings (case, whitespace, entities, controls)

/**
 * What a URL field is used for:
 * - `link`: opened by a click (terms, privacy policy, share): absolute https: or http:
 * - `image`: shown as a picture: https:, a relative path, or a base64 raster `data:image/…` (png, jpeg, gif, webp, avif)
 * - `endpoint`: called by the widget (collector): absolute https: or http:
 */
export type UrlKind = "link" | "image" | "endpoint";

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
// C0 controls, DEL and the C1 range; browsers strip some of them inside a scheme ("java\nscript:")
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// characters that read as space, including the invisible ones a copy-paste brings along
const SPACE_AT_EDGE = /^[\s\u200b-\u200d\ufeff]|[\s\u200b-\u200d\ufeff]$/;
// "&#106;", "&#x6A;", "&colon;": harmless in a DOM attribute, but decoded wherever the URL lands in HTML
const ENTITY = /&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const NUMERIC_ENTITY = /&#/;
const HTTP = /^https?:\/\/[^/?#\s]+([/?#]|$)/i;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+={0,2}$/i;

/** what is wrong with a URL, as a short code: the widget only needs yes or no; the sentences are in url-problem.ts, with the schema */
export type UrlFault = "control" | "space" | "entity" | "backslash" | "relative" | "protocol-relative" | "host" | "data" | "scheme";

/**
 * What is wrong with `value` as a URL of this kind, or undefined when it is fine.
 * @example urlFault("javascript:alert(1)", "link") // "scheme"
 */
export function urlFault(value: string, kind: UrlKind): UrlFault | undefined {
  if (CONTROL.test(value)) return "control";
  if (SPACE_AT_EDGE.test(value)) return "space";
  if (ENTITY.test(value) || NUMERIC_ENTITY.test(value)) return "entity";
  if (value.includes("\\")) return "backslash";
  const scheme = schemeOf(value);
  if (scheme === undefined) {
    if (kind !== "image") return "relative";
    return value.startsWith("//") ? "protocol-relative" : undefined;
  }
  if (scheme === "https" || (scheme === "http" && kind !== "image")) return HTTP.test(value) ? undefined : "host";
  if (scheme === "data" && kind === "image") return DATA_IMAGE.test(value) ? undefined : "data";
  return "scheme";
}

export const schemeOf = (value: string): string | undefined => SCHEME.exec(value)?.[1]?.toLowerCase();

/**
 * The URL itself when it is safe to put in an attribute for this use, else undefined. Every URL the widget renders goes through here.
 * @example <a href={safeUrl(campaign.termsUrl, "link")}>…</a>
 */
export function safeUrl(value: unknown, kind: UrlKind): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= 2048 && !urlFault(value, kind) ? value : undefined;
}
