// several stateless collectors on one PostgreSQL, configured the way the bin does it (DATABASE_URL)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector, type Collector } from "../../src/collector/index.js";
import { BACKENDS } from "./backends.js";
import { ADMIN } from "./server.js";

const postgres = BACKENDS.find((b) => b.name === "postgres");
const campaign = {
  id: "shared",
  game: "wheel",
  mode: "server",
  // all 200 test visitors come from 127.0.0.1
  limits: { perAddress: { perDay: 1000 } },
  prizes: [
    { id: "gift", label: "Gift", weight: 1000, stock: 20, codeGenerator: { prefix: "S-" } },
    { id: "none", label: "Next time", weight: 1, win: false },
  ],
  fallbackPrizeId: "none",
};

describe.skipIf(!postgres)("two collectors on one PostgreSQL", () => {
  const instances: Array<{ collector: Collector; url: string }> = [];
  beforeAll(async () => {
    const databaseUrl = await postgres!.url!();
    // started together on a new database: both migrate (one waits for the other's lock) and, with no
    // secret given, both settle on the one the first of them stored
    const started = await Promise.all(
      [0, 1].map(async () => {
        const collector = createCollector({ databaseUrl, campaigns: [campaign], adminToken: ADMIN, log: () => {}, limits: { ip: false } });
        const { port } = await collector.listen(0);
        return { collector, url: `http://127.0.0.1:${port}` };
      }),
    );
    instances.push(...started);
  });
  afterAll(async () => {
    for (const i of instances) await i.collector.close();
  });

  it("share stock exactly and sign alike, so a client may hit either", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const a = instances[i % 2]!;
        const b = instances[(i + 1) % 2]!;
        // the visitor is minted by one instance and plays on the other
        const minted = await fetch(`${a.url}/v1/campaigns/shared/visitors`, { method: "POST", body: "{}" });
        const { visitorId, visitorToken } = await minted.json();
        const res = await fetch(`${b.url}/v1/campaigns/shared/draw`, {
          method: "POST",
          body: JSON.stringify({ visitorId, visitorToken, requestId: `shared-request-${i}` }),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { win: boolean; code?: string; token: string };
      }),
    );
    const winners = answers.filter((a) => a.win);
    expect(winners).toHaveLength(20);
    expect(new Set(winners.map((w) => w.code)).size).toBe(20);
    const verify = await fetch(`${instances[0]!.url}/v1/campaigns/shared/claims/verify`, {
      method: "POST",
      body: JSON.stringify({ token: winners[1]!.token }),
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(await verify.json()).toMatchObject({ valid: true, redeemed: true });
    expect((await (await fetch(`${instances[1]!.url}/healthz`)).json()).db).toBe("postgres");
  });
});
