// lead forms per network address and hour, counted in the database: a script cannot turn the collector into a flood of
// `lead` webhooks with invented contacts, and two collectors on one database share the allowance
import { describe, expect, it } from "vitest";
import { BACKENDS } from "./backends.js";
import { startServer, type Minted, type TestServer } from "./server.js";

// ten minutes into a clock hour: the allowance comes back in 50 minutes
const T0 = Date.parse("2027-01-20T03:10:00Z");
const shop = {
  id: "shop",
  game: "wheel",
  mode: "server",
  lead: { fields: ["email"] },
  prizes: [
    { id: "pen", label: "Pen", weight: 1 },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
};
const options = (clock: { t: number }) => ({
  campaigns: [shop],
  now: () => clock.t,
  // the test stands behind a proxy, so X-Forwarded-For names the client address
  trustedProxies: "127.0.0.1/32,::1/128",
  limits: { ip: false as const, visitorDraws: false as const, mintsPerAddress: false as const, leadsPerAddress: { perHour: 5 } },
  webhooks: {
    endpoints: [{ id: "crm", url: "http://127.0.0.1:9/hook", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: ["lead" as const] }],
    retryBaseMs: 3_600_000,
  },
});
const from = (address: string) => ({ "x-forwarded-for": address });

const send = (s: TestServer, who: Minted, fields: Record<string, unknown>, address = "203.0.113.50") =>
  s.post("/v1/campaigns/shop/leads", { visitorId: who.visitorId, visitorToken: who.visitorToken, ...fields }, from(address));

describe.each(BACKENDS)("lead forms per address on $name", (backend) => {
  it("refuses the form past limits.leadsPerAddress.perHour with 429 and Retry-After, across two collectors, until the next hour", async () => {
    const db = await backend.open();
    const clock = { t: T0 };
    const a = await startServer(db, options(clock));
    const b = await startServer(db, options(clock));
    try {
      // one address, a fresh visitor and an invented email for each form, alternating between the two collectors
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const s = i % 2 ? b : a;
        const res = await send(s, await s.mint("shop"), { email: `invented${i}@example.org`, consent: true });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get("retry-after")).toBe("3000");
          expect((await res.json()).error).toBe(
            "too many lead forms from this network address this hour (limits.leadsPerAddress.perHour is 5); retry in 3000 s",
          );
        }
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
      // nothing of a refused form is stored or announced
      expect(await db.query("SELECT email FROM leads WHERE email LIKE 'invented%' ORDER BY email")).toHaveLength(5);
      expect(await db.query("SELECT 1 FROM webhook_deliveries")).toHaveLength(5);

      const visitor = await a.mint("shop");
      // a form refused for what it says is still told why, not that the allowance is used up
      expect((await send(a, visitor, { email: "x@example.org", consent: false })).status).toBe(400);
      // another network is not held back by this one
      expect((await send(b, visitor, { email: "neighbour@example.org", consent: true }, "198.51.100.7")).status).toBe(201);
      // the next clock hour brings the allowance back
      clock.t = T0 + 3000 * 1000;
      expect((await send(a, visitor, { email: "later@example.org", consent: true })).status).toBe(201);
    } finally {
      await a.close();
      await b.close();
      await db.close();
    }
  });
});
