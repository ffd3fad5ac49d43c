import { describe, expect, it } from "vitest";
import { normalizeBatch } from "./normalize.js";

const event = (over: Record<string, unknown> = {}) => ({
  id: "e1",
  type: "play",
  campaignId: "c",
  visitorId: "v",
  sessionId: "s",
  ts: 1_000,
  ...over,
});
const options = { receivedAt: 1_000_000, timezoneOf: () => "Asia/Ho_Chi_Minh" };

describe("normalizeBatch", () => {
  it("moves event times by the client's clock error: received + (ts - sentAt)", () => {
    const r = normalizeBatch({ sentAt: 5_000, events: [event({ ts: 4_000 })] }, options);
    expect(r.ok && r.rows[0]).toMatchObject({ ts: 999_000, clientTs: 4_000, receivedAt: 1_000_000, clamped: false });
  });

  it("clamps an event time in the future to the time received and flags it", () => {
    const r = normalizeBatch({ sentAt: 5_000, events: [event({ ts: 9_000 })] }, options);
    expect(r.ok && r.rows[0]).toMatchObject({ ts: 1_000_000, clamped: true });
  });

  it("dates an event at most 73 hours before it arrived, the tracker's 72-hour queue and an hour to spare, and flags an older one", () => {
    const receivedAt = Date.parse("2027-01-20T12:00:00Z");
    const sentAt = Date.parse("2031-06-01T00:00:00Z"); // the client's clock is wrong; only the gap counts
    const at = (ago: number) => normalizeBatch({ sentAt, events: [event({ ts: sentAt - ago })] }, { ...options, receivedAt });
    expect(at(72 * 3600_000)).toMatchObject({ rows: [{ ts: receivedAt - 72 * 3600_000, clamped: false }] });
    expect(at(73 * 3600_000)).toMatchObject({ rows: [{ ts: receivedAt - 73 * 3600_000, clamped: false }] });
    const old = at(400 * 24 * 3600_000);
    expect(old).toMatchObject({ rows: [{ ts: receivedAt - 73 * 3600_000, clientTs: sentAt - 400 * 24 * 3600_000, clamped: true }] });
    expect(old.ok && old.rows[0]!.day).toBe("2027-01-17");
    expect(normalizeBatch({ sentAt: 1e300, events: [event({ ts: 0 })] }, { ...options, receivedAt })).toMatchObject({
      rows: [{ ts: receivedAt - 73 * 3600_000, clamped: true }],
    });
  });

  it("stores the device class of the request, never the one the page claims", () => {
    const claimed = event({ context: { url: "https://shop.vn/", device: "tablet" } });
    const ours = normalizeBatch({ sentAt: 1_000, events: [claimed] }, { ...options, device: "mobile" });
    expect(ours.ok && ours.rows[0]!.context).toEqual({ url: "https://shop.vn/", device: "mobile" });
    const none = normalizeBatch({ sentAt: 1_000, events: [claimed, event({ id: "e2" })] }, options);
    expect(none.ok && none.rows.map((r) => r.context)).toEqual([{ url: "https://shop.vn/" }, null]);
  });

  it("counts the day in the campaign's time zone", () => {
    const at = Date.parse("2027-01-20T18:00:00Z"); // 01:00 on the 21st in Ho Chi Minh City
    const r = normalizeBatch({ sentAt: at, events: [event({ ts: at })] }, { ...options, receivedAt: at });
    expect(r.ok && r.rows[0]!.day).toBe("2027-01-21");
  });

  it("rejects bad events one by one with their index and the field at fault", () => {
    const r = normalizeBatch({ sentAt: 1, events: [event(), event({ type: "dance" }), "nope", event({ id: "e2", ts: -1 })] }, options);
    expect(r.ok && r.rows.map((x) => x.id)).toEqual(["e1"]);
    expect(r.ok && r.rejected.map((x) => x.index)).toEqual([1, 2, 3]);
    expect(r.ok && r.rejected[0]!.reason).toMatch(/^type: /);
    expect(r.ok && r.rejected[2]!.reason).toMatch(/^ts: /);
  });

  it("rejects text PostgreSQL cannot store instead of failing the batch", () => {
    const r = normalizeBatch(
      {
        sentAt: 1,
        events: [
          event({ props: { note: "a\u0000b" } }),
          event({ id: "x", context: { url: "\ud800" } }),
          event({ id: "ok", props: { emoji: "🎁" } }),
        ],
      },
      options,
    );
    expect(r.ok && r.rejected).toEqual([
      { index: 0, reason: "props.note: contains a NUL character" },
      { index: 1, reason: "context.url: contains an unpaired UTF-16 surrogate" },
    ]);
    expect(r.ok && r.rows.map((x) => x.id)).toEqual(["ok"]);
  });

  it("flags automated browsers and bot agents but keeps their events", () => {
    const r = normalizeBatch({ sentAt: 1, events: [event({ context: { automated: true } }), event({ id: "e2" })] }, options);
    expect(r.ok && r.rows.map((x) => x.automated)).toEqual([true, false]);
    const bot = normalizeBatch({ sentAt: 1, events: [event()] }, { ...options, botAgent: true });
    expect(bot.ok && bot.rows[0]).toMatchObject({ automated: true, context: { automated: true } });
  });

  it("marks test events", () => {
    const r = normalizeBatch({ sentAt: 1, events: [event({ props: { test: true } })] }, options);
    expect(r.ok && r.rows[0]!.test).toBe(true);
  });

  it("refuses campaigns the caller names", () => {
    const r = normalizeBatch(
      { sentAt: 1, events: [event({ campaignId: "other" })] },
      { ...options, refuseCampaign: (id) => `unknown ${id}` },
    );
    expect(r.ok && r.rejected).toEqual([{ index: 0, reason: "unknown other" }]);
  });

  it("explains a body that is not a batch", () => {
    expect(normalizeBatch([], options)).toEqual({
      ok: false,
      error: expect.stringMatching(/expected \{ sentAt: number, events: \[\.\.\.\] \}/),
    });
    expect(normalizeBatch({ sentAt: "now", events: [] }, options)).toMatchObject({ ok: false, error: expect.stringMatching(/^sentAt: /) });
  });
});
