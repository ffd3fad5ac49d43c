// what leads.retentionDays reaches besides the leads rows, on both databases: webhook deliveries and lead-mode subjects
import { describe, expect, it } from "vitest";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import type { Queryable } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer, type Minted, type TestServer } from "./server.js";

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

/** the rows of one campaign, in every table a person's contact can sit in, whose text holds `needle` */
async function holding(db: Queryable, campaignId: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [table, columns] of Object.entries({
    leads: ["visitor_id", "email", "name"],
    identities: ["visitor_id", "subject"],
    visitors: ["visitor_id"],
    visitor_days: ["visitor_id"],
    draws: ["visitor_id"],
    claimers: ["visitor_id"],
    webhook_deliveries: ["payload"],
  })) {
    const where = columns.map((c) => `${c} LIKE '%' || $2 || '%'`).join(" OR ");
    const rows = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table} WHERE campaign_id = $1 AND (${where})`, [
      campaignId,
      needle,
    ]);
    if (rows[0]!.n) found.push(`${table}: ${rows[0]!.n}`);
  }
  return found;
}

async function play(
  s: TestServer,
  campaignId: string,
  who: Minted,
  requestId: string,
  headers: Record<string, string> = {},
): Promise<{ ok: boolean; reason?: string; token?: string }> {
  const res = await s.post(
    `/v1/campaigns/${campaignId}/draw`,
    { visitorId: who.visitorId, visitorToken: who.visitorToken, requestId },
    headers,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; reason?: string; token?: string };
}

async function leave(s: TestServer, campaignId: string, who: Minted, fields: Record<string, string>): Promise<void> {
  const res = await s.post(`/v1/campaigns/${campaignId}/leads`, {
    visitorId: who.visitorId,
    visitorToken: who.visitorToken,
    consent: true,
    ...fields,
  });
  expect(res.status).toBe(201);
}

describe.each(BACKENDS)("lead retention reaches what erasure reaches, on $name", (backend) => {
  it("erases an expired lead's webhook deliveries, and lead-mode subject in its campaign only, and its plays still count", async () => {
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
        "webhook_deliveries: 2",
      ]);
    } finally {
      await s.close();
    }

    // three days after An's consent: the sweep at start erases An's club lead, not Binh's, not An's hall lead
    clock.t = T0 + 3 * DAY;
    s = await startServer(db, options([club, hall], clock));
    try {
      expect(s.logs).toContainEqual(expect.objectContaining({ msg: "retention erased leads", leads: 1 }));
      for (const needle of ["an.nguyen", "Nguyen Van An"]) expect(await holding(db, "club", needle)).toEqual([]);
      const [identity] = await db.query<{ subject: string }>(
        "SELECT subject FROM identities WHERE campaign_id = 'club' AND visitor_id = $1",
        [an.visitorId],
      );
      expect(identity).toEqual({ subject: expect.stringMatching(/^erased:[0-9a-f-]{36}$/) });
      const [draw] = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM draws WHERE campaign_id = 'club'");
      expect(draw!.visitor_id).toBe(identity!.subject);
      expect(await holding(db, "club", "binh@example.com")).toEqual(["leads: 1", "identities: 1", "visitors: 1", "webhook_deliveries: 1"]);
      expect(await holding(db, "hall", "an.nguyen@example.com")).toEqual([
        "leads: 1",
        "identities: 1",
        "visitors: 1",
        "visitor_days: 1",
        "draws: 1",
        "webhook_deliveries: 2",
      ]);
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
