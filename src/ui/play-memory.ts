// what a visitor must not lose to a reload: a draw made but not shown yet, and a win not claimed yet
import type { Campaign } from "../core/schema/campaign.js";
import type { DrawResult } from "../core/engine/types.js";

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

type Record_ = { pending?: unknown; win?: unknown };

/**
 * Keep the pending draw and the last unclaimed win of one visitor for one campaign, in `storage`
 * (localStorage by default) or in memory when there is none. Entries that do not match the campaign
 * (an edited prize list, a hand-edited value) are ignored, and everything is forgotten after schedule.endsAt.
 * @example
 * const memory = createPlayMemory(campaign, visitorId, localStorage);
 * memory.keepPending(result); // … reload …
 * memory.pending(); // the same result
 */
export function createPlayMemory(
  campaign: Campaign,
  visitorId: string,
  storage: Storage | null = null,
  now: () => number = Date.now,
): PlayMemory {
  const key = `minigame:play:${campaign.id}:${visitorId}`;
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
    return memory && typeof memory === "object" ? memory : {};
  }
  function write(next: Record_) {
    memory = next;
    try {
      if (next.pending || next.win) storage?.setItem(key, JSON.stringify(next));
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
