// what a visitor must not lose to a reload: a draw made but not shown yet, and a win not claimed yet
import type { Campaign } from "../core/schema/campaign.js";
import type { DrawResult } from "../core/engine/types.js";
import { fingerprintMember } from "./member.js";

type Won = Extract<DrawResult, { ok: true }>;

export type PlayMemory = {
  /** a draw made before a reload and never revealed: shown instead of drawing again */
  pending(): Won | null;
  keepPending(r: Won): void;
  clearPending(): void;
  /** the last win, shown again (with its code) until it is claimed or the campaign ends */
  lastWin(): Won | null;
  keepWin(r: Won): void;
  clearWin(): void;
};

/** `m`: the member it belongs to (fingerprintMember), absent for an anonymous visitor */
type Record_ = { pending?: unknown; win?: unknown; m?: unknown };

/**
 * Keep the pending draw and the last unclaimed win of one visitor for one campaign, in `storage`
 * (localStorage by default) or in memory when there is none. Entries that do not match the campaign
 * (an edited prize list, a hand-edited value) are ignored, and everything is forgotten after schedule.endsAt.
 * With a `memberToken` they belong to that member, as the minted identity does (identity.ts): a page for another
 * member, or for nobody, never shows them and forgets them.
 * @example
 * const memory = createPlayMemory(campaign, visitorId, localStorage, options.memberToken);
 * memory.keepPending(result); // … reload …
 * memory.pending(); // the same result
 */
export function createPlayMemory(
  campaign: Campaign,
  visitorId: string,
  storage: Storage | null = null,
  memberToken?: string,
  now: () => number = Date.now,
): PlayMemory {
  const key = `minigame:play:${campaign.id}:${visitorId}`;
  const member = fingerprintMember(memberToken);
  const endsAt = campaign.schedule?.endsAt ? Date.parse(campaign.schedule.endsAt) : Number.POSITIVE_INFINITY;
  const prizeIds = new Set(campaign.prizes.map((p) => p.id));
  let memory: Record_ = {};

  function read(): Record_ {
    try {
      const raw = storage?.getItem(key);
      if (raw) memory = JSON.parse(raw) as Record_;
    } catch {
      // unavailable or corrupt storage: this page's memory is all there is
    }
    if (!memory || typeof memory !== "object") return {};
    // the draw and the win of another member on this browser (a shared computer, a kiosk) are theirs, code and token
    // included: forgotten, as the identity client mints this member a visitor of their own
    if ((memory.m ?? "") !== member) write({});
    return memory;
  }
  function write(next: Record_) {
    memory = { pending: next.pending, win: next.win, m: member || undefined };
    try {
      if (next.pending || next.win) storage?.setItem(key, JSON.stringify(memory));
      else storage?.removeItem(key);
    } catch {
      // quota or access error: memory keeps it for this page
    }
  }
  // a stored result is shown only if it still names a prize of this campaign and the campaign is running
  const valid = (v: unknown): Won | null => {
    if (now() > endsAt || !v || typeof v !== "object") return null;
    const r = v as Won;
    if (r.ok !== true || typeof r.drawId !== "string" || typeof r.win !== "boolean") return null;
    if (r.prize !== null && (typeof r.prize !== "object" || !prizeIds.has(r.prize.id) || typeof r.prize.label !== "string")) return null;
    if (r.code !== undefined && typeof r.code !== "string") return null;
    return r;
  };

  return {
    pending: () => valid(read().pending),
    keepPending: (r) => write({ ...read(), pending: r }),
    clearPending: () => write({ ...read(), pending: undefined }),
    lastWin: () => valid(read().win),
    keepWin: (r) => write({ ...read(), win: r }),
    clearWin: () => write({ ...read(), win: undefined }),
  };
}
