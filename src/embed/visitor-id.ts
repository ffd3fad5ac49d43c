// the anonymous visitor id of client mode and of events: first party, stable per browser

// "minigame:<campaign id>" holds a campaign's ledger; campaign ids have no ':', so this key can never be one
const VISITOR_KEY = "minigame:visitor:id";
const OLD_VISITOR_KEY = "minigame:visitor";

/** a first-party anonymous id, stable per browser; a fresh one per page when storage is unavailable */
export function stableVisitorId(storage?: Storage): string {
  try {
    const s = storage ?? globalThis.localStorage;
    const existing = s.getItem(VISITOR_KEY);
    if (existing) return existing;
    // an id from before the key moved; a ledger JSON there belongs to a campaign called "visitor"
    const old = s.getItem(OLD_VISITOR_KEY);
    const id = old && !old.startsWith("{") ? old : newVisitorId();
    s.setItem(VISITOR_KEY, id);
    return id;
  } catch {
    return newVisitorId();
  }
}

/** crypto.randomUUID exists only in secure contexts (not on http:// pages) and recent browsers */
function newVisitorId(): string {
  const bytes = new Uint8Array(16);
  const c = globalThis.crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
