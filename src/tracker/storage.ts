// where the queue lives: localStorage, else sessionStorage, else memory (Safari private mode, sandboxed iframes)
import type { StorageLike } from "./types.js";

export type StorageKind = "local" | "session" | "memory" | "custom";

/** a Storage that forgets with the page */
export function createMemoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

// reading window.localStorage itself throws in sandboxed iframes, and setItem throws in old Safari private mode
function usable(get: () => Storage | undefined): StorageLike | null {
  try {
    const s = get();
    if (!s) return null;
    const probe = "mg:probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/** the first storage that works, and which one it is */
export function pickStorage(given: StorageLike | null | undefined): { storage: StorageLike; kind: StorageKind } {
  if (given) return { storage: given, kind: "custom" };
  const local = usable(() => globalThis.localStorage);
  if (local) return { storage: local, kind: "local" };
  const session = usable(() => globalThis.sessionStorage);
  if (session) return { storage: session, kind: "session" };
  return { storage: createMemoryStorage(), kind: "memory" };
}

export type KV = {
  get(key: string): string | null;
  /** false when the write failed (quota, revoked access) */
  set(key: string, value: string): boolean;
  remove(key: string): void;
  /** every key starting with `prefix` */
  keys(prefix: string): string[];
};

/** a storage wrapper that never throws */
export function createKV(storage: StorageLike, onFail: (cause: unknown) => void): KV {
  return {
    get(key) {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        storage.setItem(key, value);
        return true;
      } catch (cause) {
        onFail(cause);
        return false;
      }
    },
    remove(key) {
      try {
        storage.removeItem(key);
      } catch {
        // nothing to do: a key we cannot remove is resent and deduplicated by id
      }
    },
    keys(prefix) {
      const out: string[] = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i);
          if (k?.startsWith(prefix)) out.push(k);
        }
      } catch {
        // storage revoked mid-scan: what we have is what we can use
      }
      return out;
    },
  };
}

/** parse JSON we wrote ourselves, null on anything else */
export function readJSON<T>(kv: KV, key: string): T | null {
  const raw = kv.get(key);
  if (raw == null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
