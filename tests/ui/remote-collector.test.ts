// the widget's server-mode client against the real collector over HTTP: minted visitors, idempotent retries, limits, referrals, leads
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector, verifyResult, type Collector, type Database } from "../../src/collector/index.js";
import { openTestPglite } from "../helpers/pglite.js";
import { createRemoteDrawSource } from "../../src/ui/remote-draw-source.js";

const SECRET = "ui-remote-secret";
const campaign = {
  id: "ui-remote",
  game: "wheel",
  mode: "server",
  timezone: "Asia/Ho_Chi_Minh",
  limits: { perVisitor: { total: 2 } },
  requireLead: false,
  lead: { fields: ["email"] },
  bonusPlays: { perShare: 1, maxPerDay: 1 },
  prizes: [
    { id: "voucher", label: "Voucher", weight: 1, codeGenerator: { prefix: "UI-", length: 8 } },
    { id: "none", label: "Next time", weight: 0, win: false },
  ],
};

let collector: Collector;
let database: Database | undefined;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  database = await openTestPglite();
  // the test's second browser arrives through a proxy on 127.0.0.1 from another address, as a friend's phone would
  collector = createCollector({
    database,
    dataDir: null,
    secret: SECRET,
    campaigns: [campaign],
    trustedProxies: "127.0.0.1",
    log: () => {},
  });
  const server = await collector.listen(0);
  base = `http://127.0.0.1:${server.port}`;
  close = server.close;
});
afterAll(async () => {
  await close?.();
  await collector?.close();
  await database?.close();
});

describe("createRemoteDrawSource against the collector", () => {
  it("plays, retries a lost answer without a second prize, stops at the limit, earns a bonus by referral and stores a lead", async () => {
    // the first answer to the second draw is lost on the way back: the server did play it
    let drops = 0;
    const lossyFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith("/draw") && drops === 0 && (await res.clone().json()).playsLeft === 0) {
        drops++;
        throw new TypeError("network connection lost");
      }
      return res;
    };
    const storage = new Map<string, string>();
    const asStorage = (m: Map<string, string>) =>
      ({ getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }) as Storage;
    const source = createRemoteDrawSource({
      base,
      campaignId: "ui-remote",
      fetch: lossyFetch,
      storage: asStorage(storage),
      retryDelayMs: 5,
    });

    expect(await source.eligibility()).toEqual({ ok: true, playsLeft: 2, playsLeftToday: null });

    const first = await source.draw();
    if (!first.ok) throw new Error(`first draw refused: ${first.reason}`);
    expect(first).toMatchObject({ win: true, prize: { id: "voucher" }, playsLeft: 1 });
    expect(first.code).toMatch(/^UI-[2-9A-Z]{8}$/);
    // the brand's backend can verify the result at redemption
    const { visitorId } = JSON.parse(storage.get("minigame:identity:ui-remote")!);
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyResult(SECRET, first.token)).toMatchObject({ c: "ui-remote", d: first.drawId, v: visitorId, p: "voucher" });

    const second = await source.draw();
    expect(drops).toBe(1);
    if (!second.ok) throw new Error(`retried draw refused: ${second.reason}`);
    // the retry carried the same requestId: the collector replayed the play instead of refusing a third one
    expect(second.playsLeft).toBe(0);
    expect(second.drawId).not.toBe(first.drawId);

    expect(await source.draw()).toMatchObject({ ok: false, reason: "limit_total", playsLeft: 0 });
    expect(await source.eligibility()).toMatchObject({ ok: false, reason: "limit_total" });

    // saying "I shared" earns nothing; a friend who arrives by the share link does
    expect(await source.grantBonus()).toBe(0);
    expect(await source.eligibility()).toMatchObject({ ok: false, reason: "limit_total" });
    const friendFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-forwarded-for": "198.51.100.20" } });
    const friend = createRemoteDrawSource({
      base,
      campaignId: "ui-remote",
      fetch: friendFetch,
      ref: source.referralToken()!,
      storage: asStorage(new Map()),
    });
    expect(await friend.eligibility()).toMatchObject({ ok: true, playsLeft: 2 });
    expect(await source.eligibility()).toMatchObject({ ok: true, playsLeft: 1 });

    await expect(source.submitLead({ email: "lan@example.vn", consent: true })).resolves.toBeUndefined();
    await expect(source.submitLead({ consent: true })).rejects.toThrow("leads: HTTP 400");
  });
});
