// the one gate for picture URLs from a campaign: only http(s), relative and data:image URLs reach an <img>, <image> or canvas

/**
 * The URL when it is safe to show as a picture, else undefined.
 * @example <img src={safeImage(prize.image)} alt="" />
 */
export function safeImage(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) || /^(https?:|data:image\/)/i.test(url) ? url : undefined;
}
