// the write-ahead queue: every event is in storage before any attempt to send it
import type { EngagementEvent } from "../core/events/index.js";
import { CRITICAL_EVENT_TYPES } from "../core/events/constants.js";
import type { KV } from "./storage.js";

export type Entry = { event: EngagementEvent; json: string; bytes: number; tier: 0 | 1 | 2; stored: boolean };

export type QueueOptions = { kv: KV; campaignId: string; maxEvents: number; maxBytes: number };

export type Queue = ReturnType<typeof createQueue>;

/** UTF-8 length without allocating, so limits match what goes on the wire */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// overflow drops the lowest tier first: impression/open, then the rest, and critical events only when nothing else is left
const tierOf = (e: EngagementEvent): 0 | 1 | 2 =>
  CRITICAL_EVENT_TYPES.has(e.type) ? 2 : e.type === "impression" || e.type === "open" ? 0 : 1;

/**
 * A bounded, insertion-ordered queue mirrored to storage one key per event, so adding is O(1) in the queue length.
 * @example const q = createQueue({ kv, campaignId: "tet", maxEvents: 500, maxBytes: 256 * 1024 }); q.add(event);
 */
export function createQueue(options: QueueOptions) {
  const { kv, maxEvents, maxBytes } = options;
  const prefix = `mg:q:${options.campaignId}:`;
  const entries = new Map<string, Entry>();
  const tiers = [new Set<string>(), new Set<string>(), new Set<string>()] as const;
  let bytes = 0;
  let persist = true;

  const store = (entry: Entry) => {
    entry.stored = kv.set(prefix + entry.event.id, entry.json);
  };

  const insert = (entry: Entry) => {
    entries.set(entry.event.id, entry);
    tiers[entry.tier].add(entry.event.id);
    bytes += entry.bytes;
  };

  const remove = (id: string): Entry | undefined => {
    const entry = entries.get(id);
    if (!entry) return undefined;
    entries.delete(id);
    tiers[entry.tier].delete(id);
    bytes -= entry.bytes;
    if (entry.stored) kv.remove(prefix + id);
    return entry;
  };

  // oldest of the lowest tier that is not being sent right now
  const victim = (busy: (id: string) => boolean): string | undefined => {
    for (const tier of tiers) for (const id of tier) if (!busy(id)) return id;
    return undefined;
  };

  const trim = (busy: (id: string) => boolean): EngagementEvent[] => {
    const dropped: EngagementEvent[] = [];
    while (entries.size > maxEvents || bytes > maxBytes) {
      const id = victim(busy);
      if (id === undefined) break;
      dropped.push(remove(id)!.event);
    }
    return dropped;
  };

  const entryOf = (event: EngagementEvent, json: string, stored: boolean): Entry => ({
    event,
    json,
    bytes: utf8Length(json),
    tier: tierOf(event),
    stored,
  });

  return {
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    has: (id: string) => entries.has(id),
    hasCritical: () => tiers[2].size > 0,
    /** add one event (already serialized); returns what overflow pushed out */
    add(event: EngagementEvent, json: string, busy: (id: string) => boolean = () => false): EngagementEvent[] {
      if (entries.has(event.id)) return [];
      const entry = entryOf(event, json, false);
      if (persist) store(entry);
      insert(entry);
      return trim(busy);
    },
    remove(ids: Iterable<string>): void {
      for (const id of ids) remove(id);
    },
    /** another tab stored this event: hold it without writing it again */
    adopt(json: string, busy: (id: string) => boolean = () => false): { entry: Entry | null; dropped: EngagementEvent[] } {
      const event = parse(json);
      if (!event || entries.has(event.id)) return { entry: null, dropped: [] };
      const entry = entryOf(event, json, true);
      insert(entry);
      return { entry, dropped: trim(busy) };
    },
    /** another tab removed this event from storage (delivered or dropped) */
    forget(id: string): void {
      const entry = entries.get(id);
      if (!entry?.stored) return;
      entry.stored = false;
      remove(id);
    },
    keyPrefix: prefix,
    /** the oldest events, up to `max` of them and `budget` UTF-8 bytes of JSON (always at least one) */
    take(max: number, budget: number, skip: (id: string) => boolean = () => false): Entry[] {
      const out: Entry[] = [];
      let used = 0;
      for (const entry of entries.values()) {
        if (skip(entry.event.id)) continue;
        if (out.length >= max || (out.length > 0 && used + entry.bytes + 1 > budget)) break;
        out.push(entry);
        used += entry.bytes + 1;
      }
      return out;
    },
    /** pending consent keeps events in memory; granting writes them all */
    setPersist(on: boolean): void {
      persist = on;
      if (on) for (const entry of entries.values()) if (!entry.stored) store(entry);
    },
    /** forget everything, here and in storage */
    clear(): void {
      for (const id of [...entries.keys()]) remove(id);
      for (const key of kv.keys(prefix)) kv.remove(key);
    },
    /**
     * Merge storage into memory by event id: take in what other tabs queued, forget what they delivered.
     * Runs at start-up and on takeover, never on the hot path.
     */
    sync(busy: (id: string) => boolean = () => false): { added: number; dropped: EngagementEvent[] } {
      const keys = kv.keys(prefix);
      const present = new Set<string>();
      const found: Entry[] = [];
      for (const key of keys) {
        const id = key.slice(prefix.length);
        present.add(id);
        if (entries.has(id)) continue;
        const json = kv.get(key);
        const event = parse(json);
        if (!event || event.id !== id) {
          kv.remove(key);
          continue;
        }
        found.push(entryOf(event, json!, true));
      }
      for (const entry of [...entries.values()]) {
        if (entry.stored && !present.has(entry.event.id) && !busy(entry.event.id)) remove(entry.event.id);
      }
      found.sort((a, b) => a.event.ts - b.event.ts);
      for (const entry of found) insert(entry);
      return { added: found.length, dropped: trim(busy) };
    },
  };
}

function parse(json: string | null): EngagementEvent | null {
  if (!json) return null;
  try {
    const e = JSON.parse(json) as EngagementEvent;
    return e && typeof e.id === "string" && typeof e.type === "string" && typeof e.ts === "number" ? e : null;
  } catch {
    return null;
  }
}
