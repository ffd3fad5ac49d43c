// a repeated requestId over real HTTP, on PGlite and on every PostgreSQL draw path: the browser that made the draw gets
// its first answer again, anyone else (another browser counted under the same contact or member) a 409
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, drawPaths } from "./backends.js";
import { type Minted, startServer, type TestServer } from "./server.js";

const MEMBER_SECRET = "brand-backend-secret-0123456789abcdef";
const TAKEN = { error: "requestId was already used by another visitor; send a new one" };
const prizes = [
  { id: "voucher", label: "Voucher", weight: 1000, stock: 10, codeGenerator: { prefix: "V-", length: 8 } },
  { id: "none", label: "Next time", weight: 1, win: false },
];
const server = { game: "wheel", mode: "server", prizes, fallbackPrizeId: "none", limits: { perAddress: { perDay: 100_000 } } };
const lead = { ...server, identity: "lead", requireLead: true, lead: { fields: ["email"] } };
// without a per-visitor limit the intruder's play is decided and stopped at the stored draw id; with one, it is refused
// by the limit first and the route looks the draw id up
const leadOpen = { ...lead, id: "lead-open" };
const leadOnce = { ...lead, id: "lead-once", limits: { ...lead.limits, perVisitor: { total: 1 } } };
const member = { ...server, id: "member", identity: "member" };
const anonymous = { ...server, id: "anonymous" };

const memberToken = (sub: string) =>
  new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("10m").sign(new TextEncoder().encode(MEMBER_SECRET));

describe.each(BACKENDS.flatMap((backend) => drawPaths(backend).map((v) => ({ backend, ...v }))))(
  "a repeated requestId on $name",
  ({ backend, options }) => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startServer(backend, {
        campaigns: [leadOpen, leadOnce, member, anonymous],
        member: { secret: MEMBER_SECRET },
        limits: { ip: false, visitorDraws: false, mintsPerAddress: false },
        ...options,
      });
    });
    afterAll(async () => {
      await s?.close();
    });

    const draw = async (campaignId: string, v: Minted, requestId: string) => {
      const res = await s.post(`/v1/campaigns/${campaignId}/draw`, { visitorId: v.visitorId, visitorToken: v.visitorToken, requestId });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const sendLead = async (campaignId: string, v: Minted, email: string) => {
      const res = await s.post(`/v1/campaigns/${campaignId}/leads`, {
        visitorId: v.visitorId,
        visitorToken: v.visitorToken,
        email,
        consent: true,
      });
      expect(res.status).toBe(201);
    };
    const drawsOf = async (campaignId: string) =>
      (await s.db.query<{ n: number }>("SELECT count(*)::integer AS n FROM draws WHERE campaign_id = $1", [campaignId]))[0]!.n;

    /** the browser's draw, its retry arriving with it, and a later retry: one play, one answer */
    const playOnce = async (campaignId: string, v: Minted, requestId: string) => {
      const [a, b] = await Promise.all([draw(campaignId, v, requestId), draw(campaignId, v, requestId)]);
      expect(a).toMatchObject({ status: 200, body: { ok: true, drawId: requestId, token: expect.any(String) } });
      expect(b).toEqual(a);
      expect(await draw(campaignId, v, requestId)).toEqual(a);
      expect(await drawsOf(campaignId)).toBe(1);
      return a.body;
    };

    it.each([leadOpen.id, leadOnce.id])(
      "%s: gives the draw's code and token to the browser that made it, never to another one with the same email",
      async (campaignId) => {
        const victim = await s.mint(campaignId);
        await sendLead(campaignId, victim, "an.nguyen@gmail.com");
        const won = await playOnce(campaignId, victim, "victim-draw-0001");
        expect(won).toMatchObject({ win: true, code: expect.stringMatching(/^V-/) });

        // another browser, the same contact spelled another way, the victim's draw id
        const intruder = await s.mint(campaignId);
        await sendLead(campaignId, intruder, "AnNguyen+x@googlemail.com");
        expect(await draw(campaignId, intruder, "victim-draw-0001")).toEqual({ status: 409, body: TAKEN });
        expect(await drawsOf(campaignId)).toBe(1);
        // the victim's browser still gets its own answer
        expect(await draw(campaignId, victim, "victim-draw-0001")).toEqual({ status: 200, body: won });
      },
    );

    it("member: a retry from the member's browser gets its answer; the member's other browser must send its own id", async () => {
      const phone = await s.mint(member.id, { memberToken: await memberToken("m-1") });
      const won = await playOnce(member.id, phone, "phone-draw-0001");
      const laptop = await s.mint(member.id, { memberToken: await memberToken("m-1") });
      expect(await draw(member.id, laptop, "phone-draw-0001")).toEqual({ status: 409, body: TAKEN });
      expect(await draw(member.id, phone, "phone-draw-0001")).toEqual({ status: 200, body: won });
    });

    it("anonymous: a retry gets its answer; another visitor's id is a 409", async () => {
      const mine = await s.mint(anonymous.id);
      const won = await playOnce(anonymous.id, mine, "mine-draw-0001");
      expect(await draw(anonymous.id, await s.mint(anonymous.id), "mine-draw-0001")).toEqual({ status: 409, body: TAKEN });
      expect(await draw(anonymous.id, mine, "mine-draw-0001")).toEqual({ status: 200, body: won });
    });
  },
);
