// per-address limits over real HTTP on PGlite and on every PostgreSQL draw path, behind a trusted proxy so that
// X-Forwarded-For stands for the client's address: an IPv6 /64 counts against its /56 and /48 too (draws, mints), a
// referral from the sharer's own /48 earns nothing, and IPv4 addresses are counted alone as before
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector } from "../../src/collector/index.js";
import { BACKENDS, drawPaths } from "./backends.js";
import { type Minted, startServer, type TestServer } from "./server.js";

// a campaign morning in Hanoi: every test's draws fall on one campaign day and its mints in one clock hour
const NOW = Date.parse("2027-01-20T02:10:00Z");
const prizes = [
  { id: "gift", label: "Gift", weight: 1, stock: 10_000 },
  { id: "none", label: "Next time", weight: 1, win: false },
];
/** a campaign whose only limit that matters is plays per address per day */
const campaign = (id: string, perDay: number, over: Record<string, unknown> = {}) => ({
  id,
  game: "wheel",
  mode: "server",
  timezone: "Asia/Ho_Chi_Minh",
  prizes,
  fallbackPrizeId: "none",
  limits: { perAddress: { perDay }, perVisitor: { perDay: 1000, total: 1000 } },
  ...over,
});
const campaigns = [
  campaign("home", 2),
  campaign("tunnel", 2),
  campaign("ipv4", 2),
  campaign("rush56", 3),
  campaign("rush48", 1),
  campaign("refer", 5, { bonusPlays: { perShare: 1, maxPerDay: 10 } }),
  campaign("forms", 2, { lead: { fields: ["email"] } }),
];
const from = (address: string) => ({ "x-forwarded-for": address });
/** the /64s of 2001:db8:<site>:<subnet>::/64, by subnet number (0–ff is one /56) */
const ipv6 = (site: number, subnet: number) => `2001:db8:${site.toString(16)}:${subnet.toString(16)}::1`;

