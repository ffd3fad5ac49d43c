// a collector with a built dashboard and a campaign's worth of generated traffic, for the dashboard's
// browser test, its screenshots and its bench
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { dashboardConfig } from "../../vite.dashboard.config.js";
import { createCollector, type CollectorOptions } from "../../src/collector/index.js";
import type { Database } from "../../src/collector/storage/index.js";
import { insertEvents, type EventRow } from "../../src/collector/storage/events.js";
import { createSeededRandom } from "../../src/core/engine/random.js";
import { sourceOf } from "../../src/core/stats/dimensions.js";
import { makeRows } from "../../bench/collector-data.js";
import { openTestPglite } from "./pglite.js";

export const DASHBOARD_TOKEN = "dashboard-admin-token";
/**
 * The Tết example in server mode: stock is kept by the collector, and stats read its draw ledger. Its schedule is
 * the Tết weeks the generated events cover (from 2027-01-20), not the example's year-long one.
 */
export const tetCampaign: Record<string, unknown> = {
  ...(JSON.parse(readFileSync(new URL("../../examples/campaigns/tet.json", import.meta.url), "utf8")) as Record<string, unknown>),
  mode: "server",
  schedule: { startsAt: "2027-01-20T00:00:00+07:00", endsAt: "2027-02-10T23:59:59+07:00" },
};

/**
 * Build the dashboard bundle into a new temporary directory (so a test never serves a stale dist/).
 * @example const dir = await buildDashboard(); // …/dashboard.js, dashboard.css
 */
export async function buildDashboard(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "minigame-dashboard-"));
  await build(dashboardConfig(dir));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

type PrizeConfig = { id: string; weight: number; win?: boolean; stock?: number; dailyCap?: number };

/**
 * Results drawn with the campaign's own weights, stock and daily caps (the generator's prize ids are placeholders),
 * and visits from a few sources, so the prize table and the breakdowns look like a real campaign's.
 */
function realistic(campaign: Record<string, unknown>, seed: number) {
  const prizes = campaign.prizes as PrizeConfig[];
  const fallback = prizes.find((p) => p.id === campaign.fallbackPrizeId) ?? prizes.find((p) => p.win === false);
  const total = prizes.reduce((sum, p) => sum + p.weight, 0);
  const given = new Map<string, number>();
  const random = createSeededRandom(seed);
  const sources = [
    { utm: { source: "facebook", medium: "social" } },
    { utm: { source: "zalo", medium: "social" } },
    { referrer: "https://www.google.com/" },
    { utm: { source: "newsletter", medium: "email" } },
    {},
    {},
  ];
  const devices = ["mobile", "mobile", "mobile", "desktop", "desktop", "tablet"];
  return (row: EventRow): EventRow => {
    // the device class the collector writes at ingest, stable per visitor
    const device = devices[Number(row.visitorId.replace(/\D/g, "")) % devices.length];
    const context = { ...row.context, device, ...sources[Math.floor(random() * random() * sources.length)] };
    // some visits come from share links, some players answer an NPS question
    if (row.type === "impression" && random() < 0.06) return { ...row, context, props: { ...row.props, ref: `r-${row.visitorId}` } };
    if (row.type !== "result") return { ...row, context };
    let r = random() * total;
    let prize = prizes[prizes.length - 1]!;
    for (const p of prizes) {
      r -= p.weight;
      if (r < 0) {
        prize = p;
        break;
      }
    }
    const dayKey = `${prize.id}|${row.day}`;
    if (
      (prize.stock !== undefined && (given.get(prize.id) ?? 0) >= prize.stock) ||
      (prize.dailyCap !== undefined && (given.get(dayKey) ?? 0) >= prize.dailyCap)
    )
      prize = fallback ?? prize;
    given.set(prize.id, (given.get(prize.id) ?? 0) + 1);
    given.set(`${prize.id}|${row.day}`, (given.get(`${prize.id}|${row.day}`) ?? 0) + 1);
    const win = prize.win !== false;
    const props: Record<string, string | number | boolean | null> = { ...row.props, win, prizeId: prize.id };
    if (random() < 0.25) props.nps = Math.min(10, Math.floor(4 + random() * 7.5));
    return { ...row, context, props };
  };
}

/**
 * The ledger a server-mode collector keeps beside the events: a draw for each result, a redemption for a claim
 * that follows a win in the same visit. Written as the engine would, so server-mode stats read the same traffic.
 */
