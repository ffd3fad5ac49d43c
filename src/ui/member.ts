// which logged-in member a page is for, as the widget tells them apart on one browser: the minted identity, the play
// memory and the lead queue all belong to one, so another member's never shows on this page

/** the token's `sub`, its payload read but not verified (the collector verifies the token when it mints); undefined
 * when the token is not a JWT with a string `sub` */
function subjectOf(token: string): string | undefined {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: unknown };
    return typeof payload.sub === "string" ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * FNV-1a of the member the page's token is for: its `sub`, so a brand that signs a fresh short-lived token on every
 * page keeps one member (and one minted visitor) across pages; the whole token when it carries no `sub`. Nothing of
 * the token itself is kept in storage; "" without one (an anonymous visitor).
 * @example fingerprintMember(options.memberToken) === stored.m // the same member as when this was stored
 */
export function fingerprintMember(token: string | undefined): string {
  if (!token) return "";
  const who = subjectOf(token);
  const text = who === undefined ? token : `sub:${who}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