describe.each(BACKENDS.flatMap((backend) => drawPaths(backend).map((v) => ({ backend, ...v }))))(
  "per-address limits on $name",
  ({ backend, options }) => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(backend, {
        campaigns,
        trustedProxies: "127.0.0.1, ::1",
        now: () => NOW,
        // the tight multipliers of a small audience, so that a few requests reach each prefix's cap
        limits: {
          ip: false,
          visitorDraws: false,
          mintsPerAddress: { perHour: 3 },
          leadsPerAddress: { perHour: 2 },
          ipv6Prefixes: { 56: 4, 48: 16 },
        },
        ...options,
      });
    });
    afterAll(async () => {
      await s?.close();
    });

    // visitors are minted from IPv4 addresses of their own: the draw is counted under the address it comes from
    let minted = 0;
    const visitor = (campaignId: string) => {
      const n = minted++;
      return s.mint(campaignId, {}, from(`198.18.${n >> 8}.${n & 255}`));
    };
    const draw = async (campaignId: string, v: Minted, address: string) => {
      const res = await s.post(
        `/v1/campaigns/${campaignId}/draw`,
        { visitorId: v.visitorId, visitorToken: v.visitorToken, requestId: crypto.randomUUID() },
        from(address),
      );
      return (await res.json()) as { ok: boolean; reason?: string };
    };
    /** `tries` draws from `address`, one after another, each by a new visitor; how many played */
    const plays = async (campaignId: string, address: string, tries: number) => {
      let ok = 0;
      for (let i = 0; i < tries; i++) if ((await draw(campaignId, await visitor(campaignId), address)).ok) ok++;
      return ok;
    };
    const mintStatus = async (campaignId: string, address: string) =>
      (await s.post(`/v1/campaigns/${campaignId}/visitors`, {}, from(address))).status;

    it("gives eight /64s of one /56 at most the /56's allowance (4 × perDay), and each /64 at most its own", async () => {
      const perSubnet: number[] = [];
      for (let subnet = 0; subnet < 8; subnet++) perSubnet.push(await plays("home", ipv6(0x77, subnet), 3));
      expect(perSubnet.every((n) => n <= 2)).toBe(true);
      expect(perSubnet.reduce((a, b) => a + b)).toBe(8);
      // the refusals say why
      expect(await draw("home", await visitor("home"), ipv6(0x77, 0x20))).toMatchObject({ ok: false, reason: "limit_address" });
      // the next /56 of the same /48 has its own allowance
      expect(await plays("home", ipv6(0x77, 0x100), 3)).toBe(2);
    });

    it("bounds a /48 (a tunnel broker's) at 16 × perDay, whatever its /56s", async () => {
      let total = 0;
      for (let home = 0; home < 20; home++) total += await plays("tunnel", ipv6(0x48, home << 8), 2);
      expect(total).toBe(32);
      // another /48 plays
      expect(await plays("tunnel", ipv6(0x49, 0), 2)).toBe(2);
    });

    it("counts IPv4 addresses alone, as before: each address of one /24 gets perDay", async () => {
      const each: number[] = [];
      for (let host = 1; host <= 10; host++) each.push(await plays("ipv4", `203.0.113.${host}`, 3));
      expect(each).toEqual(Array(10).fill(2));
      expect(await plays("ipv4", "::ffff:203.0.113.1", 1)).toBe(0);
    });

    it("limits new visitors per /56 and /48 as well, and a refused mint spends nothing of them", async () => {
      // perHour 3: a /56 mints 12 an hour, a /48 48
      const home: number[] = [];
      for (let subnet = 0; subnet < 8; subnet++) {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await mintStatus("home", ipv6(0x56, subnet)));
        home.push(answers.filter((a) => a === 201).length);
      }
      expect(home).toEqual([3, 3, 3, 3, 0, 0, 0, 0]);
      const refused = await s.post("/v1/campaigns/home/visitors", {}, from(ipv6(0x56, 9)));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // 15 more /56s of the /48, 3 mints each: the /48 stops at 48
      let tunnel = 0;
      for (let subnet = 0x100; subnet < 0x1000; subnet += 0x100)
        for (let i = 0; i < 3; i++) if ((await mintStatus("home", ipv6(0x56, subnet))) === 201) tunnel++;
      expect(12 + tunnel).toBe(48);
      // an IPv4 address mints its 3 and its neighbour its own 3
      for (const address of ["192.0.2.10", "192.0.2.11"]) {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await mintStatus("home", address));
        expect(answers).toEqual([201, 201, 201, 429]);
      }
    });

    it("limits lead forms per /56 as well (4 × perHour)", async () => {
      const accepted: number[] = [];
      for (let subnet = 0; subnet < 8; subnet++) {
        let n = 0;
        for (let i = 0; i < 3; i++) {
          const v = await visitor("forms");
          const res = await s.post(
            "/v1/campaigns/forms/leads",
            { visitorId: v.visitorId, visitorToken: v.visitorToken, email: `form-${subnet}-${i}@example.org`, consent: true },
            from(ipv6(0x1f, subnet)),
          );
          if (res.status === 201) n++;
        }
        accepted.push(n);
      }
      expect(accepted).toEqual([2, 2, 2, 2, 0, 0, 0, 0]);
    });

    it("grants no referral bonus to a visitor from the sharer's /48, and one from elsewhere", async () => {
      const referred = async (sharer: Minted) =>
        (
          await s.db.query<{ n: number }>(
            "SELECT count(*)::integer AS n FROM identities WHERE campaign_id = 'refer' AND referred_by = $1",
            [sharer.visitorId],
          )
        )[0]!.n;
      const sharer = await s.mint("refer", {}, from(ipv6(0xaa, 1)));
      // the same /64, another /64 of the /56, another /56 of the /48: the sharer's own network
      for (const address of [ipv6(0xaa, 1), ipv6(0xaa, 2), ipv6(0xaa, 0xff00)])
        await s.mint("refer", { ref: sharer.referralToken }, from(address));
      expect(await referred(sharer)).toBe(0);
      // another /48, and an IPv4 address: new visitors (a dual-stack home referring itself this way is not detected)
      await s.mint("refer", { ref: sharer.referralToken }, from(ipv6(0xab, 1)));
      await s.mint("refer", { ref: sharer.referralToken }, from("198.51.100.77"));
      expect(await referred(sharer)).toBe(2);
      // IPv4 as before: the sharer's own address earns nothing, its neighbour's does
      const v4 = await s.mint("refer", {}, from("198.51.100.20"));
      await s.mint("refer", { ref: v4.referralToken }, from("198.51.100.20"));
      await s.mint("refer", { ref: v4.referralToken }, from("198.51.100.21"));
      expect(await referred(v4)).toBe(1);
    });

    it("holds the /56's allowance exactly under concurrent draws from its /64s", async () => {
      // perDay 3: 16 /64s × 4 draws at once against a /56 allowance of 12
      const attempts = await Promise.all(Array.from({ length: 64 }, async (_, i) => ({ subnet: i % 16, v: await visitor("rush56") })));
      const answers = await Promise.all(
        attempts.map(async ({ subnet, v }) => ({ subnet, r: await draw("rush56", v, ipv6(0x5e, subnet)) })),
      );
      const played = answers.filter((a) => a.r.ok);
      expect(played).toHaveLength(12);
      for (let subnet = 0; subnet < 16; subnet++) expect(played.filter((a) => a.subnet === subnet).length).toBeLessThanOrEqual(3);
      expect(answers.filter((a) => !a.r.ok).every((a) => a.r.reason === "limit_address")).toBe(true);
      const [row] = await s.db.query<{ n: number }>("SELECT count(*)::integer AS n FROM draws WHERE campaign_id = 'rush56'");
      expect(row!.n).toBe(12);
    });

    it("holds the /48's allowance exactly under concurrent draws from its /56s", async () => {
      // perDay 1: 24 /56s × 2 draws at once (each /56 may play 4) against a /48 allowance of 16
      const attempts = await Promise.all(Array.from({ length: 48 }, async (_, i) => ({ home: i % 24, v: await visitor("rush48") })));
      const answers = await Promise.all(attempts.map(({ home, v }) => draw("rush48", v, ipv6(0x4e, home << 8))));
      expect(answers.filter((r) => r.ok)).toHaveLength(16);
      const counters = await s.db.query<{ address: string; count: number }>(
        "SELECT address, count FROM address_counters WHERE campaign_id = 'rush48' AND kind = 'play' AND address = '2001:db8:4e::/48'",
      );
      expect(counters).toEqual([{ address: "2001:db8:4e::/48", count: 16 }]);
    });

    it("keeps the draw functions an earlier release calls during a rollout (24 and 25 arguments; they count the /64 alone)", async () => {
      const rows = await s.db.query<{ n: number }>("SELECT pronargs::integer AS n FROM pg_proc WHERE proname = 'minigame_draw' ORDER BY 1");
      expect(rows.map((r) => r.n)).toEqual([24, 25, 27]);
    });
  },
);

it("refuses multipliers that are not whole numbers of at least 1, before opening a database", async () => {
  const collector = createCollector({ dataDir: null, log: () => {}, limits: { ipv6Prefixes: { 56: 4, 48: 0.5 } } });
  await expect(collector.ready).rejects.toThrow(/^limits\.ipv6Prefixes: /);
});
