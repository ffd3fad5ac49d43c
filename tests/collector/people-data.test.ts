// people's data on both databases: consent records, one person's export and erasure, leads.csv, retention
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startRetention, storeLead } from "../../src/collector/leads/index.js";
import { parseCampaign, type Campaign } from "../../src/core/schema/index.js";
import type { Queryable } from "../../src/collector/storage/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN, startServer, type TestServer } from "./server.js";

const DAY = 86_400_000;
const T0 = Date.parse("2027-01-20T03:00:00Z");

const base = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  game: "wheel",
  mode: "server",
  locale: "vi",
  requireLead: true,
  lead: { fields: ["email", "phone", "name"], consent: { text: "Tôi đồng ý, điều khoản 2027-01", version: "2027-01" } },
  prizes: [
    { id: "pen", label: "Pen", weight: 1, code: "PEN10" },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
  ...extra,
});
const shop = base("shop");
const cafe = base("cafe", { locale: "en", lead: { fields: ["email"] } });
const parsed = (doc: unknown): Campaign => {
  const r = parseCampaign(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.campaign;
};

const admin = { authorization: `Bearer ${ADMIN}` };

/** a visitor id and token the collector accepts: minted where the collector mints them, else from eligibility */
async function identify(s: TestServer, campaignId: string, hint: string): Promise<{ visitorId: string; visitorToken: string }> {
  const minted = await s.post(`/v1/campaigns/${campaignId}/visitors`, {}, { "content-type": "application/json" });
  if (minted.status === 201) return (await minted.json()) as { visitorId: string; visitorToken: string };
  const e = (await (await fetch(`${s.url}/v1/campaigns/${campaignId}/eligibility?visitorId=${hint}`)).json()) as { visitorToken: string };
  return { visitorId: hint, visitorToken: e.visitorToken };
}

describe.each(BACKENDS)("people's data on $name", (backend) => {
  let s: TestServer;
  const clock = { t: T0 };
  beforeAll(async () => {
    s = await startServer(backend, {
      campaigns: [shop, cafe],
      now: () => clock.t,
      limits: { ip: false, visitorDraws: false },
      // a CRM that never answers: lead deliveries stay in the outbox, where erasure must reach them
      webhooks: {
        endpoints: [{ id: "crm", url: "http://127.0.0.1:9/hook", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: ["lead"] }],
      },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  const lead = async (campaignId: string, hint: string, fields: Record<string, unknown>) => {
    const id = await identify(s, campaignId, hint);
    const res = await s.post(`/v1/campaigns/${campaignId}/leads`, { ...id, consent: true, ...fields });
    return { id, res };
  };
  const person = (query: string, method = "GET") => fetch(`${s.url}/v1/leads?${query}`, { method, headers: admin });

  it("stores the consent text and version of the campaign it serves, with the collector's time, whatever the browser says", async () => {
    clock.t = T0;
    const { id, res } = await lead("shop", "an-1", {
      email: "An.Nguyen@Example.com",
      phone: "+84 912 345 678",
      name: "Nguyễn An",
      consentVersion: "2027-01",
      consentText: "I agree to nothing",
    });
    expect(res.status).toBe(201);
    const found = await (await person("email=an.nguyen@example.com")).json();
    expect(found.leads).toEqual([
      expect.objectContaining({
        campaignId: "shop",
        visitorId: id.visitorId,
        email: "An.Nguyen@Example.com",
        consent: { text: "Tôi đồng ý, điều khoản 2027-01", version: "2027-01", at: new Date(T0).toISOString() },
      }),
    ]);
    const stale = await lead("shop", "an-stale", { email: "b@example.com", phone: "0911111111", name: "B", consentVersion: "2026-12" });
    expect(stale.res.status).toBe(409);
    expect((await stale.res.json()).error).toMatch(
      /^consentVersion: the form showed version "2026-12", the campaign's consent is now "2027-01"/,
    );
  });

  it("uses the built-in consent of the campaign's locale when the campaign sets none", async () => {
    const { res } = await lead("cafe", "default-1", { email: "default@example.com" });
    expect(res.status).toBe(201);
    const [stored] = (await (await person("email=default@example.com")).json()).leads;
    expect(stored.consent).toMatchObject({ version: "default-en-1", text: expect.stringMatching(/^I agree that the brand keeps/) });
  });

  it("finds one person by email, phone in another spelling, or visitor id, across campaigns, with their draws", async () => {
    const shopLead = await lead("shop", "chi-shop", {
      email: "chi@example.com",
      phone: "0987 654 321",
      name: "Chi",
      consentVersion: "2027-01",
    });
    const cafeLead = await lead("cafe", "chi-cafe", { email: "CHI@example.com" });
    expect([shopLead.res.status, cafeLead.res.status]).toEqual([201, 201]);
    const draw = await s.post("/v1/campaigns/shop/draw", { ...shopLead.id, requestId: "request-chi-0001" });
    expect(draw.status).toBe(200);

    const byEmail = await (await person("email=chi@example.com")).json();
    expect(byEmail.leads.map((l: { campaignId: string }) => l.campaignId).sort()).toEqual(["cafe", "shop"]);
    expect(byEmail.draws).toEqual([
      expect.objectContaining({ campaignId: "shop", drawId: "request-chi-0001", visitorId: shopLead.id.visitorId }),
    ]);
    const byPhone = await (await person(`phone=${encodeURIComponent("+84 987-654-321")}`)).json();
    expect(byPhone.leads.map((l: { email: string }) => l.email)).toEqual(["chi@example.com"]);
    const byVisitor = await (await person(`visitor=${encodeURIComponent(cafeLead.id.visitorId)}`)).json();
    expect(byVisitor.leads.map((l: { campaignId: string }) => l.campaignId)).toEqual(["cafe"]);
  });

  it("erases one person everywhere by email, and nobody else", async () => {
    await lead("shop", "dung-shop", { email: "dung@example.com", phone: "0900000001", name: "Dũng", consentVersion: "2027-01" });
    await lead("cafe", "dung-cafe", { email: "Dung@Example.com" });
    await lead("cafe", "em-cafe", { email: "em@example.com" });
    const erased = await person("email=DUNG@example.com", "DELETE");
    expect(erased.status).toBe(200);
    expect((await erased.json()).erased).toEqual({ leads: 2, identities: 0, deliveries: 2 });
    // the outbox held the three leads' webhooks; none of Dũng's data is left there, Em's delivery still waits
    const outbox = await s.db.query<{ payload: string }>("SELECT payload FROM webhook_deliveries");
    expect(outbox.some((r) => r.payload.includes("em@example.com"))).toBe(true);
    expect(outbox.filter((r) => /dung@example\.com|0900000001|Dũng/i.test(r.payload))).toEqual([]);
    expect((await (await person("email=dung@example.com")).json()).leads).toEqual([]);
    expect((await (await person("email=em@example.com")).json()).leads).toHaveLength(1);
  });

  it("erases by phone and by visitor id", async () => {
    await lead("shop", "giang", {
      email: "giang@example.com",
      phone: "+84 933 000 111",
      name: "Giang",
      consentVersion: "2027-01",
    });
    expect((await (await person("phone=0933000111", "DELETE")).json()).erased).toEqual({ leads: 1, identities: 0, deliveries: 1 });
    expect((await (await person("email=giang@example.com")).json()).leads).toEqual([]);
    const other = await lead("cafe", "hoa", { email: "hoa@example.com" });
    expect((await (await person(`visitor=${encodeURIComponent(other.id.visitorId)}`, "DELETE")).json()).erased).toEqual({
      leads: 1,
      identities: 0,
      deliveries: 1,
    });
    expect((await (await person("email=hoa@example.com")).json()).leads).toEqual([]);
  });

  it("refuses a lead whose text holds an unpaired surrogate or a NUL with 400 naming the field, so erasure keeps working", async () => {
    const id = await identify(s, "shop", "lone-1");
    const fields = { email: "lone@example.com", phone: "0900000003", name: "Lan", consentVersion: "2027-01" };
    // JSON.stringify writes a lone surrogate as the escape "\ud800": valid UTF-8 on the wire, ill-formed text once parsed
    const send = (over: Record<string, string>) =>
      s.post("/v1/campaigns/shop/leads", JSON.stringify({ ...id, consent: true, ...fields, ...over }), {
        "content-type": "application/json",
      });
    for (const [over, error] of [
      [{ name: "\ud800" }, "name: contains an unpaired UTF-16 surrogate"],
      [{ name: "Lan \udc00" }, "name: contains an unpaired UTF-16 surrogate"],
      [{ email: "lone\ud800@example.com" }, "email: contains an unpaired UTF-16 surrogate"],
      [{ consentVersion: "\ud800" }, "consentVersion: contains an unpaired UTF-16 surrogate"],
      [{ consentVersion: "2027\u000001" }, "consentVersion: contains a NUL character"],
      [{ phone: "0900\ud800000003" }, "phone: must be a phone number of 6–25 digits, spaces or + ( ) . -"],
    ] as const) {
      const res = await send(over);
      expect({ over, status: res.status, error: (await res.json()).error }).toEqual({ over, status: 400, error });
    }
    expect((await (await person("email=lone@example.com")).json()).leads).toEqual([]);
    // a pair of surrogates is one well-formed character
    expect((await send({ name: "Lan 🌸" })).status).toBe(201);
    const erased = await person("email=lone@example.com", "DELETE");
    expect({ status: erased.status, erased: (await erased.json()).erased }).toEqual({
      status: 200,
      erased: { leads: 1, identities: 0, deliveries: 1 },
    });
  });

  it("erases a person while the outbox holds a payload PostgreSQL's JSON parser refuses, and leaves that delivery to be sent", async () => {
    // a lead of that kind accepted before lone surrogates were refused: its delivery waits in the outbox as JSON.stringify wrote it
    await storeLead(s.db, parsed(cafe), { visitorId: "v-old", email: "old@example.com" }, T0);
    const data = { campaignId: "cafe", visitorId: "v-old", email: "old@example.com", name: "\ud800" };
    const stored = JSON.stringify({ type: "lead", timestamp: new Date(T0).toISOString(), data });
    await s.db.query(
      `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, campaign_id, payload, created_at, next_attempt_at)
       VALUES ('msg_stored-before', 'crm', 'lead', 'cafe', $1, $2, $2)`,
      [stored, T0],
    );
    await lead("cafe", "khoa", { email: "khoa@example.com" });
    const erased = await person("email=khoa@example.com", "DELETE");
    expect({ status: erased.status, erased: (await erased.json()).erased }).toEqual({
      status: 200,
      erased: { leads: 1, identities: 0, deliveries: 1 },
    });
    const outbox = await s.db.query<{ message_id: string; payload: string; delivered_at: number | null }>(
      "SELECT message_id, payload, delivered_at FROM webhook_deliveries WHERE payload LIKE '%khoa%' OR message_id = 'msg_stored-before'",
    );
    expect(outbox).toEqual([{ message_id: "msg_stored-before", payload: stored, delivered_at: null }]);
    // and the person that delivery names can be erased too: the delivery is cancelled
    expect((await (await person("visitor=v-old", "DELETE")).json()).erased).toEqual({ leads: 1, identities: 0, deliveries: 1 });
    expect(await s.db.query("SELECT 1 FROM webhook_deliveries WHERE message_id = 'msg_stored-before'")).toEqual([]);
  });

  it("answers 400 naming the selector when it holds a NUL, on access and erasure", async () => {
    for (const method of ["GET", "DELETE"]) {
      for (const [query, error] of [
        ["email=a%00b%40example.com", "email: contains a NUL character"],
        ["visitor=a%00b", "visitor: contains a NUL character"],
        ["phone=0912%00345678", "phone: contains a NUL character"],
      ]) {
        const res = await person(query!, method);
        expect({ method, query, status: res.status, error: (await res.json()).error }).toEqual({ method, query, status: 400, error });
      }
    }
  });

  it("keeps people's data behind the admin token and asks for exactly one selector", async () => {
    expect((await fetch(`${s.url}/v1/leads?email=chi@example.com`)).status).toBe(401);
    expect((await fetch(`${s.url}/v1/leads?email=chi@example.com`, { method: "DELETE" })).status).toBe(401);
    expect((await fetch(`${s.url}/v1/campaigns/shop/leads.csv`)).status).toBe(401);
    const two = await person("email=a@example.com&phone=0900000000");
    expect(two.status).toBe(400);
    expect((await two.json()).error).toBe("give exactly one of ?email=, ?phone= or ?visitor=");
    expect((await person("")).status).toBe(400);
    expect((await fetch(`${s.url}/v1/campaigns/nope/leads.csv`, { headers: admin })).status).toBe(404);
  });

  it("exports a campaign's leads as CSV with a BOM, quoting, and formulas neutralised", async () => {
    await lead("shop", "evil", {
      email: "evil@example.com",
      phone: "0900000002",
      name: '=HYPERLINK("http://evil.example","click")',
      consentVersion: "2027-01",
    });
    const res = await fetch(`${s.url}/v1/campaigns/shop/leads.csv`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="shop-leads.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = text.split("\r\n").filter(Boolean);
    expect(header).toBe("campaign_id,visitor_id,email,phone,name,consent_version,consent_at,consent_text,created_at,updated_at");
    const evil = rows.find((r) => r.includes("evil@example.com"))!;
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(evil).toContain('"Tôi đồng ý, điều khoản 2027-01"');
    expect(rows.every((r) => r.startsWith("shop,"))).toBe(true);
  });
});

describe.each(BACKENDS)("erasure in identity mode lead on $name", (backend) => {
  const club = parsed(base("club", { identity: "lead", lead: { fields: ["email", "phone"] } }));
  // every text cell of every table a person's contact could sit in
  const holding = async (db: Queryable, needle: string) => {
    const found: string[] = [];
    for (const [table, columns] of Object.entries({
      leads: ["visitor_id", "email", "phone"],
      identities: ["visitor_id", "subject"],
      visitors: ["visitor_id"],
      visitor_days: ["visitor_id"],
      draws: ["visitor_id", "result::text"],
    })) {
      const where = columns.map((c) => `${c} LIKE '%' || $1 || '%'`).join(" OR ");
      const rows = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table} WHERE ${where}`, [needle]);
      if (rows[0]!.n) found.push(`${table}: ${rows[0]!.n}`);
    }
    return found;
  };

  it.each([
    ["email", "email=LAN.TRAN%2Bpromo%40gmail.com"],
    ["phone", "phone=%2B84%20912%20000%20333"],
    ["visitor", ""],
  ])("erases the email and phone subjects plays are counted under, by %s, and keeps the play accounting", async (_, query) => {
    const db = await backend.open();
    const s = await startServer(db, { campaigns: [club], limits: { ip: false, visitorDraws: false } });
    try {
      const lan = await s.mint("club");
      const other = await s.mint("club");
      const contact = { consent: true, email: "lantran@gmail.com", phone: "0912000333" };
      expect((await s.post("/v1/campaigns/club/leads", { ...lan, ...contact })).status).toBe(201);
      expect(
        (await s.post("/v1/campaigns/club/leads", { ...other, consent: true, email: "minh@example.com", phone: "0912000444" })).status,
      ).toBe(201);
      expect((await s.post("/v1/campaigns/club/draw", { ...lan, requestId: "request-lan-0001" })).status).toBe(200);
      expect((await s.post("/v1/campaigns/club/draw", { ...other, requestId: "request-minh-001" })).status).toBe(200);
      expect(await holding(db, "lantran@gmail.com")).toEqual(["leads: 1", "identities: 1", "visitors: 1", "visitor_days: 1", "draws: 1"]);

      const selector = query || `visitor=${lan.visitorId}`;
      const exported = await (await fetch(`${s.url}/v1/leads?${selector}`, { headers: admin })).json();
      expect(exported.identities).toEqual([
        expect.objectContaining({ campaignId: "club", visitorId: lan.visitorId, subject: "email:lantran@gmail.com", address: "127.0.0.1" }),
      ]);
      expect(exported.draws).toEqual([expect.objectContaining({ drawId: "request-lan-0001", visitorId: "email:lantran@gmail.com" })]);

      const erased = await fetch(`${s.url}/v1/leads?${selector}`, { method: "DELETE", headers: admin });
      expect((await erased.json()).erased).toEqual({ leads: 1, identities: 1, deliveries: 0 });
      expect(await holding(db, "lantran")).toEqual([]);
      expect(await holding(db, "+84912000333")).toEqual([]);
      expect(await holding(db, "0912000333")).toEqual([]);
      // the prize accounting stays: both draws, under an id that names nobody; the other person is untouched
      const draws = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM draws ORDER BY draw_id");
      expect(draws.map((d) => d.visitor_id)).toEqual([expect.stringMatching(/^erased:[0-9a-f-]{36}$/), "email:minh@example.com"]);
      expect(await holding(db, "minh@example.com")).toEqual(["leads: 1", "identities: 1", "visitors: 1", "visitor_days: 1", "draws: 1"]);
      // asked by visitor id, the minted visitor is still there, with nothing left that names the person
      expect((await (await fetch(`${s.url}/v1/leads?${selector}`, { headers: admin })).json()).identities).toEqual(
        query ? [] : [expect.objectContaining({ visitorId: lan.visitorId, subject: expect.stringMatching(/^erased:/), address: null })],
      );
    } finally {
      await s.close();
      await db.close();
    }
  });
});

describe.each(BACKENDS)("lead retention on $name", (backend) => {
  const keep7 = parsed(base("short", { leads: { retentionDays: 7 } }));
  const forever = parsed(base("forever"));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("erases leads older than leads.retentionDays when the collector starts, and leaves campaigns without it alone", async () => {
    const db = await backend.open();
    await storeLead(db, keep7, { visitorId: "old", email: "old@example.com" }, T0 - 8 * DAY);
    await storeLead(db, keep7, { visitorId: "recent", email: "recent@example.com" }, T0 - 6 * DAY);
    await storeLead(db, forever, { visitorId: "ancient", email: "ancient@example.com" }, T0 - 900 * DAY);
    const s = await startServer(db, { campaigns: [keep7, forever], now: () => T0 });
    try {
      const rows = await db.query<{ visitor_id: string }>("SELECT visitor_id FROM leads ORDER BY visitor_id");
      expect(rows.map((r) => r.visitor_id)).toEqual(["ancient", "recent"]);
      expect(s.logs).toContainEqual(expect.objectContaining({ msg: "retention erased leads", leads: 1 }));
      expect(JSON.stringify(s.logs)).not.toContain("old@example.com");
    } finally {
      await s.close();
      await db.close();
    }
  });

  it("sweeps again on its timer as the clock moves, counting from the last consent, on a timer that holds no process open", async () => {
    const db = await backend.open();
    const clock = { t: T0 };
    const timers: NodeJS.Timeout[] = [];
    const real = globalThis.setInterval;
    vi.spyOn(globalThis, "setInterval").mockImplementation(((fn: () => void, ms: number) => {
      const t = real(fn, ms);
      timers.push(t);
      return t;
    }) as typeof setInterval);
    const retention = startRetention({ db, campaigns: [keep7, forever], now: () => clock.t, log: () => {}, everyMs: 20 });
    try {
      expect(timers).toHaveLength(1);
      expect(timers[0]!.hasRef()).toBe(false);
      await storeLead(db, keep7, { visitorId: "a", email: "a@example.com" }, T0);
      await storeLead(db, keep7, { visitorId: "b", email: "b@example.com" }, T0);
      // b agrees again three days later: its seven days start over
      await storeLead(db, keep7, { visitorId: "b", email: "b@example.com" }, T0 + 3 * DAY);
      expect(await retention.sweep()).toEqual({});
      clock.t = T0 + 7 * DAY + 1;
      await expect
        .poll(async () => (await db.query<{ visitor_id: string }>("SELECT visitor_id FROM leads")).map((r) => r.visitor_id))
        .toEqual(["b"]);
      clock.t = T0 + 10 * DAY + 1;
      await expect.poll(async () => (await db.query("SELECT 1 FROM leads")).length).toBe(0);
    } finally {
      retention.stop();
      await db.close();
    }
  });
});
