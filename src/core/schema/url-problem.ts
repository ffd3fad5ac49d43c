// the sentences behind core/schema/url.ts's faults: the schema's error messages, kept out of the widget's chunks
import { schemeOf, urlFault, type UrlKind } from "./url.js";

/**
 * Why `value` is not an acceptable URL of this kind, as a sentence, or undefined when it is fine.
 * @example urlProblem(" javascript:alert(1)", "link") // "must not start or end with a space"
 */
export function urlProblem(value: string, kind: UrlKind): string | undefined {
  const allowed = kind === "image" ? "https:, a relative path such as images/gift.png, or data:image/png;base64,…" : "https: or http:";
  switch (urlFault(value, kind)) {
    case undefined:
      return undefined;
    case "control":
      return "must not contain control characters such as a line break or a tab";
    case "space":
      return "must not start or end with a space";
    case "entity":
      return "must not contain HTML entities such as &#58; or &colon;";
    case "backslash":
      return "must not contain a backslash; use /";
    case "relative":
      return `must be an absolute URL starting with ${allowed}`;
    case "protocol-relative":
      return "must not start with //; write the https: URL in full";
    case "host":
      return "must be a full URL with a host, such as https://example.com/page";
    case "data":
      return "may use data: only for base64 png, jpeg, gif, webp or avif images";
    case "scheme":
      return `uses the scheme "${schemeOf(value)}:", which is not allowed here; use ${allowed}`;
  }
}
