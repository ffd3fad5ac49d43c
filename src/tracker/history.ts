// this browser's own events for a campaign, so the widget can show local stats without a server
import type { EngagementEvent } from "../core/events/index.js";
import { readJSON, type KV } from "./storage.js";

export const HISTORY_SIZE = 500;

/**
 * A ring of the last `size` events, one storage key per slot so recording one is O(1).
 * @example const h = createHistory({ kv, campaignId: "tet", persist: true }); h.record(event, json); h.events();
 */
export function createHistory(o: { kv: KV; campaignId: string; persist: boolean; size?: number }) {
  const size = o.size ?? HISTORY_SIZE;
  const prefix = `mg:h:${o.campaignId}:`;
  const counterKey = `mg:hn:${o.campaignId}`;
  let persist = o.persist;
  const ring: { event: EngagementEvent; json: string; stored: boolean }[] = [];
  let head = 0;

  const write = (json: string) => {
    const n = Number(o.kv.get(counterKey)) || 0;
    const ok = o.kv.set(prefix + (n % size), json);
    if (ok) o.kv.set(counterKey, String(n + 1));
    return ok;
  };

  return {
    record(event: EngagementEvent, json: string): void {
      const item = { event, json, stored: persist && write(json) };
      if (ring.length < size) ring.push(item);
      else ring[head] = item;
      head = (head + 1) % size;
    },
    /** merged by id with what other tabs recorded, oldest first */
    events(): EngagementEvent[] {
      const byId = new Map<string, EngagementEvent>();
      if (persist) {
        for (const key of o.kv.keys(prefix)) {
          const e = readJSON<EngagementEvent>(o.kv, key);
          if (e && typeof e.id === "string") byId.set(e.id, e);
        }
      }
      for (const { event } of ring) byId.set(event.id, event);
      return [...byId.values()].sort((a, b) => a.ts - b.ts || (a.seq ?? 0) - (b.seq ?? 0)).slice(-size);
    },
    setPersist(on: boolean): void {
      persist = on;
      if (on) for (const item of ring) if (!item.stored) item.stored = write(item.json);
    },
    clear(): void {
      ring.length = 0;
      head = 0;
      for (const key of o.kv.keys(prefix)) o.kv.remove(key);
      o.kv.remove(counterKey);
    },
  };
}
