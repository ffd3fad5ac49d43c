import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollector, type Collector } from "../index.js";
import { openTestPglite } from "../../../tests/helpers/pglite.js";
import type { Database } from "../storage/index.js";
import { findDashboardDir } from "./index.js";

const TOKEN = "admin-secret";
const campaign = {
  id: "shop-wheel",
  title: "Shop wheel",
  game: "wheel",
  mode: "server",
  timezone: "Asia/Ho_Chi_Minh",
  schedule: { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-02-10T23:59:59+07:00" },
  prizes: [
    { id: "voucher", label: "Voucher", weight: 1, stock: 3, dailyCap: 2, codes: ["A", "B", "C", "D"] },
    { id: "none", label: "Next time", weight: 3, win: false },
  ],
  fallbackPrizeId: "none",
};

let collector: Collector;
let database: Database;
const dir = mkdtempSync(join(tmpdir(), "dashboard-assets-"));
// a build as vite.dashboard.config.ts writes one: an entry that imports a shared chunk, the inline script and styles
const BOOT = "(function(){window.booted=1})();";
const CSS = `body{margin:0}${".kpi{color:#101828}".repeat(80)}`;
writeFileSync(
  join(dir, "manifest.json"),
  JSON.stringify({
    "src/dashboard/main.tsx": { file: "dashboard-Ab12_x-Z.js", isEntry: true, imports: ["_shared"] },
    _shared: { file: "chunk-Cd34.js" },
    "style.css": { file: "dashboard.css" },
  }),
);
writeFileSync(join(dir, "dashboard-Ab12_x-Z.js"), `import "./chunk-Cd34.js";${"console.log(1);".repeat(200)}`);
writeFileSync(join(dir, "chunk-Cd34.js"), "export const x = 1;");
writeFileSync(join(dir, "dashboard.css"), CSS);
writeFileSync(join(dir, "boot.js"), BOOT);
writeFileSync(join(dir, "stray.js"), "console.log(2)");
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const get = (path: string, token?: string) => collector.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

beforeAll(async () => {
  database = await openTestPglite();
  collector = createCollector({
    database,
    adminToken: TOKEN,
    campaigns: [campaign],
    dashboardDir: dir,
    log: () => {},
    now: () => Date.parse("2027-01-25T12:00:00+07:00"),
  });
  await collector.ready;
}, 180_000); // a database start on a busy machine
afterAll(async () => {
  await collector.close();
  await database.close();
});

describe("dashboard data endpoints", () => {
  it.each(["/v1/campaigns", "/v1/campaigns/shop-wheel/inventory", "/v1/campaigns/shop-wheel/stats"])(
    "refuse %s without the admin token",
    async (path) => {
      expect((await get(path)).status).toBe(401);
      expect((await get(path, "wrong-token-x")).status).toBe(401);
      const ok = await get(path, TOKEN);
      expect(ok.status).toBe(200);
    },
  );

  it("list the campaigns with their days in their own time zone and where they stand", async () => {
    const body = (await (await get("/v1/campaigns", TOKEN)).json()) as {
      campaigns: Array<Record<string, unknown>>;
      endpoints: Record<string, boolean>;
    };
    expect(body.campaigns).toEqual([
      expect.objectContaining({
        id: "shop-wheel",
        mode: "server",
        firstDay: "2027-01-20",
        lastDay: "2027-02-10",
        today: "2027-01-25",
        status: "running",
      }),
    ]);
    expect(body.endpoints).toEqual(expect.objectContaining({ statsCsv: expect.any(Boolean), leadsCsv: expect.any(Boolean) }));
  });

  it("give each prize's stock as the engine sees it: bounded by its code pool, minus what was given", async () => {
    // the draw ledger: two vouchers won, one of them today (Asia/Ho_Chi_Minh), a loss, and a test draw that gives nothing
    const at = (iso: string) => Date.parse(iso);
    const draws = [
      ["d1", "voucher", true, false, at("2027-01-24T23:30:00+07:00")],
      ["d2", "voucher", true, false, at("2027-01-25T00:10:00+07:00")],
      ["d3", "none", false, false, at("2027-01-25T09:00:00+07:00")],
      ["d4", "voucher", true, true, at("2027-01-25T09:30:00+07:00")],
    ] as const;
    for (const [id, prize, win, test, ts] of draws) {
      await database.query(
        `INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result) VALUES ('shop-wheel', $1, 'v1', $2, NULL, $3, $4, $5, '{}')`,
        [id, prize, win, test, ts],
      );
    }
    const inv = (await (await get("/v1/campaigns/shop-wheel/inventory", TOKEN)).json()) as {
      prizes: Array<Record<string, unknown>>;
      source: string;
    };
    expect(inv.source).toBe("draws");
    expect(inv.prizes[0]).toEqual(
      expect.objectContaining({ id: "voucher", stock: 3, dailyCap: 2, given: 2, givenToday: 1, left: 1, odds: 0.25 }),
    );
    expect(inv.prizes[1]).toEqual(expect.objectContaining({ id: "none", stock: null, left: null, odds: 0.75 }));
    expect((await get("/v1/campaigns/nope/inventory", TOKEN)).status).toBe(404);
  });
});

describe("the dashboard page", () => {
  it("serves a shell without data, its only inline script and styles allowed by hash under a strict policy", async () => {
    const res = await get("/dashboard");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8/i);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp).toMatch(new RegExp(`script-src 'self' ${literal(sha(BOOT))}(;|$)`));
    expect(csp).toMatch(new RegExp(`style-src 'self' ${literal(sha(CSS))}(;|$)`));
    const html = await res.text();
    expect(html).not.toMatch(/shop-wheel/);
    // exactly the build's script and styles inline, the bundle by its hashed name, its shared chunk preloaded beside it
    expect([...html.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1])).toEqual([BOOT]);
    expect([...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1])).toEqual([CSS]);
    expect(html).toContain('<script type="module" src="/dashboard/assets/dashboard-Ab12_x-Z.js"></script>');
    expect(html).toContain('<link rel="modulepreload" href="/dashboard/assets/chunk-Cd34.js">');
    expect(html).not.toMatch(/rel="stylesheet"/);
  });

  it("compresses the shell and the bundle when the browser asks", async () => {
    for (const path of ["/dashboard", "/dashboard/assets/dashboard-Ab12_x-Z.js"]) {
      const res = await collector.app.request(path, { headers: { "accept-encoding": "gzip" } });
      expect(res.headers.get("content-encoding"), path).toBe("gzip");
      const plain = await (await get(path)).text();
      expect(await new Response(res.body!.pipeThrough(new DecompressionStream("gzip"))).text(), path).toBe(plain);
    }
  });

  it("serves the bundle's files with their types, lets browsers keep the hashed ones, and nothing else from the disk", async () => {
    const js = await get("/dashboard/assets/dashboard-Ab12_x-Z.js");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await get("/dashboard/assets/chunk-Cd34.js")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // a file the build's manifest does not name may change under the same name
    expect((await get("/dashboard/assets/stray.js")).headers.get("cache-control")).toBe("no-cache");
    expect((await get("/dashboard/assets/dashboard.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
    for (const path of [
      "/dashboard/assets/..%2Fpackage.json",
      "/dashboard/assets/.env",
      "/dashboard/assets/missing.js",
      "/dashboard/assets/manifest.json",
    ]) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it("compresses the admin reads when asked", async () => {
    const res = await collector.app.request("/v1/campaigns/shop-wheel/stats", {
      headers: { authorization: `Bearer ${TOKEN}`, "accept-encoding": "gzip" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const stats = JSON.parse(await new Response(res.body!.pipeThrough(new DecompressionStream("gzip"))).text()) as { plays: number };
    expect(stats.plays).toEqual(expect.any(Number));
  });

  it("finds the built bundle from the package root", () => {
    expect(findDashboardDir()).toMatch(/dist[\\/]dashboard$/);
  });
});
