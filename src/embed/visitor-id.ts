// the anonymous visitor id of the events: first party, stable per browser once consent allows storing it
// (docs/tracker.md, "Consent and privacy": pending writes nothing, denied removes our ids)
import type { Consent } from "../tracker/types.js";

// "minigame:<campaign id>" holds a campaign's ledger; campaign ids have no ':', so this key can never be one
const VISITOR_KEY = "minigame:visitor:id";
const OLD_VISITOR_KEY = "minigame:visitor";

/** the id this browser stored, if any: the current key, else one from before the key moved */
function storedId(s: Storage): string | null {
  const id = s.getItem(VISITOR_KEY) ?? s.getItem(OLD_VISITOR_KEY);
  // a ledger JSON under the old key belongs to a campaign called "visitor"
  return id && !id.startsWith("{") ? id : null;
}

/**
 * A first-party anonymous id: the stored one, else a new one, stored only with `consent` "granted" (the default);
 * otherwise it lives in memory (keepVisitorId removes a stored one on "denied"). A fresh one per page when storage
 * is unavailable.
 * @example
 * const id = stableVisitorId(localStorage, "pending"); // nothing written
 */
export function stableVisitorId(storage?: Storage, consent: Consent = "granted"): string {
  try {
    const id = storedId(storage ?? globalThis.localStorage) ?? newVisitorId();
    if (consent === "granted") keepVisitorId(id, storage);
    return id;
  } catch {
    return newVisitorId();
  }
}

/**
 * Store `id` once consent is "granted", remove ours once it is "denied", leave storage alone while it is "pending".
 * `campaignId`: client mode's campaign, whose ledger from before may count plays under the id it removes
 */
export function keepVisitorId(id: string | null, storage?: Storage, consent: Consent = "granted", campaignId?: string): void {
  try {
    const s = storage ?? globalThis.localStorage;
    if (consent === "granted") {
      if (id && s.getItem(VISITOR_KEY) !== id) s.setItem(VISITOR_KEY, id);
    } else if (consent === "denied") {
      if (campaignId) ledgerVisitor(campaignId, s); // names that visitor in the ledger first, so limits outlive the id
      s.removeItem(VISITOR_KEY);
      if (!s.getItem(OLD_VISITOR_KEY)?.startsWith("{")) s.removeItem(OLD_VISITOR_KEY);
    }
  } catch {
    // blocked storage holds nothing of ours
  }
}

/**
 * Client mode's visitor when the page names none: the one the campaign's ledger (`minigame:<campaign id>`, the game's,
 * written when the visitor plays) counts plays for, so limits hold per browser whatever consent does to the events' id.
 * That is "" (one browser, one anonymous visitor), or for a ledger from before, the events' id it counted plays under:
 * named in the ledger ("self") the first time it is read, so removing the events' id later keeps those plays.
 * @example
 * createLocalDrawSource(engine, options.visitorId ?? ledgerVisitor(campaign.id));
 */
export function ledgerVisitor(campaignId: string, storage?: Storage): string {
  try {
    const s = storage ?? globalThis.localStorage;
    const key = `minigame:${campaignId}`;
    const ledger = JSON.parse(s.getItem(key) ?? "null") as { self?: unknown; visitors?: object } | null;
    if (!ledger || typeof ledger !== "object") return "";
    if (typeof ledger.self === "string") return ledger.self;
    const id = storedId(s);
    if (!id || !ledger.visitors || !Object.hasOwn(ledger.visitors, id)) return "";
    s.setItem(key, JSON.stringify({ ...ledger, self: id }));
    return id;
  } catch {
    return "";
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
