import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pickStorage } from "./storage.js";
import { setup } from "../../tests/helpers/tracker/doubles.js";

beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2027, 0, 25, 3, 0, 0) }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
});

const securityError = () => {
  throw new DOMException("The operation is insecure.", "SecurityError");
};

describe("storage fallbacks", () => {
  it("uses localStorage when it works", () => {
    expect(pickStorage(undefined).kind).toBe("local");
    const { tracker } = setup({ storage: undefined });
    const e = tracker.track("play")!;
    expect(localStorage.getItem(`mg:q:tet-2027:${e.id}`)).not.toBeNull();
  });

  it("falls back to sessionStorage when reading localStorage throws (sandboxed iframe)", async () => {
    vi.spyOn(window, "localStorage", "get").mockImplementation(securityError);
    expect(pickStorage(undefined).kind).toBe("session");
    const { tracker, fake } = setup({ storage: undefined });
    const e = tracker.track("claim")!;
    expect(sessionStorage.getItem(`mg:q:tet-2027:${e.id}`)).not.toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sentIds).toEqual([e.id]);
  });

  it("falls back to memory when both throw on write (Safari private mode)", async () => {
    // old Safari private mode: the object is there, every write throws
    const readOnly = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
      removeItem() {},
      key: () => null,
      length: 0,
    } as unknown as Storage;
    vi.spyOn(window, "localStorage", "get").mockReturnValue(readOnly);
    vi.spyOn(window, "sessionStorage", "get").mockReturnValue(readOnly);
    expect(pickStorage(undefined).kind).toBe("memory");
    const { tracker, fake, errors } = setup({ storage: undefined });
    tracker.track("impression");
    const e = tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sentIds).toContain(e.id);
    expect(errors).toEqual([]);
  });

  it("keeps going in memory when storage fills up mid-session, and says so once", async () => {
    const { tracker, fake, errors, storage } = setup();
    tracker.track("impression");
    vi.spyOn(storage, "setItem").mockImplementation(() => {
      throw new DOMException("quota", "QuotaExceededError");
    });
    const a = tracker.track("play")!;
    const b = tracker.track("claim")!;
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.sentIds).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(errors.filter((e) => e.code === "storage")).toHaveLength(1);
  });
});
