// picture URLs from a campaign, through the one gate every URL the widget renders goes through (core/schema/url.ts)
import { safeUrl } from "../core/schema/url.js";

/**
 * The URL when it is safe to show as a picture, else undefined.
 * @example <img src={safeImage(prize.image)} alt="" />
 */
export function safeImage(url: unknown): string | undefined {
  return safeUrl(url, "image");
}
