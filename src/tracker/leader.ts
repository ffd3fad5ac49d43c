// one tab sends per campaign: Web Locks where present, else a heartbeat lease in storage
import { readJSON, type KV } from "./storage.js";
import type { LockManagerLike } from "./types.js";

export const LEASE_MS = 6_000;
export const HEARTBEAT_MS = 2_000;

export type Leader = { readonly isLeader: boolean; start(): void; stop(): void };

type LeaderOptions = {
  name: string;
  tabId: string;
  /** null: use the storage lease */
  locks: LockManagerLike | null;
  kv: KV;
  now: () => number;
  onChange: (leader: boolean) => void;
};

/**
 * Elect one sending tab. A tab that dies releases its lock (or lets its lease lapse) and the next one takes over.
 * @example const leader = createLeader({ name: "mg:tet", tabId, locks: navigator.locks, kv, now, onChange }); leader.start();
 */
export function createLeader(o: LeaderOptions): Leader {
  let leader = false;
  let generation = 0;
  let release: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let running = false;
  const key = `mg:lease:${o.name}`;

  const set = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    o.onChange(next);
  };

  const startLock = (locks: LockManagerLike) => {
    const mine = ++generation;
    // no lock (e.g. an opaque origin throws SecurityError): this tab sends on its own rather than never
    const alone = () => mine === generation && set(true);
    try {
      locks
        .request(`mg:${o.name}`, () => {
          // a lock granted after stop() (or to an older start) is handed straight back
          if (mine !== generation) return Promise.resolve();
          return new Promise<void>((resolve) => {
            release = resolve;
            set(true);
          });
        })
        .catch(alone);
    } catch {
      alone();
    }
  };

  const tick = () => {
    const lease = readJSON<{ tab: string; exp: number }>(o.kv, key);
    const t = o.now();
    if (!lease || lease.exp < t || lease.tab === o.tabId) o.kv.set(key, JSON.stringify({ tab: o.tabId, exp: t + LEASE_MS }));
    // read back: of two tabs writing at once, the last write wins for both
    set(readJSON<{ tab: string }>(o.kv, key)?.tab === o.tabId);
  };

  return {
    get isLeader() {
      return leader;
    },
    start() {
      if (running) return;
      running = true;
      if (o.locks) return startLock(o.locks);
      generation++;
      tick();
      heartbeat = setInterval(tick, HEARTBEAT_MS);
    },
    stop() {
      running = false;
      generation++;
      if (heartbeat !== undefined) clearInterval(heartbeat);
      heartbeat = undefined;
      release?.();
      release = null;
      if (!o.locks && leader) o.kv.remove(key);
      set(false);
    },
  };
}
