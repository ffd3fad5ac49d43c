import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LEASE_MS } from "./leader.js";
import { createMemoryStorage } from "./storage.js";
import { answer, setup } from "../../tests/helpers/tracker/doubles.js";
import type { LockManagerLike } from "./types.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** an in-process Web Locks: exclusive, granted in request order, released when the callback's promise settles */
function createFakeLocks(): LockManagerLike {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  const grant = (name: string) => {
    const next = waiting.get(name)?.shift();
    if (next) next();
  };
  return {
    request(name, callback) {
      return new Promise((resolve, reject) => {
        const run = () => {
          held.add(name);
          callback({ name })
            .then(resolve, reject)
            .finally(() => {
              held.delete(name);
              grant(name);
            });
        };
        if (held.has(name)) waiting.set(name, [...(waiting.get(name) ?? []), run]);
        else run();
      });
    },
  };
}

/** the page enters or leaves the back/forward cache */
const transition = (type: "pagehide" | "pageshow") => {
  const e = new Event(type);
  Object.defineProperty(e, "persisted", { value: true });
  window.dispatchEvent(e);
};

describe("one sending tab", () => {
  it("only the lease holder sends; a dead tab's queue is taken over and merged by id", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({}, storage);
    const fromA = [a.tracker.track("play")!.id, a.tracker.track("claim")!.id];
    a.fake.transport.send = () => new Promise(() => {}); // A hangs, then its tab dies mid-send
    await vi.advanceTimersByTimeAsync(10);
    const fromB = [b.tracker.track("impression")!.id, b.tracker.track("claim")!.id];
    await vi.advanceTimersByTimeAsync(3_000);
    expect(b.fake.sends).toHaveLength(0);
    // the tab crashes: no clean hand-over, its lease just stops being renewed
    const lease = storage.getItem("mg:lease:tet-2027")!;
    a.tracker.destroy();
    storage.setItem("mg:lease:tet-2027", lease);
    await vi.advanceTimersByTimeAsync(LEASE_MS + 2_500);
    expect(b.fake.sentIds.sort()).toEqual([...fromA, ...fromB].sort());
    expect(new Set(b.fake.sentIds).size).toBe(b.fake.sentIds.length);
    expect(b.tracker.pending()).toBe(0);
  });

  it("a tab that closes cleanly hands over at once", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({}, storage);
    a.fake.transport.send = () => new Promise(() => {});
    const id = a.tracker.track("claim")!.id;
    await vi.advanceTimersByTimeAsync(10);
    a.tracker.destroy();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(b.fake.sentIds).toEqual([id]);
  });

  it("a tab that takes over keeps to the Retry-After the last sending tab was given", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({}, storage);
    a.fake.respond = () => answer(429, "300");
    const id = a.tracker.track("claim")!.id;
    await vi.advanceTimersByTimeAsync(10);
    a.tracker.destroy();
    await vi.advanceTimersByTimeAsync(299_000);
    expect(b.fake.sends).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(b.fake.sentIds).toEqual([id]);
  });

  it("a tab that takes over carries on the stored backoff and reports the drops the last sending tab counted", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({}, storage);
    a.fake.respond = () => answer(503);
    for (let i = 0; i < 510; i++) a.tracker.track("impression", { i });
    await vi.advanceTimersByTimeAsync(8_000); // attempts at 0, 0.5, 1.5, 3.5 and 7.5 s: the next is due at 15.5 s
    expect(a.fake.sends).toHaveLength(5);
    a.tracker.destroy();
    const times: number[] = [];
    b.fake.respond = (req) => {
      times.push(Date.now());
      return answer(200, null, { accepted: req.batch.events.length });
    };
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times[0]).toBe(Date.UTC(2027, 0, 25, 3, 0, 15, 500));
    expect(b.fake.sends.map((s) => s.batch.dropped).filter((d) => d !== undefined)).toEqual([10]);
    expect(b.tracker.pending()).toBe(0);
    expect(JSON.parse(storage.getItem("mg:m:tet-2027")!)).toMatchObject({ dropped: 0 });
  });

  it("a page back from the back/forward cache keeps to a Retry-After another tab was given meanwhile", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    transition("pagehide");
    const b = setup({}, storage);
    b.fake.respond = () => answer(429, "300");
    const id = b.tracker.track("claim")!.id;
    await vi.advanceTimersByTimeAsync(10);
    b.tracker.destroy();
    transition("pageshow");
    await vi.advanceTimersByTimeAsync(299_000);
    expect(a.fake.sends).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.fake.sentIds).toEqual([id]);
  });

  it("a tab's overflow adds to the stored drop count and leaves the sending tab's Retry-After alone", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({ transport: { send: () => new Promise(() => {}), beacon: null } }, storage);
    let n = 0;
    a.fake.respond = (req) => (n++ === 0 ? answer(429, "60") : answer(200, null, { accepted: req.batch.events.length }));
    a.tracker.track("claim");
    await vi.advanceTimersByTimeAsync(10);
    const paused = JSON.parse(storage.getItem("mg:m:tet-2027")!);
    for (let i = 0; i < 510; i++) b.tracker.track("impression", { i }); // b only stores them: a sends
    expect(JSON.parse(storage.getItem("mg:m:tet-2027")!)).toEqual({ ...paused, dropped: 10 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.fake.sends).toHaveLength(2);
    expect(a.fake.sends[1]!.batch.dropped).toBe(10);
  });

  it("the sending tab picks up another tab's event from the storage event and sends a claim at once", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    const b = setup({}, storage);
    const e = b.tracker.track("claim")!;
    const key = `mg:q:tet-2027:${e.id}`;
    window.dispatchEvent(new StorageEvent("storage", { key, newValue: storage.getItem(key) }));
    await vi.advanceTimersByTimeAsync(0);
    expect(a.fake.sentIds).toEqual([e.id]);
    expect(b.fake.sends).toHaveLength(0);
  });

  it("forgets an event another tab removed from storage", () => {
    const storage = createMemoryStorage();
    const a = setup({ transport: { send: () => new Promise(() => {}), beacon: null } }, storage);
    const e = a.tracker.track("play")!;
    const key = `mg:q:tet-2027:${e.id}`;
    storage.removeItem(key);
    window.dispatchEvent(new StorageEvent("storage", { key, newValue: null }));
    expect(a.tracker.pending()).toBe(0);
  });

  it("with Web Locks, the next tab in line takes over when the holder goes away", async () => {
    const storage = createMemoryStorage();
    const locks = createFakeLocks();
    const a = setup({ locks }, storage);
    await vi.advanceTimersByTimeAsync(0);
    const b = setup({ locks }, storage);
    a.fake.transport.send = () => new Promise(() => {});
    const ids = [a.tracker.track("claim")!.id, b.tracker.track("lead")!.id];
    await vi.advanceTimersByTimeAsync(3_000);
    expect(b.fake.sends).toHaveLength(0);
    expect(storage.getItem("mg:lease:tet-2027")).toBeNull();
    a.tracker.destroy();
    await vi.advanceTimersByTimeAsync(10);
    expect(b.fake.sentIds.sort()).toEqual(ids.sort());
  });

  it("a tab that cannot write to storage sends its own events instead of waiting for a leader that cannot see them", async () => {
    const storage = createMemoryStorage();
    const a = setup({}, storage);
    a.fake.respond = () => new Promise(() => {});
    const bStorage = Object.assign(Object.create(null), {
      getItem: (k: string) => storage.getItem(k),
      removeItem: (k: string) => storage.removeItem(k),
      key: (i: number) => storage.key(i),
      get length() {
        return storage.length;
      },
      setItem(k: string, v: string) {
        if (k.startsWith("mg:q:")) throw new DOMException("quota", "QuotaExceededError");
        storage.setItem(k, v);
      },
    });
    const b = setup({}, bStorage);
    const e = b.tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(10);
    expect(b.fake.sentIds).toEqual([e.id]);
  });

  it("sends on its own when the Web Locks API refuses (opaque origins)", async () => {
    const locks: LockManagerLike = {
      request: () => {
        throw new DOMException("denied", "SecurityError");
      },
    };
    const { tracker, fake } = setup({ locks });
    const e = tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sentIds).toEqual([e.id]);
  });
});
