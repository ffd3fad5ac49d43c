// a browser that sends the lead form again with another contact overwrites its lead, but the webhook deliveries of the
// first contact stay in the outbox: export, erasure and retention reach them by the contact, on both databases
import { describe, expect, it } from "vitest";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import type { Queryable } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { holding, leave } from "./people.js";
import { ADMIN, startServer } from "./server.js";

const DAY = 86_400_000;
const T0 = Date.parse("2027-01-20T03:00:00Z");
const admin = { authorization: `Bearer ${ADMIN}` };
const VICTIM = { email: "victim@example.com", phone: "+84 912 345 678", name: "Tran Thi Victim" };
const OTHER = { email: "other@example.net", phone: "0987 000 111", name: "Other" };

const campaign = (id: string, extra: Record<string, unknown> = {}): Campaign => {
  const r = parseCampaign({
    id,
    game: "wheel",
    mode: "server",
    timezone: "UTC",
    lead: { fields: ["email", "phone", "name"] },
    prizes: [
      { id: "gift", label: "Gift", weight: 1, stock: 10, codeGenerator: { prefix: "G-" } },
      { id: "none", label: "Next time", weight: 0, win: false },
    ],
    fallbackPrizeId: "none",
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.campaign;
};

// two endpoints that never answer: the "archive" deliveries are marked sent by hand, the "crm" ones stay pending
const hook = (id: string) => ({ id, url: "http://127.0.0.1:9/hook", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
const options = (campaigns: Campaign[], clock: { t: number }) => ({
  campaigns,
  now: () => clock.t,
  limits: { ip: false as const, visitorDraws: false as const },
  webhooks: {
    endpoints: [
      { ...hook("crm"), events: ["lead" as const, "win" as const] },
      { ...hook("archive"), events: ["lead" as const] },
    ],
    retryBaseMs: 3_600_000,
  },
});

const markSent = (db: Queryable, endpoint: string) =>
  db.query("UPDATE webhook_deliveries SET delivered_at = $2 WHERE endpoint_id = $1 AND delivered_at IS NULL", [endpoint, T0]);

describe.each(BACKENDS)("a lead overwritten by a later form of the same browser, on $name", (backend) => {
  it("is in the export and erased by its email in any case or its phone in any spelling, pending or sent, and nobody else is", async () => {
    const clock = { t: T0 };
    const shop = campaign("shop");
    for (const [selector, spelled] of [
      ["email", "Victim@Example.COM"],
      ["phone", "0912-345-678"],
    ] as const) {
      const s = await startServer(backend, options([shop], clock));
      try {
        const browser = await s.mint("shop");
        clock.t = T0;
        await leave(s, "shop", browser, VICTIM);
        await markSent(s.db, "archive");
        clock.t = T0 + 60_000;
        await leave(s, "shop", browser, OTHER);
        const query = `${selector}=${encodeURIComponent(spelled)}`;

        const exported = await (await fetch(`${s.url}/v1/leads?${query}`, { headers: admin })).json();
        expect(exported.leads).toEqual([]);
        const held = {
          campaignId: "shop",
          type: "lead",
          data: expect.objectContaining({ ...VICTIM, visitorId: browser.visitorId, consent: true }),
        };
        expect(exported.webhooks).toEqual([
          expect.objectContaining({ ...held, endpoint: "archive", status: "delivered" }),
          expect.objectContaining({ ...held, endpoint: "crm", status: expect.stringMatching(/^(pending|retrying)$/) }),
        ]);

        const erased = await fetch(`${s.url}/v1/leads?${query}`, { method: "DELETE", headers: admin });
        expect((await erased.json()).erased).toEqual({ leads: 0, identities: 0, deliveries: 2 });
        for (const needle of ["victim@example.com", "912 345 678", "Tran Thi Victim"])
          expect(await holding(s.db, "shop", needle)).toEqual([]);
        // the sent delivery keeps its type in the delivery log; the pending one is never sent
        const outbox = await s.db.query<{ endpoint_id: string; payload: string }>(
          "SELECT endpoint_id, payload FROM webhook_deliveries ORDER BY created_at, endpoint_id",
        );
        expect(outbox.map((r) => [r.endpoint_id, JSON.parse(r.payload)])).toEqual([
          ["archive", { type: "lead", erased: true }],
          ["archive", expect.objectContaining({ data: expect.objectContaining(OTHER) })],
          ["crm", expect.objectContaining({ data: expect.objectContaining(OTHER) })],
        ]);
        // the current lead, the other contact, is untouched
        expect(await holding(s.db, "shop", "other@example.net")).toEqual(["leads: 1", "webhook_deliveries: 2"]);
        expect((await (await fetch(`${s.url}/v1/leads?${query}`, { headers: admin })).json()).webhooks).toEqual([]);
      } finally {
        await s.close();
      }
    }
  });

  it("in identity mode lead, erasure reaches the first contact's lead and win deliveries and the draws under its subject", async () => {
    const clock = { t: T0 };
    const club = campaign("club", { identity: "lead", requireLead: true, lead: { fields: ["email"] } });
    const s = await startServer(backend, options([club], clock));
    try {
      const browser = await s.mint("club");
      await leave(s, "club", browser, { email: VICTIM.email });
      clock.t = T0 + 60_000;
      const draw = await s.post("/v1/campaigns/club/draw", { ...browser, requestId: "request-victim-01" });
      expect(await draw.json()).toMatchObject({ ok: true, win: true });
      clock.t = T0 + 120_000;
      await leave(s, "club", browser, { email: OTHER.email });
      // the two lead deliveries: the win names the browser that drew, not the contact, and is found by its draw
      expect(await holding(s.db, "club", VICTIM.email)).toEqual(["visitors: 1", "visitor_days: 1", "draws: 1", "webhook_deliveries: 2"]);

      const exported = await (await fetch(`${s.url}/v1/leads?email=${VICTIM.email}`, { headers: admin })).json();
      expect(exported.draws).toEqual([expect.objectContaining({ drawId: "request-victim-01", visitorId: `email:${VICTIM.email}` })]);
      // oldest first; deliveries of one millisecond come in no set order
      expect(exported.webhooks.map((d: { endpoint: string; type: string }) => `${d.endpoint} ${d.type}`).sort()).toEqual([
        "archive lead",
        "crm lead",
        "crm win",
      ]);
      const erased = await fetch(`${s.url}/v1/leads?email=${VICTIM.email}`, { method: "DELETE", headers: admin });
      expect((await erased.json()).erased).toEqual({ leads: 0, identities: 0, deliveries: 3 });
      expect(await holding(s.db, "club", "victim")).toEqual([]);
      expect(await holding(s.db, "club", OTHER.email)).toEqual(["leads: 1", "identities: 1", "visitors: 1", "webhook_deliveries: 2"]);
    } finally {
      await s.close();
    }
  });

  it("retention forgets the first contact on the clock of the consent that gave it, and keeps the later one", async () => {
    const db = await backend.open();
    const clock = { t: T0 };
    const club = campaign("club", { identity: "lead", requireLead: true, lead: { fields: ["email"] }, leads: { retentionDays: 1 } });
    let s = await startServer(db, options([club], clock));
    try {
      const browser = await s.mint("club");
      await leave(s, "club", browser, { email: VICTIM.email });
      expect(await (await s.post("/v1/campaigns/club/draw", { ...browser, requestId: "request-victim-01" })).json()).toMatchObject({
        win: true,
      });
      clock.t = T0 + DAY / 2;
      await leave(s, "club", browser, { email: OTHER.email });
    } finally {
      await s.close();
    }
    // a day after the first consent, half a day after the second: the sweep at start erases only the first contact
    clock.t = T0 + DAY + 1;
    s = await startServer(db, options([club], clock));
    try {
      expect(await holding(db, "club", "victim")).toEqual([]);
      const [draw] = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM draws WHERE campaign_id = 'club'");
      expect(draw!.visitor_id).toMatch(/^erased:[0-9a-f-]{36}$/);
      expect(await holding(db, "club", OTHER.email)).toEqual(["leads: 1", "identities: 1", "visitors: 1", "webhook_deliveries: 2"]);
    } finally {
      await s.close();
      await db.close();
    }
  });
});
