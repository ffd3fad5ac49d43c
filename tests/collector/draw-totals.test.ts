// the server-mode counters on PGlite and PostgreSQL, on the locked and the sharded path: after concurrent draws over
// several campaign days (a prize running out, a daily cap, test draws, a visitor drawing twice at once) and redemptions,
// they equal a recount from the draws and redemptions tables, and the fill from stored draws gives the same counters;
// players are counted under the device their minted identity recorded, unknown without one
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/collector/storage/index.js";
import { createDrawStore, type DrawPath } from "../../src/collector/storage/draw-store.js";
import { fillDrawTotals, readDrawTotals, redeemDraw } from "../../src/collector/storage/draw-totals.js";
import { createEngine, createSeededRandom, parseCampaign, type Campaign } from "../../src/core/index.js";
import { dayKey } from "../../src/core/util/time.js";
import { BACKENDS } from "./backends.js";

const ZONE = "Asia/Ho_Chi_Minh";
// noon of four campaign days, the third a day off: d1 and d7 come back on different days
const DAYS = ["2027-01-20", "2027-01-21", "2027-01-23", "2027-01-27"].map((d) => Date.parse(`${d}T12:00:00+07:00`));

const campaign: Campaign = (() => {
  const parsed = parseCampaign({
    id: "counted",
    game: "wheel",
    mode: "server",
    timezone: ZONE,
    prizes: [
      { id: "rare", label: "Rare", weight: 2, stock: 12, codes: Array.from({ length: 12 }, (_, i) => `RARE-${i}`) },
      { id: "daily", label: "Daily", weight: 2, dailyCap: 3 },
      { id: "small", label: "Small", weight: 2 },
      { id: "none", label: "Next time", weight: 3, win: false },
    ],
    onStockOut: "fallback",
    fallbackPrizeId: "none",
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.campaign;
})();

type Counts = Record<string, Record<string, number>>;

/** the device recorded at mint for the players who have an identity: a third each on a phone and a tablet */
const deviceOf = (visitorId: string) => {
  const n = Number(visitorId.replace(/\D/g, ""));
  return !/^player-\d+$/.test(visitorId) || n % 3 === 0 ? "unknown" : n % 3 === 1 ? "mobile" : "tablet";
};
const KEYS = ["plays", "wins", "players", "first_players", "returners", "d1", "d7", "claims", "first_claimers"] as const;

/** the counters as `day|dim` → counts, zeros left out (rows summed over their shards) */
async function counters(db: Database): Promise<Counts> {
  const out: Counts = {};
  for (const r of await readDrawTotals(db, campaign.id)) {
    const counts = Object.fromEntries(KEYS.filter((k) => r[k] !== 0).map((k) => [k, r[k]]));
    if (Object.keys(counts).length) out[`${r.day}|${r.dim}`] = counts;
  }
  return out;
}

/** the same from the draws and redemptions, by the definitions (DESIGN §8, §10), with no counter code involved */
async function recount(db: Database): Promise<Counts> {
  const draws = await db.query<{ visitor_id: string; at: number; win: boolean; prize_id: string | null }>(
    "SELECT visitor_id, at, win, prize_id FROM draws WHERE campaign_id = $1 AND NOT test",
    [campaign.id],
  );
  const claims = await db.query<{ visitor_id: string; at: number }>(
    `SELECT d.visitor_id, r.redeemed_at AS at FROM redemptions r JOIN draws d USING (campaign_id, draw_id)
     WHERE r.campaign_id = $1 AND NOT d.test`,
    [campaign.id],
  );
  const out: Counts = {};
  const add = (key: string, k: string) => {
    out[key] ??= {};
    out[key]![k] = (out[key]![k] ?? 0) + 1;
  };
  const playDays = new Map<string, Set<string>>();
  for (const d of draws) {
    const day = dayKey(d.at, ZONE);
    add(`${day}|`, "plays");
    if (d.win) add(`${day}|`, "wins");
    if (d.win && d.prize_id) add(`${day}|p:${d.prize_id}`, "wins");
    if (!playDays.has(d.visitor_id)) playDays.set(d.visitor_id, new Set());
    playDays.get(d.visitor_id)!.add(day);
  }
  for (const [visitorId, days] of playDays) {
    const [first, second] = [...days].sort();
    for (const day of days) add(`${day}|`, "players");
    add(`${first}|`, "first_players");
    // no identity of this test names a source
    add(`${first}|s:direct`, "first_players");
    add(`${first}|d:${deviceOf(visitorId)}`, "first_players");
    if (!second) continue;
    const gap = (Date.parse(second) - Date.parse(first!)) / 86_400_000;
    add(`${first}|`, "returners");
    if (gap === 1) add(`${first}|`, "d1");
    if (gap <= 7) add(`${first}|`, "d7");
  }
  const firstClaim = new Map<string, number>();
  for (const c of claims) {
    add(`${dayKey(c.at, ZONE)}|`, "claims");
    add(`${dayKey(c.at, ZONE)}|s:direct`, "claims");
    firstClaim.set(c.visitor_id, Math.min(c.at, firstClaim.get(c.visitor_id) ?? Infinity));
  }
  for (const at of firstClaim.values()) add(`${dayKey(at, ZONE)}|`, "first_claimers");
  return out;
}

const PATHS: Array<{ backend: (typeof BACKENDS)[number]; path: DrawPath }> = BACKENDS.flatMap((backend) =>
  backend.name === "postgres"
    ? [
        { backend, path: "locked" as const },
        { backend, path: "sharded" as const },
      ]
    : [{ backend, path: "locked" as const }],
);

describe.each(PATHS)("server-mode counters on $backend.name, $path path", ({ backend, path }) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("equal a recount from the draws after concurrent draws and redemptions, and the fill from stored draws gives the same", async () => {
    let clock = DAYS[0]!;
    const store = createDrawStore(db, { campaign: (id) => (id === campaign.id ? campaign : undefined), drawPath: path, now: () => clock });
    const random = createSeededRandom(20270120);
    const engine = createEngine(campaign, { store, now: () => clock, random });
    // the same campaign in test mode: its draws are stored and counted nowhere
    const trial = createEngine({ ...campaign, testMode: true }, { store, now: () => clock, random });
    const won: Array<{ drawId: string; visitorId: string; prizeId: string; code: string | null }> = [];
    // two thirds of the players were minted from a phone or a tablet; the rest (and "newcomer") have no identity
    for (let k = 0; k < 60; k++)
      if (deviceOf(`player-${k}`) !== "unknown")
        await db.query(
          `INSERT INTO identities (campaign_id, visitor_id, address, referral_id, created_at, device) VALUES ($1, $2, '192.0.2.1', $2, 0, $3)`,
          [campaign.id, `player-${k}`, deviceOf(`player-${k}`)],
        );
    let n = 0;
    for (const [i, at] of DAYS.entries()) {
      clock = at;
      // 40 players a day out of 60 with overlap between days; some draw twice at once, so the same ledger is raced
      const players = Array.from({ length: 40 }, (_, k) => `player-${(k * 7 + i * 13) % 60}`);
      const draws = [...players, ...players.slice(0, 8)].map(async (visitorId) => {
        const drawId = `draw-${n++}`;
        const r = await engine.draw(visitorId, { drawId });
        if (r.ok && r.win) won.push({ drawId, visitorId, prizeId: r.prize!.id, code: r.code ?? null });
      });
      await Promise.all([...draws, trial.draw("player-0", { drawId: `trial-${i}` }), trial.draw("tester", { drawId: `trial-x-${i}` })]);
      // a third of the day's wins are redeemed, some twice at once (one redemption each)
      const redeem = won.splice(0, Math.ceil(won.length / 3));
      await Promise.all(
        [...redeem, ...redeem.slice(0, 3)].map((w) =>
          db.transaction((tx) => redeemDraw(tx, { campaignId: campaign.id, ...w, at: clock + 60_000, day: dayKey(clock + 60_000, ZONE) })),
        ),
      );
    }
    const expected = await recount(db);
    // what the data holds, so each count is exercised
    const rows = Object.entries(expected);
    expect(rows.filter(([k]) => k.endsWith("|p:rare")).reduce((s, [, c]) => s + c.wins!, 0)).toBe(12);
    expect(Math.max(...rows.filter(([k]) => k.endsWith("|p:daily")).map(([, c]) => c.wins!))).toBe(3);
    for (const device of ["mobile", "tablet", "unknown"])
      expect(
        rows.some(([k]) => k.endsWith(`|d:${device}`)),
        device,
      ).toBe(true);
    for (const k of ["returners", "d1", "d7", "claims", "first_claimers"])
      expect(
        rows.some(([, c]) => c[k]! > 0),
        k,
      ).toBe(true);
    expect(await counters(db)).toEqual(expected);

    // a database whose draws were stored before the counters: cleared, then filled from the draws in the campaign's zone
    const before = await counters(db);
    await db.query("DELETE FROM draw_totals");
    await db.query("DELETE FROM claimers");
    await db.query("UPDATE visitors SET first_day = NULL, second_day = NULL, source = NULL, device = NULL");
    await db.query("UPDATE visitor_days SET counted = 0");
    expect(await fillDrawTotals(db, [campaign])).toEqual([campaign.id]);
    expect(await counters(db)).toEqual(before);
    // once per campaign
    expect(await fillDrawTotals(db, [campaign])).toEqual([]);

    // and draws after the fill go on counting from the markers it set
    clock = DAYS[3]! + 3_600_000;
    await Promise.all(["player-1", "player-2", "newcomer"].map((v, i) => engine.draw(v, { drawId: `after-${i}` })));
    expect(await counters(db)).toEqual(await recount(db));
  }, 120_000);
});