async function writeLedger(db: Database, campaignId: string, rows: readonly EventRow[]) {
  const draws: Array<Record<string, unknown>> = [];
  const redemptions: Array<Record<string, unknown>> = [];
  const unclaimed = new Map<string, string>();
  for (const r of rows) {
    if (r.type === "result") {
      const win = r.props?.win === true;
      draws.push({ draw_id: r.id, visitor_id: r.visitorId, prize_id: r.props?.prizeId ?? null, win, at: r.ts });
      if (win) unclaimed.set(r.sessionId, r.id);
    } else if (r.type === "claim" && unclaimed.has(r.sessionId)) {
      redemptions.push({ draw_id: unclaimed.get(r.sessionId), redeemed_at: r.ts });
      unclaimed.delete(r.sessionId);
    }
  }
  // each player minted where the first of their visits came from, as the page tells the collector at mint, on the device
  // its request came from: the server counts its players per source and device from these (the earliest visit wins
  // across batches)
  const firstVisit = new Map<string, EventRow>();
  for (const r of rows) {
    const seen = firstVisit.get(r.visitorId);
    if (!seen || r.ts < seen.ts) firstVisit.set(r.visitorId, r);
  }
  const minted = [...firstVisit.values()].map((r) => ({
    visitor_id: r.visitorId,
    created_at: r.ts,
    source: sourceOf(r.context ?? {}),
    device: r.context?.device ?? null,
    // a first visit through a share link is a referred visitor
    referred_by: typeof r.props?.ref === "string" ? r.props.ref : null,
  }));
  await db.query(
    `INSERT INTO identities AS i (campaign_id, visitor_id, address, referral_id, created_at, source, device, referred_by)
     SELECT $1, visitor_id, '127.0.0.1', 'r-' || visitor_id, created_at, source, device, referred_by
     FROM jsonb_to_recordset($2::jsonb) AS x(visitor_id text, created_at bigint, source text, device text, referred_by text)
     ON CONFLICT (campaign_id, visitor_id) DO UPDATE SET created_at = excluded.created_at, source = excluded.source,
       device = excluded.device, referred_by = excluded.referred_by
     WHERE excluded.created_at < i.created_at`,
    [campaignId, JSON.stringify(minted)],
  );
  await db.query(
    `INSERT INTO draws (campaign_id, draw_id, visitor_id, prize_id, code, win, test, at, result)
     SELECT $1, draw_id, visitor_id, prize_id, NULL, win, false, at, '{}'::jsonb
     FROM jsonb_to_recordset($2::jsonb) AS x(draw_id text, visitor_id text, prize_id text, win boolean, at bigint)`,
    [campaignId, JSON.stringify(draws)],
  );
  await db.query(
    `INSERT INTO redemptions (campaign_id, draw_id, redeemed_at)
     SELECT $1, draw_id, redeemed_at FROM jsonb_to_recordset($2::jsonb) AS x(draw_id text, redeemed_at bigint)`,
    [campaignId, JSON.stringify(redemptions)],
  );
}

/**
 * Store `events` generated events of `campaign` (30 days from 2027-01-20) in a migrated database, with the draw and
 * redemption ledger beside them when the campaign is in server mode.
 * @example await fillDashboardData(db, { campaign: tetCampaign, events: 20_000 });
 */
export async function fillDashboardData(
  db: Database,
  o: { campaign: Record<string, unknown>; events: number; visitors?: number; onProgress?(n: number): void },
): Promise<void> {
  const campaignId = String(o.campaign.id);
  const timezone = String(o.campaign.timezone ?? "UTC");
  const shape = realistic(o.campaign, 7);
  // generated in chunks of 5,000 (the data stays the same whatever the batch), stored 50,000 at a time through the
  // ingest's own insert and rollups: one transaction per batch, where most of a store's cost was per transaction
  let batch: EventRow[] = [];
  const flush = async () => {
    await insertEvents(db, batch);
    if (o.campaign.mode === "server") await writeLedger(db, campaignId, batch);
    batch = [];
  };
  for (let first = 0; first < o.events; first += 5000) {
    const rows = makeRows({
      campaignId,
      first,
      count: Math.min(5000, o.events - first),
      visitors: o.visitors ?? Math.max(50, o.events / 6),
      timezone,
    });
    // in time order, so stock and daily caps run out the way they would
    batch.push(...rows.sort((a, b) => a.ts - b.ts).map(shape));
    if (batch.length >= 50_000) await flush();
    o.onProgress?.(Math.min(o.events, first + 5000));
  }
  if (batch.length) await flush();
  await db.query("ANALYZE");
}

export type DashboardServer = { url: string; db: Database; close(): Promise<void> };

/**
 * A collector on a free port over in-memory PGlite holding `events` generated events of `campaigns[0]`
 * (30 days from 2027-01-20, the Tết campaign by default).
 * @example const server = await startDashboardServer({ dashboardDir: dir, events: 20_000 });
 */
export async function startDashboardServer(
  o: {
    dashboardDir: string;
    events: number;
    visitors?: number;
    campaigns?: Array<Record<string, unknown>>;
    onProgress?(n: number): void;
  } & Partial<CollectorOptions>,
): Promise<DashboardServer> {
  const { dashboardDir, events, visitors, onProgress, ...options } = o;
  const campaigns = o.campaigns ?? [tetCampaign];
  // PGlite's own buffer pool, not the tests' smaller one: bench/dashboard.ts measures this server
  const db = await openTestPglite({ sharedBuffers: null });
  await fillDashboardData(db, { campaign: campaigns[0]!, events, visitors, onProgress });
  const collector = createCollector({
    database: db,
    dataDir: null,
    secret: "dashboard-secret",
    adminToken: DASHBOARD_TOKEN,
    campaigns,
    dashboardDir,
    log: () => {},
    limits: { ip: false },
    ...options,
  });
  const { port } = await collector.listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async close() {
      await collector.close();
      await db.close();
    },
  };
}
