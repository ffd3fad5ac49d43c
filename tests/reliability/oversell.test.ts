// oversell: 300 concurrent server draws per campaign against a stock of 30, three campaigns at once, over real
// HTTP → exactly 30 winners each and no code handed out twice, on PGlite and on PostgreSQL
import { describe, expect, it } from "vitest";
import { Agent } from "node:http";
import { postJson } from "./helpers/post-json.js";
import { createCollector } from "../../src/collector/index.js";
import type { DrawResult } from "../../src/core/index.js";
import { COLLECTOR_BACKENDS } from "./backends.js";
import { stockedWheel } from "./campaigns.js";
import { scaled, timeoutFor } from "./soak.js";

const SECRET = "oversell-secret-0123456789abcdef";
// 900 draws in flight at once over 200 sockets still race for the last units of three stocks that run out ten times
// over; what would break (two transactions taking the same unit or code) shows at this size as it would at 3,000.
// `npm run soak` runs 3,000 per campaign against 300.
const STOCK = scaled(30);
const DRAWS = scaled(300);
const CAMPAIGNS = ["sale-a", "sale-b", "sale-c"];

describe.each(COLLECTOR_BACKENDS)("oversell on $name", (backend) => {
  it(
    `gives exactly the stock of ${STOCK} to ${DRAWS} concurrent draws in each of three campaigns, never a code twice`,
    async () => {
      const collector = createCollector({
        ...(await backend.options()),
        // one address sends everything here: its per-address allowances would turn the burst into refusals
        campaigns: CAMPAIGNS.map((id) => ({ ...stockedWheel(id, STOCK), limits: { perAddress: { perDay: 1_000_000 } } })),
        secret: SECRET,
        limits: { ip: false, visitorDraws: false, mintsPerAddress: false },
        log: () => {},
      });
      // every request is issued at once; like a load balancer's upstream pool, 200 keep-alive connections carry them
      // (3,000 fresh sockets would overflow the listen backlog and test the kernel instead of the collector)
      const agent = new Agent({ keepAlive: true, maxSockets: 200 });
      try {
        const { port } = await collector.listen(0);
        // the visitors are minted first, so the burst below is draws only
        const visitors = await Promise.all(
          CAMPAIGNS.flatMap((c) =>
            Array.from({ length: DRAWS }, async () => {
              const res = await postJson(agent, `http://127.0.0.1:${port}/v1/campaigns/${c}/visitors`, {});
              expect(res.status).toBe(201);
              return { c, ...(res.json as { visitorId: string; visitorToken: string }) };
            }),
          ),
        );
        const draw = async (v: (typeof visitors)[number]): Promise<DrawResult> => {
          const res = await postJson(agent, `http://127.0.0.1:${port}/v1/campaigns/${v.c}/draw`, {
            visitorId: v.visitorId,
            visitorToken: v.visitorToken,
            requestId: `${v.visitorId}-req-0001`,
          });
          expect(res.status).toBe(200);
          return res.json as DrawResult;
        };
        // every draw of every campaign is in flight at once
        const results = await Promise.all(visitors.map((v) => draw(v).then((r) => ({ c: v.c, r }))));

        const allCodes: string[] = [];
        for (const campaignId of CAMPAIGNS) {
          const mine = results.filter((x) => x.c === campaignId).map((x) => x.r);
          expect(mine).toHaveLength(DRAWS);
          expect(mine.every((r) => r.ok)).toBe(true);
          const winners = mine.filter((r) => r.ok && r.win && r.prize?.id === "gift");
          expect(winners).toHaveLength(STOCK);
          const codes = winners.map((r) => (r.ok ? r.code : undefined));
          expect(codes.every((c) => typeof c === "string" && c.startsWith(`${campaignId.toUpperCase()}-`))).toBe(true);
          allCodes.push(...(codes as string[]));
          // everyone after the stock ran out got the fallback, not an error
          expect(mine.filter((r) => r.ok && r.prize?.id === "none")).toHaveLength(DRAWS - STOCK);
        }
        expect(new Set(allCodes).size).toBe(allCodes.length);
        expect(allCodes).toHaveLength(STOCK * CAMPAIGNS.length);
      } finally {
        agent.destroy();
        await collector.close();
      }
    },
    timeoutFor(300_000),
  );
});
