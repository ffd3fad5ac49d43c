// which logged-in member a page is for, as the widget tells them apart on one browser: the minted identity, the play
// memory and the lead queue all belong to one, so another member's never shows on this page

/**
 * FNV-1a of the page's member token: tells one member token from another without keeping the token itself in
 * storage; "" without one (an anonymous visitor).
 * @example fingerprintMember(options.memberToken) === stored.m // the same member as when this was stored
 */
export function fingerprintMember(token: string | undefined): string {
  if (!token) return "";
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
