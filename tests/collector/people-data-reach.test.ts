// what erasure and leads.retentionDays reach besides the leads rows, on both databases: webhook deliveries, lead-mode
// subjects, and the network address kept with a person's minted visitors
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { Queryable } from "../../src/collector/storage/index.js";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import { BACKENDS } from "./backends.js";
import { holding, leave, play } from "./people.js";
import { ADMIN, startServer, type Minted } from "./server.js";

const DAY = 86_400_000;
const T0 = Date.parse("2027-01-20T03:00:00Z");
const admin = { authorization: `Bearer ${ADMIN}` };
const from = (address: string) => ({ "x-forwarded-for": address });

const campaign = (id: string, extra: Record<string, unknown> = {}): Campaign => {
  const r = parseCampaign({
    id,
    game: "wheel",
    mode: "server",
    timezone: "UTC",
    requireLead: true,
    lead: { fields: ["email", "name"] },
    limits: { perVisitor: { total: 1 } },
    prizes: [
      { id: "pen", label: "Pen", weight: 1, code: "PEN10" },
      { id: "cup", label: "Cup", weight: 1, code: "CUP10" },
    ],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.campaign;
};

const options = (campaigns: Campaign[], clock: { t: number }) => ({
  campaigns,
  now: () => clock.t,
  trustedProxies: "127.0.0.1/32,::1/128",
  limits: { ip: false as const, visitorDraws: false as const },
  // a CRM that never answers: deliveries stay in the outbox, where erasure must reach them
  webhooks: {
    endpoints: [
      {
        id: "crm",
        url: "http://127.0.0.1:9/hook",
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        events: ["lead" as const, "win" as const],
      },
    ],
  },
});

/** the webhook deliveries of one campaign that name a visitor */
async function naming(db: Queryable, campaignId: string, visitorId: string): Promise<number> {
  const needle = `"visitorId":${JSON.stringify(visitorId)}`;
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::integer AS n FROM webhook_deliveries WHERE campaign_id = $1 AND strpos(payload, $2) > 0",
    [campaignId, needle],
  );
  return row!.n;
}

describe.each(BACKENDS)("lead retention reaches what erasure reaches, on $name", (backend) => {
  it("erases an expired lead's webhook deliveries, lead-mode subject and address in its campaign only, and its plays still count", async () => {
    const db = await backend.open();
    const clock = { t: T0 };
    const club = campaign("club", { identity: "lead", leads: { retentionDays: 1 } });
    const hall = campaign("hall", { identity: "lead" });
    let s = await startServer(db, options([club, hall], clock));
    let an: Minted;
    try {
      an = await s.mint("club", {}, from("203.0.113.7"));
      await leave(s, "club", an, { email: "an.nguyen@example.com", name: "Nguyen Van An" });
      const won = await play(s, "club", an, "request-an-club1");
      // redeemed at the shop: the first claim is marked under the subject too
      const claim = await s.post("/v1/campaigns/club/claims/verify", { token: won.token }, admin);
      expect(await claim.json()).toMatchObject({ redeemed: true });
      // the same person in a campaign that keeps leads, and someone else who agreed later in the same one
      const anHall = await s.mint("hall", {}, from("203.0.113.7"));
      await leave(s, "hall", anHall, { email: "an.nguyen@example.com", name: "Nguyen Van An" });
      expect((await play(s, "hall", anHall, "request-an-hall1")).ok).toBe(true);
      clock.t = T0 + 2 * DAY;
      const binh = await s.mint("club", {}, from("198.51.100.8"));
      await leave(s, "club", binh, { email: "binh@example.com", name: "Binh" });
      expect(await holding(db, "club", "an.nguyen@example.com")).toEqual([
        "leads: 1",
        "identities: 1",
        "visitors: 1",
        "visitor_days: 1",
        "draws: 1",
        "claimers: 1",
        // the lead's own delivery: the win's names An's minted visitor, not the contact
        "webhook_deliveries: 1",
      ]);
      expect(await naming(db, "club", an.visitorId)).toBe(2);
    } finally {
      await s.close();
    }

    // three days after An's consent: the sweep at start erases An's club lead, not Binh's, not An's hall lead
    clock.t = T0 + 3 * DAY;
    s = await startServer(db, options([club, hall], clock));
    try {
      expect(s.logs).toContainEqual(expect.objectContaining({ msg: "retention erased leads", leads: 1 }));
      for (const needle of ["an.nguyen", "Nguyen Van An"]) expect(await holding(db, "club", needle)).toEqual([]);
      const [identity] = await db.query<{ subject: string; address: string }>(
        "SELECT subject, address FROM identities WHERE campaign_id = 'club' AND visitor_id = $1",
        [an.visitorId],
      );
      expect(identity).toEqual({ subject: expect.stringMatching(/^erased:[0-9a-f-]{36}$/), address: "" });
      const [draw] = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM draws WHERE campaign_id = 'club'");
      expect(draw!.visitor_id).toBe(identity!.subject);
      expect(await holding(db, "club", "binh@example.com")).toEqual(["leads: 1", "identities: 1", "visitors: 1", "webhook_deliveries: 1"]);
      expect(await holding(db, "hall", "an.nguyen@example.com")).toEqual([
        "leads: 1",
        "identities: 1",
        "visitors: 1",
        "visitor_days: 1",
        "draws: 1",
        "webhook_deliveries: 1",
      ]);
      expect(await naming(db, "club", an.visitorId)).toBe(0);
      // the play is still counted, under the new id, for the browser that made it
      const ledger = await db.query<{ visitor_id: string; total: number; lead: boolean }>(
        "SELECT visitor_id, total, lead FROM visitors WHERE campaign_id = 'club' AND visitor_id LIKE 'erased:%'",
      );
      expect(ledger).toEqual([{ visitor_id: identity!.subject, total: 1, lead: false }]);
    } finally {
      await s.close();
      await db.close();
    }
  });

  it("keeps the subject and deliveries that a newer lead of the same person in the campaign still holds", async () => {
    const db = await backend.open();
    const clock = { t: T0 };
    const club = campaign("club", { identity: "lead", leads: { retentionDays: 1 } });
    let s = await startServer(db, options([club], clock));
    let laptop: Minted;
    try {
      const phone = await s.mint("club");
      await leave(s, "club", phone, { email: "chi@example.com", name: "Chi" });
      clock.t = T0 + 2 * DAY;
      laptop = await s.mint("club");
      await leave(s, "club", laptop, { email: "chi@example.com", name: "Chi" });
    } finally {
      await s.close();
    }
    clock.t = T0 + 2 * DAY + 1;
    s = await startServer(db, options([club], clock));
    try {
      expect(s.logs).toContainEqual(expect.objectContaining({ msg: "retention erased leads", leads: 1 }));
      const subjects = await db.query<{ visitor_id: string; subject: string }>("SELECT visitor_id, subject FROM identities");
      expect(subjects.find((r) => r.visitor_id === laptop.visitorId)?.subject).toBe("email:chi@example.com");
      const outbox = await db.query<{ payload: string }>("SELECT payload FROM webhook_deliveries");
      expect(outbox.map((r) => JSON.parse(r.payload).data.visitorId)).toEqual([laptop.visitorId]);
    } finally {
      await s.close();
      await db.close();
    }
  });
});

describe.each(BACKENDS)("the network address of a person's visitors on $name", (backend) => {
  it("is in the person's export, is blanked by erasure, and the per-address limit and referral rule still hold", async () => {
    const clock = { t: T0 };
    const shop = campaign("shop", { limits: { perVisitor: { total: 1 }, perAddress: { perDay: 1 } } });
    const s = await startServer(backend, options([shop], clock));
    try {
      const an = await s.mint("shop", {}, from("203.0.113.77"));
      await leave(s, "shop", an, { email: "an@example.com", name: "An" });
      expect((await play(s, "shop", an, "request-an-shop1", from("203.0.113.77"))).ok).toBe(true);

      const exported = await (await fetch(`${s.url}/v1/leads?email=an@example.com`, { headers: admin })).json();
      expect(exported.identities).toEqual([
        {
          campaignId: "shop",
          visitorId: an.visitorId,
          subject: null,
          address: "203.0.113.77",
          source: "direct",
          // Node's fetch names no phone or tablet
          device: "desktop",
          createdAt: new Date(T0).toISOString(),
        },
      ]);

      const erased = await fetch(`${s.url}/v1/leads?email=an@example.com`, { method: "DELETE", headers: admin });
      expect((await erased.json()).erased).toEqual({ leads: 1, identities: 0, deliveries: 2 });
      const after = await (await fetch(`${s.url}/v1/leads?visitor=${an.visitorId}`, { headers: admin })).text();
      expect(after).not.toContain("203.0.113.77");
      expect(JSON.parse(after).identities).toEqual([expect.objectContaining({ visitorId: an.visitorId, address: null })]);
      const stored = await s.db.query<{ address: string }>("SELECT address FROM identities WHERE visitor_id = $1", [an.visitorId]);
      expect(stored).toEqual([{ address: "" }]);

      // the day's count per address is kept apart from any visitor: that network still has no play left today
      const again = await s.mint("shop", {}, from("203.0.113.77"));
      await leave(s, "shop", again, { email: "other@example.com", name: "Other" });
      expect(await play(s, "shop", again, "request-again-01", from("203.0.113.77"))).toMatchObject({ reason: "limit_address" });
      // and the erased visitor's own play still counts once it leaves a lead again
      await leave(s, "shop", an, { email: "an@example.com", name: "An" });
      expect(await play(s, "shop", an, "request-an-shop2", from("198.51.100.20"))).toMatchObject({ reason: "limit_total" });
      // with the address unknown, the erased visitor's referral link can no longer be told from a self-referral
      const referred = await s.mint("shop", { ref: an.referralToken }, from("198.51.100.9"));
      const [row] = await s.db.query<{ referred_by: string | null }>("SELECT referred_by FROM identities WHERE visitor_id = $1", [
        referred.visitorId,
      ]);
      expect(row!.referred_by).toBeNull();
    } finally {
      await s.close();
    }
  });
});

describe.each(BACKENDS)("a member's draws on $name", (backend) => {
  it("are in the member's export by email or visitor id, though stored under the member id, and stay after erasure", async () => {
    const secret = "brand-backend-secret-0123456789abcdef";
    const clock = { t: T0 };
    const s = await startServer(backend, { ...options([campaign("members", { identity: "member" })], clock), member: { secret } });
    try {
      const memberToken = await new SignJWT({ sub: "cust-42" })
        .setProtectedHeader({ alg: "HS256" })
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(secret));
      const an = await s.mint("members", { memberToken });
      await leave(s, "members", an, { email: "an@example.com", name: "An" });
      expect((await play(s, "members", an, "request-member-1")).ok).toBe(true);
      for (const q of ["email=an@example.com", `visitor=${an.visitorId}`]) {
        const res = await fetch(`${s.url}/v1/leads?${q}`, { headers: admin });
        const data = (await res.json()) as { draws: { drawId: string; visitorId: string; code: string }[]; webhooks: { type: string }[] };
        expect(data.draws).toEqual([expect.objectContaining({ drawId: "request-member-1", visitorId: "member:cust-42" })]);
        // oldest first; the lead and the win may share a millisecond, whose order is not kept
        expect(data.webhooks.map((w) => w.type).sort()).toEqual(["lead", "win"]);
      }
      const erased = await fetch(`${s.url}/v1/leads?email=an@example.com`, { method: "DELETE", headers: admin });
      expect(await erased.json()).toMatchObject({ erased: { leads: 1, deliveries: 2 } });
      // the draw is prize accounting: it stays, under the brand's customer id, with nothing of the contact
      const [draw] = await s.db.query<{ visitor_id: string }>("SELECT visitor_id FROM draws WHERE draw_id = 'request-member-1'");
      expect(draw!.visitor_id).toBe("member:cust-42");
      expect(await holding(s.db, "members", "an@example.com")).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
